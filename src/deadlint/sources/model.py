"""What a reader hands to the rest of the pipeline."""

from __future__ import annotations

import bisect
import hashlib
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO


@dataclass
class Source:
    """One draft: its decoded text and where it came from.

    ``text`` is exactly what the file holds once decoded, so character offsets in
    it map back to lines and columns of the file. ``line_base`` shifts those
    lines for drafts that start part-way into a container file.
    """

    path: str
    text: str
    kind: str = "text"  # "text" | "markdown"; decides which extractor runs
    encoding: str = "utf-8"
    item: str | None = None  # name of the draft inside a container file
    line_base: int = 0
    sent_at: datetime | None = None  # the draft's own send time, when it has one
    meta: dict = field(default_factory=dict)  # extra JSON keys for its findings (subject, message_id...)
    # For text derived from markup (HTML mail, JSON exports): the file line of
    # each line of ``text``. None: text lines are file lines (plus line_base).
    line_numbers: list[int] | None = None
    # With line_numbers: what to add to a column on each line of ``text`` to get
    # the file's column (a JSON value starts part-way into its line). None: nothing.
    column_offsets: list[int] | None = None
    # The text is the whole file, decoded: --fix may write it back. Not for
    # stdin, mail bodies or export values, whose offsets are not the file's.
    whole_file: bool = False
    # A reusable macro: fixed dates in it go stale, and suggestions are reply times.
    timeless: bool = False
    # With whole_file: the digest of the bytes read, so --fix can tell whether
    # someone else changed the file since (and refuse to overwrite their change).
    file_digest: bytes | None = None
    _line_starts: list[int] | None = field(default=None, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, columns in characters."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        index = bisect.bisect_right(self._line_starts, offset) - 1
        column = offset - self._line_starts[index] + 1
        if self.line_numbers is not None:
            row = min(index, len(self.line_numbers) - 1)
            shift = self.column_offsets[row] if self.column_offsets else 0
            return self.line_numbers[row], column + shift
        return index + 1 + self.line_base, column

    def line_text_at(self, offset: int) -> str:
        """The line of ``text`` holding a character offset."""
        self.position(0)
        index = bisect.bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[index]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]


class FileProblem(Exception):
    """A file that cannot be read as a draft; the message is one line."""


# What a non-regular file is, for the one-line refusal.
_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading, never blocking: a FIFO, a device or a
    socket is refused (reading one could wait forever, or never end, as
    /dev/zero). Opened non-blocking and checked on the open descriptor, so a
    file swapped for a FIFO after a directory listing is refused too."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
        raise FileProblem(f"not a regular file ({kind}); skipped")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_regular(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or FileProblem."""
    with open_regular(path) as stream:
        try:
            size = os.fstat(stream.fileno()).st_size
            # Read one byte past the limit: a file that grows while it is read is still caught.
            # Asked for its size first: a read of the limit allocates the limit for every draft.
            data = b"" if size > max_bytes else stream.read(size + 1)
            if size < len(data) <= max_bytes:
                data += stream.read(max_bytes + 1 - len(data))
        except OSError as exc:
            raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    size = max(size, len(data))
    if size > max_bytes:
        raise FileProblem(f"{what} too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB)")
    return data


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


@dataclass(frozen=True)
class ExportFields:
    """Generic export mode: the fields of each record that hold the text, the id
    and the title. Dotted names reach into nested objects ("body.text")."""

    text: tuple[str, ...]
    id: str = "id"
    title: str | None = "title"


@dataclass(frozen=True)
class SourceError:
    """A source that could not be read; reported as one line, exit code 2."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"
