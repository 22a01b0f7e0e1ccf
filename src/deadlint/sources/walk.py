"""Turn command-line paths into a stream of sources.

Directories are walked recursively; include/exclude globs match the path
relative to the directory given (and the bare file name), like Ruff's.
Mail containers are recognised wherever they stand: a directory with cur/ and
new/ is a Maildir, a file opening with a "From " line is an mbox.
"""

from __future__ import annotations

import fnmatch
import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from deadlint.sources.containers import (
    MAILDIR_PARTS, is_maildir, looks_like_mbox, read_maildir, read_mbox, read_mbox_file,
)
from deadlint.sources.decode import DecodeError, decode_bytes
from deadlint.sources.front_matter import front_matter_date
from deadlint.sources.mail import looks_like_message, read_message, read_message_file
from deadlint.sources.model import ExportFields, FileProblem, Source, SourceError, digest, open_regular, read_regular

# Helpdesk exports; their reader (and Outlook's) is imported only when one is met,
# to keep the start-up of a one-draft pre-send check short.
EXPORT_SUFFIXES = (".json", ".yaml", ".yml", ".csv")
# Extension -> kind of plain drafts.
KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
# Helpdesk exports are not walked by default: a repository holds many JSON/YAML
# files that are not macros. Name them, or ask for them with --include.
DEFAULT_INCLUDE = (*(f"*{suffix}" for suffix in KIND_BY_SUFFIX), "*.eml", "*.mbox")
_SNIFF_BYTES = 4096
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # far above any real draft; a 50 MB file is a mistake
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox"}


def iter_sources(
    paths: Iterable[str],
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    export_fields: ExportFields | None = None,
) -> Iterator[Source | SourceError]:
    """Yield a Source or a SourceError for every draft the paths name.

    ``max_bytes`` limits each draft: a file, or one message inside a mail folder.
    ``export_fields`` reads JSON/YAML/CSV exports generically instead of
    recognising a helpdesk's export shape.
    """
    for entry in find_drafts(paths, include=include, exclude=exclude):
        if isinstance(entry, SourceError):
            yield entry
        elif entry == STDIN:
            yield from read_bytes("<stdin>", sys.stdin.buffer.read(max_bytes + 1), max_bytes=max_bytes)
        else:
            yield from read_path(entry, max_bytes=max_bytes, export_fields=export_fields)


STDIN = "-"


def find_drafts(paths: Iterable[str], *, include: tuple[str, ...] = (),
                exclude: tuple[str, ...] = ()) -> Iterator[Path | str | SourceError]:
    """The files and Maildirs the paths name, in reading order (``STDIN`` for "-"),
    or a SourceError for a path that names none."""
    sniff_mbox = not include  # with the default globs, extensionless mbox files are found by content
    include = include or DEFAULT_INCLUDE
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for entry in _walk(path, include, exclude, sniff_mbox):
                found = True
                yield entry
            if not found:
                yield SourceError(raw, f"no drafts found (looked for {', '.join(include)}, Maildirs, mbox files)")
        elif path.exists():
            if not _excluded(path, path.name, exclude):
                yield path
        else:
            yield SourceError(raw, "no such file or directory")


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
              export_fields: ExportFields | None = None) -> Iterator[Source | SourceError]:
    """Read a file or a Maildir with the reader its type calls for."""
    suffix = path.suffix.lower()
    if path.is_dir():
        yield from read_maildir(path, max_bytes=max_bytes)
    elif suffix in KIND_BY_SUFFIX:
        yield read_file(path, max_bytes=max_bytes)
    elif suffix == ".eml":
        yield from read_message_file(path, max_bytes=max_bytes)
    elif suffix == ".msg":
        from deadlint.sources.msg import read_msg_file

        yield from read_msg_file(path, max_bytes=max_bytes)
    elif suffix in EXPORT_SUFFIXES:
        from deadlint.sources.helpdesk import read_export

        yield from read_export(path, max_bytes=max_bytes, fields=export_fields)
    else:
        # No telling suffix (Thunderbird's "Drafts", a Maildir message file, ".mbox"):
        # the content decides.
        head = head_of(path)
        if looks_like_mbox(head):
            yield from read_mbox_file(path, max_bytes=max_bytes)
        elif looks_like_message(head):
            yield from read_message_file(path, max_bytes=max_bytes)
        else:
            yield read_file(path, max_bytes=max_bytes)


