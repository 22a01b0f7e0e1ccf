"""Outlook .msg files through the optional ``extract-msg`` package (``deadlint[msg]``).

extract-msg is GPL-licensed, so it stays out of the core dependencies and is
imported only when a .msg file is met. A .msg is a binary compound file: its
body has no file lines, so lines are counted in the body itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from deadlint.sources.mail import decode_body, message_meta, message_source
from deadlint.sources.model import FileProblem, Source, SourceError, read_regular

MISSING_EXTRA = "install deadlint[msg] to read .msg files"


def read_msg_file(path: Path, *, max_bytes: int) -> Iterator[Source | SourceError]:
    name = str(path)
    try:
        import extract_msg
    except ImportError:
        yield SourceError(name, MISSING_EXTRA)
        return
    try:
        read_regular(path, max_bytes)  # refuses a FIFO, a device or an oversized file before olefile opens it
    except FileProblem as exc:
        yield SourceError(name, str(exc))
        return
    try:
        message = extract_msg.openMsg(name)
        try:
            fields = _fields(message)
        finally:
            message.close()
    except Exception as exc:  # extract-msg raises its own and olefile's error types on damaged files
        yield SourceError(name, f"cannot read Outlook message: {exc}")
        return
    body, html, subject, message_id, in_reply_to, sent_at = fields
    has_plain = bool((body or "").strip())
    if not has_plain and not html:
        yield SourceError(name, "no text or HTML body to check")
        return
    # Outlook keeps a plain-text body next to the HTML one; the HTML is used only without it.
    text = body if has_plain else decode_body(html, None)[0]
    yield message_source(name, text.replace("\r\n", "\n"), html=not has_plain, first_line=None,
                         item=None, sent_at=sent_at, meta=message_meta(subject, message_id, in_reply_to))


def _fields(message) -> tuple:
    sent_at = message.date if isinstance(message.date, datetime) else None
    if sent_at is not None and sent_at.tzinfo is None:
        sent_at = sent_at.replace(tzinfo=timezone.utc)
    return (message.body, message.htmlBody, message.subject, getattr(message, "messageId", None),
            getattr(message, "inReplyTo", None), sent_at)
