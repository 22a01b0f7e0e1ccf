"""``deadlint sendmail``: a drop-in ``$sendmail`` that lints a message before the real MTA gets it.

mutt, neomutt and many scripts pipe a finished message to ``sendmail ARGS``.
Put deadlint in between: a clean message goes to the real MTA byte for byte
with the same arguments, and deadlint exits with the MTA's status; a message
with findings is refused with exit 65 (EX_DATAERR) and a short report on
stderr, which the client shows as a failed send.

Fail-closed: when deadlint cannot check a message (a broken config, input it
cannot read, a crash), it refuses it too; a pre-send check that waves mail
through whenever it breaks would go unnoticed for months. Whatever is refused
is first saved, so a blocked message is never lost; the report names the file
and the command that sends it unchanged. ``--warn-only`` never refuses.

Never a partial message: the whole message is read before anything else
happens, and the MTA reads it from a spooled file, not from a pipe deadlint
writes while it runs. If deadlint is killed before the MTA starts, nothing is
sent; once it has started, the MTA reads the complete message whatever happens
to deadlint. ``max_file_mb`` limits the text that is linted, never the size
of the message that is sent: a 20 MB attachment goes through.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import click

from deadlint.cli import NO_DAEMON_HELP
from deadlint.daemon.client import NO_DAEMON_FLAG
from deadlint.findings import SEVERITIES

DEFAULT_MTA = "/usr/sbin/sendmail"
# sysexits.h codes, which mail clients and MTAs already explain to their users.
EX_DATAERR, EX_UNAVAILABLE, EX_SOFTWARE, EX_IOERR, EX_CONFIG = 65, 69, 70, 74, 78
_SUGGESTION_WIDTH = 200  # keep each report line readable in a client's error box


class _SendmailCommand(click.Command):
    """deadlint's options come first and are long ones only; everything from the
    first other argument on belongs to the MTA and is passed on untouched.

    Click cannot be left to parse the rest: sendmail's short options (``-oi``,
    ``-f addr``, ``-h N``) would be read as deadlint's or rejected, and a ``--``
    is the client's own guard before the recipients (mutt moves any ``--`` in
    ``$sendmail`` there), so deadlint must not eat it.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ours = _leading_options(self, args)
        try:
            return super().parse_args(ctx, [*args[:ours], "--", *args[ours:]])
        except click.UsageError as exc:
            # A typo in muttrc or a bad DEADLINT_* value: still keep the message.
            _say(f"usage: {exc.format_message()}")
            _keep(_read_stdin(), None, None)
            sys.exit(EX_CONFIG)


def _leading_options(cmd: click.Command, args: list[str]) -> int:
    """How many leading arguments are deadlint's own long options (and their values)."""
    takes_value = {name: not opt.is_flag for opt in cmd.params if isinstance(opt, click.Option)
                   for name in (*opt.opts, *opt.secondary_opts) if name.startswith("--")}
    takes_value["--help"] = False
    i = 0
    while i < len(args):
        name, has_equals, _ = args[i].partition("=")
        if name not in takes_value:
            break
        i += 1 if has_equals or not takes_value[name] else 2
    return min(i, len(args))


@click.command(cls=_SendmailCommand, context_settings={"help_option_names": ["--help"]})
@click.option("--mta", envvar="DEADLINT_MTA", metavar="PATH",
              help=f"The real sendmail that clean messages are handed to (default: the policy's sendmail.mta, "
                   f"else {DEFAULT_MTA}) [env: DEADLINT_MTA].")
@click.option("--warn-only/--no-warn-only", default=None, envvar="DEADLINT_WARN_ONLY",
              help="Print the report but send anyway, even when deadlint fails [env: DEADLINT_WARN_ONLY=1].")
@click.option("--min-severity", type=click.Choice(SEVERITIES), envvar="DEADLINT_MIN_SEVERITY",
              help="Block on findings at or above this level (default: the policy's) [env: DEADLINT_MIN_SEVERITY].")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), envvar="DEADLINT_CONFIG",
              help="Policy file merged over rules.yaml (default: .deadlint.yaml found from the current "
                   "directory up) [env: DEADLINT_CONFIG].")
@click.option("--blocked-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where refused messages are saved (default: $XDG_STATE_HOME/deadlint/blocked) "
                   "[env: DEADLINT_BLOCKED_DIR].")
@click.option(NO_DAEMON_FLAG, is_flag=True, expose_value=False, help=NO_DAEMON_HELP)
@click.argument("mta_args", nargs=-1, type=click.UNPROCESSED, metavar="[SENDMAIL-ARGS]...")
def command(mta, warn_only, min_severity, config, blocked_dir, mta_args) -> None:
    """Lint the message on stdin, then hand it to the real sendmail, or refuse it (exit 65).

    Every argument after deadlint's own options goes to the MTA unchanged,
    e.g. in muttrc:  set sendmail="deadlint sendmail --mta /usr/sbin/sendmail -oem -oi"
    """
    data = _read_stdin()
    # Options and DEADLINT_* variables first, then the policy's sendmail section.
    settings = _policy_settings(config)
    mta = mta or settings.get("mta") or DEFAULT_MTA
    warn_only = settings.get("warn_only", False) if warn_only is None else warn_only
    min_severity = min_severity or settings.get("min_severity")
    if blocked_dir is None and not os.environ.get("DEADLINT_BLOCKED_DIR") and settings.get("blocked_dir"):
        blocked_dir = Path(settings["blocked_dir"]).expanduser()
    send = [mta, *mta_args]
    verdict, lines = _verdict(data, config, min_severity)
    for line in lines:
        click.echo(line, err=True)
    if verdict and not warn_only:
        _keep(data, blocked_dir, send)
        sys.exit(verdict)
    if verdict:
        _say("--warn-only: sending anyway.")
    sys.exit(hand_over(data, send, blocked_dir))


