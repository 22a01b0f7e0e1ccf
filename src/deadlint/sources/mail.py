"""One RFC 822 / MIME message -> the Source of the text its sender is writing.

The body is the message's text/plain part (text/html only when it is the only
body); attachments and forwarded ``message/rfc822`` parts are never linted.
For bodies sent as 7bit/8bit the text lines are lines of the file, so the
part's position in the raw bytes gives ``line_base``; quoted-printable and
base64 hide the real lines, so those bodies count lines in the decoded body
and say so in ``meta["line_basis"]``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from email import errors, policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from deadlint.sources.html_text import html_to_text
from deadlint.sources.model import FileProblem, Source, SourceError, read_regular

_TRANSFER_ENCODED = frozenset({"quoted-printable", "base64"})
# "Re:", Finnish "VS:" (vastaus), Swedish "SV:" (svar), German "AW:", Outlook's "RE[2]:".
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|vs|sv|aw)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_HEADER_FIELD = re.compile(rb"^([!-9;-~]+):")  # printable ASCII up to the colon, no spaces
_MAIL_HEADERS = frozenset({
    b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"mime-version", b"received",
    b"return-path", b"content-type", b"reply-to", b"in-reply-to", b"references", b"delivered-to",
    b"x-mozilla-draft-info", b"x-unsent",
})
_HEADER_END = re.compile(rb"\n\r?\n")

# Defects that mean the MIME structure is damaged, as the user should hear it.
_STRUCTURE_DEFECTS = {
    errors.NoBoundaryInMultipartDefect: "multipart message without a boundary parameter",
    errors.StartBoundaryNotFoundDefect: "MIME boundary never appears in the body (wrong or missing boundary)",
    errors.CloseBoundaryNotFoundDefect: "truncated MIME: the closing boundary is missing",
    errors.MultipartInvariantViolationDefect: "multipart message without any parts",
    errors.InvalidBase64PaddingDefect: "damaged base64 in the body",
    errors.InvalidBase64CharactersDefect: "damaged base64 in the body",
    errors.InvalidBase64LengthDefect: "damaged base64 in the body",
}


def where(name: str, item: str | None) -> str:
    """How errors name a draft: the file, and the item inside a container."""
    return f"{name}[{item}]" if item else name


def looks_like_message(head: bytes) -> bool:
    """Does the data open with an RFC 822 header block (two or more fields, one a mail header)?"""
    fields: list[bytes] = []
    for line in head.replace(b"\r\n", b"\n").split(b"\n")[:60]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and fields:
            continue  # a folded continuation of the previous field
        match = _HEADER_FIELD.match(line)
        if match is None:
            return False
        fields.append(match.group(1).lower())
    return len(fields) >= 2 and any(name in _MAIL_HEADERS for name in fields)


def read_message_file(path: Path, *, max_bytes: int, item: str | None = None) -> Iterator[Source | SourceError]:
    try:
        raw = read_regular(path, max_bytes, "message")
    except FileProblem as exc:
        yield SourceError(where(str(path), item), str(exc))
        return
    yield from read_message(str(path), raw, item=item)


def read_message(name: str, raw: bytes, *, item: str | None = None,
                 lines_before: int = 0) -> Iterator[Source | SourceError]:
    """The message's body as a Source, then one SourceError per problem found.

    ``lines_before``: file lines above the message's first header (its position in an mbox).
    A damaged message still yields whatever body could be read.
    """
    label = where(name, item)
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        body = message.get_body(preferencelist=("plain", "html"))
        source, charset_problem = (None, None) if body is None else _body_source(
            name, item, raw, message, body, lines_before)
        structure_problem = _structure_problem(message)
    except Exception as exc:  # the email package raises assorted error types on hostile input
        yield SourceError(label, f"cannot parse message: {exc}")
        return
    if source is not None:
        yield source
    elif structure_problem is None:
        yield SourceError(label, "no text/plain or text/html body to check")
    for problem in (structure_problem, charset_problem):
        if problem:
            yield SourceError(label, problem)


def message_source(name: str, text: str, *, html: bool, first_line: int | None, item: str | None,
                   sent_at: datetime | None, meta: dict) -> Source:
    """A message body as a Source. ``first_line``: the file line before the body, or None
    when the body's lines are not file lines (transfer-encoded, or a binary container)."""
    if first_line is None:
        meta = {**meta, "line_basis": "decoded-body"}
    base = 0 if first_line is None else first_line
    source = Source(path=name, text=text, item=item, sent_at=sent_at, meta=meta)
    if html:
        converted = html_to_text(text)
        source.text = converted.text
        source.line_numbers = [base + number for number in converted.line_numbers]
    else:
        source.line_base = base
    return source


