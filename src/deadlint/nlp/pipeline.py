"""Blank spaCy pipelines: tokenizer, sentence boundaries, lookup lemmas where cheap.

Nothing is downloaded: ``spacy.blank`` ships the tokenizer rules, and the
English lemma table comes from spacy-lookups-data. Swedish has a table there
too, but it takes over two seconds to load and lemmatizes few of the words
our rules need, so Swedish phrases list their inflected forms instead.

spaCy is imported by the first ``get_nlp``, not by importing this module: a
draft that no rule could fire on (see ``Rule.prefilter``) is never tokenized,
and a pre-send check of it answers without loading spaCy at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from deadlint.nlp.spacy_import import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

LEMMA_LANGUAGES = frozenset({"en"})
_LIST_MARKERS = frozenset({"-", "*", "•", "–"})
_CONTINUING_PUNCT = frozenset({",", ";", ":", "(", ")", "–", "-"})  # "26.11., klo 10", "25.12. (juldagen)" go on
_NUMBER = re.compile(r"^[\d.:/–-]*\d$")  # 24, 17.11, 24.–26.12
# Abbreviations the tokenizers split from their dot, as written in support mail
# ("mahd. pian", "t.ex. imorgon", "approx. two days"): the dot ends no sentence.
_ABBREVIATIONS = frozenset({
    "mahd", "esim", "ns", "yms", "jne", "tms", "ym", "mm", "ko", "puh", "n", "noin", "klo", "vko", "kpl",
    "t.ex", "bl.a", "ca", "dvs", "osv", "resp", "ev", "kl", "ang", "enl", "fr.o.m", "t.o.m",
    "approx", "e.g", "i.e", "etc", "vs", "incl", "est", "min", "hrs",
})


def _sentence_boundaries(doc: Doc) -> Doc:
    """Sentence starts: spaCy's sentencizer rule, fixed where drafts differ from edited prose.

    The sentencizer's rule: a sentence starts at the first word after a run of
    sentence-final punctuation. Then a blank line or a list item starts a sentence:
    greetings, list items and sign-offs stand on lines of their own with no full
    stop. A blank line after a colon does not: "Din nya tid är:" introduces the
    date below it. A full stop after a number or an abbreviation followed by a
    lowercase word does not end one: Finnish dates and ordinals end in a dot
    ("tiistaina 17.11. klo 9", "24. marraskuuta"), and "toivoitte asennusta mahd.
    pian" is one sentence. In chat an emoji ends a sentence as a full stop does:
    "dom hör av sig till dig 🙂 är det något mer" is two.

    Read from the doc's arrays and written back in one call: a Token object per
    token cost a tenth of a draft's check, and setting token.is_sent_start checks
    the whole doc each time (quadratic in a draft of thousands of dates).
    """
    import numpy
    from spacy.attrs import IS_LOWER, IS_PUNCT, IS_SPACE, LOWER, ORTH, SENT_START, SPACY

    if not len(doc):
        return doc
    strings = doc.vocab.strings
    orths, lowers, puncts, spaces, lower_cased, trailing = doc.to_array(
        [ORTH, LOWER, IS_PUNCT, IS_SPACE, IS_LOWER, SPACY]).T.tolist()
    texts = [strings[orth] for orth in orths]
    final_punct, abbreviations = _sentence_ends()
    starts = [-1] * len(texts)  # spaCy keeps "not a start" as -1
    starts[0] = 1
    after_final = dated = False  # dated: after "17.11." or "mahd.", a dot that is not a full stop
    last_word = None
    for i, text in enumerate(texts):
        final = text in final_punct or _is_emoji(text)
        if after_final and not puncts[i] and not final:
            starts[i] = 1
            after_final = False
        elif final:
            after_final = True
        previous = texts[i - 1] if i else None
        if i and spaces[i - 1] and (
                (previous.count("\n") >= 2 and (last_word is None or texts[last_word] != ":"))
                or ("\n" in previous and text in _LIST_MARKERS)):
            starts[i] = 1
            dated = False
        else:
            if i >= 2 and previous == "." and not trailing[i - 2] and (
                    _NUMBER.match(texts[i - 2]) or lowers[i - 2] in abbreviations):
                dated = True
            if dated and (lower_cased[i] or text[:1].isdigit() or text in _CONTINUING_PUNCT):
                starts[i] = -1
                dated = text in _CONTINUING_PUNCT  # "26.11., klo 10": the word after goes on too
            else:
                dated = False
        if not spaces[i]:
            last_word = i
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").view("uint64"))
    return doc


def _is_emoji(text: str) -> bool:
    """A pictograph token ("🙂", "👍"); cheap for ordinary words, which start below U+2000."""
    return text[:1] >= "\u2000" and unicodedata.category(text[0]) == "So"


@cache
def _sentence_ends() -> tuple[frozenset[str], frozenset[int]]:
    """The sentencizer's sentence-final punctuation, and the ids of _ABBREVIATIONS'
    lowercase forms (as ``Doc.to_array(LOWER)`` gives them)."""
    from spacy.pipeline import Sentencizer
    from spacy.strings import get_string_id

    return frozenset(Sentencizer.default_punct_chars), frozenset(get_string_id(word) for word in _ABBREVIATIONS)


@cache
def get_nlp(lang: str, lemmas: bool = False) -> Language:
    """One pipeline per language and process (the first call pays the load)."""
    spacy = import_spacy()
    if not spacy.Language.has_factory("deadlint_boundaries"):
        spacy.Language.component("deadlint_boundaries", func=_sentence_boundaries)
    nlp = spacy.blank(lang)
    nlp.add_pipe("deadlint_boundaries")
    if lemmas and lang in LEMMA_LANGUAGES:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    return nlp


@dataclass
class Chunk:
    """A run of one language inside a draft, as a spaCy doc.

    ``offset`` is where ``doc`` starts in the authored text, so a token's
    offset in the source is ``offset + token.idx``. ``context`` carries the
    per-run facts rules need (reference time, policy, calendar).
    """

    doc: Doc
    text: str  # the doc's text: ``doc.text`` joins its tokens' texts anew on every access
    offset: int
    lang: str
    context: Any = None
    hits: dict[str, list] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)  # per-chunk results shared by rules

    @cached_property
    def sentences(self) -> list[tuple[Span, str]]:
        """Each sentence with its text, built once (spaCy makes new objects per access)."""
        return [(sent, self.text[sent.start_char:sent.end_char]) for sent in self.doc.sents]


# A newline inside a paragraph: plain-text mail is hard-wrapped at ~72 columns, and a
# phrase broken by the wrap ("as soon as\npossible") must read as one. Blank lines,
# list items and headings keep their newline, as they end a sentence.
_WRAP = re.compile(r"(?<!\n)\n(?![ \t]*(?:\n|[-*•–]\s|\d+[.)]\s|#|$))")


def make_chunk(text: str, start: int, end: int, lang: str, *, lemmas: bool, context: Any = None) -> Chunk:
    """Replacing a wrap's newline with a space keeps every offset where it was."""
    unwrapped = _WRAP.sub(" ", text[start:end])
    return Chunk(doc=get_nlp(lang, lemmas)(unwrapped), text=unwrapped, offset=start, lang=lang, context=context)
