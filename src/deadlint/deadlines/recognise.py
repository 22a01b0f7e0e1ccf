"""Find time expressions in text: tokens -> groups -> markers -> TimeExpressions."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace

from . import lexicon as lx
from .grammar import DIGIT, WORD, Grammar, grammar_for
from .model import DATE_FIELDS, TimeExpression
from .narrative import looks_past_narrative

# Token kinds that name a day, so a following bare "14.30" can hang on them.
_DAY_KINDS = frozenset({"date", "weekday", "relative_day", "week_number", "relative_week", "day_part"})
# Token kinds a bare "8" may stand before: "8 tonight", "9 tomorrow evening".
_DAY_AFTER_KINDS = frozenset({"day_part", "relative_day"})
_MODIFIED_BEFORE = {lang: re.compile(source, re.IGNORECASE) for lang, source in lx.MODIFIED_BEFORE.items()}
_MODIFIED_AFTER = {lang: re.compile(source, re.IGNORECASE) for lang, source in lx.MODIFIED_AFTER.items()}
_NUMBER_BEFORE = re.compile(lx.NUMBER_BEFORE)
# Kinds that name a day themselves; a duration next to one ("in 3 weeks on Monday")
# is a phrase the grammar does not read, so neither part answers.
_NAMED_DAY_KINDS = frozenset({"date", "weekday", "week_number", "relative_week", "month_end"})
_LOOK_BACK = 40  # characters before an expression searched for a modifying word
# Two expressions at most one word apart belong to one phrase: when one is not
# understood, neither is the other ("sunday from last week", "closest xmas to today").
_ONE_WORD_APART = re.compile(r"\s*(?:\S+\s+)?")
# Fields that say nothing about *which* time and so never conflict when merging.
_FLAG_FIELDS = frozenset({"is_deadline"})
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ\"'(])|[.!?]\s*$|\n\s*\n")


@dataclass
class _Token:
    start: int
    end: int
    kind: str
    role: str
    fields: dict
    order: int  # pattern index: breaks ties between equally long overlapping tokens


@dataclass
class _Group:
    members: list[_Token] = field(default_factory=list)
    markers: list[_Token] = field(default_factory=list)  # attached deadline/start words

    @property
    def start(self) -> int:
        return min(t.start for t in self.members + self.markers)

    @property
    def end(self) -> int:
        return max(t.end for t in self.members + self.markers)

    def field_names(self) -> set[str]:
        return {name for t in self.members for name in t.fields} - _FLAG_FIELDS

    def accepts(self, token: _Token) -> bool:
        if token.kind == "time" and any(t.kind == "time" for t in self.members):
            return False
        # "two working days, Wednesday 2.12." is a duration and then a day, not one time.
        kinds = {t.kind for t in self.members} | {token.kind}
        if "business_days" in kinds and kinds & {"date", "weekday"}:
            return False
        if {"relative_week", "month_end"} <= kinds:  # "last week end of October": two periods
            return False
        if "duration" in kinds and kinds & _NAMED_DAY_KINDS:  # "3 viikon päästä maanantaina"
            return False
        return not (self.field_names() & (set(token.fields) - _FLAG_FIELDS))


def recognise(text: str, lang: str) -> list[TimeExpression]:
    """Non-overlapping time expressions in ``text``, sorted, with character offsets."""
    return list(_read_remembered(text, lang) if len(text) <= _REMEMBERED_LENGTH else _read(text, lang))


def _read(text: str, lang: str) -> tuple[TimeExpression, ...]:
    grammar = _grammar(lang)
    words = _words(text)
    if DIGIT not in words and grammar.trigger_words.isdisjoint(words):
        return ()  # most sentences: no digit and no time word
    tokens = _tokens(text, grammar, words)
    groups = [g for g in (_validated(g) for g in _group(text, tokens, grammar)) if g]
    _attach_markers(text, tokens, groups, grammar)
    groups = _whole_phrases(text, lang, groups, grammar)
    # "24/7" is round-the-clock service, not the 24th of July.
    expressions = [e for e in (_expression(text, lang, g) for g in groups) if e.text not in _ALWAYS]
    if any(e.day is not None and e.year is None for e in expressions) and looks_past_narrative(text, lang):
        expressions = [replace(e, told_as_past=True) for e in expressions]
    return tuple(_borrow_days_within_sentences(text, expressions))


# Drafts repeat their sentences: greetings, sign-offs, a macro's fixed text, the
# same answer to many tickets. What a sentence says depends on its text and
# language only, so a sentence read before is a lookup. Bounded in count and
# length for a long-running worker; the expressions are frozen.
_REMEMBERED_LENGTH = 1000
_read_remembered = functools.lru_cache(maxsize=4096)(_read)


def _whole_phrases(text: str, lang: str, groups: list[_Group], grammar: Grammar) -> list[_Group]:
    """The groups whose whole phrase the grammar read; with a fragment dropped, its
    neighbours one word away go too."""
    partial = [not _whole_phrase(text, lang, g) for g in groups]
    for index in range(len(groups) - 1):
        first, second = groups[index], groups[index + 1]
        kinds = {t.kind for t in first.members}, {t.kind for t in second.members}
        if (_glued(text, first.end, second.start, grammar) and any(
                "duration" in mine and theirs & _NAMED_DAY_KINDS for mine, theirs in (kinds, kinds[::-1]))):
            partial[index] = partial[index + 1] = True
    for index in [i for i, dropped in enumerate(partial) if dropped]:
        for neighbour in (index - 1, index + 1):
            if 0 <= neighbour < len(groups):
                first, second = sorted((groups[index], groups[neighbour]), key=lambda g: g.start)
                if _ONE_WORD_APART.fullmatch(text, first.end, second.start):
                    partial[neighbour] = True
    return [g for g, dropped in zip(groups, partial) if not dropped]


def _whole_phrase(text: str, lang: str, group: _Group) -> bool:
    """False when a word next to the group changes what it means and the grammar
    did not read it ("the day before yesterday", "3 days ago", "16 CET"): the engine
    then answers nothing rather than a date for a fragment."""
    start, end = group.start, group.end
    if _MODIFIED_AFTER[lang].match(text, end, end + _LOOK_BACK):
        return False
    before = text[max(0, start - _LOOK_BACK):start]
    # Read up to the first member: "beginning of next week" took "beginning" as a marker.
    if _MODIFIED_BEFORE[lang].search(text[max(0, start - _LOOK_BACK):group.members[0].start]):
        return False
    # "9 tomorrow", "4/25 at 4pm"; but "Order 12 by Friday" has its deadline word.
    return group.members[0].start > start or not _NUMBER_BEFORE.search(before)


def may_hold_time(text: str, lang: str) -> bool:
    """False when ``text`` has no digit and no time word, so holds no time expression."""
    return bool(_DIGIT.search(text)) or not _grammar(lang).trigger_words.isdisjoint(WORD.findall(text.lower()))


def _words(text: str) -> set[str]:
    """The lower-cased words of ``text``, and DIGIT when it holds a digit."""
    words = set(WORD.findall(text.lower()))
    if _DIGIT.search(text):
        words.add(DIGIT)
    return words


def _grammar(lang: str) -> Grammar:
    grammar = grammar_for(lang)
    if grammar is None:
        raise ValueError(f"unsupported language {lang!r}; expected fi, sv or en")
    return grammar


def _tokens(text: str, grammar: Grammar, words: set[str]) -> list[_Token]:
    found: list[_Token] = []
    digit = _DIGIT.search(text)
    first_digit = digit.start() if digit else len(text)
    for order, pattern in enumerate(grammar.patterns):
        if pattern.needs is not None and pattern.needs.isdisjoint(words):
            continue
        # A lookbehind still sees the text before the start.
        for match in pattern.regex.finditer(text, first_digit if pattern.digit_first else 0):
            if match.end() == match.start():
                continue
            fields = pattern.build(match)
            if fields is None:
                continue
            role = "needs_preceding" if fields.pop("_bare", False) else pattern.role
            found.append(_Token(match.start(), match.end(), pattern.kind, role, fields, order))
    # Earliest start wins, then the longest, then the earlier pattern.
    found.sort(key=lambda t: (t.start, t.start - t.end, t.order))
    kept: list[_Token] = []
    for token in found:
        if not kept or token.start >= kept[-1].end:
            kept.append(token)
    return kept


def _glued(text: str, start: int, end: int, grammar: Grammar) -> bool:
    return start <= end and grammar.glue.fullmatch(text, start, end) is not None


def _group(text: str, tokens: list[_Token], grammar: Grammar) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    for index, token in enumerate(tokens):
        if token.role == "marker":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if (current and following is not None
                    and following.kind == "time" and current.accepts(following)
                    and _glued(text, current.end, token.start, grammar)
                    and _glued(text, token.end, following.start, grammar)):
                current.markers.append(token)  # "today by 3pm", "imorgon efter kl. 14": inside
            else:
                current = None
            continue
        joins = current is not None and current.accepts(token) and _glued(text, current.end, token.start, grammar)
        if joins:
            current.members.append(token)
        elif token.role == "needs_preceding" and not _day_follows(text, tokens, index, grammar):
            current = None  # a bare "4.2" with no day before it is a number, and starts nothing
        else:
            current = _Group([token])
            groups.append(current)
    return groups


def _day_follows(text: str, tokens: list[_Token], index: int, grammar: Grammar) -> bool:
    """A bare clock time right before "tonight" / "tomorrow" ("8 tonight") has its day after it."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return (token.kind == "time" and following is not None and following.kind in _DAY_AFTER_KINDS
            and _glued(text, token.end, following.start, grammar))


