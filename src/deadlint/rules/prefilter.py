"""Pick the few phrase patterns that could match, before running Matchers.

Every pattern names anchor tokens (see ``patterns.Anchor``); text without
any of a pattern's anchors cannot match it. Two levels use that:

``TextPrefilter``  on a run's lowercased text, before spaCy: does any anchor
                   occur at all? If not, the run is never tokenized.
``AnchorIndex``    per sentence of a doc: which patterns' Matchers to run.
                   Whole-word anchors are looked up by the token's lowercase
                   hash; prefix, suffix and regex anchors are tested on the
                   tokens themselves.
"""

from __future__ import annotations

import re
from collections import defaultdict

from deadlint.rules.patterns import Anchor

# A regex anchor may be searched for in a whole text only if it cannot tell a
# token's edges from the middle of a text: no anchors, boundaries or lookaround.
_CONTEXT_SENSITIVE = re.compile(r"\\[AbBZ]|[\^$]|\(\?[=!<]")


class TextPrefilter:
    """Whether any anchor of any pattern occurs in a text, as a substring of its
    lowercased form: every token's lowercase form is one, so a "no" is safe."""

    def __init__(self, anchors: list[Anchor | None]) -> None:
        self._always = any(anchor is None for anchor in anchors)
        literals, regexes = set(), []
        for kind, text in (piece for anchor in anchors for piece in anchor or ()):
            if kind != "regex":
                literals.add(text)
            elif _CONTEXT_SENSITIVE.search(text):
                self._always = True
            else:
                regexes.append(text)
        # One alternation for the literals; a pack's regexes apart, as their flags
        # and group names need not combine.
        self._searches = [re.compile(pattern).search for pattern in regexes]
        if literals:
            self._searches.insert(0, re.compile("|".join(map(re.escape, literals))).search)

    def may_match(self, lowered: str) -> bool:
        return self._always or any(search(lowered) is not None for search in self._searches)


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

    def candidates(self, lowers: set[int]) -> set[int]:
        """Indexes of the patterns whose anchors occur among a sentence's tokens,
        given as the hashes of their lowercase forms (``Doc.to_array(LOWER)``)."""
        found = set(self._always)
        for key in lowers:
            hit = self._by_word.get(key)
            if hit:
                found.update(hit)
        if self._prefix_tuple or self._suffix_tuple or self._regexes:
            for key in lowers:
                word = self._strings[key]
                found.update(i for regex, i in self._regexes if regex.search(word))
                if self._prefix_tuple and word.startswith(self._prefix_tuple):
                    found.update(i for p, ids in self._prefixes.items() if word.startswith(p) for i in ids)
                if self._suffix_tuple and word.endswith(self._suffix_tuple):
                    found.update(i for s, ids in self._suffixes.items() if word.endswith(s) for i in ids)
        return found
