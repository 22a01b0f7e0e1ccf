"""A finding: one rule firing on one span of one draft."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass
class Finding:
    """Offsets are characters into the source text; reporters turn them into lines."""

    rule: str
    severity: str
    message: str
    start: int
    end: int
    language: str
    match: str  # the engine sets it to the source text of [start, end), line breaks included
    suggestion: str | None = None
    replacement: str | None = None  # what --fix writes over [start, end), when safe
    yields: bool = True  # False: stands even where its rule yields to another in the sentence
