"""Spans of a draft that are markup, code, links or template syntax, not prose."""

from __future__ import annotations

import re

from deadlint.extract.masking import regex_spans

_URL = re.compile(r"\b(?:https?://|www\.|mailto:)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLACEHOLDERS = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|<attribute\b[^>]*/?>|\$\{[^}\n]*\}|%\{[^}\n]*\}|\[\[[^\]\n]*\]\]"
    r"|\{[A-Za-z_][\w.]*\}|%[A-Z][A-Z_]+%",
    re.DOTALL,
)
# Words in quotation marks are someone else's ("you wrote “ASAP”") or a name
# ("the 'Deliver ASAP' option"), not the writer's promise. Single quotes count
# only around whole words, so the apostrophe in "we'll" never opens a quote.
_QUOTED = re.compile(
    r'"[^"\n]{1,80}"|“[^”“\n]{1,80}”|”[^”\n]{1,80}”|„[^“”\n]{1,80}[“”]|«[^»\n]{1,80}»|»[^«»\n]{1,80}«'
    r"|(?<![\w'])'[^'\n]{1,80}'(?![\w'])"
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")

_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
# An indented code block: lines indented four spaces or a tab, after a blank line.
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\n---[ \t\r]*$", re.DOTALL | re.MULTILINE)
# Heading and list markers stay: they are prose. Emphasis markers are masked so
# "**ASAP**" tokenizes like "ASAP".
_EMPHASIS = re.compile(r"(?<![\w*_])(\*\*?|__?)(?=\S)|(?<=\S)(\*\*?|__?)(?![\w*_])")


def common_spans(text: str) -> list[tuple[int, int]]:
    """Spans masked in every kind of draft."""
    # The e-mail pattern tries every word as a local part: skip it when no "@" could end one.
    spans = regex_spans(_URL, text) + (regex_spans(_EMAIL, text) if "@" in text else [])
    spans += regex_spans(_PLACEHOLDERS, text)
    return spans + regex_spans(_HTML_COMMENT, text) + regex_spans(_QUOTED, text)


def markdown_spans(text: str) -> list[tuple[int, int]]:
    """Spans that Markdown syntax adds on top of the common ones."""
    spans = regex_spans(_FRONT_MATTER, text) + regex_spans(_FENCE, text) + regex_spans(_INDENTED_CODE, text)
    spans += regex_spans(_INLINE_CODE, text) + regex_spans(_LINK_TARGET, text)
    spans += regex_spans(_HTML_TAG, text)
    return spans + [m.span() for m in _EMPHASIS.finditer(text)]
