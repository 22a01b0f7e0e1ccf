"""Checks for ``deadlint serve`` on a pool of warm worker processes.

Like the warm worker behind ``deadlint check`` (``deadlint.daemon``), every
checker is forked from a process that has already loaded everything, so a
new one is ready at once. Checking is CPU-bound Python under the GIL, so
threads could not check two drafts at once; processes can, one per core.

The serve process is threaded, and forking a threaded process is unsafe, so
it forks one helper before any thread starts, a *zygote*, and the zygote
forks the checkers: at start, and again whenever one is killed because a
request ran over its time limit (a 1 MB draft must not hold a checker, and
every client queued behind it, for seconds).
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection

from deadlint.integrations.serve_request import CheckRequest, answer
from deadlint.integrations.serve_timing import RequestTiming

DEFAULT_TIME_LIMIT_S = 10.0


class CheckTimeout(Exception):
    """A request that could not be answered within the time limit."""


class _Checker:
    """The serve process's handle on one worker process."""

    def __init__(self, pid: int, conn: Connection):
        self.pid, self.conn = pid, conn

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.conn.close()


class CheckPool:
    """``answer(request)`` on the first free checker, within ``time_limit`` seconds in all."""

    def __init__(self, checker, size: int, time_limit: float = DEFAULT_TIME_LIMIT_S):
        self.time_limit = time_limit
        self.problems = checker.problems
        self._zygote = _start_zygote(checker)
        self._idle: queue.Queue[_Checker] = queue.Queue()
        self._spawn_lock = threading.Lock()  # one conversation with the zygote at a time
        for _ in range(size):
            self._idle.put(self._spawn())

    def answer(self, request: CheckRequest, timing: RequestTiming | None = None) -> dict:
        """The answer to ``request``; ``timing`` gets its queue, check and worker times."""
        timing = timing or RequestTiming(time.perf_counter())
        deadline = time.monotonic() + self.time_limit
        try:
            checker = self._idle.get(timeout=self.time_limit)
        except queue.Empty:
            raise CheckTimeout(self._over_limit("every checker stayed busy")) from None
        timing.mark("queue")
        try:
            checker.conn.send(request)
            if not checker.conn.poll(max(0.0, deadline - time.monotonic())):
                checker.kill()
                checker = self._spawn()
                raise CheckTimeout(self._over_limit("the check did not finish"))
            status, value, timing.worker = checker.conn.recv()
            timing.mark("check")
        except (OSError, EOFError):  # the checker died (killed, out of memory): replace it
            checker.kill()
            checker = self._spawn()
            raise
        finally:
            self._idle.put(checker)
        if status == "error":
            raise RuntimeError(f"the checker failed:\n{value}")
        return value

    def close(self) -> None:
        self._zygote.close()  # the zygote exits at end of input, its checkers at theirs
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return

    def _over_limit(self, what: str) -> str:
        return f"{what} within the time limit of {self.time_limit:g} s (deadlint serve --time-limit)"

    def _spawn(self) -> _Checker:
        with self._spawn_lock:
            self._zygote.send(b"x")
            message, fds, _, _ = socket.recv_fds(self._zygote, 32, 1)
        return _Checker(int(message), Connection(fds[0]))


def _start_zygote(checker) -> socket.socket:
    """Fork the zygote (the caller must not have started threads yet) and return its socket."""
    ours, theirs = socket.socketpair()
    if os.fork() == 0:
        ours.close()
        _exit_after(_zygote, theirs, checker)
    theirs.close()
    return ours


def _zygote(control: socket.socket, checker) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # checkers are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops serve, which then closes us
    while control.recv(1):
        parent_end, child_end = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            control.close()
            parent_end.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _exit_after(_check_forever, Connection(child_end.detach()), checker)
        child_end.close()
        socket.send_fds(control, [str(pid).encode()], [parent_end.fileno()])
        parent_end.close()


def _check_forever(conn: Connection, checker) -> None:
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        started = time.perf_counter()
        try:
            result = ("ok", answer(checker, request))
        except Exception:  # noqa: BLE001 - the serve process answers 500 and logs it
            result = ("error", traceback.format_exc())
        conn.send((*result, time.perf_counter() - started))


def _exit_after(function, *args) -> None:
    """Run a forked process's work and leave without running the parent's cleanup."""
    try:
        function(*args)
    except BaseException:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
    finally:
        os._exit(0)
