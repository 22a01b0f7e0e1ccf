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
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from deadlint.nlp.spacy_import import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

LEMMA_LANGUAGES = frozenset({"en"})
_LIST_MARKERS = frozenset({"-", "*", "•", "–"})
_CONTINUING_PUNCT = frozenset({",", ";", ":", ")", "–", "-"})  # "26.11., klo 10" goes on
_NUMBER = re.compile(r"^[\d.:/–-]*\d$")  # 24, 17.11, 24.–26.12
# Abbreviations the tokenizers split from their dot, as written in support mail
# ("mahd. pian", "t.ex. imorgon", "approx. two days"): the dot ends no sentence.
_ABBREVIATIONS = frozenset({
    "mahd", "esim", "ns", "yms", "jne", "tms", "ym", "mm", "ko", "puh", "n", "noin", "klo", "vko", "kpl",
    "t.ex", "bl.a", "ca", "dvs", "osv", "resp", "ev", "kl", "ang", "enl", "fr.o.m", "t.o.m",
    "approx", "e.g", "i.e", "etc", "vs", "incl", "est", "min", "hrs",
})


def _sentence_boundaries(doc: Doc) -> Doc:
    """Fix the sentencizer where drafts differ from edited prose.

    A blank line or a list item starts a sentence: greetings, list items and
    sign-offs stand on lines of their own with no full stop. A blank line after
    a colon does not: "Din nya tid är:" introduces the date below it. A full stop after
    a number or an abbreviation followed by a lowercase word does not end one:
    Finnish dates and ordinals end in a dot ("tiistaina 17.11. klo 9",
    "24. marraskuuta"), and "toivoitte asennusta mahd. pian" is one sentence.
    """
    from spacy.attrs import SENT_START

    # Written back in one call at the end: setting token.is_sent_start checks the
    # whole doc each time, which made a draft of thousands of dates quadratic.
    starts = doc.to_array([SENT_START])
    signed = starts.view("int64")  # spaCy keeps "not a start" as -1 in an unsigned array
    before_previous = previous = last_word = None
    dated = False  # after "17.11." or "mahd.": a dot that is not a full stop
    for token in doc:
        if previous is not None and previous.is_space and (
                (previous.text.count("\n") >= 2 and (last_word is None or last_word.text != ":"))
                or ("\n" in previous.text and token.text in _LIST_MARKERS)):
            signed[token.i] = 1
            dated = False
        else:
            if before_previous is not None and previous.text == "." and not before_previous.whitespace_ and (
                    _NUMBER.match(before_previous.text) or before_previous.lower_ in _ABBREVIATIONS):
                dated = True
            if dated and (token.is_lower or token.text[:1].isdigit() or token.text in _CONTINUING_PUNCT):
                signed[token.i] = -1
                dated = token.text in _CONTINUING_PUNCT  # "26.11., klo 10": the word after goes on too
            else:
                dated = False
        before_previous, previous = previous, token
        if not token.is_space:
            last_word = token
    doc.from_array([SENT_START], starts)
    return doc


@cache
def get_nlp(lang: str, lemmas: bool = False) -> Language:
    """One pipeline per language and process (the first call pays the load)."""
    spacy = import_spacy()
    if not spacy.Language.has_factory("deadlint_boundaries"):
        spacy.Language.component("deadlint_boundaries", func=_sentence_boundaries)
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
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
    offset: int
    lang: str
    context: Any = None
    hits: dict[str, list] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)  # per-chunk results shared by rules

    @cached_property
    def sentences(self) -> list[tuple[Span, str]]:
        """Each sentence with its text, built once (spaCy makes new objects per access)."""
        text = self.doc.text
        return [(sent, text[sent.start_char:sent.end_char]) for sent in self.doc.sents]


# A newline inside a paragraph: plain-text mail is hard-wrapped at ~72 columns, and a
# phrase broken by the wrap ("as soon as\npossible") must read as one. Blank lines,
# list items and headings keep their newline, as they end a sentence.
_WRAP = re.compile(r"(?<!\n)\n(?![ \t]*(?:\n|[-*•–]\s|\d+[.)]\s|#|$))")


def make_chunk(text: str, start: int, end: int, lang: str, *, lemmas: bool, context: Any = None) -> Chunk:
    """Replacing a wrap's newline with a space keeps every offset where it was."""
    unwrapped = _WRAP.sub(" ", text[start:end])
    return Chunk(doc=get_nlp(lang, lemmas)(unwrapped), offset=start, lang=lang, context=context)
