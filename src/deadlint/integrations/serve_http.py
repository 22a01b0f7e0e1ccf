"""The HTTP side of ``deadlint serve``: a request's head, routes, limits and
JSON errors, and the bytes of an answer.

No sockets here: ``serve_loop`` reads and writes them and calls these. Only
what a check request needs is parsed: the request line, header fields as a
dict, and a body of exactly ``Content-Length`` bytes (no chunked bodies).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus
from urllib.parse import parse_qsl, urlsplit

from deadlint import __version__
from deadlint.integrations.serve_request import (
    BadRequest,
    CheckRequest,
    json_bytes,
    parse_json_request,
    parse_options,
)

DEFAULT_MAX_BYTES = 1024 * 1024
DISCARD_LIMIT = 16 * 1024 * 1024
MAX_HEAD_BYTES = 64 * 1024  # request line and header fields
JSON_TYPES = {"application/json"}
# A raw message; text/plain is a bare draft, which the same reader takes.
RAW_TYPES = {"message/rfc822", "application/octet-stream", "text/plain"}
ROUTES = {"/check": ("POST",), "/health": ("GET", "HEAD")}
SERVER = f"deadlint/{__version__}"
_VERSION = re.compile(r"HTTP/(\d+)\.(\d+)")


class HTTPError(Exception):
    """An error answer; ``discard``: bytes of body to read and drop before answering."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict | None = None, discard: int = 0):
        super().__init__(message)
        self.status, self.message, self.headers, self.discard = status, message, headers or {}, discard


@dataclass
class RequestHead:
    line: str  # the request line, for the log
    method: str
    target: str
    version: str
    headers: dict[str, str]  # names in lower case

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def has_body(self) -> bool:
        return self.headers.get("content-length", "0") != "0" or "transfer-encoding" in self.headers

    @property
    def expects_continue(self) -> bool:
        """Whether the client waits for "100 Continue" before it sends the body (curl does, for large ones)."""
        return self.version == "HTTP/1.1" and self.headers.get("expect", "").lower() == "100-continue"

    @property
    def keep_alive(self) -> bool:
        """Whether the client will send another request on this connection."""
        connection = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in connection
        return "close" not in connection


def head_end(buffer: bytearray, start: int = 0) -> tuple[int, int]:
    """(where the head ends, where the body starts) in ``buffer``, searched from ``start``;
    (-1, -1) if it has not all arrived."""
    end = buffer.find(b"\r\n\r\n", start)
    if end >= 0:
        return end, end + 4
    end = buffer.find(b"\n\n", start)  # bare line feeds, which some hand-written clients send
    return (end, end + 2) if end >= 0 else (-1, -1)


def parse_head(data: bytes) -> RequestHead:
    line, *fields = data.decode("latin-1").splitlines()
    words = line.split()
    if len(words) == 3:
        method, target, version = words
        numbers = _VERSION.fullmatch(version)
        if numbers is None:
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"bad request version {version!r}")
        if int(numbers[1]) != 1:
            raise HTTPError(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, f"HTTP version {version} is not supported")
    elif len(words) == 2 and words[0] == "GET":  # HTTP/0.9 style; still answered with a status line
        (method, target), version = words, "HTTP/1.0"
    else:
        raise HTTPError(HTTPStatus.BAD_REQUEST, f"bad request line {line!r}")
    headers = {}
    for field in fields:
        name, colon, value = field.partition(":")
        if not colon or not name or name != name.strip():
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"bad header field {field[:80]!r}")
        headers[name.lower()] = value.strip()
    return RequestHead(line, method, target, version, headers)


def route(head: RequestHead) -> str:
    """The path, if it exists and takes the method (404, 405 if not)."""
    path = head.path
    methods = ROUTES.get(path)
    if methods is None:
        raise HTTPError(HTTPStatus.NOT_FOUND, f"no such endpoint {path!r}; use POST /check or GET /health")
    if head.method not in methods:
        raise HTTPError(HTTPStatus.METHOD_NOT_ALLOWED, f"{path} accepts {', '.join(methods)}",
                        {"Allow": ", ".join(methods)})
    return path


def content_type(head: RequestHead) -> str:
    return head.headers.get("content-type", "").split(";")[0].strip().lower()


def check_body_size(head: RequestHead, max_bytes: int) -> int:
    """The length of a /check request's body, once its type and length are acceptable."""
    kind = content_type(head)
    if kind not in JSON_TYPES | RAW_TYPES:
        raise HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        f"Content-Type must be application/json, message/rfc822 or application/octet-stream, "
                        f"not {kind or 'missing'!r}")
    if "chunked" in head.headers.get("transfer-encoding", "").lower():
        raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "chunked bodies are not accepted; send Content-Length")
    length = head.headers.get("content-length")
    if length is None:
        raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
    try:
        size = int(length)
        if size < 0:
            raise ValueError
    except ValueError:
        raise HTTPError(HTTPStatus.BAD_REQUEST, f"bad Content-Length {length!r}") from None
    if size > max_bytes:
        # Read and drop a refused body that is not absurdly large: a client still
        # sending it when the socket closes gets a reset instead of our 413.
        raise HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"request body of {size} bytes is over the limit of {max_bytes} bytes",
                        discard=size if size <= DISCARD_LIMIT else 0)
    return size


def check_request(head: RequestHead, body: bytes) -> CheckRequest:
    try:
        if content_type(head) in JSON_TYPES:
            try:
                obj = json.loads(body)
            except (UnicodeDecodeError, ValueError) as exc:  # ValueError: also a number over 4,300 digits
                raise BadRequest(f"bad JSON: {exc}") from None
            except RecursionError:
                raise BadRequest("bad JSON: nested too deeply") from None
            return parse_json_request(obj)
        # Raw bodies carry their options in the query string: /check?language=fi&now=...
        query = dict(parse_qsl(urlsplit(head.target).query))
        return CheckRequest(raw=body, **parse_options(query))
    except BadRequest as exc:
        raise HTTPError(HTTPStatus.BAD_REQUEST, str(exc)) from None


def error_body(message: str) -> bytes:
    return json_bytes({"error": message})


def health_body() -> bytes:
    return json_bytes({"status": "ok", "version": __version__})


_date = (0, "")  # (second, its Date header value): formatting it costs more than the rest of the head


def answer_bytes(status: HTTPStatus, body: bytes, *, keep_alive: bool, head_only: bool = False,
                 headers: dict | None = None) -> bytes:
    """Status line, header fields and ``body`` (JSON), to leave in one send."""
    global _date
    second = int(time.time())
    if _date[0] != second:
        _date = (second, formatdate(second, usegmt=True))
    lines = [f"HTTP/1.1 {status.value} {status.phrase}", f"Server: {SERVER}", f"Date: {_date[1]}",
             "Content-Type: application/json; charset=utf-8", f"Content-Length: {len(body)}",
             f"Connection: {'keep-alive' if keep_alive else 'close'}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head if head_only else head + body
