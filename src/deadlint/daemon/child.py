"""One request in a child forked from the warm worker: become the caller's
process (streams, directory, environment, umask) and run its command line."""

from __future__ import annotations

import io
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path


def run_request(request: dict, fds: list[int], conn: socket.socket, memo_pipe: int) -> int:
    """The exit status of ``deadlint ARGV`` run on the caller's stdin/stdout/stderr."""
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C reaches Click as in process
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)  # not to be inherited by the MTA or the checkers a folder check forks
    _rewrap_streams(request.get("streams", {}))
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    os.umask(request["umask"])
    _report_policies(memo_pipe)
    _die_with_caller(conn)
    sys.argv = [request["prog_name"], *request["argv"]]
    from deadlint.cli import main

    try:
        main(request["argv"], prog_name=request["prog_name"])
    except SystemExit as exc:
        return _exit_status(exc.code)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    return 0


def _exit_status(code) -> int:
    """What the interpreter would exit with for ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _rewrap_streams(setup: dict) -> None:
    """sys.stdin/stdout/stderr as the caller's interpreter made them: its
    encodings, and line buffering where a stream is a terminal."""
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        encoding, errors = setup.get(name, ("utf-8", "strict"))
        tty = os.isatty(fd)
        raw = io.FileIO(fd, "rb" if fd == 0 else "wb", closefd=False)
        if fd == 0:
            stream = io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, errors=errors)
        else:
            buffered = io.BufferedWriter(raw)
            stream = io.TextIOWrapper(buffered, encoding=encoding, errors=errors,
                                      line_buffering=tty or fd == 2, write_through=fd == 2)
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _report_policies(memo_pipe: int) -> None:
    """Tell the parent which policy files this request loaded (see ``warm.RulesetMemo``)."""
    from deadlint import cli

    def report(path: Path) -> None:
        try:
            os.write(memo_pipe, os.fsencode(os.path.abspath(path)) + b"\0")
        except OSError:
            pass

    cli.ruleset_memo.on_miss = report


def _die_with_caller(conn: socket.socket) -> None:
    """A caller that goes away (killed, Ctrl-C'd) takes its check with it, as in process."""

    def watch() -> None:
        try:
            while conn.recv(1):
                pass
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGTERM)

    conn.settimeout(None)
    threading.Thread(target=watch, daemon=True, name="deadlint-caller-watch").start()
