"""``deadlint native-host``: the Thunderbird native-messaging host.

Each message, both ways, is a 4-byte native-endian length and that many bytes
of UTF-8 JSON. The extension sends {"id", "text"|"raw", "language"?, "now"?,
"kind"?} (the fields of ``serve_request``); the host answers {"id",
"findings", "summary"} or {"id", "error"}. A bad frame gets an error reply and
the host reads on; EOF at a frame boundary ends it with exit 0.

The add-on starts the host when Thunderbird starts, so the models load while
the user writes; one line on stderr (Thunderbird's Error Console) says when
the host is ready.
"""

from __future__ import annotations

import dataclasses
import json
import os
import struct
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import click

from deadlint.cli import parse_now
from deadlint.findings import SEVERITIES
from deadlint.integrations.serve_request import BadRequest, answer, parse_json_request

HEADER = struct.Struct("=I")  # native byte order, as the browser writes it
# Drafts are small; base64 of a whole message with attachments is not, and is
# not needed (the extension sends the body text). Far above any real draft.
MAX_REQUEST_BYTES = 8 * 1024 * 1024
# Thunderbird drops a host-to-extension message over 1 MB and the port with it.
MAX_REPLY_BYTES = 1024 * 1024


class Truncated(EOFError):
    """The stream ended inside a frame."""


def read_frame(stream: BinaryIO) -> bytes | None:
    """The next frame's payload; None at a clean EOF; BadRequest for an oversized
    frame, whose payload is skipped so the next frame is read in step."""
    header = _read_exactly(stream, HEADER.size, allow_eof=True)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    if size > MAX_REQUEST_BYTES:
        _skip(stream, size)
        raise BadRequest(f"message of {size} bytes is over the limit of {MAX_REQUEST_BYTES} bytes")
    return _read_exactly(stream, size)


def write_frame(stream: BinaryIO, obj: dict) -> None:
    payload = encode_reply(obj)
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def encode_reply(obj: dict) -> bytes:
    """The reply as UTF-8 JSON under Thunderbird's 1 MB limit: if the findings do
    not fit, keep as many as fit and say so (the summary still counts them all,
    so the extension blocks the send either way)."""
    payload = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    if len(payload) <= MAX_REPLY_BYTES or not obj.get("findings"):
        return payload
    findings = obj["findings"]
    low, high = 0, len(findings)  # the most findings that fit, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if len(json.dumps({**obj, "findings": findings[:mid], "truncated": True}, ensure_ascii=False).encode()) \
                <= MAX_REPLY_BYTES:
            low = mid
        else:
            high = mid - 1
    return json.dumps({**obj, "findings": findings[:low], "truncated": True}, ensure_ascii=False).encode("utf-8")


def handle(checker, payload: bytes, now: datetime | None = None) -> dict:
    """One request frame -> one reply object; never raises for bad input.
    ``now`` is the reference time of requests that do not give their own."""
    try:
        obj = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {"id": None, "error": f"bad JSON: {exc}"}
    request_id = obj.get("id") if isinstance(obj, dict) else None
    try:
        request = parse_json_request(obj)
        if request.now is None and now is not None:
            request = dataclasses.replace(request, now=now)
        return {"id": request_id, **answer(checker, request)}
    except BadRequest as exc:
        return {"id": request_id, "error": str(exc)}
    except Exception as exc:  # noqa: BLE001 -- a bug must not kill the host the extension talks to
        import traceback

        traceback.print_exc(file=sys.stderr)
        return {"id": request_id, "error": f"internal error: {type(exc).__name__}"}


def run(checker, stdin: BinaryIO, stdout: BinaryIO, now: datetime | None = None) -> int:
    """Answer frames until EOF: 0 at a clean EOF, 1 if the stream ends mid-frame."""
    while True:
        try:
            payload = read_frame(stdin)
        except BadRequest as exc:
            write_frame(stdout, {"id": None, "error": str(exc)})
            continue
        except Truncated:
            print("deadlint native-host: input ended inside a message", file=sys.stderr)
            return 1
        if payload is None:
            return 0
        write_frame(stdout, handle(checker, payload, now))


def _read_exactly(stream: BinaryIO, size: int, *, allow_eof: bool = False) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            if allow_eof and not data:
                return None
            raise Truncated
        data += chunk
    return data


def _skip(stream: BinaryIO, size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, 1024 * 1024))
        if not chunk:
            raise Truncated
        size -= len(chunk)


def protocol_streams() -> tuple[BinaryIO, BinaryIO]:
    """stdin and a private copy of stdout for frames; fd 1 is pointed at stderr
    so that a stray print, here or in any library, cannot corrupt the protocol."""
    frames = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return sys.stdin.buffer, frames


@click.command(name="native-host", context_settings={"ignore_unknown_options": True})
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Policy file merged over rules.yaml.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), help="Report findings at or above this level.")
@click.option("--now", envvar="DEADLINT_NOW", callback=parse_now, metavar="ISO",
              help="Reference time of requests without their own (default: the time of each check) "
                   "[env: DEADLINT_NOW].")
# Thunderbird starts the host with the manifest's path and the extension id as
# arguments; they are accepted and ignored.
@click.argument("browser_args", nargs=-1, type=click.UNPROCESSED)
def command(config, min_severity, now, browser_args) -> None:
    """Thunderbird native-messaging host: length-prefixed JSON on stdin/stdout."""
    from deadlint.integrations.serve_request import load_checker

    started = time.monotonic()
    stdin, frames = protocol_streams()
    checker = load_checker(config, min_severity)
    print(f"deadlint native-host: ready in {time.monotonic() - started:.2f} s", file=sys.stderr, flush=True)
    sys.exit(run(checker, stdin, frames, now))
