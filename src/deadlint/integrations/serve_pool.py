"""Checks for ``deadlint serve`` on a pool of warm worker processes.

Like the warm worker behind ``deadlint check`` (``deadlint.daemon``), every
checker is forked from a process that has already loaded everything, so a
new one is ready at once. Checking is CPU-bound Python under the GIL, so
threads could not check two drafts at once; processes can, one per core.

The checkers are forked by a helper forked at start, a *zygote*, which
keeps nothing but the warm linter: at start, and again whenever one is
killed because a request ran over its time limit (a 1 MB draft must not hold
a checker, and every client queued behind it, for seconds).

The pool has no thread of its own: the serve process's event loop
(``serve_loop``) watches the checkers' sockets in its selector and calls
``on_answer`` when one is readable and ``sweep`` now and then for the
deadlines. Requests wait in one queue, first come first served; an idle
checker gets the next one, and when none is idle a checker already checking
gets one more to wait in its pipe (at most PIPELINE_DEPTH in all), so it never
sits idle while the serve process, busy with other connections, gets round to
reading its answer and sending the next draft. The price: a request queued
behind a check that turns out slow waits for it even if another checker frees
up meanwhile (one request per checker at most, and a check is cut at its time
limit). Requests and answers cross the socket as length-prefixed frames, the
answer already encoded as JSON by the checker, so the serve process neither
builds nor walks the findings; drafts queued for one checker leave in one send.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import socket
import struct
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass
from typing import Callable

from deadlint.integrations.serve_cache import AnswerCache
from deadlint.integrations.serve_request import CheckRequest, answer, json_bytes
from deadlint.integrations.serve_timing import RequestTiming

DEFAULT_TIME_LIMIT_S = 10.0
PIPELINE_DEPTH = 2  # requests in a checker's pipe: the one it checks and the next
# A request waits in a checker's pipe only if it fits in the socket's buffer (a socket
# pair's holds 200 KB and more): sending it then never blocks the event loop, which must
# stay free to cut the check before it at its deadline.
PIPELINE_MAX_BYTES = 64 * 1024
_LENGTH = struct.Struct("!I")  # before every frame: its length
_ANSWER = struct.Struct("!?d")  # before an answer: whether it is one (else a traceback), the check's seconds


class CheckTimeout(Exception):
    """A request that could not be answered within the time limit."""


@dataclass(eq=False)
class Job:
    """One request for a checker; ``done`` gets the JSON answer, or the exception saying why not."""

    request: bytes  # a pickled CheckRequest
    deadline: float  # on time.monotonic()
    timing: RequestTiming
    done: Callable[[bytes | Exception], None]
    key: bytes | None = None  # in the answer cache


class _Checker:
    """The serve process's end of one worker process."""

    def __init__(self, pid: int, sock: socket.socket):
        self.pid, self.sock = pid, sock
        self.in_flight: deque[Job] = deque()  # sent, oldest (the one it checks) first
        self.received = bytearray()  # answers' bytes not yet taken

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.sock.close()

    def answers(self) -> list[tuple[bool, bytes, float]]:
        """(ok, value, seconds) for each whole answer received so far, taken from ``received``."""
        buffer, start, found = self.received, 0, []
        while len(buffer) - start >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(buffer, start)
            end = start + _LENGTH.size + size
            if len(buffer) < end:
                break
            ok, seconds = _ANSWER.unpack_from(buffer, start + _LENGTH.size)
            found.append((ok, bytes(buffer[start + _LENGTH.size + _ANSWER.size:end]), seconds))
            start = end
        del buffer[:start]
        return found


