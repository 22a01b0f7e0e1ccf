"""``deadlint daemon status|stop``: look at or end this installation's warm worker."""

from __future__ import annotations

import json
import sys
import time

import click

from deadlint.daemon import client


@click.group(name="daemon", context_settings={"help_option_names": ["-h", "--help"]})
def command() -> None:
    """The warm worker that answers `check` and `sendmail` (see docs/daemon.md)."""


@command.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(as_json: bool) -> None:
    """Whether the worker runs (exit 0) or not (exit 3), and what it has done."""
    answer = client.ask("status")
    if as_json:
        click.echo(json.dumps(answer or {"running": False}))
    elif answer is None:
        click.echo(f"not running (socket {_socket()})")
    else:
        click.echo(f"running: pid {answer['pid']}, deadlint {answer['version']}, socket {answer['socket']}\n"
                   f"  {answer['requests']} request(s) since {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(answer['started']))}, "
                   f"{answer['running']} running now, {answer['spares']} forked ahead\n"
                   f"  idle {answer['idle_s']:.0f} s; exits after {answer['idle_exit_s']:.0f} s idle")
    sys.exit(0 if answer else 3)


@command.command()
def stop() -> None:
    """Stop the worker (checks in flight finish); the next check starts a new one."""
    answer = client.ask("stop")
    click.echo("stopped" if answer else "not running")


def _socket() -> str:
    try:
        return client.paths()["sock"]
    except OSError as exc:
        return f"unavailable: {exc}"
