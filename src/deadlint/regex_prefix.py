"""Regex sources that let ``re`` skip ahead to where a match can start.

``re`` searches a text quickly when a pattern's first item is a plain character
class or literal: it then jumps from one such character to the next. It cannot
when the pattern opens with a lookbehind, or with letters under IGNORECASE: it
then tries the whole pattern at every character, which for an alternation of
words costs a try per word. The sources here match exactly what the plain
pattern would: the first letter comes from a case-sensitive class holding every
character IGNORECASE lets it match, and a one-character lookbehind then checks
which word's first letter it is.

Long alternations of words are written as a tree of shared beginnings
(``prefix_tree``): ``re`` tries each alternative of an alternation in turn, so
"in|in about|inside" tries a position three times where "in(?:side| about|)"
tries it once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# Characters that IGNORECASE matches with a letter besides its lower and upper case
# (the dotted and dotless I, the Kelvin sign, the long s, the Ångström sign).
_MORE_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f", "å": "\u212b"}


def case_class(letters: Iterable[str]) -> str:
    """A character class (no IGNORECASE needed) of every character that matches
    one of ``letters`` under IGNORECASE."""
    members: set[str] = set()
    for letter in letters:
        lower, upper = letter.lower(), letter.upper()
        if len(lower) != 1 or len(upper) != 1:
            raise ValueError(f"no one-character case forms: {letter!r}")
        members.update(lower, upper, _MORE_CASES.get(lower, ""))
    return "[" + "".join(re.escape(c) for c in sorted(members)) + "]"


def any_word(words: Iterable[str]) -> str:
    """Source matching any of ``words`` (literal text, tried in the order given) in
    a pattern compiled with IGNORECASE, as ``word1|word2|...`` would, but found by
    skipping to their first letters. For the start of a pattern."""
    words = list(words)
    firsts = case_class({word[0] for word in words})
    tries = "|".join(f"(?<={re.escape(word[0])}){re.escape(word[1:])}" for word in words)
    return f"(?-i:{firsts})(?:{tries})"


def prefix_tree(words: Iterable[str], char_source: Callable[[str], str] = re.escape) -> str:
    """Source matching any of ``words`` as an alternation of them would, written as
    a tree of their shared beginnings ("in(?:side|\\ about|)"). Where one word begins
    with another, the longer is tried first; ``char_source`` writes one character."""
    root: dict = {}
    for word in sorted(words, key=len, reverse=True):
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def source(node: dict) -> str:
        branches = [char_source(char) + source(child) for char, child in node.items() if char]
        if "" in node:
            branches.append("")  # ending here is tried after every longer word
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return source(root)
