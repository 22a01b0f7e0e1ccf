"""Hypothesis: no text crashes the engine, no bytes crash decoding or reading a file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlint.extract import extract
from deadlint.language import split_by_language
from deadlint.report import locate
from deadlint.sources import Source, SourceError, iter_sources
from deadlint.sources.decode import DecodeError, decode_bytes

SETTINGS = settings(max_examples=200, deadline=None, database=None)

# Pieces the pipeline reacts to: phrases of every rule, dates, times, quote and signature markers,
# Markdown and template syntax, suppression comments, odd characters of every kind.
_PIECES = st.sampled_from([
    "ASAP", "asap", "soon", "shortly", "as soon as possible", "pian", "mahdollisimman pian", "lähipäivinä",
    "snarast", "så snart som möjligt", "inom kort", "keep you posted", "pidämme teidät ajan tasalla",
    "guaranteed", "100%", "taatusti", "garanterat", "hopefully", "toivottavasti", "yritämme", "vi ska försöka",
    "maanantaina", "24.11.", "31.2.", "klo 12", "klo 8-15", "kl. 9", "mennessä", "senast", "by", "Monday",
    "tisdag", "v. 48", "viikolla 53", "2026-02-30", "at 2 pm", "within two business days",
    "\n", "\n\n", "\r\n", "\r", " ", "\t", ".", ",", "!", "?", ":", ">", "> ", "-- \n", "```\n", "~~~\n", "`",
    "**", "__", "{{", "}}", "{%", "%}", "<!-- deadlint-disable -->", "<!-- deadlint-enable -->",
    "<!-- deadlint-disable-next-line vague-deadline -->", "<!--", "-->", "<b>", "</b>", "[x](", ")",
    "On Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:", "-----Original Message-----",
    "From: x\nSent: y", "Terveisin", "Best regards,", "Sent from my iPhone", "https://x.y/z?asap",
    "“", "”", "\"", "'", "«", "»", "„", "\x00", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\u2028",
    "\u2029", "\u200b", "\u200e", "\u202e", "\ufeff", "\u0301", "ß", "İ", "ﬃ", "ǅ", "中文", "العربية",
    "עברית", "Ελληνικά", "русский", "😀", "👩‍👩‍👧", "𝔸", "Ⅻ", "٣", "²", "½", "\U0010ffff",
])
_LONG_WORD = st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=3), st.integers(100, 3000))
TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=50).map("".join),
    st.lists(st.one_of(_PIECES, _LONG_WORD), max_size=5).map(" ".join),
)
LANGS = st.sampled_from([None, "fi", "sv", "en"])
KINDS = st.sampled_from(["text", "markdown"])


@SETTINGS
@given(text=TEXTS, lang=LANGS, kind=KINDS)
def test_no_text_crashes_the_engine(lint, text, lang, kind):
    findings = lint(text, lang, kind)
    source = Source(path="draft.txt", text=text, kind=kind)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.language in {"fi", "sv", "en"}
        located = locate(source, finding)
        assert (located.line, located.column) >= (1, 1)
        assert (located.end_line, located.end_column) > (located.line, located.column)


@SETTINGS
@given(text=TEXTS, kind=KINDS)
def test_extraction_keeps_offsets(text, kind):
    masked = extract(Source(path="draft.txt", text=text, kind=kind)).text
    assert len(masked) == len(text)
    assert all(m == t or (m == " " and t != "\n") for m, t in zip(masked, text))


@SETTINGS
@given(text=TEXTS)
def test_language_runs_cover_the_text_in_order(text):
    previous_end = 0
    for start, end, lang in split_by_language(text):
        assert lang in {"fi", "sv", "en"}
        assert previous_end <= start < end <= len(text)
        previous_end = end


_BYTE_PIECES = st.sampled_from([
    b"From ", b"From: a@b.c\n", b"Subject: x\n", b"Date: Mon, 16 Nov 2026 09:12:00 +0200\n",
    b"Content-Type: text/html; charset=utf-8\n", b"Content-Transfer-Encoding: base64\n", b"MIME-Version: 1.0\n",
    b"\n", b"\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x81", b"\x8d", b"\xe4", b"\xc3\xa4",
    b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"ASAP ", b"mahdollisimman pian ", b"<html><body>", b"=C3=A4",
])
BYTES = st.one_of(st.binary(), st.lists(st.one_of(_BYTE_PIECES, st.binary(max_size=6)), max_size=40).map(b"".join))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("properties")


@SETTINGS
@given(data=BYTES)
def test_no_bytes_crash_decoding(data):
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and isinstance(encoding, str)


@SETTINGS
@given(data=BYTES, suffix=st.sampled_from([".txt", ".md", "", ".eml"]))
def test_no_bytes_crash_reading_a_file(workdir, data, suffix):
    path = workdir / f"draft{suffix}"
    path.write_bytes(data)
    items = list(iter_sources([str(path)]))
    assert items
    for item in items:
        assert isinstance(item, (Source, SourceError))
        if isinstance(item, SourceError):
            assert item.path.startswith(str(path)) and item.problem and "\n" not in item.problem


@SETTINGS
@given(data=BYTES)
def test_no_bytes_crash_the_whole_run(lint, workdir, data):
    path = workdir / "whole.txt"
    path.write_bytes(data)
    for item in iter_sources([str(path)]):
        if isinstance(item, Source):
            lint(item.text, None, item.kind)