def _validated(group: _Group) -> _Group | None:
    """Drop tokens whose neighbour requirement failed; None if nothing meaningful is left."""
    members = group.members
    # Whether a day comes later in the group, for each member: one pass, not one per
    # member, so a run of thousands of dates stays linear.
    day_after = [False] * (len(members) + 1)
    for index in range(len(members) - 1, -1, -1):
        day_after[index] = day_after[index + 1] or members[index].kind in _DAY_AFTER_KINDS
    kept = []
    day_before = False  # a day or an anchor among the members before this one
    for index, token in enumerate(members):
        needs_day = token.role == "needs_preceding" and not day_before and not (
            token.kind == "time" and day_after[index + 1])
        day_before = day_before or token.kind in _DAY_KINDS or token.role == "anchor"
        if token.role == "needs_following":
            following = members[index + 1] if index + 1 < len(members) else None
            if following is None or following.kind not in ("date", "time"):
                continue
        if needs_day:
            continue
        kept.append(token)
    has_time = any(t.kind == "time" for t in kept)
    if not has_time:  # "open on Monday": an opening word without hours is just a word
        kept = [t for t in kept if t.role != "anchor"]
    if not any(t.role != "anchor" for t in kept):
        return None
    if all(t.kind in ("day_part", "zone") and "day_offset" not in t.fields for t in kept if t.role != "anchor"):
        return None  # "good morning", "in the afternoon": a part of no day in particular
    return _Group(kept, group.markers)


