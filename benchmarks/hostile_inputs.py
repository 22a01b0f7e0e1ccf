#!/usr/bin/env python3
"""Time `deadlint check` on each hostile input of docs/bad-input.md.

    python benchmarks/hostile_inputs.py [--timeout 60] [--deadlint PATH]

Builds every input in a temporary folder, runs the deadlint console script
(next to ``sys.executable`` unless --deadlint is given) once per input with
3 GB of address space and a timeout, and prints one row per input: the exit
code (or "timeout"), the wall time and the first line of stderr. Run it with
the virtualenv's Python.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2026-11-20T10:00"
DRAFT = "We will get back to you ASAP.\n"
PARAGRAPH = "Hello team,\nthe import ran twice on Monday and the totals were doubled.\nWe rolled it back.\n\n"


def billion_laughs() -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def build(root: Path) -> dict[str, list[str]]:
    """Input name -> the arguments after `deadlint check`."""
    (root / "draft.txt").write_text(DRAFT, encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    (root / "laughs.yaml").write_text(billion_laughs(), encoding="utf-8")
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (root / "long-id.json").write_text('[{"id": %s, "content": "ASAP"}]' % ("7" * 100_000), encoding="utf-8")
    (root / "deep.yaml").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    (root / "dated-9999.eml").write_text("From: a@example.com\nDate: Fri, 31 Dec 9999 23:00:00 +0000\n"
                                         "Subject: s\n\n" + DRAFT, encoding="utf-8")
    big = root / "big"
    big.mkdir()
    (big / "a.txt").write_text(DRAFT, encoding="utf-8")
    (big / "m_big.txt").write_text(PARAGRAPH * (1_600_000 // len(PARAGRAPH)) + DRAFT, encoding="utf-8")
    (big / "z.txt").write_text(DRAFT, encoding="utf-8")
    folder = deep = root / "deep-folder"
    folder.mkdir()
    for _ in range(1200):
        folder = folder / "d"
        folder.mkdir()
    (folder / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return {
        "FIFO as a path": [str(root / "pipe.txt")],
        "/dev/zero as a path": ["/dev/zero"],
        "billion laughs --config": ["--config", str(root / "laughs.yaml"), str(root / "draft.txt")],
        "billion laughs YAML export": [str(root / "laughs.yaml")],
        "JSON export nested 100,000 deep": [str(root / "deep.json")],
        "JSON export, 100,000-digit id": [str(root / "long-id.json")],
        "YAML export nested 50,000 deep": [str(root / "deep.yaml")],
        "folder with a 1.6 MB draft": [str(big)],
        "folder 1,200 levels deep": [str(deep)],
        "--now 9999-12-31T23:00": ["--now", "9999-12-31T23:00", str(root / "draft.txt")],
        ".eml dated 9999 (no --now)": [str(root / "dated-9999.eml")],
    }


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--deadlint", default=str(Path(sys.executable).with_name("deadlint")))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in build(Path(tmp)).items():
            now = [] if "--now" in args or name.startswith(".eml") else ["--now", NOW]
            started = time.monotonic()
            try:
                result = subprocess.run([options.deadlint, "check", *now, *args], capture_output=True, text=True,
                                        timeout=options.timeout, preexec_fn=limit_memory)
                outcome = f"exit {result.returncode}"
                lines = [line for line in result.stderr.splitlines() if line.strip()]
                first = (lines[-1] if "Traceback" in result.stderr else lines[0]) if lines else ""
            except subprocess.TimeoutExpired:
                outcome, first = "timeout", f"killed after {options.timeout:.0f} s"
            elapsed = time.monotonic() - started
            print(f"{name:<34} {outcome:<8} {elapsed:6.1f} s  {first.replace(tmp, '')[:110]}")
        subprocess.run(["rm", "-rf", f"{tmp}/deep-folder"], check=True)  # shutil.rmtree recurses too deep


if __name__ == "__main__":
    main()
