"""examples/rule-pack, a third-party pack, installed with pip as a user would
and found by deadlint through its entry point."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import NOW

PACK = Path(__file__).parent.parent / "examples" / "rule-pack"
RULE = "reproachful-reference"


def _installed(root: Path, source: Path):
    """A runner of Python with the pack at ``source`` pip-installed into a target directory on its path."""
    site = root / "site"
    # The build backend (hatchling) comes with the test extra: no index is asked, so the
    # install works offline and under a faked clock, where TLS certificates read as expired.
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", site, source],
                   check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], env=env, cwd=root, input=input, capture_output=True,
                              text=True, timeout=300)

    return run


@pytest.fixture(scope="module")
def with_pack(tmp_path_factory):
    root = tmp_path_factory.mktemp("rule-pack")
    return _installed(root, shutil.copytree(PACK, root / "src"))  # a build must not leave files in the checkout


def test_the_pack_is_listed_and_explained(with_pack):
    listing = with_pack("-m", "deadlint", "rules")
    assert listing.returncode == 0, listing.stderr
    [line] = [line for line in listing.stdout.splitlines() if line.startswith(RULE)]
    assert "deadlint-tone" in line and "[en,fi]" in line
    page = with_pack("-m", "deadlint", "rules", "--explain", RULE)
    assert page.returncode == 0 and "Languages: en (deadlint-tone), fi (deadlint-tone)" in page.stdout
    assert f"rules.{RULE}.phrases.<lang>.add" in page.stdout


def test_deadlint_check_reports_the_packs_rule(with_pack):
    draft = "Hi Anna,\n\nAs per my last email, the invoice was sent on Monday.\n"
    result = with_pack("-m", "deadlint", "check", "--now", NOW, "--format", "json", "-", input=draft)
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["line"], finding["match"]) == (RULE, 3, "As per my last email")


# Every flag:/ok: example the pack ships, checked through the Python API.
_EXAMPLES = f"""
import json, deadlint
from deadlint.rules.registry import RuleSet, plugin_manager
checker = deadlint.Checker()
ruleset = RuleSet(plugin_manager(), checker.policy)
wrong = []
for lang in ("en", "fi"):
    examples = ruleset.index(lang).examples["{RULE}"]
    for kind in ("flag", "ok"):
        for text in examples[kind]:
            fired = any(f.rule == "{RULE}" for f in checker.check_text(text, language=lang, now="{NOW}").findings)
            if fired != (kind == "flag"):
                wrong.append([lang, kind, text])
print(json.dumps({{"wrong": wrong, "checked": sum(len(v) for lang in ("en", "fi")
                  for v in ruleset.index(lang).examples["{RULE}"].values())}}))
"""


def test_the_packs_own_examples_hold(with_pack):
    result = with_pack("-c", _EXAMPLES)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["checked"] == 7 and outcome["wrong"] == []


def test_the_phrase_pack_in_the_guide_works_as_written(tmp_path):
    """docs/writing-a-rule-pack.md's phrase-only pack, built from its two code blocks."""
    guide = (Path(__file__).parent.parent / "docs" / "writing-a-rule-pack.md").read_text(encoding="utf-8")
    package = tmp_path / "src" / "deadlint_acme"
    package.mkdir(parents=True)
    for name, language in (("__init__.py", "python"), ("phrases.yaml", "yaml")):
        block = re.search(rf"```{language}\n(# deadlint_acme/{re.escape(name)}.*?)```", guide, re.S)
        (package / name).write_text(block.group(1), encoding="utf-8")
    (tmp_path / "src" / "pyproject.toml").write_text(
        (PACK / "pyproject.toml").read_text(encoding="utf-8")
        .replace("deadlint-tone", "deadlint-acme").replace("deadlint_tone", "deadlint_acme"), encoding="utf-8")
    run = _installed(tmp_path, tmp_path / "src")
    texts = ["We'll add it down the road.", "It was fixed down the road.", "Our depot is down the road from you."]
    result = run("-c", "import deadlint, json, sys; print(json.dumps([[f.rule for f in deadlint.check_text("
                       f"t, language='en', now='{NOW}')] for t in {texts!r}]))")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["vague-deadline"], [], []]
