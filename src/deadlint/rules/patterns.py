r"""The phrase pattern language of rule packs, compiled to spaCy Matcher patterns.

One pattern is a row of words separated by spaces; each word matches one
token, ignoring case:

    asap               the word itself ("bug-free" or "100%" may stand for several tokens)
    soon|shortly       any of these words
    lähipäiv*          any word starting with "lähipäiv" (inflected forms)
    *ade               any word ending with "ade"
    ~guarantee         any inflection of the lemma (languages with lookup lemmas)
    /\d{1,2}[.:]\d\d/  a word matching the regular expression (whole word, lowercased)
    possible?          an optional word (works with the forms above too)
    _                  any one word (``_?``: optionally one)
    (sitten kun|kun)   any of these word sequences; ``(...)?`` makes the group optional

A pattern with groups stands for every combination of their alternatives.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Tokenize = Callable[[str], list[str]]


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message names the pattern."""


def uses_lemmas(pattern: str) -> bool:
    return "~" in pattern


# An anchor names tokens of which at least one must be in a sentence for the
# pattern to match there: ("word", "asap"), ("prefix", "lähipäiv"), ("suffix", "ade"),
# ("regex", "soo+n") for a /regex/ word, searched in the token's lowercase form.
Anchor = frozenset[tuple[str, str]]


@dataclass(frozen=True)
class CompiledPattern:
    """Token patterns for ``Matcher.add`` and, when one exists, their anchor,
    which lets the engine skip patterns that cannot match a sentence."""

    tokens: list[list[dict[str, Any]]]
    anchor: Anchor | None


def compile_pattern(pattern: str, tokenize: Tokenize, common: frozenset[str] = frozenset()) -> CompiledPattern:
    """Every token pattern the pattern stands for, with its anchor.

    ``common`` words (the language's stop words) make poor anchors: "we" is
    in every other sentence, "guarantee" is not.
    """
    compiled = []
    anchor: set[tuple[str, str]] | None = set()
    for words in _expand(_parse(pattern), pattern):
        for variant in itertools.product(*(_split_multi_token(word, tokenize) for word in words)):
            tokens: list[dict[str, Any]] = []
            for word in variant:
                tokens.extend(_word(word, pattern, tokenize))
            if not tokens or all(t.get("OP") == "?" for t in tokens):
                raise PatternError(f"pattern {pattern!r} can match nothing but optional words")
            compiled.append(_across_spaces(tokens))
            best = _best_anchor(variant, tokenize, common)
            anchor = None if anchor is None or best is None else anchor | best
    return CompiledPattern(compiled, frozenset(anchor) if anchor is not None else None)


# Runs of spaces are tokens of their own: "as soon as  possible", or a wrapped
# list item whose next line is indented ("within two\n  days"), must still match.
_EXTRA_SPACE = {"IS_SPACE": True, "OP": "*"}


def _across_spaces(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spaced = tokens[:1]
    for token in tokens[1:]:
        spaced += [_EXTRA_SPACE, token]
    return spaced


def _best_anchor(words: tuple[str, ...], tokenize: Tokenize, common: frozenset[str]) -> Anchor | None:
    """The most selective required word of one variant: no stop words, then the longest."""
    best: tuple[tuple[bool, int], Anchor] | None = None
    for word in words:
        candidate = _word_anchor(word, tokenize, common)
        if candidate and (best is None or candidate[0] > best[0]):
            best = candidate
    return best[1] if best else None


def _word_anchor(word: str, tokenize: Tokenize, common: frozenset[str]) -> tuple[tuple[bool, int], Anchor] | None:
    if word.endswith("?") or word == "_" or word.startswith("~") or "|~" in word:
        return None
    if word.startswith("/"):  # the least selective anchor, taken only when nothing else is
        return (False, 0), frozenset({("regex", word[1:-1])})
    pieces: set[tuple[str, str]] = set()
    rare = True
    for alternative in word.lower().split("|"):
        if alternative.endswith("*"):
            pieces.add(("prefix", alternative.strip("*")))
        elif alternative.startswith("*"):
            pieces.add(("suffix", alternative.strip("*")))
        else:
            # The longest token of a word the tokenizer splits ("bug-free" -> "bug").
            text = max(tokenize(alternative) or [""], key=len)
            if not text:
                return None
            rare = rare and text not in common
            pieces.add(("word", text))
        rare = rare and len(alternative.strip("*")) >= 2
    shortest = min(len(a.strip("*")) for a in word.split("|"))
    return (rare, shortest), frozenset(pieces)


def _split_multi_token(word: str, tokenize: Tokenize) -> list[str]:
    """``bug-free|flawless`` -> ["flawless", "bug-free"]: a token-level alternation
    cannot hold "bug-free", which the tokenizer splits, so it becomes its own variant."""
    if "|" not in word or word.startswith("/"):
        return [word]
    optional = "?" if word.endswith("?") else ""
    alternatives = word.rstrip("?").split("|")
    multi = [alt for alt in alternatives if alt and not alt.startswith(("*", "~", "'"))
             and not alt.endswith("*") and len(tokenize(alt)) > 1]
    if not multi:
        return [word]
    if optional:
        raise PatternError(f"optional word {word!r} holds several-token forms; use a group (...)?")
    single = "|".join(alt for alt in alternatives if alt not in multi)
    return ([single] if single else []) + multi


# -- groups ---------------------------------------------------------------
# A /regex/ word is read whole: its own parentheses are not groups.
_GROUP_OR_WORD = re.compile(r"/(?:\\/|[^/\s])+/\??|\(|\)\??|[^\s()]+")


def _parse(pattern: str) -> list:
    """Nested lists: a group is ("group", [alternatives], optional); a word is a str."""
    stack: list[list] = [[[]]]  # each level: list of alternatives, each a list of elements
    for piece in _GROUP_OR_WORD.findall(pattern):
        if piece == "(":
            stack.append([[]])
        elif piece.startswith(")"):
            if len(stack) == 1:
                raise PatternError(f"pattern {pattern!r}: unbalanced ')'")
            alternatives = stack.pop()
            stack[-1][-1].append(("group", alternatives, piece == ")?"))
        else:
            stack[-1][-1].append(piece)
    if len(stack) != 1:
        raise PatternError(f"pattern {pattern!r}: unbalanced '('")
    return stack[0][0]


def _expand(elements: list, pattern: str) -> list[list[str]]:
    choices: list[list[list[str]]] = []
    for element in elements:
        if isinstance(element, str):
            choices.append([[element]])
            continue
        _, alternatives, optional = element
        options: list[list[str]] = []
        for alternative in alternatives:
            options.extend(_expand(_split_sequences(alternative), pattern))
        if optional:
            options.append([])
        choices.append(options)
    return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*choices)]


