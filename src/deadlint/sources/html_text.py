"""HTML (mail bodies, macro values) -> plain text whose lines map back to HTML lines.

Only what the sender writes now comes through: quoted history (``<blockquote>``,
Gmail's and Thunderbird's quote containers, everything after Outlook's reply
marker) and signature containers produce no text. Newlines in the HTML source
are kept, so each text line comes from one HTML line and findings land there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tr", "ul",
})
# Paragraph-like blocks end with a blank line, as a plain-text writer would leave.
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "pre", "table", "ul"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_INVISIBLE = frozenset({"head", "script", "style", "template", "title"})

# Containers mail clients put quoted text and signatures in.
_QUOTE_CLASSES = frozenset({"gmail_quote", "gmail_attr", "moz-cite-prefix", "yahoo_quoted",
                            "gmail_signature", "moz-signature"})
_SIGNATURE_IDS = frozenset({"signature", "applemailsignature"})
# Outlook marks where the quoted history begins; nothing after it is the sender's.
_HISTORY_IDS = frozenset({"appendonsend", "divrplyfwdmsg"})

_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")


@dataclass
class HtmlText:
    text: str
    line_numbers: list[int]  # 1-based HTML line of each line of ``text``


def html_to_text(html: str) -> HtmlText:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector.result()


def _element_id(attrs: dict[str, str]) -> str:
    # Outlook prefixes ids with "x_" when it re-quotes a message.
    return attrs.get("id", "").lower().removeprefix("x_")


def _starts_history(attrs: dict[str, str]) -> bool:
    return _element_id(attrs) in _HISTORY_IDS


def _is_quote_or_signature(tag: str, attrs: dict[str, str]) -> bool:
    classes = set(attrs.get("class", "").split())
    return (tag == "blockquote" or bool(classes & _QUOTE_CLASSES)
            or _element_id(attrs) in _SIGNATURE_IDS
            or attrs.get("data-smartmail") == "gmail_signature")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._open: list[str] = []  # open elements, innermost last
        self._hidden_from: int | None = None  # stack depth of the element being dropped
        self._history = False
        self._lines: list[str] = []
        self._numbers: list[int] = []
        self._current: list[str] = []
        self._current_number = 1
        self._current_has_text = False

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._history:
            return
        values = {name: value or "" for name, value in attrs}
        if _starts_history(values):
            self._history = True
            return
        if tag in _VOID:
            if tag in ("br", "hr") and self._hidden_from is None:
                self._newline(self.getpos()[0])
            return
        self._open.append(tag)
        if self._hidden_from is None and (tag in _INVISIBLE or _is_quote_or_signature(tag, values)):
            self._hidden_from = len(self._open)
        if tag in _BLOCKS:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if self._history or tag not in self._open:
            return  # a stray end tag closes nothing
        del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]
        if self._hidden_from is not None and len(self._open) < self._hidden_from:
            self._hidden_from = None
            self._end_line()
        if tag in _BLOCKS:
            self._end_line(blank=tag in _PARAGRAPHS)

    def handle_data(self, data: str) -> None:
        if self._history or self._hidden_from is not None:
            return
        line = self.getpos()[0]
        for index, piece in enumerate(data.split("\n")):
            if index:
                self._newline(line + index)
            self._write(_SPACES.sub(" ", piece), line + index)

    # -- output
    def _write(self, piece: str, line: int) -> None:
        if not self._current_has_text:
            piece = piece.lstrip()
            if not piece:
                return
            self._current_number = line
            self._current_has_text = True
        self._current.append(piece)

    def _newline(self, next_line: int) -> None:
        text = "".join(self._current).rstrip()
        if text or (self._lines and self._lines[-1]):  # at most one blank line in a row
            self._lines.append(text)
            self._numbers.append(self._current_number)
        self._current, self._current_number, self._current_has_text = [], next_line, False

    def _end_line(self, blank: bool = False) -> None:
        """Close the current line if it has text; with ``blank``, leave one empty line too."""
        line = self.getpos()[0]
        if self._current_has_text:
            self._newline(line)
        if blank:
            self._newline(line)

    def result(self) -> HtmlText:
        if self._current_has_text:
            self._newline(self._current_number)
        while self._lines and not self._lines[-1]:
            self._lines.pop()
            self._numbers.pop()
        return HtmlText("\n".join(self._lines) + "\n" if self._lines else "", self._numbers or [1])
