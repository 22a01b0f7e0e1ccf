"""Turn command-line paths into a stream of sources.

Directories are walked recursively; include/exclude globs match the path
relative to the directory given (and the bare file name), like Ruff's.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from deadlint.sources.decode import DecodeError, decode_bytes
from deadlint.sources.model import Source, SourceError

# Extension -> kind. Readers for mail and helpdesk exports register here too.
KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in KIND_BY_SUFFIX)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # far above any real draft; a 50 MB file is a mistake
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox"}


def iter_sources(
    paths: Iterable[str],
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin_kind: str = "text",
) -> Iterator[Source | SourceError]:
    """Yield a Source or a SourceError for every draft the paths name."""
    include = include or DEFAULT_INCLUDE
    for raw in paths:
        if raw == "-":
            yield _from_bytes("<stdin>", sys.stdin.buffer.read(max_bytes + 1), stdin_kind, max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path, include, exclude):
                found = True
                yield read_file(file)
            if not found:
                yield SourceError(raw, f"no drafts found (looked for {', '.join(include)})")
        elif path.exists():
            if not _excluded(path, path.name, exclude):
                yield read_file(path, max_bytes=max_bytes)
        else:
            yield SourceError(raw, "no such file or directory")


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source | SourceError:
    """Read one file; any problem becomes a SourceError naming it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return SourceError(str(path), f"file too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        return SourceError(str(path), f"cannot read: {exc.strerror or exc}")
    return _from_bytes(str(path), data, KIND_BY_SUFFIX.get(path.suffix.lower(), "text"), max_bytes)


def _from_bytes(name: str, data: bytes, kind: str, max_bytes: int) -> Source | SourceError:
    if len(data) > max_bytes:
        return SourceError(name, f"input too large (> limit {max_bytes / 1e6:.1f} MB)")
    if not data.strip():
        return SourceError(name, "empty file, nothing to check")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        return SourceError(name, str(exc))
    return Source(path=name, text=text, kind=kind, encoding=encoding)


def _walk(root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            file = Path(directory, name)
            relative = file.relative_to(root).as_posix()
            if _matches(relative, name, include) and not _excluded(file, relative, exclude):
                yield file


def _matches(relative: str, name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative, g) for g in globs)


def _excluded(file: Path, relative: str, exclude: tuple[str, ...]) -> bool:
    return bool(exclude) and (_matches(relative, file.name, exclude) or _matches(file.as_posix(), file.name, exclude))
