"""Rules backed by the deadline engine: one pass per chunk, each rule keeps its own checks."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from deadlint.findings import Finding
from deadlint.nlp import Chunk
from deadlint.rules.clauses import MAIN_CLAUSE_BREAK

_CACHE_KEY = "deadline-checks"


@dataclass
class DeadlineRule:
    rule_id: str

    @staticmethod
    def may_fire(lowered: str, context) -> bool:
        from deadlint.deadlines import may_hold_time

        return may_hold_time(lowered, context.lang)

    def __call__(self, chunk: Chunk) -> Iterator[Finding]:
        for finding in deadline_findings(chunk):
            if finding.rule == self.rule_id:
                yield finding


def deadline_findings(chunk: Chunk) -> list[Finding]:
    """Every deadline check of every sentence of the chunk, computed once."""
    if _CACHE_KEY in chunk.cache:
        return chunk.cache[_CACHE_KEY]
    from deadlint.deadlines import check, is_promise, recognise, resolve

    context = chunk.context
    findings: list[Finding] = []
    for sentence, text in chunk.sentences:
        expressions = recognise(text, chunk.lang)
        if not expressions:
            continue
        # A date is promised when a deadline marker ("by", "mennessä", "senast") binds it
        # or the sentence commits someone to act; "the oldest restore point is
        # 2025-11-30" only states a fact.
        visit = context.index.has_cue(sentence, "visit")
        commits = _commits(context.index.has_cue(sentence, "commitment"), visit)
        # The clause reporting the customer's own words or plans: its dates are theirs.
        clauses = _Clauses(text)
        reported_cue = context.index.cue_span(sentence, "reported_request")
        reported = clauses.around(*reported_cue) if reported_cue else (0, 0)
        if reported_cue and (that := _THAT_FOLLOWS.match(text, reported[1])):
            # "Kirjasin ylös, että olette mökillä lauantaina 28.11.": what was said follows.
            reported = reported[0], clauses.around(that.end(), that.end())[1]
        # Someone else's announcement governs up to a new main clause ("According to their
        # latest estimate, the repair will be completed by Sunday evening"): its dates are
        # theirs, not promised by us.
        others_cue = context.index.cue_span(sentence, "not_ours")
        others = clauses.around(*others_cue, MAIN_CLAUSE_BREAK) if others_cue else (0, 0)
        # The customer may act on a weekend ("you can collect the keys on Saturday 28
        # November", "du kan hämta nycklarna lördag 28.11"): no work of ours is set there.
        # Only from the permission on: in "Vi återkommer söndag 29.11 med besked om när du
        # kan hämta bilen" the Sunday is ours.
        permission_cue = context.index.cue_span(sentence, "permission")
        permitted = (permission_cue[0], clauses.around(*permission_cue)[1]) if permission_cue else (0, 0)
        base = chunk.offset + sentence.start_char
        # Dates sharing a clause share its reading: computed once, so a sentence of
        # thousands of dates costs linear time, not one sentence scan per date.
        promise_memo: dict = {}
        commits_memo: dict = {}
        workday_memo: dict = {}
        previous_day = None
        for index, expression in enumerate(expressions):
            # A fixed date in a reusable macro goes stale; the width of its window does not
            # depend on when the macro is sent, so that is still checked.
            stale = context.timeless and expression.day is not None
            if stale:
                findings.append(_finding(chunk, base, expression, "macro-absolute-date", "info",
                                         f"\"{expression.text}\" is a fixed date in a reusable macro; it will go stale"))
                if expression.window_end is None:
                    continue
            resolution = resolve(expression, context.now, context.calendar)
            if resolution is None:
                continue
            # "onsdag 6/1 (trettondedag jul)": a name in brackets restates the day before it.
            day = resolution.start.date()
            restated = day == previous_day and text[expressions[index - 1].end:expression.start].strip() == "("
            previous_day = day
            if restated:
                continue
            # Whether the date is told as past is read in its own clause: "Your car came
            # in on Monday 16 November, ..., and it will be ready on Tuesday 24
            # November" reports one date and promises the other.
            # A visit still ahead is promised even when told in the past tense
            # ("we had to move the installation to Wednesday 2.12., 8–16"). A bare
            # weekday is ahead only by the engine's "nearest coming" reading, which
            # a past verb overrides: "Vika ilmeni sunnuntaina" is last Sunday.
            ahead = resolution.start > context.now and not (
                expression.bare_weekday and not _told_as_target(text, expression, chunk.lang))
            clause = clauses.around(expression.start, expression.end)
            short = clauses.around(expression.start, expression.end, _CONJUNCTION_BREAK)
            key = (clause, short, bool(visit) and ahead)
            if key not in promise_memo:
                promise_memo[key] = is_promise(text, chunk.lang, clauses=(text[slice(*clause)], text[slice(*short)]),
                                               ahead=key[2])
            quoted = reported[0] <= expression.start < reported[1]
            promised = (expression.is_deadline or commits) and not (
                quoted or others[0] <= expression.start < others[1]
                or _owns_a_noun(text, expression, chunk.lang)
                or _done_to_a_thing(text, expression, chunk.lang)) and promise_memo[key]
            if promised and not ahead and not expression.is_deadline:
                # A date already past is a broken promise only if its own clause
                # promised it, not a later clause of a long sentence.
                if clause not in commits_memo:
                    commits_memo[clause] = _clause_commits(chunk, sentence, clause)
                promised = commits_memo[clause]
            for rule_id, severity, message in check(resolution, context.now, context.calendar, promised=promised):
                if stale and rule_id != "wide-time-window":
                    continue
                if rule_id == "weekday-mismatch" and quoted:
                    continue  # "Kirjoitit toivovasi käyntiä maanantaina 24.11.": the customer's slip
                if rule_id == "wide-time-window" and visit is False:
                    continue  # a meeting from 9 to 12 is not a visit window promised to the customer
                if rule_id == "non-business-day" and (
                        permitted[0] <= expression.start < permitted[1] or _ends_a_range(text, expressions, index)
                        or _names_a_due_date(text, expression, chunk.lang)
                        or _negated(text[slice(*clause)], chunk.lang)
                        or _names_the_holiday(text, expression, resolution, context)
                        or _holiday_moved_from(text, resolution, expressions, context, workday_memo)):
                    continue
                findings.append(_finding(chunk, base, expression, rule_id, severity, message))
    chunk.cache[_CACHE_KEY] = findings
    return findings


# Clauses of a sentence: "Kerroitte olevanne mökillä lauantaina 28.11., joten sovitaan
# käynti maanantaille 30.11." reports the Saturday and promises the Monday.
# A colon does not end one: "Din nya tid är: tisdag 17 november" is one clause.
_CLAUSE_BREAK = re.compile(r"[,;–—]\s")
# A reporting clause's content after its comma: ", että", ", att", ", that".
_THAT_FOLLOWS = re.compile(r"[,;–—]\s+(?:että|att|that)\b", re.IGNORECASE)
# Past narrative is also read up to a conjunction, as either part may carry the past
# verb: "We received it on 18 November and your refund will be processed", "Leveransen
# lämnade lagret tisdag 17.11 och kvitterades dagen efter".
_CONJUNCTION_BREAK = re.compile(r"[,;–—]\s|\s(?:and|but|ja|mutta|och|men)\s")


class _Clauses:
    """The clause breaks of one sentence, found once; each date's clause is then a lookup."""

    def __init__(self, text: str):
        self.text = text
        self._breaks: dict[re.Pattern[str], tuple[list[int], list[int]]] = {}

    def around(self, start: int, end: int, breaks: re.Pattern[str] = _CLAUSE_BREAK) -> tuple[int, int]:
        """Where the clause that holds text[start:end] begins and ends."""
        if breaks not in self._breaks:
            found = list(breaks.finditer(self.text))
            self._breaks[breaks] = [m.start() for m in found], [m.end() for m in found]
        starts, ends = self._breaks[breaks]
        before = bisect.bisect_right(ends, start) - 1  # the last break ending at or before start
        after = bisect.bisect_left(starts, end)  # the first break starting at or after end
        return (ends[before] if before >= 0 else 0), (starts[after] if after < len(starts) else len(self.text))


