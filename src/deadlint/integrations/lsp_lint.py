"""Lint one editor buffer and place each finding on the buffer's own text.

Plain text and Markdown are checked as they stand, so a finding's offsets are
buffer offsets. An e-mail buffer is checked as a raw message (headers, MIME,
quoting), so its findings come back as file lines and body columns; those are
turned into buffer offsets and checked against the phrase, because a body in
quoted-printable or another charset does not line up column for column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from deadlint.findings import Finding
from deadlint.integrations.lsp_positions import LineIndex
from deadlint.report import Located
from deadlint.service import Checker
from deadlint.sources.walk import KIND_BY_SUFFIX

# Editors' language ids (VS Code's, and "email" as Neovim/Vim name mail buffers "mail").
_KIND_BY_LANGUAGE = {"plaintext": "text", "text": "text", "markdown": "markdown", "email": "email", "mail": "email"}
_KIND_BY_SUFFIX = {**KIND_BY_SUFFIX, ".eml": "email"}


@dataclass(frozen=True)
class BufferFinding:
    """A finding placed on buffer offsets [start, end). ``exact``: the buffer holds the
    phrase there, so the replacement may be written over it."""

    finding: Finding
    start: int
    end: int
    exact: bool


def buffer_kind(uri: str, language_id: str | None) -> str | None:
    """"text", "markdown", "email", or None for a buffer deadlint does not check.

    An .eml file wins over its language id: editors open it as "plaintext",
    yet it must be read as a message or its headers are linted as prose."""
    suffix = PurePosixPath(unquote(urlparse(uri).path)).suffix.lower()
    if _KIND_BY_SUFFIX.get(suffix) == "email":
        return "email"
    return _KIND_BY_LANGUAGE.get(language_id or "") or _KIND_BY_SUFFIX.get(suffix)


def lint_buffer(checker: Checker, uri: str, kind: str, text: str) -> list[BufferFinding]:
    if kind == "email":
        report = checker.check_bytes(text.encode("utf-8"), name=uri)
        index = LineIndex(text)
        return [_place_by_line(index, item) for item in report.findings]
    report = checker.check_text(text, name=uri, kind=kind)
    return [BufferFinding(item.finding, item.finding.start, item.finding.end,
                          text[item.finding.start:item.finding.end] == item.finding.match)
            for item in report.findings]


def _place_by_line(index: LineIndex, item: Located) -> BufferFinding:
    """Where a message finding sits in the raw buffer: at its column if the phrase
    is there, else the phrase's nearest occurrence on that line, else the whole line."""
    match = item.finding.match
    start = index.offset(item.line, item.column)
    if index.text.startswith(match, start):
        return BufferFinding(item.finding, start, start + len(match), True)
    line_start, line_end = index.line_span(start)
    line = index.text[line_start:line_end]
    hits = _occurrences(line, match)
    if hits:
        nearest = line_start + min(hits, key=lambda i: abs(line_start + i - start))
        return BufferFinding(item.finding, nearest, nearest + len(match), True)
    return BufferFinding(item.finding, line_start, line_end, False)


def _occurrences(line: str, phrase: str) -> list[int]:
    found, i = [], line.find(phrase) if phrase else -1
    while i != -1:
        found.append(i)
        i = line.find(phrase, i + 1)
    return found
