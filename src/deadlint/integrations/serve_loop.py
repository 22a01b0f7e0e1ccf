"""The event loop of ``deadlint serve``: one thread, non-blocking sockets, one selector.

Why not a thread per connection: the checks run in other processes, so the
serve process only moves bytes, and with 64 busy clients handing each request
from the accepting thread to a handler thread, and its answer from a feeder
thread back, cost more CPU than the moving (the threads take turns at one
GIL). Here the listening socket, every connection and every checker's socket
are watched by one selector, and a request's bytes go from its connection to
a checker and back without changing threads.

A connection may carry many requests (HTTP/1.1 keep-alive): an idle one costs
no thread, only its socket, so an add-in may keep one open.

Slow and stuck clients: each request (line, headers and body) must arrive
within REQUEST_DEADLINE of its first byte (or of the connection, or of the
answer before it), however slowly its bytes trickle in; an answer must leave
within WRITE_DEADLINE; at most MAX_CONNECTIONS are open at once, the next get
503 at once. On shutdown (SIGTERM, SIGINT) the server stops accepting, closes
idle connections, answers every request already read, gives a client still
sending one SHUTDOWN_GRACE seconds to finish, and then exits.
"""

from __future__ import annotations

import selectors
import socket
import sys
import time
import traceback
from http import HTTPStatus

from deadlint.integrations.serve_http import (
    MAX_HEAD_BYTES,
    HTTPError,
    RequestHead,
    answer_bytes,
    check_body_size,
    check_request,
    error_body,
    head_end,
    health_body,
    parse_head,
    route,
)
from deadlint.integrations.serve_pool import CheckPool, CheckTimeout
from deadlint.integrations.serve_timing import RequestTiming

REQUEST_DEADLINE = 15.0  # seconds for a whole request to arrive; a 1 MB body takes far less
WRITE_DEADLINE = 10.0  # seconds for an answer to leave
# Well above the concurrency a mail gateway really has (64); each is a file descriptor.
MAX_CONNECTIONS = 256
SHUTDOWN_GRACE = 2.0
SWEEP_S = 0.05  # how often deadlines are looked at


class CheckServer:
    """Listens on ``address``; ``serve`` answers requests on ``pool`` until ``stop``."""

    def __init__(self, address, *, family=socket.AF_INET, max_bytes: int, log_requests: bool = False,
                 log_timings: bool = False):
        self.max_bytes, self.log_requests, self.log_timings = max_bytes, log_requests, log_timings
        self.listener = socket.socket(family, socket.SOCK_STREAM)
        try:
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.listener.bind(address)
            # A small backlog drops connections when many clients connect at once,
            # and a dropped SYN costs the client a 1 s retransmit.
            self.listener.listen(128)
        except OSError:
            self.listener.close()
            raise
        self.listener.setblocking(False)
        self.server_address = self.listener.getsockname()
        self.selector = selectors.DefaultSelector()
        self.pool: CheckPool | None = None  # set before serve()
        self.connections: set[_Connection] = set()
        self.stopping = False

    def stop(self) -> None:
        """Begin the graceful shutdown (safe to call from a signal handler)."""
        self.stopping = True

    def serve(self) -> None:
        self.selector.register(self.listener, selectors.EVENT_READ, self._accept)
        next_sweep, cut_at = 0.0, None
        while True:
            for key, mask in self.selector.select(SWEEP_S):
                try:
                    key.data(mask)
                except Exception:  # noqa: BLE001 - a bug met by one request must not end the service
                    traceback.print_exc(file=sys.stderr)
            now = time.monotonic()
            if now >= next_sweep:
                next_sweep = now + SWEEP_S
                self.pool.sweep()
                for connection in list(self.connections):
                    connection.sweep(now)
            if self.stopping:
                if cut_at is None:
                    cut_at = now + SHUTDOWN_GRACE
                    self.selector.unregister(self.listener)
                    self.listener.close()
                for connection in list(self.connections):
                    if connection.idle() or (now >= cut_at and connection.reading()):
                        connection.close()
                if not self.connections and not self.pool.busy():
                    return

    def server_close(self) -> None:
        self.listener.close()
        self.selector.close()

    def _accept(self, _mask) -> None:
        for _ in range(MAX_CONNECTIONS):  # all that are waiting, within reason
            try:
                sock, address = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # out of file descriptors, say: the next round may do better
                sys.stderr.write(f"deadlint serve: cannot accept a connection: {exc}\n")
                return
            sock.setblocking(False)
            if len(self.connections) >= MAX_CONNECTIONS:
                _refuse(sock)
            else:
                self.connections.add(_Connection(self, sock, address))

    def log(self, message: str) -> None:
        sys.stderr.write(f"deadlint serve: {message}\n")


