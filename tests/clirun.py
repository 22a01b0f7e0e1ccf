"""Running the real CLI in process, shared by the CLI-level test files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from deadlint.cli import main

NOW = "2026-11-20T10:00"  # Friday 20 November 2026, 10:00: the reference time of every table


def invoke(*args, input=None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `deadlint ARGS`; a crash is raised, not hidden."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run(*args, input=None) -> tuple[int, str, str]:
    """`deadlint check --now NOW ARGS`."""
    return invoke("check", "--now", NOW, *args, input=input)


def check_json(*args, input=None) -> tuple[int, dict, str]:
    code, out, err = run("--format", "json", *args, input=input)
    return code, json.loads(out), err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
