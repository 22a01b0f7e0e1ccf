"""The grammar's shortcuts find what a plain search finds: word alternations written
as a tree of shared beginnings match what the longest-first alternation matches, and
a pattern searched from the first digit has no match starting before it."""

from __future__ import annotations

import random
import re

import pytest

from deadlint.deadlines import lexicon as lx
from deadlint.deadlines.grammar import _alt, grammar_for


def _plain(words) -> str:
    words = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words) + ")"


def _tables(lang: str) -> list[list[str]]:
    return [list(lx.WEEKDAYS[lang]), list(lx.DAY_PARTS[lang]), list(lx.RECURRING_DAYS[lang]),
            list(lx.TIME_PREFIXES[lang]), list(lx.DURATION_BEFORE[lang]), list(lx.NAMED_DAYS[lang]),
            ["in", "in about", "in around", "in  about", "inn", "i", "a b", "a bc", "ab c", "x.y", "x.", "x"]]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_word_tree_matches_the_plain_alternation(lang):
    rng = random.Random(lang)
    for words in filter(None, _tables(lang)):
        # What follows the words decides between a word and a longer one beginning with it.
        for tail in (r"(?!\w)", r"\s+\w", r"(?:\s+\d)?", ""):
            tree = re.compile(_alt(words) + tail, re.IGNORECASE)
            plain = re.compile(_plain(words) + tail, re.IGNORECASE)
            pieces = [*words, *(w[:-1] for w in words if len(w) > 1), *(w.upper() for w in words[:5]),
                      " ", "  ", "\n", "x", "1", ",", "."]
            for _ in range(300):
                text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\t"]) for _ in range(rng.randint(1, 8)))
                assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_words_that_could_meet_under_ignorecase_keep_the_plain_alternation():
    assert "ab(?:c|)" in _alt(["isi", "ab", "abc"])  # a tree
    # "ı" and "i" both match "I"; "May" is case-sensitive: plain alternations.
    assert "abc" in _alt(["ısı", "isi", "ab", "abc"])
    assert "(?-i:May)" in _alt(["May", "march", "mars", "june"], frozenset({"May"}))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_digit_first_patterns_match_only_from_a_digit(lang):
    grammar = grammar_for(lang)
    digit_first = [p for p in grammar.patterns if p.digit_first]
    assert len(digit_first) >= 5
    texts = ["24.11.2026", "2026-11-24", "24 November", "24. marraskuuta", "den 24:e nov", "24-11-2026 klo 12",
             "24-11 klockan 14", "13.–15.7.", "24. päivänä", "x24.11.", "v1.24.11", "€24.11", "24/11", "3rd of May"]
    rng = random.Random(lang)
    for _ in range(500):
        text = " ".join(rng.choice(texts + ["by", "ti", "Tuesday", "the", "at", ",", "(", "\n"]) for _ in range(6))
        for pattern in digit_first:
            assert all(text[m.start()].isdigit() for m in pattern.regex.finditer(text)), (pattern.regex.pattern, text)
