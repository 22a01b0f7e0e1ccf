"""Blank out spans of a text without moving any other character."""

from __future__ import annotations

import re
from collections.abc import Iterable


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace every non-newline character inside the spans with a space."""
    ordered = sorted(spans)
    if not ordered:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in ordered:
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(_blank(text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _blank(text: str) -> str:
    """Every character but a newline as a space: a line at a time, far quicker than a
    substitution per character."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


def regex_spans(pattern: re.Pattern[str], text: str, group: int = 0) -> list[tuple[int, int]]:
    """Spans of every match (or of one group of every match)."""
    return [m.span(group) for m in pattern.finditer(text) if m.start(group) != -1]
