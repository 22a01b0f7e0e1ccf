"""Phrase data of one language, compiled once per process into spaCy Matchers.

An anchor index picks, per sentence, the few phrases whose words occur there,
and one Matcher of those runs (see matchers.py); cues and look-alikes are
matched the same way, only where a phrase consulting them matched. The
Matchers are built on the first chunk; until then ``may_match`` answers from
the patterns' anchors alone, without spaCy.

A language's YAML (see plugins/deadlint_en/phrases.yaml) has three parts:

``cues``   named word lists rules consult per sentence (``commitment``, ``past``...)
``ignore`` look-alike phrases that silence any rule's hit they contain
``rules``  per rule id: ``phrases`` to flag, rule-level ``ignore`` phrases and
           ``unless`` cues (applied to every phrase of the rule),
           the ``suggest`` template, whether ``fix`` may write it, ``own_time``
           (a cue that, just after a hit, names the event it waits for) and
           the ``examples`` (``flag:``/``ok:``) the test suite runs.

A phrase is a pattern string or a mapping with ``pattern``, ``when`` (the
sentence must contain one of these cues), ``unless`` (it must contain none of
these) and ``suggest``/``fix`` overrides.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.util
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from deadlint.cache import cache_file, read_json, write_json
from deadlint.nlp import get_nlp
from deadlint.rules import patterns as _patterns_module
from deadlint.rules.clauses import COORDINATORS, RELATIVE_PRONOUNS, SUBJECT_PRONOUNS
from deadlint.rules.matchers import AnchoredMatcher, tokens_key
from deadlint.rules.model import PhraseData
from deadlint.rules.patterns import (
    CompiledPattern,
    PatternError,
    compile_pattern,
    uses_lemmas,
)
from deadlint.rules import prefilter as _prefilter_module
from deadlint.rules.prefilter import TextPrefilter, carved_tokens, uncarved

if TYPE_CHECKING:
    from deadlint.nlp import Chunk

ANY_RULE = "*"
# Cues that speak for one clause of a long sentence only: in "the quote you
# requested is ready, and the dealer will confirm the slot early next week" the vague
# time is ours, and in "the parcel was scanned on Wednesday, so we have filed a
# claim and will keep you posted" no update time is given. (A question about the
# customer's plans stays one question however long.)
CLAUSE_CUES = frozenset({"reported_request", "exact_time", "past", "not_ours"})
# The compiler's own source (and the anchors' rules) are part of the cache key:
# a changed compiler never reads old results.
_COMPILER_DIGEST = hashlib.sha1(b"".join(Path(module.__file__).read_bytes()
                                         for module in (_patterns_module, _prefilter_module))).hexdigest()


@dataclass(frozen=True)
class PhraseEntry:
    rule: str
    pattern: str
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    suggest: str | None = None  # None: the rule's template for this language
    fix: bool | None = None  # None: the rule's setting for this language


@dataclass(frozen=True)
class Hit:
    entry: PhraseEntry
    start: int  # character offsets in the chunk's doc
    end: int
    text: str
    # The hit names its own time ("and let you know once it is installed"), so
    # a vague time elsewhere in the sentence is not its time: it stands even
    # where its rule yields to another.
    own_time: bool = False


class _SentenceHit(NamedTuple):
    entry: PhraseEntry
    start: int  # character offsets in the sentence
    end: int
    own_time: bool


@dataclass
class _SentenceReading:
    """What the phrase data found in one sentence: its hits, once matched, and
    the cues and look-alikes asked of it so far (token offsets in the sentence)."""

    hits: list[_SentenceHit] | None = None
    seen: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


# Distinct sentences remembered before the readings are dropped, and the longest
# remembered: bounds for a long-running worker (a reading is a few hundred bytes).
_MAX_READINGS = 20_000
_REMEMBERED_LENGTH = 1000
_READINGS_KEY = "deadlint.readings"  # in Doc.user_data: the readings of its sentences, by token span


@dataclass
class _Matchers:
    phrases: AnchoredMatcher  # the entries, in entry order
    cues: dict[str, AnchoredMatcher]
    ignores: dict[str, AnchoredMatcher]  # per rule id, and ANY_RULE


class PhraseDataError(ValueError):
    """Bad phrase data; the message names the pack file."""


class PhraseIndex:
    """Every pattern of one language, compiled once; ``run`` matches a chunk."""

    def __init__(self, lang: str, sources: list[PhraseData], overrides: dict[str, dict[str, list[str]]] | None = None):
        self.lang = lang
        self.entries: list[PhraseEntry] = []
        self.rule_settings: dict[str, dict[str, Any]] = {}
        self.examples: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"flag": [], "ok": []})
        self._ignores: list[tuple[str, str]] = []  # (rule or ANY_RULE, pattern)
        self._cues: list[tuple[str, str]] = []
        for source in sources:
            try:
                self._read(source.data)
            except (PatternError, TypeError, AttributeError, KeyError) as exc:
                raise PhraseDataError(f"{source.path}: {exc}") from None
        for rule, extra in (overrides or {}).items():
            self.entries += [PhraseEntry(rule, p) for p in extra.get("add", [])]
            self._ignores += [(rule, p) for p in extra.get("ignore", [])]
        self.uses_lemmas = any(uses_lemmas(p) for p in self._all_patterns())
        try:
            self._compiled = self._compile_all()
        except PatternError as exc:
            origin = ", ".join(sorted({s.path for s in sources})) or "policy"
            raise PhraseDataError(f"{origin}: {exc}") from None
        self._anchors = [self._compiled[entry.pattern].anchor for entry in self.entries]
        self._text_prefilter = TextPrefilter(self._anchors)
        self._readings: dict[tuple[str, tuple[int, ...]], _SentenceReading] = {}

    def may_match(self, lowered: str) -> bool:
        """False when no phrase can match anywhere in this lowercased text, so
        it need not be tokenized; True does not promise a match."""
        return self._text_prefilter.may_match(lowered)

    # -- loading -----------------------------------------------------------
    def _read(self, data: dict[str, Any]) -> None:
        for cue, patterns in (data.get("cues") or {}).items():
            self._cues += [(cue, p) for p in patterns]
        self._ignores += [(ANY_RULE, p) for p in data.get("ignore") or []]
        for rule, spec in (data.get("rules") or {}).items():
            spec = spec or {}
            settings = self.rule_settings.setdefault(rule, {"suggest": None, "fix": False})
            settings.update({k: spec[k] for k in ("suggest", "fix", "own_time") if k in spec})
            shared_unless = tuple(spec.get("unless") or ())
            for phrase in spec.get("phrases") or []:
                self.entries.append(_entry(rule, phrase, shared_unless))
            self._ignores += [(rule, p) for p in spec.get("ignore") or []]
            for kind in ("flag", "ok"):
                self.examples[rule][kind] += (spec.get("examples") or {}).get(kind) or []

    def _all_patterns(self) -> list[str]:
        return [e.pattern for e in self.entries] + [p for _, p in self._ignores] + [p for _, p in self._cues]

    @cached_property
    def _matchers(self) -> _Matchers:
        """The phrases behind one anchor index; each cue's and each rule's
        look-alikes behind their own, run only on sentences where a phrase
        consulting them matched. Built on the first chunk: this is where spaCy is loaded."""
        vocab = get_nlp(self.lang, self.uses_lemmas).vocab

        def matcher_of(patterns: list[str]) -> AnchoredMatcher:
            compiled = [self._compiled[pattern] for pattern in patterns]
            return AnchoredMatcher(vocab, [c.tokens for c in compiled], [c.anchor for c in compiled])

        def matchers_of(named_patterns: list[tuple[str, str]]) -> dict[str, AnchoredMatcher]:
            by_name: dict[str, list[str]] = defaultdict(list)
            for name, pattern in named_patterns:
                by_name[name].append(pattern)
            return {name: matcher_of(patterns) for name, patterns in by_name.items()}

        return _Matchers(matcher_of([entry.pattern for entry in self.entries]),
                         cues=matchers_of(self._cues), ignores=matchers_of(self._ignores))

    def _compile_all(self) -> dict[str, CompiledPattern]:
        """Every pattern of the language, compiled, from the disk cache when an
        earlier run compiled the same patterns with the same compiler and spaCy;
        only a cache miss loads spaCy, whose tokenizer splits the patterns' words."""
        patterns = sorted(set(self._all_patterns()))
        identity = json.dumps([self.lang, _spacy_release(), _COMPILER_DIGEST, patterns])
        path = cache_file(f"patterns-{self.lang}-{hashlib.sha1(identity.encode()).hexdigest()[:20]}.json")
        cached = read_json(path)
        if isinstance(cached, dict) and set(cached) == set(patterns):
            return {p: CompiledPattern(v["tokens"], None if v["anchor"] is None else frozenset(map(tuple, v["anchor"])))
                    for p, v in cached.items()}
        nlp = get_nlp(self.lang, self.uses_lemmas)
        tokenize, common = _word_tokenizer(nlp), frozenset(nlp.Defaults.stop_words)
        carved = carved_tokens(nlp.tokenizer)
        compiled = {p: CompiledPattern(c.tokens, uncarved(c.anchor, carved))
                    for p, c in ((p, compile_pattern(p, tokenize, common)) for p in patterns)}
        write_json(path, {p: {"tokens": c.tokens, "anchor": None if c.anchor is None else sorted(c.anchor)}
                          for p, c in compiled.items()})
        return compiled

    # -- matching ----------------------------------------------------------
    def run(self, chunk: Chunk) -> dict[str, list[Hit]]:
        """Hits per rule id, after look-alikes and cue conditions are applied."""
        kept: dict[str, list[Hit]] = defaultdict(list)
        if not self.entries:
            return kept
        for sentence, text in chunk.sentences:
            reading = self._reading(sentence, text)
            if reading.hits is None:
                reading.hits = self._sentence_hits(sentence, reading.seen)
            base = sentence.start_char
            for entry, start, end, own_time in reading.hits:
                kept[entry.rule].append(Hit(entry, base + start, base + end, text[start:end], own_time))
        return kept

    def _reading(self, sentence, text: str | None = None) -> _SentenceReading:
        """The sentence's reading so far: one met before with the same words is
        not matched again (drafts repeat greetings, sign-offs and macro text).
        Kept in its doc too, so the rules asking for cues later find it without
        the sentence's text (a Span joins its tokens anew for it)."""
        in_doc = sentence.doc.user_data.setdefault(_READINGS_KEY, {})
        place = sentence.start, sentence.end
        reading = in_doc.get(place)
        if reading is None:
            text = sentence.text if text is None else text
            if len(text) > _REMEMBERED_LENGTH:  # a huge "sentence" (a log pasted in) is read once
                reading = in_doc[place] = _SentenceReading()
                return reading
            key = (text, tokens_key(sentence))
            reading = self._readings.get(key)
            if reading is None:
                if len(self._readings) >= _MAX_READINGS:
                    self._readings.clear()
                reading = self._readings[key] = _SentenceReading()
            in_doc[place] = reading
        return reading

    def _sentence_hits(self, sentence, cues: dict[str, list[tuple[int, int]]]) -> list[_SentenceHit]:
        """The sentence's accepted hits, as character offsets in the sentence."""
        matches = self._matchers.phrases(sentence)
        if not matches:
            return []
        # Longest first, so "as soon as possible" wins over the "soon" inside it; ties in entry order.
        phrase_hits = [(self.entries[i], start, end)
                       for i, start, end in sorted(matches, key=lambda m: (m[1], m[1] - m[2], m[0]))]
        ignored: dict[str, list[tuple[int, int]]] = {}
        taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
        accepted: list[tuple[PhraseEntry, int, int]] = []
        for entry, start, end in phrase_hits:
            if _overlaps(start, end, taken[entry.rule]) or _part_of_a_name(sentence, start, end):
                continue
            if any(_inside(start, end, self._ignored(sentence, key, ignored)) for key in (entry.rule, ANY_RULE)):
                continue
            if entry.when and not any(self._has_cue(sentence, cue, cues) for cue in entry.when):
                continue
            if any(self._cue_applies(sentence, cue, start, end, cues, entry.rule) for cue in entry.unless):
                continue
            taken[entry.rule].append((start, end))
            accepted.append((entry, start, end))
        hits = []
        for entry, start, end in accepted:
            span = sentence[start:end]
            own_time = self._names_own_time(sentence, entry.rule, start, end, taken, cues)
            hits.append(_SentenceHit(entry, span.start_char - sentence.start_char,
                                     span.end_char - sentence.start_char, own_time))
        return hits

    # How far after a report-back promise its own "when" may stand: "let you know the outcome once".
    _OWN_TIME_REACH = 5

    def _names_own_time(self, sentence, rule: str, start: int, end: int,
                        taken: dict[str, list[tuple[int, int]]], seen: dict[str, list[tuple[int, int]]]) -> bool:
        """Whether the rule's ``own_time`` cue starts in or just after the hit, with
        no other rule's hit from the hit's start to the cue's end: in "we'll fix it
        soon and let you know once it's done" the update waits for its own event;
        in "I'll come back to you once I get a chance" the "once" is the vague time."""
        others = [span for other, spans in taken.items() if other != rule for span in spans]
        return any(not _overlaps(start, cue_end, others)
                   for cue_end in self._own_time_ends(sentence, rule, start, end, seen))

    def _own_time_ends(self, sentence, rule: str, start: int, end: int,
                       seen: dict[str, list[tuple[int, int]]]) -> list[int]:
        """Where each of the rule's ``own_time`` cues that start in or just after the hit ends."""
        cue = self.rule_settings.get(rule, {}).get("own_time")
        if not cue or not self._has_cue(sentence, cue, seen):
            return []
        return [cue_end for cue_start, cue_end in seen[cue] if start <= cue_start <= end + self._OWN_TIME_REACH]

    def _cue_applies(self, sentence, cue: str, start: int, end: int,
                     seen: dict[str, list[tuple[int, int]]], rule: str) -> bool:
        """Whether a cue holds for the hit at tokens [start, end) of the sentence:
        anywhere in it, or for CLAUSE_CUES with no new main clause in between. An
        exact time before "and" or a comma belongs to the first verb when the hit waits
        for its own event: in "we'll get it back up tonight and let you know when it
        works" the update has no time."""
        if not self._has_cue(sentence, cue, seen):
            return False
        if cue not in CLAUSE_CUES:
            return True
        relatives = self._relative_clauses(sentence, seen)
        for cue_start, cue_end in seen[cue]:
            relative = _span_holding(relatives, cue_start)
            if relative and not relative[0] < start < relative[1]:
                continue  # "…alennukselle, jota toivoitte": the customer's wish is the discount's, not our try
            between = min(cue_end, end), max(cue_start, start)
            # Told in the past ends where a new subject takes over; an exact time or someone
            # else's words ("…within 7 working days and you will be informed…") carry on,
            # and so does a time added after a comma ("ringer dig när han passerat Kungsbacka,
            # och senast kl. 15").
            if (not _clause_break_between(sentence, *between, new_subject=cue == "past")
                    or cue == "exact_time" and cue_start >= end and _time_added_at_end(sentence, end, cue_start)):
                if (cue == "exact_time" and cue_end <= start and _joined(sentence, *between)
                        and self._own_time_ends(sentence, rule, start, end, seen)):
                    continue
                return True
            # Someone else's words carry on into a clause joined to theirs unless we
            # speak there: "Helenin tiedotteen mukaan työt valmistuvat joulukuussa, ja
            # katu asfaltoidaan keväällä" is all Helen's; "…, so we will install it
            # as soon as possible" is ours.
            if cue == "not_ours" and not self._speaks_first_person(sentence, between[0], max(cue_start, end), seen):
                return True
        return False

    _RELATIVE_KEY = "relative clauses"  # kept in ``seen`` beside the cues: one scan per sentence

    def _relative_clauses(self, sentence, seen: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        if self._RELATIVE_KEY not in seen:
            seen[self._RELATIVE_KEY] = _relative_clauses(sentence)
        return seen[self._RELATIVE_KEY]

    def _speaks_first_person(self, sentence, start: int, end: int, seen: dict[str, list[tuple[int, int]]]) -> bool:
        return self._has_cue(sentence, "first_person", seen) and any(
            start <= word_start < end for word_start, _ in seen["first_person"])

    def has_cue(self, sentence, cue: str) -> bool | None:
        """Whether a sentence (a Span) holds one of a cue's words; None when no
        pack defines the cue for this language, so a rule can fall back."""
        if cue not in self._matchers.cues:
            return None
        return self._has_cue(sentence, cue, self._reading(sentence).seen)

    def cue_span(self, sentence, cue: str) -> tuple[int, int] | None:
        """Where in the sentence's text the first of a cue's words stands; None
        when the sentence holds none (or no pack defines the cue)."""
        if cue not in self._matchers.cues or not self.has_cue(sentence, cue):
            return None
        seen = self._reading(sentence).seen
        first = sentence[slice(*min(seen[cue], key=lambda span: span[0]))]
        return first.start_char - sentence.start_char, first.end_char - sentence.start_char

    def _has_cue(self, sentence, cue: str, seen: dict[str, list[tuple[int, int]]]) -> bool:
        """Whether the sentence holds the cue; its matches (token spans) are kept in ``seen``."""
        if cue not in seen:
            matcher = self._matchers.cues.get(cue)
            seen[cue] = [(start, end) for _, start, end in matcher(sentence)] if matcher else []
        return bool(seen[cue])

    def _ignored(self, sentence, key: str, seen: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        if key not in seen:
            matcher = self._matchers.ignores.get(key)
            seen[key] = [(start, end) for _, start, end in matcher(sentence)] if matcher else []
        return seen[key]


def _spacy_release() -> str:
    """spaCy's version, read from its about.py: importing spaCy to ask would
    cost the third of a second the cache exists to save."""
    spec = importlib.util.find_spec("spacy")
    about = Path(spec.origin).with_name("about.py") if spec and spec.origin else None
    return about.read_text(encoding="utf-8") if about and about.is_file() else ""


def _word_tokenizer(nlp):
    """Split a pattern word the way the pipeline splits text, quickly: a plain
    alphanumeric word without a tokenizer exception ("cannot") is one token,
    and running the tokenizer on each of a pack's thousands of words would cost
    a good part of the start-up budget of a pre-send check."""
    exceptions = nlp.tokenizer.rules or {}

    @cache
    def tokenize(word: str) -> list[str]:
        if word.isalnum() and word not in exceptions:
            return [word]
        return [t.text for t in nlp.tokenizer(word)]

    return tokenize


def _entry(rule: str, phrase: str | dict[str, Any], shared_unless: tuple[str, ...]) -> PhraseEntry:
    """A phrase; the rule's own ``unless`` cues apply to every phrase of it."""
    if isinstance(phrase, str):
        return PhraseEntry(rule, phrase, unless=shared_unless)
    return PhraseEntry(
        rule,
        phrase["pattern"],
        when=tuple(phrase.get("when") or ()),
        unless=shared_unless + tuple(phrase.get("unless") or ()),
        suggest=phrase.get("suggest"),
        fix=phrase.get("fix"),
    )


def _clause_break_between(sentence, start: int, end: int, *, new_subject: bool = False) -> bool:
    """Whether tokens [start, end) of the sentence hold the start of a new main clause:
    a semicolon, or a comma or dash before a coordinator; with ``new_subject``, also a
    coordinator or a comma before a subject pronoun ("Vi skickade paketet i går och det
    kommer fram i början av veckan", "Hopefully it comes on Wednesday, it was sent
    today": the past is the other clause's)."""
    for i in range(start, end):
        text = sentence[i].text
        following = sentence[i + 1].lower_ if i + 1 < len(sentence) else None
        if text == ";" or (text in (",", "–", "—") and following in COORDINATORS) or (
                new_subject and (sentence[i].lower_ in COORDINATORS or text == ",") and following in SUBJECT_PRONOUNS):
            return True
    return False


# Words after ", and" that add a time: "and no later than 3 pm on Monday",
# "och senast onsdag 25 november kl. 12 meddelar vi läget".
_ADDED_TIME_MAX_TOKENS = 10


def _time_added_at_end(sentence, start: int, cue_start: int) -> bool:
    """Whether the exact time at token ``cue_start`` is in words added after a comma and a
    coordinator at the sentence's end (after the hit ending at ``start``), a few words
    that add a time to what was said ("…, and no later than 3 pm on Monday") or give
    the same news a time ("…, och senast onsdag kl. 12 meddelar vi läget oavsett")."""
    for i in range(cue_start - 1, start, -1):
        if sentence[i].lower_ in COORDINATORS and sentence[i - 1].text == ",":
            words = [token for token in sentence[i + 1:] if not token.is_punct]
            return len(words) <= _ADDED_TIME_MAX_TOKENS
    return False


def _joined(sentence, start: int, end: int) -> bool:
    """Whether tokens [start, end) of the sentence hold a coordinator ("and", "ja", "och")
    or a comma ("tulee teille tänään, ilmottelen ku tiedän lisää")."""
    return any(sentence[i].lower_ in COORDINATORS or sentence[i].text == "," for i in range(start, end))


def _relative_clauses(sentence) -> list[tuple[int, int]]:
    """The relative clauses of a sentence as token spans (start, end): from a comma
    followed by a relative pronoun to the next comma, dash or semicolon, or the end."""
    spans, opened = [], None
    for i, token in enumerate(sentence):
        if token.text in _CLAUSE_PUNCT:
            if opened is not None:
                spans.append((opened, i))
            opened = i if token.text == "," and i + 1 < len(sentence) \
                and sentence[i + 1].lower_ in RELATIVE_PRONOUNS else None
    if opened is not None:
        spans.append((opened, len(sentence)))
    return spans


_CLAUSE_PUNCT = frozenset({",", ";", "–", "—"})


def _span_holding(spans: list[tuple[int, int]], index: int) -> tuple[int, int] | None:
    """The span of ``spans`` (disjoint, in order) strictly around token ``index``."""
    at = bisect.bisect_left(spans, (index,)) - 1
    return spans[at] if at >= 0 and spans[at][0] < index < spans[at][1] else None


def _part_of_a_name(sentence, start: int, end: int) -> bool:
    """A one-word hit in a run of capitalised words inside a sentence is part of a
    product or service name ("the Omgående Support add-on"), and one that a company's
    legal form follows is part of the company's ("ASAP Kuljetus Oy"): not the writer's time."""
    if end - start != 1:
        return False
    word, rest = sentence[start], sentence[end:end + _NAME_WORDS_BEFORE_FORM + 1]
    capitalised = [token.is_title or token.is_upper for token in rest]
    if (word.is_title or word.is_upper) and any(
            token.lower_ in _LEGAL_FORMS and all(capitalised[:i]) for i, token in enumerate(rest)):
        return True
    return start > 0 and word.is_title and bool(rest) and rest[0].is_title


# Words of a company's name between a hit and the legal form that ends it.
_NAME_WORDS_BEFORE_FORM = 2
_LEGAL_FORMS = frozenset({"oy", "oyj", "ab", "abp", "ltd", "inc", "llc", "plc", "gmbh", "aps", "ky", "tmi"})


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """``spans`` are disjoint and in order, and no hit starts before the last: only the
    last can overlap (checking them all is quadratic in a sentence of repeated phrases)."""
    return bool(spans) and start < spans[-1][1] and spans[-1][0] < end


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """A look-alike silences a hit it wholly contains ("soon" in "see you soon"), not a longer one."""
    return any(s <= start and end <= e for s, e in spans)
