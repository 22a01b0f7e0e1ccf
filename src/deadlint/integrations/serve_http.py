"""The HTTP side of ``deadlint serve``: routes, limits and JSON errors.

Why threads and not asyncio: the checks run in other processes, and a
thread per connection (taken from a pool of reused threads) keeps slow
clients (reading a body, reading the answer) from holding up the others, in
plain blocking code.

Slow and stuck clients: each request (line, headers and body) must arrive
within REQUEST_DEADLINE, however slowly its bytes trickle in; at most
MAX_CONNECTIONS are served at once, the next get 503 at once; and on shutdown
a client still sending its request has SHUTDOWN_GRACE seconds to finish before
its connection is cut, so SIGTERM ends the server within seconds whatever the
clients do.

The check itself runs in ``server.checker``, a ``serve_pool.CheckPool`` of
warm worker processes: drafts are checked in parallel, one per core, and a
check that runs over the time limit is answered 503 instead of holding up
the rest.
"""

from __future__ import annotations

import io
import json
import socket
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl, urlsplit

from deadlint import __version__
from deadlint.integrations.serve_pool import CheckTimeout
from deadlint.integrations.serve_request import (
    BadRequest,
    CheckRequest,
    json_bytes,
    parse_json_request,
    parse_options,
)
from deadlint.integrations.serve_timing import RequestTiming

DEFAULT_MAX_BYTES = 1024 * 1024
DISCARD_LIMIT = 16 * 1024 * 1024
JSON_TYPES = {"application/json"}
# A raw message; text/plain is a bare draft, which the same reader takes.
RAW_TYPES = {"message/rfc822", "application/octet-stream", "text/plain"}
ROUTES = {"/check": ("POST",), "/health": ("GET", "HEAD")}
REQUEST_DEADLINE = 15.0  # seconds for a whole request to arrive; a 1 MB body takes far less
# A thread each; a client's next connection may open before its last one's thread has
# ended, so the bound is well above the concurrency a mail gateway really has (64).
MAX_CONNECTIONS = 256
SHUTDOWN_GRACE = 2.0
_BUSY = json.dumps({"error": f"more than {MAX_CONNECTIONS} connections at once; try again"}).encode()


class HTTPError(Exception):
    def __init__(self, status: HTTPStatus, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class CheckServer(HTTPServer):
    """Holds the checker pool; ``server_close`` waits for in-flight requests."""

    # socketserver's default backlog of 5 drops connections when a few clients
    # connect at once, and a dropped SYN costs the client a 1 s retransmit.
    request_queue_size = 128

    def __init__(self, address, checker, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 log_requests: bool = False, log_timings: bool = False, family=None):
        if family is not None:
            self.address_family = family
        self.checker = checker
        self.max_bytes = max_bytes
        self.log_requests = log_requests
        self.log_timings = log_timings
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.reading: set[socket.socket] = set()  # connections whose request is still arriving
        self.reading_lock = threading.Lock()
        # A thread per connection, but reused: starting a new one for each request cost
        # the accepting thread (and its GIL) more than reading and answering the request.
        # The pool grows only when every thread is busy, up to the connection bound.
        self.handlers = ThreadPoolExecutor(MAX_CONNECTIONS, thread_name_prefix="deadlint-request")
        super().__init__(address, Handler)

    def process_request(self, request, client_address):
        accepted = time.perf_counter()
        if not self.slots.acquire(blocking=False):
            self._refuse_busy(request)
            return
        # Marked here, in the accepting thread, not when the handler thread starts: a
        # shutdown that follows at once must see (and may cut) every accepted request.
        self.mark_reading(request, True)
        try:
            self.handlers.submit(self._handle, request, client_address, accepted)
        except BaseException:
            self.mark_reading(request, False)
            self.slots.release()
            raise

    def _handle(self, request, client_address, accepted: float) -> None:
        try:
            Handler(request, client_address, self, accepted)
        except Exception:  # noqa: BLE001 - as socketserver does: log it, keep serving
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self.slots.release()

    def server_close(self) -> None:
        """Close the socket, then wait for every accepted request to be answered."""
        super().server_close()
        self.handlers.shutdown(wait=True)

    def _refuse_busy(self, request: socket.socket) -> None:
        """503 without reading the request: no thread is spent on it."""
        try:
            request.settimeout(1)
            request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
                            b"Retry-After: 1\r\nConnection: close\r\n"
                            b"Content-Length: %d\r\n\r\n%s" % (len(_BUSY), _BUSY))
        except OSError:
            pass  # the client is gone
        self.shutdown_request(request)

    def mark_reading(self, connection: socket.socket, reading: bool) -> None:
        with self.reading_lock:
            (self.reading.add if reading else self.reading.discard)(connection)

    def shutdown(self) -> None:
        """Stop accepting, give clients still sending a request SHUTDOWN_GRACE
        seconds, then cut them off (their reads end): server_close, which
        waits for every handler thread, then returns within seconds."""
        super().shutdown()
        end = time.monotonic() + SHUTDOWN_GRACE
        while self.reading and time.monotonic() < end:
            time.sleep(0.05)
        with self.reading_lock:
            for connection in self.reading:
                try:
                    connection.shutdown(socket.SHUT_RD)
                except OSError:
                    pass


class _DeadlineReader(io.RawIOBase):
    """A socket's bytes, every read bounded by one deadline for the whole request:
    a per-read timeout alone lets a client that sends a byte now and then hold a
    thread forever (slowloris)."""

    def __init__(self, connection: socket.socket, deadline: float):
        self.connection, self.deadline = connection, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("request deadline passed")
        self.connection.settimeout(remaining)
        return self.connection.recv_into(buffer)


