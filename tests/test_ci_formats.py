"""CI use: `--format rdjson` for reviewdog and `--diff-base REV` for pull requests."""

from __future__ import annotations

import json
import subprocess

from click.testing import CliRunner

from deadlint.cli import main

NOW = "2026-11-20T10:00"


def run(*args, cwd=None):
    return CliRunner().invoke(main, ["check", "--now", NOW, *map(str, args)])


def test_rdjson_columns_count_utf8_bytes(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Lähetämme sen mahdollisimman pian.\n", encoding="utf-8")
    result = run("--format", "rdjson", draft)
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["source"]["name"] == "deadlint"
    (diagnostic,) = [d for d in payload["diagnostics"] if d["code"]["value"] == "vague-deadline"]
    start = diagnostic["location"]["range"]["start"]
    prefix = "Lähetämme sen "
    assert start == {"line": 1, "column": len(prefix.encode("utf-8")) + 1}  # 17, not 15
    assert diagnostic["severity"] == "WARNING"
    assert diagnostic["suggestions"][0]["text"] == "maanantaina 23.11. klo 12 mennessä"


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_diff_base_checks_only_what_changed(tmp_path, monkeypatch):
    repo = tmp_path / "macros"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "ci@example.com")
    _git(repo, "config", "user.name", "CI")
    (repo / "old.txt").write_text("We will fix it ASAP.\n", encoding="utf-8")
    (repo / "tool.py").write_text("print('ASAP')\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    (repo / "new.txt").write_text("We'll keep you posted.\n", encoding="utf-8")
    (repo / "tool.py").write_text("print('soon')\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    result = run("--diff-base", "HEAD", "--format", "json", ".")
    report = json.loads(result.output)
    assert {f["path"].rsplit("/", 1)[-1] for f in report["findings"]} == {"new.txt"}
    assert report["summary"]["drafts"] == 1


def test_diff_base_with_an_unknown_revision_is_an_error(tmp_path, monkeypatch):
    _git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--diff-base", "no-such-rev", "."])
    assert result.exit_code == 2
    assert "--diff-base no-such-rev" in result.output
