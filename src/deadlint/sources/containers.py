"""Mail folders: mbox files and Maildir directories, read one message at a time.

Both are opened read-only and never locked, flushed or renamed: a Drafts folder
the user's mail client owns must come out of a check exactly as it went in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from deadlint.sources.mail import read_message, read_message_file, where
from deadlint.sources.model import FileProblem, Source, SourceError, open_regular

MAILDIR_PARTS = ("tmp", "new", "cur")
_MBOX_SEPARATOR = b"From "


def looks_like_mbox(head: bytes) -> bool:
    """mbox files open with a "From " envelope line, whatever their name (Thunderbird's ``Drafts``)."""
    return head.startswith(_MBOX_SEPARATOR)


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def read_mbox_file(path: Path, *, max_bytes: int) -> Iterator[Source | SourceError]:
    try:
        stream = open_regular(path)
    except FileProblem as exc:
        yield SourceError(str(path), str(exc))
        return
    with stream:
        yield from read_mbox(str(path), stream, max_bytes=max_bytes)


def read_mbox(name: str, stream: Iterable[bytes], *, max_bytes: int,
              numbered_from: int = 0, lines_from: int = 0) -> Iterator[Source | SourceError]:
    """Each message of an mbox stream, named "message N" (1-based).

    A stream that starts part-way into the file, at a message found by
    ``mbox_partitions``, says how many messages (``numbered_from``) and file lines
    (``lines_from``) come before it, so its messages keep the names and line
    numbers a read of the whole file gives them.

    Streams rather than using ``mailbox.mbox``: that class builds a table of every
    message's offsets before the first one is read, while a single pass here keeps
    one message in memory and counts file lines on the way, which the line
    numbers of unencoded bodies need anyway.
    """
    for number, lines_before, raw in _split_mbox(stream, max_bytes, numbered_from, lines_from):
        item = f"message {number}"
        if raw is None:
            yield SourceError(where(name, item), f"message larger than the limit of {max_bytes / 1e6:.1f} MB")
        else:
            yield from read_message(name, raw, item=item, lines_before=lines_before)


def _split_mbox(lines: Iterable[bytes], max_bytes: int, numbered_from: int = 0,
                lines_from: int = 0) -> Iterator[tuple[int, int, bytes | None]]:
    """(number, file lines before the message's headers, raw bytes or None when too large)."""
    number, lines_before, size = numbered_from, 0, 0
    chunks: list[bytes] = []
    previous_blank = True
    for line_number, line in enumerate(lines, lines_from + 1):
        if _starts_message(line, previous_blank):
            if lines_before:
                yield number, lines_before, None if size > max_bytes else b"".join(chunks)
            number, lines_before, size, chunks = number + 1, line_number, 0, []
        elif lines_before:
            size += len(line)
            if size <= max_bytes:  # an oversized message is counted through, not kept
                chunks.append(line)
        previous_blank = not line.strip()
    if lines_before:
        yield number, lines_before, None if size > max_bytes else b"".join(chunks)


def _starts_message(line: bytes, previous_blank: bool) -> bool:
    """A message starts at a "From " line that opens the file or follows a blank line
    (writers escape body lines that would look like one as ">From ")."""
    return previous_blank and line.startswith(_MBOX_SEPARATOR)


def mbox_partitions(stream: BinaryIO, messages: int) -> Iterator[tuple[int, int, int]]:
    """Where to cut an mbox into parts of ``messages`` messages each, in one pass
    that only looks at line starts: (byte offset of the part, messages before it,
    file lines before it) for every part, the first one at 0, 0, 0."""
    offset = count = 0
    previous_blank = True
    for line_number, line in enumerate(stream):
        if _starts_message(line, previous_blank):
            if count % messages == 0:
                yield offset, count, line_number
            count += 1
        offset += len(line)
        previous_blank = not line.strip()


def read_maildir(root: Path, *, max_bytes: int) -> Iterator[Source | SourceError]:
    """The messages in a Maildir's new/ and cur/ (tmp/ holds deliveries still being written).

    Maildir++ subfolders (``.Drafts``) are Maildirs of their own; the directory
    walk finds them. Each message is named by its Maildir key: the file name
    without the ":2,FLAGS" info part.
    """
    for part in ("new", "cur"):
        try:
            entries = sorted(os.scandir(root / part), key=lambda entry: entry.name)
        except OSError as exc:
            yield SourceError(str(root / part), f"cannot read: {exc.strerror or exc}")
            continue
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_file():
                continue
            yield from read_message_file(Path(entry.path), max_bytes=max_bytes, item=entry.name.split(":", 1)[0])
