"""Cut an archive into parts that workers read independently.

An mbox file is cut at message boundaries every N messages, found in one pass
over line starts on the machine that plans the audit; each part remembers how
many messages and lines precede it, so its findings carry the same message
names and line numbers as a check of the whole file. Every other draft file
(a helpdesk export, an .eml, a Maildir) is one part: an export is one JSON
document and cannot be cut without parsing it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from deadlint.sources import ExportFields, Source, SourceError
from deadlint.sources.containers import looks_like_mbox, mbox_partitions, read_mbox
from deadlint.sources.walk import STDIN, find_drafts, head_of, read_path

MESSAGES_PER_PART = 2000


@dataclass(frozen=True)
class Partition:
    """A file, or the byte range [start, end) of an mbox file (end None: to the end)."""

    index: int
    path: str
    start: int = 0
    end: int | None = None
    messages_before: int = 0
    lines_before: int = 0
    mbox: bool = False


def plan(paths: list[str], *, include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
         messages_per_part: int = MESSAGES_PER_PART) -> tuple[list[Partition], list[SourceError]]:
    """The parts of the archive the paths name, and the paths that name nothing readable."""
    parts: list[Partition] = []
    errors: list[SourceError] = []
    for entry in find_drafts(paths, include=include, exclude=exclude):
        if isinstance(entry, SourceError):
            errors.append(entry)
        elif entry == STDIN:
            errors.append(SourceError("<stdin>", "an archive audit reads files, not stdin"))
        elif entry.is_file() and looks_like_mbox(head_of(entry)):
            parts += _mbox_parts(entry, len(parts), messages_per_part)
        else:
            parts.append(Partition(len(parts), str(entry)))
    return parts, errors


def _mbox_parts(path: Path, first_index: int, messages_per_part: int) -> list[Partition]:
    with path.open("rb") as stream:
        cuts = list(mbox_partitions(stream, messages_per_part))
    ends = [offset for offset, _, _ in cuts[1:]] + [None]
    return [Partition(first_index + n, str(path), offset, end, before, lines, mbox=True)
            for n, ((offset, before, lines), end) in enumerate(zip(cuts, ends))]


def read(part: Partition, *, max_bytes: int,
         export_fields: ExportFields | None = None) -> Iterator[Source | SourceError]:
    """The drafts of one part, read with deadlint's own readers."""
    if not part.mbox:
        yield from read_path(Path(part.path), max_bytes=max_bytes, export_fields=export_fields)
        return
    try:
        stream = open(part.path, "rb")
    except OSError as exc:
        yield SourceError(part.path, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        stream.seek(part.start)
        yield from read_mbox(part.path, _lines_until(stream, part.end), max_bytes=max_bytes,
                             numbered_from=part.messages_before, lines_from=part.lines_before)


def _lines_until(stream: BinaryIO, end: int | None) -> Iterator[bytes]:
    """The stream's lines up to byte offset ``end`` (a message boundary, so a line start)."""
    position = stream.tell()
    for line in stream:
        if end is not None and position >= end:
            return
        position += len(line)
        yield line