def message_meta(subject: str | None, message_id: str | None, in_reply_to: str | None) -> dict:
    meta: dict = {}
    if subject:
        meta["subject"] = subject
    if message_id:
        meta["message_id"] = message_id.strip()
    meta["is_reply"] = bool(in_reply_to) or bool(subject and _REPLY_SUBJECT.match(subject))
    return meta


def decode_body(data: bytes, declared: str | None) -> tuple[str, str, str | None]:
    """(text, charset used, problem) for a body's bytes and its declared charset.

    Non-ASCII bytes that form valid UTF-8 are UTF-8 whatever the declaration says:
    a single-byte charset decodes any bytes and would silently produce mojibake,
    while real Latin-1/cp1252 text is practically never valid UTF-8. After that,
    the declaration, then cp1252; undecodable bytes become U+FFFD as a last resort.
    """
    candidates = ["utf-8"] if not data.isascii() else []
    candidates += [declared or "utf-8", "utf-8", "cp1252"]
    for charset in candidates:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
        return text, charset, _charset_problem(declared, charset)
    return data.decode("utf-8", errors="replace"), "utf-8", (
        f"body is not valid in its declared charset {declared!r}, UTF-8 or cp1252; "
        "unreadable bytes were replaced")


def _charset_problem(declared: str | None, used: str) -> str | None:
    if declared is None:
        return None
    try:
        if codecs.lookup(declared).name == codecs.lookup(used).name:
            return None
    except LookupError:
        return f"unknown charset {declared!r}; body read as {used}"
    return f"declared charset {declared!r} does not fit the body; read as {used}"


def _body_source(name: str, item: str | None, raw: bytes, message: EmailMessage, body: EmailMessage,
                 lines_before: int) -> tuple[Source, str | None]:
    text, charset, problem = decode_body(body.get_payload(decode=True) or b"", body.get_content_charset())
    encoded = str(body.get("Content-Transfer-Encoding", "")).strip().lower() in _TRANSFER_ENCODED
    offset = None if encoded else _body_offset(raw, message, body)
    source = message_source(
        name, text.replace("\r\n", "\n"),
        html=body.get_content_subtype() == "html",
        first_line=None if offset is None else lines_before + raw.count(b"\n", 0, offset),
        item=item, sent_at=_sent_at(message),
        meta=message_meta(_header(message, "Subject"), _header(message, "Message-ID"),
                          _header(message, "In-Reply-To")),
    )
    source.encoding = charset
    return source, problem


def _header(message: EmailMessage, name: str) -> str | None:
    value = message.get(name)
    return None if value is None else str(value)


def _sent_at(message: EmailMessage) -> datetime | None:
    value = _header(message, "Date")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    # RFC 5322's "-0000" (zone unknown) parses as naive; UTC is the honest reading.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _structure_problem(message: EmailMessage) -> str | None:
    for part in message.walk():
        for defect in part.defects:
            for kind, problem in _STRUCTURE_DEFECTS.items():
                if isinstance(defect, kind):
                    return problem
    return None


# -- where a part's body starts in the raw bytes

def _body_offset(raw: bytes, message: EmailMessage, target: EmailMessage) -> int | None:
    """Byte offset of ``target``'s body in ``raw``, found by following the MIME tree down
    through the boundaries of each enclosing multipart; None if the bytes disagree
    with the parsed structure (then lines are counted in the decoded body instead)."""
    part, start, end = message, 0, len(raw)
    while True:
        body_start = _after_headers(raw, start, end)
        if part is target:
            return body_start
        if not part.is_multipart() or part.get_boundary() is None:
            return None
        children = part.get_payload()
        regions = _part_regions(raw, body_start, end, part.get_boundary())
        if len(regions) != len(children):
            return None
        for child, (child_start, child_end) in zip(children, regions):
            if any(sub is target for sub in child.walk()):
                part, start, end = child, child_start, child_end
                break
        else:
            return None


def _after_headers(raw: bytes, start: int, end: int) -> int:
    for newline in (b"\n", b"\r\n"):
        if raw.startswith(newline, start):  # a part without headers
            return start + len(newline)
    match = _HEADER_END.search(raw, start, end)
    return match.end() if match else end


def _part_regions(raw: bytes, start: int, end: int, boundary: str) -> list[tuple[int, int]]:
    """(start, end) of each part between the delimiter lines of a multipart body."""
    delimiter = re.compile(rb"^--" + re.escape(boundary.encode("utf-8", "surrogateescape"))
                           + rb"(--)?[ \t]*\r?$", re.MULTILINE)
    regions: list[tuple[int, int]] = []
    part_start = None
    for match in delimiter.finditer(raw, start, end):
        if part_start is not None:
            regions.append((part_start, match.start()))
        if match.group(1):  # the close delimiter
            return regions
        part_start = match.end() + 1
    if part_start is not None:  # truncated: the last part runs to the end
        regions.append((part_start, end))
    return regions
