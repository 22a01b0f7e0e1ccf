"""Apply suggestions to files (--fix) or show them as a diff (--diff).

Like Ruff's unsafe fixes, a rewrite changes meaning, so nothing is rewritten
unless asked. Only plain-text and Markdown files that were read whole are
touched; a write goes to a temporary file in the same directory and replaces
the original in one rename, so a crash never leaves half a file, and every
byte outside the replaced phrases stays as it was.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from deadlint.findings import Finding
from deadlint.sources import Source
from deadlint.sources.decode import encode_text

FIXABLE_KINDS = frozenset({"text", "markdown"})


def fixable(source: Source) -> bool:
    """Plain-text and Markdown files read whole; never stdin, mail or exports."""
    return source.whole_file and source.kind in FIXABLE_KINDS


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The text with every non-overlapping replacement made, and the findings fixed."""
    fixed: list[Finding] = []
    pieces: list[str] = []
    cursor = 0
    for finding in sorted((f for f in findings if f.replacement is not None), key=lambda f: f.start):
        if finding.start < cursor:
            continue  # overlaps a replacement already made
        pieces += [text[cursor:finding.start], finding.replacement]
        cursor = finding.end
        fixed.append(finding)
    pieces.append(text[cursor:])
    return "".join(pieces), fixed


def unified_diff(source: Source, new_text: str) -> str:
    """A git-style diff (a/ and b/ prefixes for paths below the working directory)."""
    name = Path(os.path.relpath(source.path)).as_posix()
    old, new = (f"a/{name}", f"b/{name}") if not name.startswith("..") else (source.path, source.path)
    return "".join(difflib.unified_diff(
        source.text.splitlines(keepends=True), new_text.splitlines(keepends=True), fromfile=old, tofile=new,
    ))


def write_atomically(path: Path, text: str, encoding: str) -> None:
    """Replace ``path`` with ``text`` in one rename, keeping its permissions."""
    data = encode_text(text, encoding)  # raises before anything is written if it cannot be encoded
    path = path.resolve()  # through a symlink to the file itself: the link stays a link
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".deadlint", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
