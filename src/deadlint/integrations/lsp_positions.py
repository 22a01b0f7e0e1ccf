"""Character offsets in an editor buffer <-> LSP positions.

deadlint counts lines by "\\n" and columns in characters (code points); LSP
counts lines by "\\r\\n", "\\r" or "\\n" and columns in the code units the
client and server agreed on (UTF-16 unless negotiated otherwise), so an emoji
before a phrase moves it two units, not one. Everything goes through buffer
offsets so the two ways of counting never meet.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

# What LSP calls a line break (the spec's EOL list); str.splitlines knows more
# (form feed, U+2028...), which editors do not count as new lines.
_LSP_BREAK = re.compile(r"\r\n|\r|\n")


def utf16_units(text: str) -> int:
    """LSP's default unit: characters outside the BMP take two."""
    return len(text.encode("utf-16-le")) // 2


class LineIndex:
    """One buffer's line starts, both the way deadlint counts and the way LSP does."""

    def __init__(self, text: str):
        self.text = text
        self._newline_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._lsp_starts = [0, *(m.end() for m in _LSP_BREAK.finditer(text))]

    def offset(self, line: int, column: int) -> int:
        """Buffer offset of deadlint's 1-based (line, column), clamped to the buffer."""
        index = min(max(line - 1, 0), len(self._newline_starts) - 1)
        start = self._newline_starts[index]
        return min(start + max(column - 1, 0), self._line_end(start))

    def line_span(self, offset: int) -> tuple[int, int]:
        """Offsets of the start and end (before its break) of the "\\n" line holding ``offset``."""
        start = self._newline_starts[bisect.bisect_right(self._newline_starts, offset) - 1]
        return start, self._line_end(start)

    def position(self, offset: int, units: Callable[[str], int] = utf16_units) -> tuple[int, int]:
        """0-based LSP (line, character) of a buffer offset, ``character`` in ``units``."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self._lsp_starts, offset) - 1
        start = self._lsp_starts[line]
        if offset > start and self.text[offset - 1] == "\r" and self.text[offset:offset + 1] == "\n":
            offset -= 1  # inside a "\r\n": LSP has no position there; use the line's end
        return line, units(self.text[start:offset])

    def _line_end(self, start: int) -> int:
        end = self.text.find("\n", start)
        return len(self.text) if end == -1 else end
