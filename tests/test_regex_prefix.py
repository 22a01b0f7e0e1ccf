"""The fast-scanning regexes match exactly what their plain forms match."""

from __future__ import annotations

import random
import re
import sys

import pytest

from deadlint.extract import markup, quotes
from deadlint.regex_prefix import any_word, case_class

EVERY_CHARACTER = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)


@pytest.mark.parametrize("letter", "abcdefghijklmnopqrstuvwxyzåäöéüõ0'")
def test_case_class_holds_what_ignorecase_matches(letter):
    expected = set(re.compile(re.escape(letter), re.IGNORECASE).findall(EVERY_CHARACTER))
    assert set(re.compile(case_class(letter)).findall(EVERY_CHARACTER)) == expected


def test_case_class_refuses_a_letter_with_a_longer_case_form():
    with pytest.raises(ValueError):
        case_class("ß")


# The plain forms: what the fast ones must match, span for span.
PLAIN = {
    "url": (markup._URL, re.compile(r"\b(?:https?://|www\.|mailto:)[^\s<>\"')\]]+", re.IGNORECASE)),
    "quoted": (markup._QUOTED, re.compile(
        r'"[^"\n]{1,80}"|“[^”“\n]{1,80}”|”[^”\n]{1,80}”|„[^“”\n]{1,80}[“”]|«[^»\n]{1,80}»|»[^«»\n]{1,80}«'
        r"|(?<![\w'])'[^'\n]{1,80}'(?![\w'])")),
    "legal": (quotes._LEGAL_NOTICE, re.compile(
        r"confidential|intended recipient|intended solely|luottamuksellis|konfidentiell|sekretessbelag|fortrolig"
        r"|vertraulich|vertrouwelijk|confidentiel|riservat|poufn", re.IGNORECASE)),
    "words": (re.compile(any_word(["kiitos", "KIRJOITTI", "skrev", "is", "i"]) + r"\b", re.IGNORECASE),
              re.compile(r"(?:kiitos|KIRJOITTI|skrev|is|i)\b", re.IGNORECASE)),
}
PIECES = ["http://", "HTTPS://x.fi/a", "www.", "Www.", "mailto:", "maIlto:", "wwW", "ahttp://", "_www.", "\u212a",
          "'", "\"", "“", "”", "„", "«", "»", "we'll", "'ok'", "a'b'", "''", "\n", " ", "\t", ".", "(", "<", ">",
          "intended recipient", "Intended  recipient", "INTENDED SOLELY", "\u0130ntended solely", "\u0131ntended",
          "konfidentiell", "\u212aonfidentiell", "\u017fekretessbelag", "confidentiel", "luottamuksellis",
          "kiitos", "KIITOS", "\u212aiitos", "kirjoitti", "skrev", "\u017fkrev", "is", "IS", "\u0130s", "i", "\u0131",
          "x", "ä", "9"]


def _texts():
    rng = random.Random(13)
    for _ in range(3000):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_forms_match_the_plain_forms(name):
    fast, plain = PLAIN[name]
    for text in _texts():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