class Handler(BaseHTTPRequestHandler):
    server: CheckServer
    server_version = f"deadlint/{__version__}"
    # One request per connection (HTTP/1.0): no idle keep-alive connection can
    # hold a handler thread, and so shutdown, open.
    protocol_version = "HTTP/1.0"
    # Not HTTP/0.9: a request line that does not parse still gets a status
    # line and headers with its JSON error, never a bare body.
    default_request_version = "HTTP/1.0"
    timeout = 10  # for writing the answer; reading the request has its own deadline
    # Headers and body leave in one send on finish: written apart, the body could wait
    # for the client to acknowledge the headers (Nagle's algorithm).
    wbufsize = 64 * 1024

    def __init__(self, request, client_address, server: CheckServer, accepted: float):
        self.timing = RequestTiming(accepted)
        self.status: int | None = None  # of the answer sent, for the timing log
        super().__init__(request, client_address, server)

    def setup(self):
        self.timing.mark("wait")
        super().setup()
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, time.monotonic() + REQUEST_DEADLINE))

    def finish(self):
        self.server.mark_reading(self.connection, False)
        super().finish()
        if self.server.log_timings and self.status is not None:
            self.timing.mark("write")
            sys.stderr.write(f"deadlint serve: {self.timing.line(self.status)}\n")

    def _done_reading(self) -> None:
        self.server.mark_reading(self.connection, False)
        self.connection.settimeout(self.timeout)

    def do_GET(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def _dispatch(self) -> None:
        self.timing.mark("read")  # the request line and headers; a /check marks it again after its body
        try:
            path = urlsplit(self.path).path
            methods = ROUTES.get(path)
            if methods is None:
                raise HTTPError(HTTPStatus.NOT_FOUND, f"no such endpoint {path!r}; use POST /check or GET /health")
            if self.command not in methods:
                raise HTTPError(HTTPStatus.METHOD_NOT_ALLOWED, f"{path} accepts {', '.join(methods)}",
                                {"Allow": ", ".join(methods)})
            if path == "/health":
                self._send_json(HTTPStatus.OK, {"status": "ok", "version": __version__})
            else:
                self._send(HTTPStatus.OK, self._check())
        except HTTPError as exc:
            self._send_json(exc.status, {"error": exc.message}, exc.headers)
        except Exception:  # noqa: BLE001 -- never a traceback to the client; the operator gets it on stderr
            traceback.print_exc(file=sys.stderr)
            self._send_json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal error; see the server log"})

    def _check(self) -> bytes:
        request = self._read_request()
        self.timing.mark("read")
        try:
            return self.server.checker.answer(request, self.timing)
        except CheckTimeout as exc:
            raise HTTPError(HTTPStatus.SERVICE_UNAVAILABLE, str(exc)) from None

    def _read_request(self) -> CheckRequest:
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type not in JSON_TYPES | RAW_TYPES:
            raise HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            f"Content-Type must be application/json, message/rfc822 or application/octet-stream, "
                            f"not {content_type or 'missing'!r}")
        body = self._read_body()
        try:
            if content_type in JSON_TYPES:
                try:
                    obj = json.loads(body)
                except (UnicodeDecodeError, ValueError) as exc:  # ValueError: also a number over 4,300 digits
                    raise BadRequest(f"bad JSON: {exc}") from None
                except RecursionError:
                    raise BadRequest("bad JSON: nested too deeply") from None
                return parse_json_request(obj)
            # Raw bodies carry their options in the query string: /check?language=fi&now=...
            query = dict(parse_qsl(urlsplit(self.path).query))
            return CheckRequest(raw=body, **parse_options(query))
        except BadRequest as exc:
            raise HTTPError(HTTPStatus.BAD_REQUEST, str(exc)) from None

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "chunked bodies are not accepted; send Content-Length")
        length = self.headers.get("Content-Length")
        if length is None:
            raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
        try:
            size = int(length)
            if size < 0:
                raise ValueError
        except ValueError:
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"bad Content-Length {length!r}") from None
        if size > self.server.max_bytes:
            self._discard(size)
            raise HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"request body of {size} bytes is over the limit of {self.server.max_bytes} bytes")
        try:
            body = self.rfile.read(size)
        except TimeoutError:
            raise HTTPError(HTTPStatus.REQUEST_TIMEOUT,
                            f"request not received within {REQUEST_DEADLINE:.0f} s") from None
        finally:
            self._done_reading()
        if len(body) < size:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "request body shorter than its Content-Length")
        return body

    def _discard(self, size: int) -> None:
        """Read and drop a refused body that is not absurdly large: a client still
        sending it when the socket closes gets a reset instead of our 413."""
        if size > DISCARD_LIMIT:
            return
        while size > 0:
            try:
                chunk = self.rfile.read(min(size, 64 * 1024))
            except TimeoutError:
                return
            if not chunk:
                return
            size -= len(chunk)

    def _send_json(self, status: HTTPStatus, obj: dict, headers: dict | None = None) -> None:
        self._send(status, json_bytes(obj), headers)

    def _send(self, status: HTTPStatus, data: bytes, headers: dict | None = None) -> None:
        """Send an answer whose body is ``data``, JSON already encoded."""
        self.status = status
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code, message=None, explain=None):
        """Errors http.server raises itself (bad request line, 501, 414...) as JSON too."""
        self.close_connection = True
        try:
            status = HTTPStatus(code)
            self._send_json(status, {"error": message or status.phrase})
        except OSError:
            pass  # the client is gone

    def log_message(self, format, *args):
        if self.server.log_requests:
            super().log_message(format, *args)

    def log_error(self, format, *args):
        # Timeouts and protocol errors are worth a line even without --log-requests.
        sys.stderr.write(f"deadlint serve: {self.address_string()}: {format % args}\n")
