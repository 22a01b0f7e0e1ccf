"""spaCy Matchers for the few patterns whose anchors occur in a sentence.

A Matcher walks a sentence token by token for all its patterns at once, and
pays for a Python Token object per token on every call: one call holding the
three or four candidate patterns of a sentence costs about what a call for
one pattern did. So the anchor index picks the candidates, and one Matcher
holding just those is built when that set is first met and kept.

What a Matcher finds for one pattern does not depend on the other patterns it
holds (it follows each pattern's states on its own, in the order they were
added), so every pattern's matches, and their order, are those of a Matcher
holding all the patterns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deadlint.rules.patterns import Anchor
from deadlint.rules.prefilter import AnchorIndex

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Span
    from spacy.vocab import Vocab

TokenPatterns = list[list[dict[str, Any]]]  # what Matcher.add takes for one pattern
# Distinct candidate sets met before the kept Matchers are dropped: a bound for a
# long-running worker; a folder of drafts meets a few hundred.
_MAX_KEPT = 1024
_LOWERS_KEY = "deadlint.lowers"  # in Doc.user_data


class AnchoredMatcher:
    """Patterns, each with its anchor; called on a Span, the matches of the
    patterns that could match there, as (pattern index, start, end) token
    offsets in the span, in the order one Matcher of all the patterns gives."""

    def __init__(self, vocab: Vocab, patterns: list[TokenPatterns], anchors: list[Anchor | None]) -> None:
        self._vocab = vocab
        self._patterns = patterns
        self._index = AnchorIndex(anchors, vocab.strings)
        self._required = [_required_words(pattern, vocab.strings) for pattern in patterns]
        self._kept: dict[frozenset[int], tuple[Matcher, dict[int, int]]] = {}

    def __call__(self, span: Span) -> list[tuple[int, int, int]]:
        lowers = _lowers(span)
        candidates = [i for i in self._index.candidates(lowers) if _may_match(self._required[i], lowers)]
        if not candidates:
            return []
        matcher, indexes = self._matcher(frozenset(candidates))
        return [(indexes[key], start, end) for key, start, end in matcher(span)]

    def _matcher(self, candidates: frozenset[int]) -> tuple[Matcher, dict[int, int]]:
        """A Matcher of the candidates, added in pattern order, and its match ids' pattern indexes."""
        kept = self._kept.get(candidates)
        if kept is None:
            from spacy.matcher import Matcher

            if len(self._kept) >= _MAX_KEPT:
                self._kept.clear()
            # Not validated here: validating each pattern as it is added cost a tenth of a
            # check on new text; tests/test_compiled_patterns.py validates them all once.
            matcher, indexes = Matcher(self._vocab, validate=False), {}
            for i in sorted(candidates):
                matcher.add(str(i), self._patterns[i])
                indexes[self._vocab.strings[str(i)]] = i
            kept = self._kept[candidates] = matcher, indexes
        return kept


def _lowers(span: Span) -> set[int]:
    """The hashes of the span's lowercase tokens, as a set for the anchor index."""
    return set(_doc_lowers(span.doc)[span.start:span.end])


def tokens_key(span: Span) -> tuple[int, ...]:
    """The span's lowercase tokens: with its text, they say how it was split, and so
    everything a pattern can ask of its tokens (text, case, lemma, punctuation)."""
    return tuple(_doc_lowers(span.doc)[span.start:span.end])


def _doc_lowers(doc) -> list[int]:
    """The hashes of the doc's lowercase tokens, read from its array, which is
    made once per doc: a sentence is asked for several cues and look-alikes."""
    lowers = doc.user_data.get(_LOWERS_KEY)
    if lowers is None:
        from spacy.attrs import LOWER

        lowers = doc.user_data[_LOWERS_KEY] = doc.to_array(LOWER).tolist()
    return lowers


# What one alternative of a pattern cannot match without: every word of the first
# set, and one word of each of the others (a token that may be any of several words).
Required = tuple[frozenset[int], tuple[frozenset[int], ...]]


def _required_words(pattern: TokenPatterns, strings) -> list[Required]:
    """For each alternative of a pattern, the words it requires (as lowercase hashes);
    optional tokens, regexes and other attributes require nothing."""
    alternatives = []
    for tokens in pattern:
        every, one_of = set(), []
        for token in tokens:
            value = token.get("LOWER")
            if token.get("OP", "1") not in ("1", "+") or value is None:
                continue
            if isinstance(value, str):
                every.add(strings.add(value))
            elif isinstance(value, dict) and set(value) == {"IN"}:
                one_of.append(frozenset(strings.add(word) for word in value["IN"]))
        alternatives.append((frozenset(every), tuple(one_of)))
    return alternatives


def _may_match(alternatives: list[Required], lowers: set[int]) -> bool:
    """Whether some alternative has every word it requires among the sentence's."""
    for every, one_of in alternatives:
        if every <= lowers and all(not words.isdisjoint(lowers) for words in one_of):
            return True
    return False
