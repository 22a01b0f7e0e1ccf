"""Pick the few phrase patterns that could match, before running Matchers.

Every pattern names anchor tokens (see ``patterns.Anchor``); text without
any of a pattern's anchors cannot match it. Two levels use that:

``TextPrefilter``  on a run's lowercased text, before spaCy: does any anchor
                   occur at all? If not, the run is never tokenized.
``AnchorIndex``    per sentence of a doc: which patterns the Matcher run on it
                   holds (see matchers.py). Whole-word anchors are looked up
                   by the token's lowercase hash; prefix, suffix and regex
                   anchors are tested on the words themselves, once per word.
"""

from __future__ import annotations

import re
from collections import defaultdict

from deadlint.regex_prefix import prefix_tree
from deadlint.rules.patterns import Anchor

# A regex anchor may be searched for in a whole text only if it cannot tell a
# token's edges from the middle of a text: no anchors, boundaries or lookaround.
_CONTEXT_SENSITIVE = re.compile(r"\\[AbBZ]|[\^$]|\(\?[=!<]")


# Letters only (the whole word, a stem, an ending): where such an anchor may
# sit in a text is bounded by non-letters, as a token's edges are. "day" is then
# found in "day" and "2-day", not in "today"; "se" not in every Swedish word.
_LETTERS = re.compile(r"[^\W\d_]+")
_NO_LETTER_BEFORE, _NO_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"


class TextPrefilter:
    """Whether any anchor of any pattern occurs in a text's lowercased form,
    where a token could begin and end: every token's lowercase form occurs
    there, so a "no" is safe.

    A token that the tokenizer's exceptions cut out of a run of letters
    ("gonna" -> "gon" + "na", "won't" -> "wo" + "n't") has no such edge:
    ``uncarved`` turns an anchor that could be one into a plain substring."""

    def __init__(self, anchors: list[Anchor | None]) -> None:
        self._always = any(anchor is None for anchor in anchors)
        literals: dict[str, set[str]] = {"word": set(), "prefix": set(), "suffix": set(), "substring": set()}
        regexes = []
        for kind, text in (piece for anchor in anchors for piece in anchor or ()):
            if kind != "regex":
                literals[kind if _LETTERS.fullmatch(text) else "substring"].add(text)
            elif _CONTEXT_SENSITIVE.search(text):
                self._always = True
            else:
                regexes.append(text)
        # One alternation for the literals (a tree of their shared beginnings: only
        # whether any occurs matters); a pack's regexes apart, as their flags and
        # group names need not combine.
        self._searches = [re.compile(pattern).search for pattern in regexes]
        edges = {"word": (_NO_LETTER_BEFORE, _NO_LETTER_AFTER), "prefix": (_NO_LETTER_BEFORE, ""),
                 "suffix": ("", _NO_LETTER_AFTER), "substring": ("", "")}
        alternatives = [f"{edges[kind][0]}{prefix_tree(texts)}{edges[kind][1]}"
                        for kind, texts in literals.items() if texts]
        if alternatives:
            self._searches.insert(0, re.compile("|".join(alternatives)).search)

    def may_match(self, lowered: str) -> bool:
        return self._always or any(search(lowered) is not None for search in self._searches)


def carved_tokens(tokenizer) -> tuple[frozenset[str], frozenset[str]]:
    """Tokens the tokenizer's exceptions cut from a run of letters: (those with
    a letter just before them, those with a letter just after them)."""
    after_letter, before_letter = set(), set()
    for exception in tokenizer.rules:
        text = exception.lower()
        for token in tokenizer(text):
            start, end = token.idx, token.idx + len(token.text)
            if start > 0 and text[start - 1].isalpha():
                after_letter.add(token.lower_)
            if end < len(text) and text[end].isalpha():
                before_letter.add(token.lower_)
    return frozenset(after_letter), frozenset(before_letter)


def uncarved(anchor: Anchor | None, carved: tuple[frozenset[str], frozenset[str]]) -> Anchor | None:
    """The anchor, with any piece that a carved token could hold searched as a
    plain substring (a regex without edges): found inside words as well."""
    if anchor is None:
        return None
    after_letter, before_letter = carved

    def is_carved(kind: str, text: str) -> bool:
        return ((kind in ("word", "prefix") and any(t.startswith(text) for t in after_letter))
                or (kind in ("word", "suffix") and any(t.endswith(text) for t in before_letter))
                or (kind == "word" and text in after_letter | before_letter))

    return frozenset(("regex", re.escape(text)) if kind != "regex" and is_carved(kind, text) else (kind, text)
                     for kind, text in anchor)


# Words whose patterns an index remembers before it starts over: a bound for a
# long-running worker.
_MAX_WORDS = 100_000


class AnchorIndex:
    def __init__(self, anchors: list[Anchor | None], strings) -> None:
        self._always = [i for i, anchor in enumerate(anchors) if anchor is None]
        self._by_word: dict[int, list[int]] = defaultdict(list)
        self._prefixes: dict[str, list[int]] = defaultdict(list)
        self._suffixes: dict[str, list[int]] = defaultdict(list)
        self._regexes: list[tuple[re.Pattern, int]] = []
        for i, anchor in enumerate(anchors):
            for kind, text in anchor or ():
                if kind == "word":
                    self._by_word[strings.add(text)].append(i)
                elif kind == "regex":
                    self._regexes.append((re.compile(text), i))
                else:
                    (self._prefixes if kind == "prefix" else self._suffixes)[text].append(i)
        self._prefix_tuple = tuple(self._prefixes)
        self._suffix_tuple = tuple(self._suffixes)
        self._strings = strings
        # Words met so far, and those of them that anchor a pattern, with its patterns: a
        # folder of drafts meets the same few thousand words over and over, and most
        # words of a sentence anchor nothing, so a sentence is two set operations.
        self._met: set[int] = set()
        self._of_word: dict[int, tuple[int, ...]] = {}

    def candidates(self, lowers: set[int]) -> set[int]:
        """Indexes of the patterns whose anchors occur among a sentence's tokens,
        given as the hashes of their lowercase forms (``Doc.to_array(LOWER)``)."""
        new = lowers - self._met
        if new:
            if len(self._met) + len(new) > _MAX_WORDS:  # a bound for a long-running worker
                self._met.clear()
                self._of_word.clear()
                new = lowers
            for key in new:
                self._meet(key)
        found = set(self._always)
        for key in lowers & self._of_word.keys():
            found.update(self._of_word[key])
        return found

    def _meet(self, key: int) -> None:
        """Remember the patterns one of whose anchors a word is (or starts, ends, holds)."""
        self._met.add(key)
        found = list(self._by_word.get(key, ()))
        if self._prefix_tuple or self._suffix_tuple or self._regexes:
            word = self._strings[key]
            found += (i for regex, i in self._regexes if regex.search(word))
            if self._prefix_tuple and word.startswith(self._prefix_tuple):
                found += (i for p, ids in self._prefixes.items() if word.startswith(p) for i in ids)
            if self._suffix_tuple and word.endswith(self._suffix_tuple):
                found += (i for s, ids in self._suffixes.items() if word.endswith(s) for i in ids)
        if found:
            self._of_word[key] = tuple(found)
