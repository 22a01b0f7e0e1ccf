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

Each checker has a feeder thread in the serve process that takes requests
from one shared queue. While no other checker waits for work, a feeder sends
its checker the next request before the current one is answered (at most
PIPELINE_DEPTH in its pipe): a checker never sits idle while the serve
process, busy with other connections, gets round to reading its answer and
sending the next draft. The price: a request queued behind a check that
turns out slow waits for it even if another checker frees up meanwhile (one
request per checker at most, and a check is cut at its time limit).
Requests and answers cross the pipe as bytes, the answer already encoded as
JSON by the checker, so the serve process neither builds nor walks the
findings.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import socket
import sys
import threading
import time
import traceback
from collections import deque
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from deadlint.integrations.serve_cache import AnswerCache
from deadlint.integrations.serve_request import CheckRequest, answer, json_bytes
from deadlint.integrations.serve_timing import RequestTiming

DEFAULT_TIME_LIMIT_S = 10.0
PIPELINE_DEPTH = 2  # requests in a checker's pipe: the one it checks and the next
# A request waits in a checker's pipe only if it fits in the pipe's buffer (a socket
# pair's holds 200 KB and more): sending it then never blocks the feeder, which must
# stay free to cut the check before it at its deadline.
PIPELINE_MAX_BYTES = 64 * 1024


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


@dataclass
class _Job:
    request: bytes  # a pickled CheckRequest
    deadline: float  # on time.monotonic()
    timing: RequestTiming
    future: Future = field(default_factory=Future)  # of (status, JSON answer or traceback)


class CheckPool:
    """``answer(request)`` on the first free checker, within ``time_limit`` seconds in all."""

    def __init__(self, checker, size: int, time_limit: float = DEFAULT_TIME_LIMIT_S,
                 cache: AnswerCache | None = None):
        self.time_limit = time_limit
        self.problems = checker.problems
        self.cache = cache
        self._zygote = _start_zygote(checker)
        self._spawn_lock = threading.Lock()  # one conversation with the zygote at a time
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()  # None: the pool is closing
        self._waiting = 0  # feeders waiting for a job
        self._waiting_lock = threading.Lock()
        self._feeders = [_Feeder(self, self.spawn()) for _ in range(size)]
        for feeder in self._feeders:
            feeder.start()

    def answer(self, request: CheckRequest, timing: RequestTiming | None = None) -> bytes:
        """The answer to ``request``, as JSON; ``timing`` gets its queue, check and worker times."""
        timing = timing or RequestTiming(time.perf_counter())
        encoded = pickle.dumps(request, pickle.HIGHEST_PROTOCOL)
        key = self.cache.key(request, encoded) if self.cache else None
        if key is not None and (cached := self.cache.get(key)) is not None:
            timing.cache_hit = True
            return cached
        value = self._check(_Job(encoded, time.monotonic() + self.time_limit, timing))
        if key is not None:
            self.cache.put(key, value)
        return value

    def _check(self, job: _Job) -> bytes:
        self._jobs.put(job)
        try:
            status, value = job.future.result(timeout=self.time_limit)
        except FutureTimeout:
            # A job not yet sent is withdrawn; one sent is cut by its feeder at this same deadline.
            what = "every checker stayed busy" if job.future.cancel() else "the check did not finish"
            raise CheckTimeout(self.over_limit(what)) from None
        if status == "error":
            raise RuntimeError(f"the checker failed:\n{value}")
        return value

    def close(self) -> None:
        """Stop the feeders (each kills its checker once its requests are answered) and the zygote."""
        for _ in self._feeders:
            self._jobs.put(None)
        for feeder in self._feeders:
            feeder.join(self.time_limit)
        self._zygote.close()  # the zygote exits at end of input

    def take_job(self, *, wait: bool) -> _Job | None:
        """The next job (None once closing); queue.Empty if there is none and ``wait`` is false."""
        if not wait:
            return self._jobs.get_nowait()
        with self._waiting_lock:
            self._waiting += 1
        try:
            return self._jobs.get()
        finally:
            with self._waiting_lock:
                self._waiting -= 1

    def others_waiting(self) -> bool:
        """Whether a feeder waits for work: then no one queues a second job behind a check."""
        return self._waiting > 0

    def over_limit(self, what: str) -> str:
        return f"{what} within the time limit of {self.time_limit:g} s (deadlint serve --time-limit)"

    def spawn(self) -> _Checker:
        with self._spawn_lock:
            self._zygote.send(b"x")
            message, fds, _, _ = socket.recv_fds(self._zygote, 32, 1)
        return _Checker(int(message), Connection(fds[0]))


