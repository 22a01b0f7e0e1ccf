"""`.pre-commit-hooks.yaml` through `pre-commit try-repo`, as a user first tries it.

try-repo installs deadlint into a fresh virtualenv of a throwaway store on
every call (spaCy and all, from PyPI or pip's cache), so this module makes the
two runs it needs, vague then clean, in one module-scoped fixture; it is marked
slow (`-m "not slow"` leaves it out).

The hook repository is a committed snapshot of this working tree, not the
working tree itself: try-repo reads a repository at a commit and carries over
only tracked changes, so a hook file or module not yet committed would be
missing, and the test would check HEAD instead of the code beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
]

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTALL_TIMEOUT = 1200  # seconds: a cold pip cache downloads spaCy and its dependencies
# Not the project: caches, environments and VCS data of the working tree.
SNAPSHOT_IGNORE = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".venv", "venv", "*.egg-info",
                                         ".pytest_cache", ".hypothesis", "build", "dist", "node_modules")

VAGUE_DRAFT = "Hei,\n\nKorjaamme vian ASAP.\n"
# A macro promises a time relative to when it is sent: a fixed date would go stale.
CLEAN_DRAFT = "Hei,\n\nKorjaamme vian kahden arkipäivän kuluessa.\n"
VAGUE_MACROS = [{"id": 7, "title": "Delay", "content": "We will get back to you as soon as possible."}]
CLEAN_MACROS = [{"id": 7, "title": "Delay", "content": "We will get back to you by Monday 12:00."}]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=120)


def make_repo(path: Path) -> None:
    git(path, "init", "-q")
    git(path, "config", "user.name", "deadlint test")
    git(path, "config", "user.email", "test@example.invalid")
    git(path, "config", "commit.gpgsign", "false")


def commit_all(path: Path) -> None:
    git(path, "add", "-A")
    git(path, "commit", "-q", "--no-verify", "-m", "snapshot")


def write_macro_repo(path: Path, draft: str, macros: list) -> None:
    """What a macro repository holds: drafts, exports, and config files that are no exports."""
    (path / "drafts").mkdir(exist_ok=True)
    (path / "macros").mkdir(exist_ok=True)
    (path / "drafts" / "outage.txt").write_text(draft, encoding="utf-8")
    (path / "drafts" / "thanks.md").write_text("Kiitos viestistäsi!\n", encoding="utf-8")
    (path / "macros" / "freshdesk.json").write_text(json.dumps(macros, indent=2), encoding="utf-8")
    # Neither may reach deadlint: it rejects JSON/YAML that is no helpdesk export.
    (path / "package.json").write_text('{"name": "macros"}\n', encoding="utf-8")
    (path / "settings.yaml").write_text("owner: support\n", encoding="utf-8")
    git(path, "add", "-A")


def try_repo(hook_repo: Path, cwd: Path) -> subprocess.CompletedProcess:
    # Every hook of the manifest in one run: both share one environment, so one install.
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}
    if "FAKETIME" in env:
        # Under libfaketime's future clock the package index's TLS certificates read as
        # expired, so the hook's environment reuses the installed dependencies and build
        # backend; deadlint itself is still installed from the snapshot, as a user gets it.
        env.update(VIRTUALENV_SYSTEM_SITE_PACKAGES="1", PIP_NO_BUILD_ISOLATION="0")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "--all-files"],
                          check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    assert (REPO_ROOT / ".pre-commit-hooks.yaml").is_file(), REPO_ROOT
    base = tmp_path_factory.mktemp("precommit")
    hook_repo = base / "deadlint"
    shutil.copytree(REPO_ROOT, hook_repo, ignore=SNAPSHOT_IGNORE)
    make_repo(hook_repo)
    commit_all(hook_repo)

    user_repo = base / "macros"
    user_repo.mkdir()
    make_repo(user_repo)
    write_macro_repo(user_repo, VAGUE_DRAFT, VAGUE_MACROS)
    vague = try_repo(hook_repo, user_repo)
    write_macro_repo(user_repo, CLEAN_DRAFT, CLEAN_MACROS)
    clean = try_repo(hook_repo, user_repo)
    return {"vague": vague, "clean": clean}


def test_vague_draft_and_macro_fail_the_commit(runs):
    run = runs["vague"]
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "drafts/outage.txt:3:16: warning vague-deadline vague time “ASAP”" in output
    assert "macros/freshdesk.json" in output and "as soon as possible" in output
    assert "thanks.md" not in output  # clean drafts are not reported
    # The config files are not exports; had deadlint seen them it would say so (exit 2).
    assert "package.json" not in output and "settings.yaml" not in output
    assert "exit code: 2" not in output


def test_clean_drafts_pass(runs):
    run = runs["clean"]
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert output.count("Passed") == 2, output