def _split_sequences(alternative: list) -> list:
    """Inside a group, a lone "|" word separates word sequences: (sitten kun | kun)."""
    sequences: list[list] = [[]]
    for element in alternative:
        if element == "|":
            sequences.append([])
        else:
            sequences[-1].append(element)
    if len(sequences) == 1:
        return sequences[0]
    return [("group", sequences, False)]


# -- words ----------------------------------------------------------------
def _word(word: str, pattern: str, tokenize: Tokenize) -> list[dict[str, Any]]:
    optional = word.endswith("?") and len(word) > 1 and not (word.startswith("/") and word.endswith("/"))
    if optional:
        word = word[:-1]
    specs = _word_specs(word, pattern, tokenize)
    if optional:
        if len(specs) != 1:
            raise PatternError(f"pattern {pattern!r}: an optional word must be one token, not {word!r}")
        specs[0]["OP"] = "?"
    return specs


def _word_specs(word: str, pattern: str, tokenize: Tokenize) -> list[dict[str, Any]]:
    if word == "_":
        return [{"IS_SPACE": False, "IS_PUNCT": False}]
    if len(word) > 2 and word.startswith("/") and word.endswith("/"):
        whole_word = f"^(?:{word[1:-1]})$"  # what the Matcher runs: "(?i)" in the middle fails there
        try:
            re.compile(whole_word)
        except re.error as exc:
            raise PatternError(f"pattern {pattern!r}: bad regular expression: {exc}") from None
        return [{"LOWER": {"REGEX": whole_word}}]
    alternatives = [alt for alt in word.lower().split("|") if alt]
    if not alternatives:
        raise PatternError(f"pattern {pattern!r}: empty word")
    lemmas = [alt[1:] for alt in alternatives if alt.startswith("~")]
    affixes = [alt for alt in alternatives if alt.startswith("*") or alt.endswith("*")]
    literals = [alt for alt in alternatives if alt not in affixes and not alt.startswith("~")]
    if lemmas and (literals or affixes):
        raise PatternError(f"pattern {pattern!r}: do not mix ~lemma with other forms in one word")
    if lemmas:
        return [{"LEMMA": {"IN": lemmas}}]
    if len(alternatives) == 1 and literals:
        # A lone word is split the way the pipeline splits text ("bug-free" -> bug, -, free).
        return [{"LOWER": piece.lower()} for piece in tokenize(literals[0])]
    if not affixes:
        return [{"LOWER": {"IN": literals}}]
    regex = "|".join([re.escape(lit) + "$" for lit in literals] + [_affix_regex(a) for a in affixes])
    return [{"LOWER": {"REGEX": f"^(?:{regex})"}}]


def _affix_regex(affix: str) -> str:
    """``stem*`` -> prefix match, ``*ending`` -> suffix match (anchored at ^ by the caller)."""
    if affix.startswith("*"):
        return ".*" + re.escape(affix.strip("*")) + "$"
    return re.escape(affix.rstrip("*"))