def _policy_settings(config: Path | None) -> dict:
    """The policy's `sendmail` section; empty when the policy cannot be read
    (the check then refuses the message and says why)."""
    from deadlint.config import ConfigError, find_user_config, load_policy

    try:
        return load_policy(config or find_user_config(Path.cwd())).sendmail
    except ConfigError:
        return {}


def _verdict(data: bytes, config: Path | None, min_severity: str | None) -> tuple[int, list[str]]:
    """(0 or the exit status that refuses the message, the report lines for stderr)."""
    try:
        from deadlint.service import Checker

        checker = Checker(config, min_severity=min_severity)
        if checker.problems:
            # The checker fell back to the default policy; the user's rules are not applied.
            return EX_CONFIG, [f"deadlint: config: {problem}" for problem in checker.problems]
        report = checker.check_message(data, name="<message>")
    except Exception as exc:  # noqa: BLE001 - any failure must refuse, not drop, the message
        return EX_SOFTWARE, [f"deadlint: could not check the message: {type(exc).__name__}: {exc}"]
    if report.errors:
        return EX_SOFTWARE, [f"deadlint: could not check the message: {error.problem}" for error in report.errors]
    if report.findings:
        return EX_DATAERR, format_findings(report)
    return 0, []


def format_findings(report) -> list[str]:
    """A few lines a person reads in a mail client's error box: where, what, what instead."""
    out = [f"deadlint: {len(report.findings)} vague promise(s) in the message:"]
    for item in report.findings:
        f = item.finding
        phrase = "" if f.match in f.message else f"“{f.match}”: "
        out.append(f"  line {item.line}: {phrase}{f.message} [{f.rule}, {f.severity}]")
        if f.suggestion:
            out.append(f"    suggestion: {f.suggestion[:_SUGGESTION_WIDTH]}")
    return out


def hand_over(data: bytes, send: list[str], blocked_dir: Path | None) -> int:
    """Run the real MTA on the exact bytes; its exit status becomes ours."""
    # Spooled, not piped: an MTA reading a pipe takes the end of input after part
    # of the message for the end of the message if deadlint is killed midway.
    try:
        spool = tempfile.TemporaryFile()
        spool.write(data)
        spool.flush()
        spool.seek(0)
    except OSError as exc:
        _say(f"cannot spool the message in {tempfile.gettempdir()}: {exc.strerror or exc}")
        _keep(data, blocked_dir, send)
        return EX_IOERR
    with spool:
        try:
            # The MTA writes its own messages straight to our stdout/stderr, as if called directly.
            result = subprocess.run(send, stdin=spool, check=False)
        except OSError as exc:
            _say(f"cannot run the MTA {send[0]!r}: {exc.strerror or exc} (set --mta or DEADLINT_MTA)")
            _keep(data, blocked_dir, send)
            return EX_UNAVAILABLE
    # A signal shows as a negative code; report it the way a shell would.
    return result.returncode if result.returncode >= 0 else 128 - result.returncode


def blocked_dir_default() -> Path:
    # Read here, not by Click, so that a message refused for a usage error lands there too.
    if os.environ.get("DEADLINT_BLOCKED_DIR"):
        return Path(os.environ["DEADLINT_BLOCKED_DIR"])
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / "deadlint" / "blocked"


def save_blocked(data: bytes, directory: Path | None = None) -> Path | str:
    """Write the exact bytes to a new private file; the path, or why it failed."""
    directory = directory or blocked_dir_default()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        for attempt in range(1000):
            path = directory / f"{stamp}-{os.getpid()}{f'-{attempt}' if attempt else ''}.eml"
            try:
                # O_EXCL: never overwrite an earlier blocked message; 0600: it is someone's mail.
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            return path
        return f"no free file name in {directory}"
    except OSError as exc:
        return f"{directory}: {exc.strerror or exc}"


def _read_stdin() -> bytes:
    if sys.stdin is None:  # started with its standard input closed
        _say("no message: standard input is closed; nothing was sent")
        sys.exit(EX_IOERR)
    try:
        return sys.stdin.buffer.read()
    except OSError as exc:
        _say(f"cannot read the message from stdin: {exc.strerror or exc}; nothing was sent")
        sys.exit(EX_IOERR)


def _keep(data: bytes, blocked_dir: Path | None, send: list[str] | None) -> None:
    """Save a message that is not being sent, and tell the user where and how to send it later."""
    saved = save_blocked(data, blocked_dir)
    _say("message NOT sent.")
    if not isinstance(saved, Path):
        _say(f"could not save a copy: {saved}")
        return
    _say(f"saved it to {saved}")
    if send:
        _say(f"to send it unchanged:  {shlex.join(send)} < {shlex.quote(str(saved))}")


def _say(message: str) -> None:
    click.echo(f"deadlint: {message}", err=True)