def read_bytes(name: str, data: bytes, *, kind: str = "text",
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | SourceError]:
    """Drafts from bytes that did not come from a file (stdin, a hook, a request):
    an mbox, a raw RFC 822 message, or else a plain draft of ``kind``."""
    if len(data) <= max_bytes and looks_like_mbox(data):
        yield from read_mbox(name, io.BytesIO(data), max_bytes=max_bytes)
    elif len(data) <= max_bytes and looks_like_message(data[:_SNIFF_BYTES]):
        yield from read_message(name, data)
    else:
        yield _from_bytes(name, data, kind, max_bytes)


def read_outgoing(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | SourceError]:
    """A message about to be sent, of any size: only the text that is linted is
    held to ``max_bytes``; attachments are neither linted nor limited."""
    if not looks_like_message(data[:_SNIFF_BYTES]):
        yield from read_bytes(name, data, max_bytes=max_bytes)
        return
    for item in read_message(name, data):
        if isinstance(item, Source) and (size := len(item.text.encode("utf-8"))) > max_bytes:
            item = SourceError(name, f"text part too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB)")
        yield item


def head_of(path: Path) -> bytes:
    try:
        with open_regular(path) as stream:
            return stream.read(_SNIFF_BYTES)
    except (FileProblem, OSError):
        return b""  # read_file reports the problem


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source | SourceError:
    """Read one file; any problem becomes a SourceError naming it."""
    try:
        data = read_regular(path, max_bytes)
    except FileProblem as exc:
        return SourceError(str(path), str(exc))
    source = _from_bytes(str(path), data, KIND_BY_SUFFIX.get(path.suffix.lower(), "text"), max_bytes)
    if isinstance(source, Source):
        source.whole_file = True
        source.file_digest = digest(data)
    return source


def _from_bytes(name: str, data: bytes, kind: str, max_bytes: int) -> Source | SourceError:
    if len(data) > max_bytes:
        return SourceError(name, f"input too large (> limit {max_bytes / 1e6:.1f} MB)")
    if not data.strip():
        return SourceError(name, "empty file, nothing to check")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        return SourceError(name, str(exc))
    sent_at = front_matter_date(text) if kind == "markdown" else None
    return Source(path=name, text=text, kind=kind, encoding=encoding, sent_at=sent_at)


def _walk(root: Path, include: tuple[str, ...], exclude: tuple[str, ...],
          sniff_mbox: bool) -> Iterator[Path | SourceError]:
    """Files to read and Maildirs (as directories) below root, in a stable order
    (each directory's files, then its subdirectories, depth first), and a
    SourceError for each directory that cannot be listed.

    A loop over a stack rather than os.walk, whose recursion fails on a folder
    nested a thousand deep; symlinked directories are not followed, as there.
    """
    pending = [root]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            yield SourceError(str(here), f"cannot read directory: {exc.strerror or exc}")
            continue
        skipped = set(SKIPPED_DIRS)
        if is_maildir(here):
            if not _excluded(here, here.relative_to(root).as_posix(), exclude):
                yield here
            # Its messages live in cur/new/tmp; Maildir++ subfolders (.Drafts) are walked on.
            skipped.update(MAILDIR_PARTS)
        subdirs = []
        for entry in entries:
            if _is_dir(entry):
                if entry.name not in skipped and not entry.is_symlink():
                    subdirs.append(Path(entry.path))
                continue
            file = Path(entry.path)
            relative = file.relative_to(root).as_posix()
            wanted = _matches(relative, entry.name, include) or (
                sniff_mbox and not file.suffix and looks_like_mbox(head_of(file)))
            if wanted and not _excluded(file, relative, exclude):
                yield file
        pending.extend(reversed(subdirs))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _matches(relative: str, name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative, g) for g in globs)


def _excluded(file: Path, relative: str, exclude: tuple[str, ...]) -> bool:
    return bool(exclude) and (_matches(relative, file.name, exclude) or _matches(file.as_posix(), file.name, exclude))