class _Feeder(threading.Thread):
    """Feeds one checker process from the pool's queue, and replaces it when a
    check runs over its deadline or the process dies."""

    def __init__(self, pool: CheckPool, checker: _Checker):
        super().__init__(name=f"deadlint-checker-{checker.pid}", daemon=True)
        self.pool, self.checker = pool, checker
        self.in_flight: deque[_Job] = deque()  # sent to the checker, oldest (the one it checks) first
        self.held: _Job | None = None  # taken from the queue, too big to wait in the pipe

    def run(self) -> None:
        while self._send_more():
            self._collect()
        while self.in_flight:
            self._collect()
        self.checker.kill()

    def _send_more(self) -> bool:
        """Send jobs until PIPELINE_DEPTH are in flight, a second one only while no other
        checker waits for work; False once the pool is closing."""
        while len(self.in_flight) < PIPELINE_DEPTH:
            if self.in_flight and (self.pool.others_waiting() or self.held):
                return True
            try:
                job = self.held or self.pool.take_job(wait=not self.in_flight)
            except queue.Empty:
                return True
            self.held = None
            if job is None:
                return False
            if self.in_flight and len(job.request) > PIPELINE_MAX_BYTES:
                self.held = job
                return True
            if job.future.set_running_or_notify_cancel():  # else its client gave up waiting
                self._send(job)
        return True

    def _send(self, job: _Job) -> None:
        job.timing.mark("queue")
        try:
            self.checker.conn.send_bytes(job.request)
        except OSError:
            pass  # the checker is dead: _collect finds out and replaces it
        self.in_flight.append(job)

    def _collect(self) -> None:
        """The answer to the oldest job in flight, or its failure at its deadline."""
        head = self.in_flight[0]
        try:
            if not self.checker.conn.poll(max(0.0, head.deadline - time.monotonic())):
                self._replace(CheckTimeout(self.pool.over_limit("the check did not finish")))
                return
            status, value, head.timing.worker = pickle.loads(self.checker.conn.recv_bytes())
        except (OSError, EOFError):  # the checker died (killed, out of memory)
            self._replace(RuntimeError("the checker process died"))
            return
        self.in_flight.popleft()
        head.timing.mark("check")
        head.future.set_result((status, value))

    def _replace(self, error: Exception) -> None:
        """A new checker instead of this one; the job it was checking fails with
        ``error``, the jobs waiting behind it go to the new one."""
        self.checker.kill()
        self.checker = self.pool.spawn()
        self.in_flight.popleft().future.set_exception(error)
        behind, self.in_flight = self.in_flight, deque()
        for job in behind:
            if time.monotonic() < job.deadline:
                self._send(job)
            else:  # its client has had its 503; checked now, it would only cost the new checker its life
                job.future.set_exception(CheckTimeout(self.pool.over_limit("the check did not finish")))


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
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        started = time.perf_counter()
        try:
            result = ("ok", json_bytes(answer(checker, request)))
        except Exception:  # noqa: BLE001 - the serve process answers 500 and logs it
            result = ("error", traceback.format_exc())
        conn.send_bytes(pickle.dumps((*result, time.perf_counter() - started), pickle.HIGHEST_PROTOCOL))


def _exit_after(function, *args) -> None:
    """Run a forked process's work and leave without running the parent's cleanup."""
    try:
        function(*args)
    except BaseException:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
    finally:
        os._exit(0)
