"""Every command in README.md runs, and its sample output is what deadlint prints.

The sample output (a ```console block: `$ command`, then its output) is checked
verbatim; after a change to the examples or the reporter, refresh it with

    python tests/test_readme.py --update
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
SETUP = ["python3 -m pip install -e . && python3 -m deadlint check examples/",
         "python3 -m pip install -e '.[test]' && python3 -m pytest"]
BIN = Path(sys.executable).parent  # where pip put the `deadlint` script


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README.read_text(encoding="utf-8")) if lang == language]


def shell_lines(body: str) -> list[str]:
    """The commands of a sh block: continuation lines joined, comments dropped."""
    joined = body.replace("\\\n", " ")
    return [re.sub(r"\s+#\s.*$", "", line).strip() for line in joined.splitlines() if line.strip()]


def _run(command: str, cwd: Path, home: Path | None = None, **options) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    if home is not None:
        env["HOME"] = str(home)
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, **options)


def test_readme_stays_short():
    assert len(README.read_bytes()) <= 12_500


def test_readme_starts_with_the_two_set_up_commands():
    first = BLOCK.search(README.read_text(encoding="utf-8"))
    assert README.read_text(encoding="utf-8").startswith("# deadlint\n\n```sh\n")
    assert first.group(2).splitlines() == SETUP


def test_set_up_commands_fit_the_project():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(dep.startswith("pytest") for dep in project["project"]["optional-dependencies"]["test"])
    assert project["tool"]["pytest"]["ini_options"]["testpaths"] == ["tests"]
    # The check itself runs for real: the examples are meant to have findings.
    checked = _run(SETUP[0].split(" && ", 1)[1].replace("python3", sys.executable), ROOT)
    assert checked.returncode == 1, checked.stderr
    assert "finding(s) in" in checked.stdout


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """A home directory holding what the README's commands name: a draft, a
    message, a Maildir, helpdesk exports and a git repository."""
    home = tmp_path_factory.mktemp("home")
    message = textwrap.dedent("""\
        From: Anna <anna@example.com>
        To: bob@example.com
        Subject: Re: outage
        Date: Fri, 20 Nov 2026 10:00:00 +0200

        Hi Bob, we will fix this ASAP.
        """)
    (home / "reply.txt").write_text("Hi Anna,\n\nWe will fix this ASAP and keep you posted.\n", encoding="utf-8")
    (home / "outgoing.eml").write_text(message, encoding="utf-8")
    for folder in ("cur", "new", "tmp"):
        (home / "Maildir" / folder).mkdir(parents=True)
    (home / "Maildir" / "cur" / "1700000000.1.host:2,S").write_text(message, encoding="utf-8")
    (home / "macros").mkdir()
    (home / "macros" / "zendesk.json").write_text(
        '{"macros": [{"id": 42, "title": "Outage", "actions": [{"field": "comment_value",'
        ' "value": "We will fix it as soon as possible."}]}]}\n', encoding="utf-8")
    (home / "export.csv").write_text("key,body\nM-1,We'll keep you posted.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(home)], check=True)
    return home


def _commands() -> list[str]:
    return [line for body in blocks("sh")[1:] for line in shell_lines(body)]


def test_the_readme_has_a_tour():
    commands = _commands()
    assert len(commands) >= 6 and all(command.startswith("deadlint ") for command in commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_in_the_readme_runs(sandbox, command):
    result = _run(command, sandbox, home=sandbox)
    assert result.returncode in (0, 1), f"{command}: exit {result.returncode}\n{result.stderr}"
    assert "error" not in result.stderr.lower(), result.stderr


def test_the_sample_output_is_what_deadlint_prints():
    [console] = blocks("console")
    command, expected = _console_parts(console)
    assert _run(command, ROOT).stdout == expected, "README sample output is stale: python tests/test_readme.py --update"


def _console_parts(body: str) -> tuple[str, str]:
    first, _, output = body.partition("\n")
    assert first.startswith("$ ")
    return first[2:], output


def test_the_mutt_line_sends_a_clean_message_through(sandbox):
    """The muttrc line, with a stand-in for the real sendmail that records what it got."""
    [muttrc] = blocks("muttrc")
    command = re.fullmatch(r'set sendmail="(.*)"\n', muttrc).group(1)
    mta = sandbox / "fake-sendmail"
    mta.write_text('#!/bin/sh\necho "$@" > "$HOME/mta-args"\ncat > "$HOME/sent.eml"\n', encoding="utf-8")
    mta.chmod(0o755)
    clean = ("From: a@example.com\nTo: b@example.com\nSubject: Visit\nDate: Fri, 20 Nov 2026 10:00:00 +0200\n\n"
             "The technician comes on Tuesday 24 November at 9.\n")
    result = _run(command.replace("/usr/sbin/sendmail", str(mta)) + " -- b@example.com", sandbox, home=sandbox,
                  input=clean)
    assert result.returncode == 0, result.stderr
    assert (sandbox / "sent.eml").read_text(encoding="utf-8") == clean
    assert (sandbox / "mta-args").read_text(encoding="utf-8").split() == ["-oem", "-oi", "--", "b@example.com"]


def test_the_configuration_sample_is_a_valid_policy(sandbox):
    [policy] = blocks("yaml")
    path = sandbox / "readme-policy.yaml"
    path.write_text(policy, encoding="utf-8")
    result = _run(f"deadlint rules --config {path}", sandbox, home=sandbox)
    assert result.returncode == 0, result.stderr


def test_the_python_sample_runs(sandbox):
    [code] = blocks("python")
    result = subprocess.run([sys.executable, "-c", code], cwd=sandbox, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 vague-deadline maanantaina 23.11. klo 12 mennessä\n"


def test_links_lead_to_pages_that_exist():
    pages = [README, *(ROOT / "docs").rglob("*.md")]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            resolved = (page.parent / target).resolve()
            if not resolved.exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken


def update() -> None:
    """Rewrite the README's console block with what its command prints now."""
    text = README.read_text(encoding="utf-8")
    [console] = blocks("console")
    command, _ = _console_parts(console)
    fresh = f"$ {command}\n{_run(command, ROOT).stdout}"
    README.write_text(text.replace(console, fresh), encoding="utf-8")
    print(f"README.md: refreshed the output of `{command}`")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    update()