def _refuse(sock: socket.socket) -> None:
    """503 without reading the request."""
    try:
        sock.send(answer_bytes(HTTPStatus.SERVICE_UNAVAILABLE,
                               error_body(f"more than {MAX_CONNECTIONS} connections at once; try again"),
                               keep_alive=False, headers={"Retry-After": "1"}))
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the client is gone
    sock.close()


class _Connection:
    """One client's connection: reads a request, waits for its check, writes the answer, and again."""

    def __init__(self, server: CheckServer, sock: socket.socket, address):
        self.server, self.sock, self.address = server, sock, address
        self.buffer = bytearray()  # bytes received and not yet taken
        self.events = 0  # what the selector watches for
        self.closed = False
        self.answered = 0  # requests answered on this connection
        self._next_request(RequestTiming(time.perf_counter()))

    def _next_request(self, timing: RequestTiming | None) -> None:
        """Wait for a request; ``timing`` starts at the connection (None: at the request's first byte)."""
        self.timing = timing
        self.head: RequestHead | None = None
        self.searched = 0  # how far the buffer is known to hold no end of the head
        self.body_size = 0
        self.refused: HTTPError | None = None  # a 413 whose body is being read and dropped
        self.out = memoryview(b"")  # the answer's bytes not yet sent
        self.keep_alive = False
        self.state = "read"  # then "check" (waiting for the checker), then "write"
        self.deadline = time.monotonic() + REQUEST_DEADLINE
        self._watch(selectors.EVENT_READ)
        if self.buffer:  # the client sent its next request without waiting for the answer
            self._take()

    def idle(self) -> bool:
        """Kept alive after an answer, with no byte of another request yet (a new
        connection's request may be on its way: it is not idle)."""
        return self.state == "read" and self.head is None and not self.buffer and self.answered > 0

    def reading(self) -> bool:
        return self.state == "read"

    def _watch(self, events: int) -> None:
        if events == self.events:
            return
        selector = self.server.selector
        if not events:
            selector.unregister(self.sock)
        elif not self.events:
            selector.register(self.sock, events, self._ready)
        else:
            selector.modify(self.sock, events, self._ready)
        self.events = events

    def _ready(self, _mask) -> None:
        try:
            if self.state == "write":
                self._send()
            else:
                self._receive()
        except Exception:  # noqa: BLE001 - never a traceback to the client; the operator gets it on stderr
            traceback.print_exc(file=sys.stderr)
            self._error(HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error; see the server log"))

    def _receive(self) -> None:
        try:
            data = self.sock.recv(256 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client closed its side (or reset it)
            if self.head is not None and self.state == "read":
                self._error(HTTPError(HTTPStatus.BAD_REQUEST, "request body shorter than its Content-Length"))
            else:
                self.close()
            return
        self.buffer += data
        self._take()

    def _take(self) -> None:
        """Take what has arrived of the request: its head, then its body; check it once whole."""
        if self.timing is None:  # a request after another on the same connection starts with its first byte
            self.timing = RequestTiming(time.perf_counter())
        if "wait" not in self.timing.marks:
            self.timing.mark("wait")
        try:
            if self.head is None and not self._take_head():
                return
            if self.refused is not None:
                dropped = min(len(self.buffer), self.body_size)
                del self.buffer[:dropped]
                self.body_size -= dropped
                if not self.body_size:
                    self._error(self.refused)
                return
            if len(self.buffer) < self.body_size:
                return
            body = bytes(self.buffer[:self.body_size])
            del self.buffer[:self.body_size]
            self.timing.mark("read")
            request = check_request(self.head, body)
        except HTTPError as exc:
            self._error(exc)
            return
        self.state = "check"
        self._watch(0)  # nothing more to read until this is answered
        self.server.pool.submit(request, self.timing, self._checked)

    def _take_head(self) -> bool:
        """Parse the head once it is whole and answer what needs no body; True if a body follows."""
        # Searched only where the end may be: a head trickled in byte by byte is not searched again and again.
        end, body_start = head_end(self.buffer, self.searched)
        if end < 0:
            if len(self.buffer) > MAX_HEAD_BYTES:
                raise HTTPError(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                                f"request line and header fields over {MAX_HEAD_BYTES} bytes")
            self.searched = max(0, len(self.buffer) - 3)
            return False
        self.head = parse_head(bytes(self.buffer[:end]))
        del self.buffer[:body_start]
        self.timing.mark("read")  # the request line and headers; a /check marks it again after its body
        if route(self.head) == "/health":
            self._answer(HTTPStatus.OK, health_body(), close=self.head.has_body)
            return False
        try:
            self.body_size = check_body_size(self.head, self.server.max_bytes)
        except HTTPError as exc:
            if not exc.discard:
                raise
            self.refused, self.body_size = exc, exc.discard
        if self.refused is None and self.head.expects_continue and len(self.buffer) < self.body_size:
            try:
                self.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")  # the answer before has left: there is room
            except OSError:
                pass  # without it the client sends the body after a second anyway
        return True

    def _checked(self, result: bytes | Exception) -> None:
        if self.closed:
            return
        if isinstance(result, CheckTimeout):
            self._error(HTTPError(HTTPStatus.SERVICE_UNAVAILABLE, str(result)))
        elif isinstance(result, Exception):
            self.server.log(str(result))
            self._error(HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error; see the server log"))
        else:
            self._answer(HTTPStatus.OK, result)

    def _error(self, exc: HTTPError) -> None:
        """An error answer, after which the connection closes: the rest of the request may be unread."""
        self._answer(exc.status, error_body(exc.message), exc.headers, close=True)

    def _answer(self, status: HTTPStatus, body: bytes, headers: dict | None = None, close: bool = False) -> None:
        self.status = status
        self.keep_alive = not close and not self.server.stopping and self.head is not None and self.head.keep_alive
        self.out = memoryview(answer_bytes(status, body, keep_alive=self.keep_alive, headers=headers,
                                           head_only=self.head is not None and self.head.method == "HEAD"))
        self.state = "write"
        self.deadline = time.monotonic() + WRITE_DEADLINE
        self._send()

    def _send(self) -> None:
        try:
            sent = self.sock.send(self.out)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:  # the client is gone
            self.close()
            return
        self.out = self.out[sent:]
        if self.out:
            self._watch(selectors.EVENT_WRITE)
            return
        self._log()
        self.answered += 1
        if self.keep_alive:
            self._next_request(None)
        else:
            self.close()

    def _log(self) -> None:
        if self.server.log_timings:
            self.timing.mark("write")
            self.server.log(self.timing.line(self.status))
        if self.server.log_requests:
            line = self.head.line if self.head is not None else "-"
            self.server.log(f'{self.address[0]} "{line}" {self.status.value}')

    def sweep(self, now: float) -> None:
        """Enforce the deadline of the request being read or the answer being written."""
        if self.state == "check" or now < self.deadline:
            return
        if self.state == "write" or (self.head is None and not self.buffer):
            self.close()
        elif self.refused is not None:
            self._error(self.refused)
        else:
            self.server.log(f"{self.address[0]}: request not received within {REQUEST_DEADLINE:.0f} s")
            self._error(HTTPError(HTTPStatus.REQUEST_TIMEOUT,
                                  f"request not received within {REQUEST_DEADLINE:.0f} s"))

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._watch(0)
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the client is gone
        self.sock.close()
        self.server.connections.discard(self)
