"""``deadlint hook install TARGET``: put deadlint where a client checks a message before sending.

Targets are a small registry, name -> "module:function", imported only when
that target is installed, like the subcommands in ``deadlint.cli.LazyGroup``.
A target lives in whichever module knows its client; it adds itself with one
line in ``TARGETS`` and a function ``install(force: bool)`` that returns what
it wrote (a Path) or a sentence saying what it did, and refuses with
``HookError`` or ``FileExistsError``. ``write_hook_file`` is the shared "never
clobber someone else's hook" rule for any file a target writes.
"""

from __future__ import annotations

import importlib
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click

Installer = Callable[[bool], "str | Path"]

TARGETS: dict[str, str] = {
    "git-send-email": f"{__name__}:install_git_send_email",
    "thunderbird": "deadlint.integrations.thunderbird_install:install",
}


class HookError(click.ClickException):
    """A refusal the user can act on (exit 2, deadlint's error status)."""

    exit_code = 2


def available_targets() -> list[str]:
    return sorted(TARGETS)


def installer(name: str) -> Installer:
    module, _, function = TARGETS[name].partition(":")
    return getattr(importlib.import_module(module), function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def command() -> None:
    """Install deadlint as a pre-send hook."""


@command.command()
@click.argument("target", metavar="TARGET")
@click.option("--force", is_flag=True, help="Replace an existing hook that deadlint did not write.")
def install(target: str, force: bool) -> None:
    """Install deadlint as the pre-send hook of TARGET."""
    targets = available_targets()
    if target not in targets:
        raise click.BadParameter(f"unknown target {target!r} (available: {', '.join(targets)})",
                                 param_hint="TARGET")
    try:
        done = installer(target)(force)
    except (FileExistsError, PermissionError) as exc:
        raise HookError(str(exc)) from None
    click.echo(f"installed {done}" if isinstance(done, Path) else done)


install.help = f"{install.help}\n\nTargets: {', '.join(available_targets())}."


def write_hook_file(path: Path, content: str, *, force: bool, executable: bool = True,
                    ours: str | None = None) -> str:
    """Write ``content`` to ``path`` unless a different file is already there (``force`` replaces it).

    A file containing ``ours`` was written by some deadlint (another version or
    virtualenv) and is replaced without ``force``, so upgrading needs no flag.
    """
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = None
    except (OSError, UnicodeDecodeError) as exc:
        existing = f"<unreadable: {exc}>"
    if existing == content:
        _make_executable(path, executable)
        return f"{path} is already installed"
    if existing is not None and not force and not (ours and ours in existing):
        raise HookError(f"{path} already exists and was not written by this deadlint; "
                        "merge it by hand, or replace it with --force")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.deadlint-tmp")
    temporary.write_text(content, encoding="utf-8")
    _make_executable(temporary, executable)
    os.replace(temporary, path)  # a half-written hook would break every send
    return f"{'replaced' if existing is not None else 'installed'} {path}"


def _make_executable(path: Path, executable: bool) -> None:
    if executable:
        path.chmod(path.stat().st_mode | 0o755)


def deadlint_command() -> str:
    """How a hook calls this very deadlint, whatever PATH the client runs it with."""
    return f"{shlex.quote(sys.executable)} -m deadlint"


# git send-email runs `sendemail-validate FILE` for every patch and cover letter
# it is about to send, from the top of the work tree (so .deadlint.yaml there
# applies) and aborts the whole series if it fails. `deadlint check` exits 1 on
# findings and 2 when it cannot check, so both stop the send (fail-closed). Only
# the text above the first "---" line is checked (where `git am` ends the commit
# message too): a diff that adds "# TODO: ASAP" is code, not a promise to the
# reader. The report is shown only on failure, on stderr next to git's own
# refusal; a clean series stays as quiet as without the hook.
_GIT_MARKER = "Installed by `deadlint hook install git-send-email`"
_GIT_SEND_EMAIL_HOOK = """#!/bin/sh
# {marker}: refuse to send a patch or
# cover letter that makes vague promises ("ASAP", "mahdollisimman pian").
# Send anyway: git send-email --no-validate ...
report=$(sed '/^---$/q' "$1" | {deadlint} check - 2>&1) && exit 0
status=$?
printf 'deadlint: %s (the message above its diff):\\n%s\\n' "$1" "$report" >&2
exit $status
"""


def install_git_send_email(force: bool) -> str:
    try:
        hooks = subprocess.run(["git", "rev-parse", "--git-path", "hooks"], capture_output=True,
                               text=True, check=True).stdout.strip()
    except FileNotFoundError:
        raise HookError("git is not installed") from None
    except subprocess.CalledProcessError as exc:
        raise HookError(f"not in a git repository: {exc.stderr.strip()}") from None
    # --git-path is relative to the current directory unless core.hooksPath made it absolute.
    path = Path(hooks).resolve() / "sendemail-validate"
    hook = _GIT_SEND_EMAIL_HOOK.format(marker=_GIT_MARKER, deadlint=deadlint_command())
    return write_hook_file(path, hook, force=force, ours=_GIT_MARKER)
