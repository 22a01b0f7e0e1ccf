"""AnchoredMatcher: a pattern is tried only where every word it requires occurs,
and what it finds is what one spaCy Matcher of all the patterns finds."""

from __future__ import annotations

import pytest

from deadlint.nlp.pipeline import get_nlp
from deadlint.rules.matchers import AnchoredMatcher

SPACE = {"IS_SPACE": True, "OP": "*"}
PATTERNS = [
    [[{"LOWER": "do"}, SPACE, {"LOWER": {"IN": ["our", "my"]}}, SPACE, {"LOWER": "best"}]],
    [[{"LOWER": "as"}, {"LOWER": "soon", "OP": "?"}, {"LOWER": "possible"}], [{"LOWER": "asap"}]],
    [[{"LOWER": "right"}, {"LOWER": "away", "OP": "+"}]],
    [[{"LOWER": {"REGEX": "^soo+n$"}}]],
]
ANCHORS = [frozenset({("word", "best")}), frozenset({("word", "possible"), ("word", "asap")}),
           frozenset({("word", "right")}), None]


@pytest.fixture(scope="module")
def nlp():
    return get_nlp("en")


@pytest.mark.parametrize("text", [
    "We will do our best.", "We will do best.", "Our best, as we do.", "As possible as soon.",
    "ASAP!", "as soon possible", "right away away", "right now, sooooon", "the best possible",
])
def test_matches_are_those_of_one_matcher_of_all_patterns(nlp, text):
    from spacy.matcher import Matcher

    doc = nlp(text)
    everything = Matcher(nlp.vocab)
    for i, pattern in enumerate(PATTERNS):
        everything.add(str(i), pattern)
    expected = [(int(nlp.vocab.strings[key]), start, end) for key, start, end in everything(doc[:])]
    assert AnchoredMatcher(nlp.vocab, PATTERNS, ANCHORS)(doc[:]) == expected


def test_a_pattern_missing_a_required_word_never_reaches_a_matcher(nlp):
    matcher = AnchoredMatcher(nlp.vocab, PATTERNS, ANCHORS)
    assert matcher(nlp("the best possible")[:]) == []
    # The anchors "best" and "possible" are there, "do" and "as" are not: only the regex
    # pattern (no anchor, no required word) was handed to a Matcher.
    assert list(matcher._kept) == [frozenset({3})]


def test_anchor_index_starts_over_past_its_bound_without_losing_a_sentence(nlp, monkeypatch):
    from deadlint.rules import prefilter

    monkeypatch.setattr(prefilter, "_MAX_WORDS", 4)
    index = prefilter.AnchorIndex([frozenset({("word", "best")}), frozenset({("prefix", "poss")}), None],
                                  nlp.vocab.strings)
    for text, expected in [("we do our best", {0, 2}), ("as soon as possible, our best", {0, 1, 2}),
                           ("the best possible", {0, 1, 2}), ("nothing here at all", {2})]:
        lowers = {nlp.vocab.strings.add(word) for word in text.replace(",", "").split()}
        assert index.candidates(lowers) == expected, text
