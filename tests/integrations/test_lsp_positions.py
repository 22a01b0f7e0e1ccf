"""Offsets <-> LSP positions, and which buffers the language server checks (no server here)."""

from __future__ import annotations

import pytest

from deadlint.integrations.lsp_lint import buffer_kind
from deadlint.integrations.lsp_positions import LineIndex, utf16_units


def test_emoji_before_the_phrase_counts_two_utf16_units():
    text = "Hei\nKiitos 👋 korjaamme mahdollisimman pian.\n"
    start = text.index("mahdollisimman")
    # "Kiitos " (7) + 👋 (a surrogate pair: 2) + " korjaamme " (11)
    assert LineIndex(text).position(start) == (1, 20)
    assert LineIndex(text).position(start, units=len) == (1, 19)  # a client that negotiated UTF-32


def test_characters_inside_the_bmp_count_one():
    text = "Hyvä ystävä, så snart som möjligt"
    assert LineIndex(text).position(text.index("så")) == (0, 13)


def test_deadlint_line_and_column_map_back_to_the_offset():
    text = "From: a@b.fi\n\nKiitos 😀 mahdollisimman pian\n"
    index = LineIndex(text)
    offset = index.offset(3, 10)  # 1-based, characters: the emoji is one
    assert text[offset:].startswith("mahdollisimman")
    assert index.line_span(offset) == (14, len(text) - 1)


@pytest.mark.parametrize("break_", ["\r\n", "\r"])
def test_lsp_line_breaks_other_than_newline(break_):
    text = f"first{break_}ASAP here"
    assert LineIndex(text).position(text.index("ASAP")) == (1, 0)


def test_an_offset_inside_crlf_is_the_end_of_its_line():
    text = "ASAP\r\nnext"
    assert LineIndex(text).position(5) == (0, 4)


def test_unicode_line_separators_are_not_lsp_line_breaks():
    text = "one\u2028two\x0cASAP"
    assert LineIndex(text).position(text.index("ASAP")) == (0, 8)


def test_out_of_range_positions_are_clamped():
    index = LineIndex("ab\ncd")
    assert index.offset(9, 9) == 5
    assert index.offset(1, 99) == 2
    assert index.position(99) == (1, 2)


def test_utf16_units():
    assert utf16_units("a😀ä") == 4


@pytest.mark.parametrize(("uri", "language_id", "kind"), [
    ("file:///d/draft.txt", "plaintext", "text"),
    ("file:///d/reply.md", "markdown", "markdown"),
    ("untitled:Untitled-1", "markdown", "markdown"),
    ("file:///d/notes", "plaintext", "text"),
    ("file:///d/draft.txt", "", "text"),
    ("file:///d/READ%20ME.markdown", "", "markdown"),
    # Editors open .eml as plain text; it must still be read as a message.
    ("file:///d/outbox/reply.eml", "plaintext", "email"),
    ("file:///d/mutt-host-1000-1", "mail", "email"),
    ("file:///d/x", "email", "email"),
    ("file:///d/app.py", "python", None),
    ("file:///d/data.json", "json", None),
])
def test_buffer_kind(uri, language_id, kind):
    assert buffer_kind(uri, language_id) == kind
