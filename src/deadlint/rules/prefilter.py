"""Pick, per sentence, the few phrase patterns that could match it.

Every pattern names anchor tokens (see ``patterns.Anchor``); a sentence
without any of a pattern's anchors cannot match it, so its Matcher is not
run there. Whole-word anchors are looked up by the token's lowercase hash;
prefix and suffix anchors (Finnish stems, Swedish endings) are tested on the
few tokens that carry them.
"""

from __future__ import annotations

from collections import defaultdict

from deadlint.rules.patterns import Anchor


class AnchorIndex:
    def __init__(self, anchors: list[Anchor | None], strings) -> None:
        self._always = [i for i, anchor in enumerate(anchors) if anchor is None]
        self._by_word: dict[int, list[int]] = defaultdict(list)
        self._prefixes: dict[str, list[int]] = defaultdict(list)
        self._suffixes: dict[str, list[int]] = defaultdict(list)
        for i, anchor in enumerate(anchors):
            for kind, text in anchor or ():
                if kind == "word":
                    self._by_word[strings.add(text)].append(i)
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
        if self._prefix_tuple or self._suffix_tuple:
            for key in lowers:
                word = self._strings[key]
                if self._prefix_tuple and word.startswith(self._prefix_tuple):
                    found.update(i for p, ids in self._prefixes.items() if word.startswith(p) for i in ids)
                if self._suffix_tuple and word.endswith(self._suffix_tuple):
                    found.update(i for s, ids in self._suffixes.items() if word.endswith(s) for i in ids)
        return found