def _attach_markers(text: str, tokens: list[_Token], groups: list[_Group], grammar: Grammar) -> None:
    used = {id(m) for g in groups for m in g.markers}
    markers = [t for t in tokens if t.role == "marker" and id(t) not in used]
    starts = [m.start for m in markers]
    for group in groups:
        index = bisect.bisect_left(starts, group.start)
        before = markers[index - 1] if index > 0 else None
        # Not across a comma: in "three days before, on Saturday" the word is an adverb.
        if (before is not None and id(before) not in used and before.fields["side"] in ("before", "both")
                and _glued(text, before.end, group.start, grammar)
                and not text[before.end:group.start].lstrip().startswith(",")):
            group.markers.append(before)
            used.add(id(before))
        index = bisect.bisect_left(starts, group.end)
        after = markers[index] if index < len(markers) else None
        if (after is not None and id(after) not in used and after.fields["side"] in ("after", "both")
                and _glued(text, group.end, after.start, grammar)):
            group.markers.append(after)
            used.add(id(after))


def _expression(text: str, lang: str, group: _Group) -> TimeExpression:
    fields: dict = {}
    for token in group.members:
        fields.update(token.fields)
    # A start word inside ("torsdag från 9:30", "imorgon efter kl. 14") starts the time,
    # not the day: only a deadline word inside, or any word around, says what the whole is.
    inside = group.members[0].start, group.members[-1].end
    meanings = {m.fields["marker"] for m in group.markers
                if m.fields["marker"] == "deadline" or not inside[0] < m.start < inside[1]}
    fields["is_start"] = "start" in meanings
    fields["is_replaced"] = "replaced" in meanings
    fields["is_deadline"] = not (fields["is_start"] or fields["is_replaced"]) and (
        "deadline" in meanings or bool(fields.get("is_deadline")))
    fields["is_opening_hours"] = any(t.role == "anchor" for t in group.members)
    named_day = fields.pop("named_day", None)
    if named_day and "day" not in fields:  # "julafton 24.12.": the written date rules
        fields.update(day=named_day[0], month=named_day[1], holiday_name=True)
    if fields.get("day_part") in ("afternoon", "evening") and fields.get("hour") is not None \
            and 1 <= fields["hour"] < 12:
        fields["hour"] += 12  # "tonight at 8", "i morgon eftermiddag kl 3"
        if fields.get("window_end") and fields["window_end"][0] < 12:
            fields["window_end"] = (fields["window_end"][0] + 12, fields["window_end"][1])
    start, end = group.start, _without_full_stop(text, group.start, group.end)
    return TimeExpression(start=start, end=end, text=text[start:end], lang=lang,
                          granularity=_granularity(fields), **fields)