def _clause_commits(chunk: Chunk, sentence, clause: tuple[int, int]) -> bool:
    span = chunk.doc.char_span(sentence.start_char + clause[0], sentence.start_char + clause[1],
                               alignment_mode="expand")
    if span is None:
        return True
    index = chunk.context.index
    return _commits(index.has_cue(span, "commitment"), index.has_cue(span, "visit"))


def _names_the_holiday(text: str, expression, resolution, context) -> bool:
    """"Sunday 6 December is Finnish Independence Day": the sentence says what the day is."""
    return (_copula(context.lang).match(text, expression.end) is not None
            and context.calendar.holiday_name(resolution.start.date()) is not None)


def _negated(clause: str, lang: str) -> bool:
    return _negation(lang).search(clause) is not None


@functools.cache
def _copula(lang: str) -> re.Pattern[str]:
    """The language's copula right after a date: "6 December is", "6.12. on", "6/12 är"."""
    return re.compile(rf"\s*(?:{_alternation(lang, 'COPULAS')})(?!\w)", re.IGNORECASE)


@functools.cache
def _negation(lang: str) -> re.Pattern[str]:
    """The language's negation words anywhere; "n't" ends the word it negates ("won't")."""
    return re.compile(rf"(?<!\w)(?:{_alternation(lang, 'NEGATION_WORDS')})(?!\w)|n't(?!\w)", re.IGNORECASE)


def _alternation(lang: str, name: str) -> str:
    from deadlint.deadlines import lexicon

    return "|".join(map(re.escape, getattr(lexicon, name)[lang]))


_RANGE_DASHES = frozenset("–—-")


def _ends_a_range(text: str, expressions, index: int) -> bool:
    """"pe 27.11.–su 29.11.": a stay or a period that runs over a weekend; what is
    promised for a day happens at its start."""
    return index > 0 and text[expressions[index - 1].end:expressions[index].start].strip() in _RANGE_DASHES


