"""Inline suppression comments, as in markdownlint and Vale.

    <!-- deadlint-disable overpromise, vague-deadline -->  ... <!-- deadlint-enable -->
    <!-- deadlint-disable-next-line vague-deadline -->

A disable without rule ids silences every rule; an unmatched disable runs to
the end of the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"<!--\s*deadlint-(disable-next-line|disable|enable)\b([^<>]*?)-->", re.IGNORECASE
)


@dataclass(frozen=True)
class Suppression:
    start: int
    end: int
    rules: frozenset[str] | None  # None: every rule

    def covers(self, offset: int, rule: str) -> bool:
        return self.start <= offset < self.end and (self.rules is None or rule in self.rules)


def find_suppressions(text: str) -> list[Suppression]:
    found: list[Suppression] = []
    open_blocks: dict[frozenset[str] | None, int] = {}
    for match in _DIRECTIVE.finditer(text):
        kind = match.group(1).lower()
        ids = frozenset(re.findall(r"[a-z0-9][a-z0-9_-]*", match.group(2).lower())) or None
        if kind == "disable-next-line":
            line_start = text.find("\n", match.end())
            if line_start != -1:
                line_end = text.find("\n", line_start + 1)
                found.append(Suppression(line_start, len(text) if line_end == -1 else line_end, ids))
        elif kind == "disable":
            open_blocks.setdefault(ids, match.end())
        else:
            # "enable" closes the block with the same ids, or every block when bare.
            for key in [k for k in open_blocks if ids is None or k == ids]:
                found.append(Suppression(open_blocks.pop(key), match.start(), key))
    found.extend(Suppression(start, len(text), ids) for ids, start in open_blocks.items())
    return found
