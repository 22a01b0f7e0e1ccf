"""Real `git send-email --dry-run` with the hook `deadlint hook install git-send-email` writes.

Offline: --dry-run plus --smtp-server=/bin/true, so nothing is ever sent.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from clirun import invoke


def _has_send_email() -> bool:
    if shutil.which("git") is None:
        return False
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True, check=False).stdout.strip()
    return (Path(exec_path) / "git-send-email").exists()


pytestmark = pytest.mark.skipif(not _has_send_email(),
                                reason="git send-email is not installed (Debian package: git-email)")


@pytest.fixture
def series(private_home, tmp_path, monkeypatch):
    """series(blurb, subject, line) -> `git send-email --dry-run` of a cover letter with that
    blurb and a patch with that commit subject, adding that line to a file."""
    repo = tmp_path / "repo"

    def git(*args, check=True):
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                              check=check, env=private_home.env, timeout=120)

    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=private_home.env)
    git("config", "user.name", "Alice Example")
    git("config", "user.email", "alice@example.com")
    (repo / "notes.txt").write_text("one\n")
    git("add", "notes.txt")
    git("commit", "-qm", "Start the notes")
    monkeypatch.chdir(repo)
    code, _out, err = invoke("hook", "install", "git-send-email")
    assert code == 0, err

    def send(blurb: str, subject: str = "Add the second note", line: str = "two") -> subprocess.CompletedProcess:
        with (repo / "notes.txt").open("a") as notes:
            notes.write(line + "\n")
        git("commit", "-qam", subject)
        out_dir = tmp_path / f"series-{len(list(tmp_path.glob('series-*')))}"
        git("format-patch", "-q", "--cover-letter", "-o", str(out_dir), "HEAD~1")
        cover = out_dir / "0000-cover-letter.patch"
        cover.write_text(cover.read_text().replace("*** SUBJECT HERE ***", "Notes")
                         .replace("*** BLURB HERE ***", blurb))
        return git("send-email", "--dry-run", "--confirm=never", "--to=bob@example.com",
                   "--smtp-server=/bin/true", "--suppress-cc=all", *map(str, sorted(out_dir.iterdir())),
                   check=False)

    return send


def test_cover_letter_with_asap_is_refused(series):
    result = series("We will review the rest ASAP.")
    assert result.returncode != 0
    assert "rejected by sendemail-validate hook" in result.stderr
    assert "vague-deadline" in result.stderr and "ASAP" in result.stderr and "suggestion:" in result.stderr
    assert "Dry-OK" not in result.stdout


def test_clean_series_passes_quietly(series):
    # format-patch dates the cover letter now, so the promise is relative to it, true on any day.
    result = series("The rest follows within two business days.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Dry-OK") == 2
    assert "finding" not in result.stderr


def test_commit_message_with_asap_is_refused(series):
    result = series("Small fix.", subject="Fix the notes, more ASAP")
    # The cover letter's shortlog repeats the subject, so the series stops there already.
    assert result.returncode != 0 and "Fix the notes, more ASAP" in result.stderr
    assert "no patches were sent" in result.stderr


def test_the_diff_itself_is_not_checked(series):
    result = series("Small fix.", line="# TODO: clean this up ASAP")
    assert result.returncode == 0, result.stderr