def _names_a_due_date(text: str, expression, lang: str) -> bool:
    """"förfallodag 31.12.", "eräpäivä su 6.12.", "due date: Sunday 31 January": a payment
    term falls on whatever day it falls; nobody works on it."""
    words, opening = _due_words(lang)
    before = text[max(0, expression.start - _DUE_REACH):expression.start].lower().rstrip(" :")
    # The grammar takes "due on" into the expression as its deadline word.
    return before.endswith(words) or expression.text.lower().startswith(opening)


@functools.cache
def _due_words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The language's due-date words, and the same as an expression's first words."""
    from deadlint.deadlines import lexicon

    words = lexicon.DUE_WORDS[lang]
    return words, tuple(f"{word} " for word in words)


_DUE_REACH = 25  # characters before a date searched for a due-date word


def _told_as_target(text: str, expression, lang: str) -> bool:
    """The day is where something is moved to ("to Sunday", "sunnuntaille", "till söndag")."""
    from deadlint.deadlines import lexicon

    before = text[:expression.start].rstrip().lower()
    return (before.endswith(tuple(f" {word}" for word in lexicon.TARGET_BEFORE[lang]))
            or expression.text.lower().endswith(lexicon.TARGET_ENDINGS[lang]))


def _owns_a_noun(text: str, expression, lang: str) -> bool:
    """"Liitteenä lasku perjantain 13.11. keikasta": a weekday in the genitive names
    whose job the invoice is for; "perjantain aikana" is still a time."""
    from deadlint.deadlines import lexicon

    first = expression.text.split(maxsplit=1)[0].lower()
    if first not in lexicon.WEEKDAY_GENITIVES[lang]:
        return False
    following = text[expression.end:expression.end + 30].split(maxsplit=1)
    return bool(following) and following[0].lower().strip(".,") not in lexicon.POSTPOSITIONS[lang]


def _done_to_a_thing(text: str, expression, lang: str) -> bool:
    """"Entries made on 19 November", "orders placed on Saturday": a participle right
    after a noun says when something was (or will have been) done to it; "will be
    delivered on Monday" has its auxiliary and promises."""
    pattern = _PARTICIPLE_BEFORE.get(lang)
    start = max(0, expression.start - _PARTICIPLE_REACH)
    return bool(pattern) and pattern.search(text, start, expression.start) is not None


_PARTICIPLE_REACH = 40  # characters before a date searched: a noun, a participle and "on"
# A word, then a past participle and "on"/"at", right before the date; the word is no
# auxiliary, so the participle describes it ("entries made on", not "were made on").
_PARTICIPLE_BEFORE = {"en": re.compile(
    r"(?<![\w'])(?!(?:be|been|being|is|are|was|were|am|will|'ll|has|have|had|get|got|gets|getting|it|they|we|i|you"
    r"|he|she)\b)[a-z]+\s+(?:\w+ed|made|sent|paid|done|taken|bought|built|written|given|held|sold|seen|shown)"
    r"\s+(?:on|at)\s*$", re.IGNORECASE)}


def _holiday_moved_from(text: str, resolution, expressions, context, memo: dict) -> bool:
    """A holiday's date in a sentence that moves a schedule because of a holiday, to a
    working day it also names ("Joulun pyhien vuoksi perjantain 25.12. tyhjennykset
    tehdään maanantaina 28.12."): the holiday is the day moved from, not promised.
    Whether the sentence names a working day is found once (``memo``), so a sentence
    of many holiday dates stays linear. When the sentence says which slot is replaced
    ("onsdag 6/1 (trettondedag jul) i stället för tisdag 5/1"), any other date is the new one."""
    from deadlint.deadlines import resolve
    from deadlint.deadlines.narrative import moves_off_a_holiday

    if context.calendar.holiday_name(resolution.start.date()) is None or not moves_off_a_holiday(text, context.lang):
        return False
    if "replaced" not in memo:
        memo["replaced"] = any(other.is_replaced for other in expressions)
    if memo["replaced"] and not (resolution.expression.is_replaced or resolution.expression.holiday_name):
        return False  # a dated slot beside the replaced one is the new slot; "julafton" is the reason
    if "workday" not in memo:
        resolved = (resolve(other, context.now, context.calendar) for other in expressions)
        memo["workday"] = any(moved_to and context.calendar.is_business_day(moved_to.start.date())
                              for moved_to in resolved)
    return memo["workday"]


def _commits(commitment: bool | None, visit: bool | None) -> bool:
    """The sentence commits someone (the language's `commitment` or `visit` cues);
    True when a language's pack defines neither, so nothing is silenced blindly."""
    return bool(commitment or visit) or (commitment is None and visit is None)


def _finding(chunk: Chunk, base: int, expression, rule_id: str, severity: str, message: str) -> Finding:
    return Finding(rule=rule_id, severity=severity, message=message,
                   start=base + expression.start, end=base + expression.end,
                   language=chunk.lang, match=expression.text)