class CheckPool:
    """Checks on ``size`` checker processes, each request within ``time_limit`` seconds in all,
    driven by the event loop that owns ``selector``."""

    def __init__(self, checker, size: int, selector: selectors.BaseSelector,
                 time_limit: float = DEFAULT_TIME_LIMIT_S, cache: AnswerCache | None = None):
        self.time_limit = time_limit
        self.problems = checker.problems
        self.cache = cache
        self.selector = selector
        self._zygote = _start_zygote(checker)
        self._queue: deque[Job] = deque()
        self._checkers = [self._spawn() for _ in range(size)]

    def submit(self, request: CheckRequest, timing: RequestTiming, done: Callable[[bytes | Exception], None]) -> None:
        """Check ``request``; ``done`` gets the JSON answer, or the exception saying why there is
        none, later (at once if the cache has it)."""
        encoded = pickle.dumps(request, pickle.HIGHEST_PROTOCOL)
        key = self.cache.key(request, encoded) if self.cache else None
        if key is not None and (cached := self.cache.get(key)) is not None:
            timing.cache_hit = True
            done(cached)  # in the caller's own frame: its errors are its own
            return
        self._queue.append(Job(encoded, time.monotonic() + self.time_limit, timing, done, key))
        self._dispatch()

    def busy(self) -> bool:
        return bool(self._queue) or any(checker.in_flight for checker in self._checkers)

    def _dispatch(self) -> None:
        """Send queued jobs: to idle checkers first, then one more into the pipe of a busy one."""
        batches: dict[_Checker, list[bytes]] = {}
        while self._queue:
            job = self._queue[0]
            checker = min(self._checkers, key=lambda c: len(c.in_flight))
            if checker.in_flight and (len(checker.in_flight) >= PIPELINE_DEPTH
                                      or len(job.request) > PIPELINE_MAX_BYTES):
                break
            self._queue.popleft()
            job.timing.mark("queue")
            checker.in_flight.append(job)
            batches.setdefault(checker, []).append(_LENGTH.pack(len(job.request)) + job.request)
        for checker, frames in batches.items():
            try:
                checker.sock.sendall(b"".join(frames))
            except OSError:
                pass  # the checker is dead: its socket reads end of file and it is replaced

    def on_answer(self, checker: _Checker) -> None:
        """``checker``'s socket is readable: hand out the answers that have arrived."""
        try:
            data = checker.sock.recv(256 * 1024)
        except OSError:
            data = b""
        if not data:  # the checker died (killed, out of memory)
            self._replace(checker, RuntimeError("the checker process died"))
            return
        checker.received += data
        for ok, value, seconds in checker.answers():
            job = checker.in_flight.popleft()
            job.timing.worker = seconds
            job.timing.mark("check")
            if ok and job.key is not None:
                self.cache.put(job.key, value)
            _deliver(job, value if ok else RuntimeError(f"the checker failed:\n{value.decode()}"))
        self._dispatch()

    def sweep(self) -> None:
        """Cut checks, and withdraw queued requests, that ran over the time limit."""
        now = time.monotonic()
        for checker in list(self._checkers):
            if checker.in_flight and checker.in_flight[0].deadline <= now:
                self._replace(checker, CheckTimeout(self.over_limit("the check did not finish")))
        while self._queue and self._queue[0].deadline <= now:  # deadlines grow along the queue
            job = self._queue.popleft()
            _deliver(job, CheckTimeout(self.over_limit("every checker stayed busy")))
        self._dispatch()

    def over_limit(self, what: str) -> str:
        return f"{what} within the time limit of {self.time_limit:g} s (deadlint serve --time-limit)"

    def _replace(self, checker: _Checker, error: Exception) -> None:
        """A new checker instead of ``checker``; the job it was checking fails with ``error``,
        the jobs waiting behind it go back to the head of the queue."""
        self.selector.unregister(checker.sock)
        checker.kill()
        self._checkers[self._checkers.index(checker)] = self._spawn()
        if checker.in_flight:
            _deliver(checker.in_flight.popleft(), error)
        now = time.monotonic()
        for job in reversed(checker.in_flight):
            if now < job.deadline:
                self._queue.appendleft(job)
            else:  # its client has had its 503; checked now, it would only cost the new checker its life
                _deliver(job, CheckTimeout(self.over_limit("the check did not finish")))
        self._dispatch()

    def close(self) -> None:
        """Kill the checkers and end the zygote; call when no request is in flight."""
        for checker in self._checkers:
            self.selector.unregister(checker.sock)
            checker.kill()
        self._zygote.close()  # the zygote exits at end of input

    def _spawn(self) -> _Checker:
        self._zygote.send(b"x")
        message, fds, _, _ = socket.recv_fds(self._zygote, 32, 1)
        checker = _Checker(int(message), socket.socket(fileno=fds[0]))
        self.selector.register(checker.sock, selectors.EVENT_READ, lambda _mask: self.on_answer(checker))
        return checker


def _deliver(job: Job, result: bytes | Exception) -> None:
    """``job.done(result)``; a bug there is logged, and the pool goes on with its other jobs."""
    try:
        job.done(result)
    except Exception:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)


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
            _exit_after(_check_forever, child_end, checker)
        child_end.close()
        socket.send_fds(control, [str(pid).encode()], [parent_end.fileno()])
        parent_end.close()


def _check_forever(sock: socket.socket, checker) -> None:
    requests = sock.makefile("rb")  # buffered: drafts sent together arrive in one read
    while header := requests.read(_LENGTH.size):
        if len(header) < _LENGTH.size:
            return
        (size,) = _LENGTH.unpack(header)
        request = pickle.loads(requests.read(size))
        started = time.perf_counter()
        try:
            ok, value = True, json_bytes(answer(checker, request))
        except Exception:  # noqa: BLE001 - the serve process answers 500 and logs it
            ok, value = False, traceback.format_exc().encode()
        head = _ANSWER.pack(ok, time.perf_counter() - started)
        sock.sendall(_LENGTH.pack(len(head) + len(value)) + head + value)


def _exit_after(function, *args) -> None:
    """Run a forked process's work and leave without running the parent's cleanup."""
    try:
        function(*args)
    except BaseException:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
    finally:
        os._exit(0)
