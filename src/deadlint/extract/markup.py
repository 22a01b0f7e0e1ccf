"""Spans of a draft that are markup, code, links or template syntax, not prose."""

from __future__ import annotations

import re

from deadlint.extract.masking import regex_spans
from deadlint.regex_prefix import case_class

# The first letter is read from a plain class and checked after, so re skips ahead to it
# (see regex_prefix); "\b" before it is the lookbehind after it.
_URL = re.compile(rf"(?-i:{case_class('hwm')})(?<!\w[\s\S])(?:(?<=h)ttps?://|(?<=w)ww\.|(?<=m)ailto:)[^\s<>\"')\]]+",
                  re.IGNORECASE)
# A match starts only where a run of address characters starts: trying every
# character of a long run as the start of a local part would be quadratic.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Template tags may span lines. An unclosed tag runs to the end of the text
# (and is then dropped), so no later "{{" scans the rest of the text again.
_TEMPLATE_TAGS = ((re.compile(r"\{\{.*?(?:\}\}|\Z)", re.DOTALL), "}}"), (re.compile(r"\{%.*?(?:%\}|\Z)", re.DOTALL), "%}"))
# The bodies exclude their own opening character, so a run of openers never
# makes each one scan to the end of the line.
_PLACEHOLDERS = re.compile(
    r"<attribute\b[^<>]*/?>|\$\{[^{}\n]*\}|%\{[^{}\n]*\}|\[\[[^\[\]\n]*\]\]"
    r"|\{[A-Za-z_][\w.]*\}|%[A-Z][A-Z_]+%"
)
# Words in quotation marks are someone else's ("you wrote “ASAP”") or a name
# ("the 'Deliver ASAP' option"), not the writer's promise. Single quotes count
# only around whole words, so the apostrophe in "we'll" never opens a quote.
_QUOTED = re.compile(
    r'"[^"\n]{1,80}"|“[^”“\n]{1,80}”|”[^”\n]{1,80}”|„[^“”\n]{1,80}[“”]|«[^»\n]{1,80}»|»[^«»\n]{1,80}«'
    r"|'(?<![\w']')[^'\n]{1,80}'(?![\w'])"  # no word or quote before: checked after the quote, so re skips ahead
)
# No word of prose is this long: these are pasted data, rules or art. They are
# masked because spaCy's tokenizer peels affixes off a token one character at
# a time, rescanning the rest each time: quadratic in the token's length.
_LONG_RUN = re.compile(r"(?<!\S)\S{200,}")
_HTML_COMMENT = (re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL), "-->")  # unclosed: to the end, dropped
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")

_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
# An indented code block: lines indented four spaces or a tab, after a blank line.
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^)\]\n]*\)")
_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\n---[ \t\r]*$", re.DOTALL | re.MULTILINE)
# Heading and list markers stay: they are prose. Emphasis markers are masked so
# "**ASAP**" tokenizes like "ASAP".
_EMPHASIS = re.compile(r"(?<![\w*_])(\*\*?|__?)(?=\S)|(?<=\S)(\*\*?|__?)(?![\w*_])")


def _closed_spans(pattern_and_closer: tuple[re.Pattern[str], str], text: str) -> list[tuple[int, int]]:
    """Spans of the matches that end with their closer (an unclosed one ran to the end)."""
    pattern, closer = pattern_and_closer
    return [m.span() for m in pattern.finditer(text) if m.group().endswith(closer)]


def common_spans(text: str) -> list[tuple[int, int]]:
    """Spans masked in every kind of draft."""
    # The e-mail pattern tries every word as a local part: skip it when no "@" could end one.
    spans = regex_spans(_URL, text) + (regex_spans(_EMAIL, text) if "@" in text else [])
    spans += regex_spans(_PLACEHOLDERS, text) + [span for tag in _TEMPLATE_TAGS for span in _closed_spans(tag, text)]
    spans += _closed_spans(_HTML_COMMENT, text) + regex_spans(_LONG_RUN, text)
    return spans + regex_spans(_QUOTED, text)


def markdown_spans(text: str) -> list[tuple[int, int]]:
    """Spans that Markdown syntax adds on top of the common ones."""
    spans = regex_spans(_FRONT_MATTER, text) + regex_spans(_FENCE, text) + regex_spans(_INDENTED_CODE, text)
    spans += regex_spans(_INLINE_CODE, text) + regex_spans(_LINK_TARGET, text)
    spans += regex_spans(_HTML_TAG, text)
    return spans + [m.span() for m in _EMPHASIS.finditer(text)]
