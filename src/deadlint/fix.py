"""Apply suggestions to files (--fix) or show them as a diff (--diff).

Like Ruff's unsafe fixes, a rewrite changes meaning, so nothing is rewritten
unless asked. Only plain-text and Markdown files that were read whole are
touched; a write goes to a temporary file in the same directory and replaces
the original in one rename, so a crash never leaves half a file, and every
byte outside the replaced phrases stays as it was.

Someone else may write the file while it is checked (an editor saving, a
script appending). The write-back refuses, with one line, when the file is no
longer the bytes that were checked; the run is simply repeated. Bytes written
in the instant between that comparison and the rename land in the replaced
file, and are carried over (an append) or win (any other change). The new file
keeps the old one's mode, owner and group; a file with several hard links is
refused, since a rename would split them.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from deadlint.findings import Finding
from deadlint.sources import Source
from deadlint.sources.decode import encode_text
from deadlint.sources.model import FileProblem, digest, open_regular

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


class FixRefused(Exception):
    """The file is left as it is; the message (one line) says why."""


def write_back(path: Path, text: str, encoding: str, checked: bytes) -> None:
    """Replace ``path`` with ``text`` if it still holds the bytes whose digest
    is ``checked``; FixRefused (nothing written) otherwise."""
    data = encode_text(text, encoding)  # raises before anything is written if it cannot be encoded
    path = path.resolve()  # through a symlink to the file itself: the link stays a link
    try:
        current = open_regular(path)
    except FileProblem as exc:
        raise FixRefused(str(exc)) from None
    with current:
        info = os.fstat(current.fileno())
        if info.st_nlink > 1:
            raise FixRefused(f"it has {info.st_nlink} hard links, which a rewrite would split; fix it by hand")
        seen = current.read()
        if digest(seen) != checked:
            raise FixRefused("changed since it was read; run --fix again")
        _replace(path, data, info)
        # A writer that came in between the comparison and the rename wrote
        # to the file that is now replaced: its bytes must not be lost.
        late = os.pread(current.fileno(), os.fstat(current.fileno()).st_size + 1, 0)
    if late == seen:
        return
    if late.startswith(seen):  # appended to: append the same bytes to the fixed file
        with open(path, "ab") as fixed:
            fixed.write(late[len(seen):])
        return
    _replace(path, late, info)
    raise FixRefused("changed while being fixed; the other writer's version is kept")


def _replace(path: Path, data: bytes, like: os.stat_result) -> None:
    """Write ``data`` to a temporary file beside ``path`` with the mode, owner
    and group of ``like``, and rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".deadlint", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            if (like.st_uid, like.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(file.fileno(), like.st_uid, like.st_gid)
                except PermissionError:
                    raise FixRefused(f"owned by uid {like.st_uid} gid {like.st_gid}, which a rewrite "
                                     "by this user cannot keep") from None
            os.fchmod(file.fileno(), like.st_mode & 0o7777)  # after chown, which clears set-id bits
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