# A dot that ends a date: "24.11." and the short "nov." keep it; "28 November."
# and "19/6." end the sentence.
_OWN_DOT = re.compile(r"(?:\d\.\d{1,2}|\b[^\W\d_]{1,4})\.$")


_ALWAYS = frozenset({"24/7", "24/7/365"})


def _without_full_stop(text: str, start: int, end: int) -> int:
    if text[end - 1:end] == "." and not _OWN_DOT.search(text, start, end):
        return end - 1
    return end


def _granularity(fields: dict) -> str:
    if fields.get("hour") is not None:
        return "minute" if fields.get("minute") else "hour"
    if fields.get("relative_phrase"):
        phrase = fields["relative_phrase"].lower()
        return "minute" if "minute" in phrase else "hour" if "hour" in phrase else "day"
    if fields.get("month_end"):
        return "month"
    if (fields.get("week_number") is not None or fields.get("week_offset") is not None) and \
            fields.get("weekday") is None and fields.get("day") is None:
        return "week"
    return "day"


def _borrow_days_within_sentences(text: str, expressions: list[TimeExpression]) -> list[TimeExpression]:
    """A bare time ("by 09:30") takes its day from an earlier expression in its sentence."""
    if len(expressions) < 2:
        return expressions
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    result: list[TimeExpression] = []
    for expr in expressions:
        if expr.hour is not None and not expr.names_day and not expr.is_opening_hours:
            sentence = bisect.bisect_right(sentence_ends, expr.start)
            for earlier in reversed(result):
                if bisect.bisect_right(sentence_ends, earlier.start) != sentence:
                    break
                if earlier.names_day and not earlier.is_opening_hours and not earlier.business_days:
                    borrowed = {name: getattr(earlier, name) for name in DATE_FIELDS}
                    expr = replace(expr, date_from_context=True, **borrowed)
                    break
        result.append(expr)
    return result
