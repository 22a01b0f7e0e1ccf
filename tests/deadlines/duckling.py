"""Score the deadline engine (and dateparser) on Duckling's time corpora.

Duckling (github.com/facebook/duckling, BSD) is a peer's parser with its own
test corpus: phrases said on Tue 2013-02-12 04:30 with the date/time Duckling
expects. ``../shared/external/duckling/{sv,en}.yaml`` hold them converted; the
Finnish mirror table (finnish_mirror.py) is ours and NOT held out.

Each case gets a *kind* from its wording (first matching rule in ``_KINDS``).
Kinds marked exotic (other countries' holidays, "ago", seasons, "now", time
zones, spans like "last 2 days") may stay unrecognised but must never be
wrong; all others are the deadline-relevant kinds the floors are about.

A case is *exact* when our (date, time) is one of the case's accepted answers,
*missed* when the engine answers nothing, *wrong* otherwise. Day-level answers
carry no time. Where Duckling's answer is not what a Nordic office would read,
``_nordic_reading`` replaces it and says why.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from deadlint.deadlines import BusinessCalendar, BusinessPolicy, explain

# The shared folder sits beside the main checkout (/work/main -> /work/shared) and
# two levels up from a helper's worktree; DEADLINT_SHARED names another place.
_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = next((base / "external" / "duckling" for base in (
    Path(os.environ.get("DEADLINT_SHARED", _ROOT / "shared")), _ROOT.parent / "shared", _ROOT.parent.parent / "shared")
    if (base / "external" / "duckling").is_dir()), _ROOT.parent / "shared" / "external" / "duckling")
# Duckling's reference: Tuesday 04:30 on a wall clock at UTC-2 ("Etc/GMT+2"), which
# matters only for phrases naming a zone ("16 CET" is 13:00 there).
ZONE_NAME = "Etc/GMT+2"
NOW = datetime(2013, 2, 12, 4, 30, tzinfo=ZoneInfo(ZONE_NAME))
CALENDARS = {
    "fi": BusinessCalendar(BusinessPolicy(ZONE_NAME, "FI")),
    "sv": BusinessCalendar(BusinessPolicy(ZONE_NAME, "SE", holiday_categories=("public", "de_facto"))),
    "en": BusinessCalendar(BusinessPolicy(ZONE_NAME, "GB")),
}

Answer = tuple[str | None, str | None]  # ("2013-02-12", "15:00" or None)


@dataclass(frozen=True)
class Case:
    text: str
    lang: str
    kind: str
    exotic: bool
    accept: frozenset[Answer]  # empty: the phrase is vague and must resolve to nothing
    lenient_day: str | None = None  # a part of day: the bare day is an exact answer too


# (kind, exotic, pattern on the lower-cased phrase): the first match names the kind.
_KINDS: tuple[tuple[str, bool, str], ...] = (
    ("vague", False, r"^(asap|as soon as possible)$|beginning of (next|coming|the following|around next) week"
                     r"|^(at )?(the )?beginning of (this|current|last|past|previous) week"
                     r"|ensi viikon alussa|early next week|alussa"
                     # "in a few hours", "om ett par timmar": the packs' vague-deadline phrases
                     r"|\b(few|couple|pair)\b|\bett par\b|\bnågra\b|\bparin\b|\bmuutaman\b"),
    ("now", True, r"^(right |just )?now$|^(at the moment|atm|at this time|just nu|nu)$"),
    ("time zone", True, r"\b(cet|gmt|pst|bst|cst|ist)\b|\(bst\)"),
    ("ago / span / from now in weekdays", True,
     r"\bago\b|\bback$|\bsedan\b|\b(last|past|next|senaste|nästa|upcoming) (\d+|one|two|three|few|två|tre) "
     r"(minut|timm|dag|hour|minute|day|seconds?)|upcoming|\b(fridays|sundays|tuesdays|thursdays) from"
     r"|viime \d+ |edelliset|seuraavat \d+|\bfor (\d+|thirty|30')"),
    ("season / weekend / week span", True,
     r"summer|winter|season|sommar|vinter|helg|week-?\s?end|wkend|all week|rest of the week|^the week$"
     r"|viikonlop|kesä|talvi"),
    ("year arithmetic / closest / ides", True,
     r"\b(in|\d|four|three) years?\b|years? from|closest|ides|last day of may|after christmas"
     r"|year (after|from) christmas|\bhence\b"),
    ("part of month", True, r"\b(early|mid|late) march|\bbom\b|beginning of (the )?(month|january)"),
    ("clock time in words", True,
     r"^(at )?(ten|nine|four|seven|twelve|three)[ -](thirty|fifty|twenty|zero|o|ou|oh)\b|^at three twenty"),
    ("latent number", True, r"^(7a?|7p|the 24|on 24th|morning|afternoon|evening|night|tonight 815)$"),
    ("after school / lunch", True, r"after (school|lunch)|efter lunch|lounaan jälkeen"),
    ("holiday", False, r"christmas|xmas|new year'?s (eve|day)|juldag|nyårs|jouluaatto|joulupäiv"
                       r"|uudenvuodenaat|uudenvuodenpäiv|^easter( 2013| mon)?$|pääsiäi|påsk"),
    ("end of period", False, r"\beo[mdy]\b|end of (the )?(month|year|next month)|(kuun|vuoden) loppuun"
                             r"|end of (this|current|coming|next|last|past|previous|the following|around next)"
                             r" week|end of april|viikon lopussa"),
    ("in N units / within", False,
     r"^(in|om|within|inom) |\bfrom (now|today|right now)\b|från nu|^after \d+ days|efter (\d|fem)"
     r"|päästä|kuluttua|sisällä"),
    ("ordinal weekday / day of month", False,
     r"\b(first|second|third|last|fifth|första|andra|tredje|sista|ensimmäi|toise|kolmant|viimei)\w*"
     r" (\w+ )?(day|dag|monday|tuesday|wednesday|friday|sunday|måndag|tisdag|onsdag|söndag|tiistai"
     r"|maanantai|keskiviikko|perjantai|sunnuntai)"),
    ("clock time with part of day", False,
     r"morning|afternoon|evening|tonight|tonite|lunch|\bam\b|\bpm\b|morgon|eftermiddag|kväll|aamu|ilta"
     r"|in the (am|pm)"),
    ("quarter / half / minutes to-past", False,
     r"quarter|half|\bpast\b|\bafter \d+ ?pm|twenty after|\bto noon\b|minutes to|kvart|halv|över|"
     r"vartti|puoli|yli"),
    ("weekday of a week / relative weekday", False,
     r"(next|this|last|coming|nästa|förra|denna|ensi|viime|tämän|after next|igen)\b.*"
     r"(day|dag|tai|viikko|week|vecka)|(day|dag) (of|i|nästa|denna|förra|from) |tisdags|veckan"),
    ("relative day", False,
     r"today|tomorrow|yesterday|idag|i dag|imorgon|i morgon|igår|förrgår|överimorgon|tänään|huomenna|eilen"),
    ("date range", False, r"\d\s*(-|–|to|till|thru|through)\s*\d+(st|th|nd|rd)?\s+\w*|\b\w+ \d+\s*-\s*\d+"
                          r"|from (the )?\d+\w* to|\d+ \w+ (-|till) \d+|(july|juli|aug)\w* \d+ (-|to|thru|through)"),
    ("clock time / range", False, r"\d[:.h]\d\d|\bat \d|@|\bkl|klo|kello|\d ?(am|pm|a|p)\b|\d+h\b|o'?clock"
                                  r"|noon|midday|mid day|midnight|midnatt|\d{3,4}\b"),
    ("date", False, r"\d|first|second|third|march|tredje|förste|första|fjortonde"),
    ("weekday", False, r"day|dag|mon|tue|thu|fri|sat|sun|wed|mån|tis|ons|tor|fre|lör|sön|tai|viikko"),
)
_COMPILED_KINDS = tuple((kind, exotic, re.compile(pattern)) for kind, exotic, pattern in _KINDS)
# Phrases that contradict themselves ("tonight at 2", "this morning at 12"): Duckling
# picks a reading (14:00, midnight) a reader would ask about; they are left out.
# Holidays kept in an office in the Nordics; Duckling's others (religious holidays of
# other countries, Thanksgiving, Boss's Day ...) are exotic here.
_NORDIC_HOLIDAYS = frozenset({"Christmas", "New Year's Eve", "New Year's Day", "Easter Sunday", "Easter Monday"})
_CONTRADICTORY_NOTE = "reads the hour as p.m. or the next day"
# A part of a day ("tomorrow evening", "morning of xmas"): Duckling answers a span of
# hours within the day; a deadline engine answers the day, which a reader takes as it.
_PART_OF_DAY_WORD = re.compile(r"morning|afternoon|evening|night|tonight|tonite|lunch|kväll|morgon|eftermiddag")


def kind_exotic(kind: str) -> bool:
    return next(exotic for name, exotic, _ in _KINDS if name == kind)


def kind_of(text: str) -> tuple[str, bool]:
    lowered = text.lower()
    for kind, exotic, pattern in _COMPILED_KINDS:
        if pattern.search(lowered):
            return kind, exotic
    return "other", True


def _nordic_reading(raw: dict) -> set[Answer] | None:
    """Answers a Nordic office reads where Duckling's differ; None keeps Duckling's."""
    text, note = raw["text"].lower(), raw.get("note") or ""
    if text in ("next wednesday", "next saturday"):
        # Duckling EN takes next week's day; said on a Tuesday, "next Wednesday" is
        # ambiguous, and Swedish "nästa onsdag" (Duckling SV) and Finnish "ensi
        # keskiviikkona" name the coming one. We answer the coming one, and
        # `weekday-is-today`/the suggestion render the date so the reader sees it.
        return {("2013-02-13" if "wed" in text else "2013-02-16", None)}
    if "two-digit year" in note:
        # A forward-looking reader (and our engine) puts "74" in this century.
        return {(a[0].replace("1974", "2074"), a[1]) for a in raw["accept"]}
    if "weekday and date disagree" in note:
        # Duckling moves the date to a month or year where the weekday fits; a reader
        # keeps the coming date and notices the mismatch, which `weekday-mismatch` reports.
        if text == "thu 15th":
            return {("2013-02-15", None)}
        return {(a[0].replace("2014", "2013"), a[1]) for a in raw["accept"]}
    if "24-hour reader" in note:
        # Nordic clocks are 24-hour: "3:30" is 03:30, already past at 04:30, so tomorrow.
        return {("2013-02-13", "03:30")}
    if text == "by eod":
        # "End of day" in an office is its closing time, which the engine answers.
        return {("2013-02-12", "16:00")}
    if text == "by the end of next month":
        # A Nordic office's month ends on its last business day: 31 March 2013 is a
        # Sunday and 29 March Good Friday, so Thursday the 28th.
        return {("2013-03-28", None)}
    if text == "this morning at 3":
        # Said at 04:30: a reader takes it as earlier today, Duckling as tomorrow.
        return {("2013-02-12", "03:00"), ("2013-02-13", "03:00")}
    if "7 minutes in the past" in note:
        # A clock time just passed: today (Duckling) or tomorrow (the next one to come).
        return {*map(tuple, raw["accept"]), ("2013-02-13", "04:23")}
    return None


# Phrases dateparser resolves and we leave alone, and why (the engine reads every
# sentence of a draft, so a word that is also a date only in isolation stays a word).
KNOWN_LOSSES: dict[str, dict[str, str]] = {
    "sv": {"mån": "'mån' is a Swedish word ('i viss mån'); read only before a date or time"},
    "en": {
        "sat": "'sat' and 'sun' are English words; read only before a date or time",
        "sat.": "'sat' and 'sun' are English words; read only before a date or time",
        "sun": "'sat' and 'sun' are English words; read only before a date or time",
        "sun.": "'sat' and 'sun' are English words; read only before a date or time",
        "14th April 15": "a two-digit number after a date is as often a count or a time as a year",
        "at three am": "'three' and 'am' are everyday words: the cheap pre-check every sentence "
                       "takes skips a sentence with no digit and no time word",
        "15 / 2": "a spaced slash or a dash between two numbers is a range or a count as often as a date",
        "15-2": "a spaced slash or a dash between two numbers is a range or a count as often as a date",
        "15 - 2": "a spaced slash or a dash between two numbers is a range or a count as often as a date",
        "31-10-74": "day-month-year with dashes and a two-digit year: as often a code as a date",
        "31 10 1974": "numbers separated by spaces are not a date a Nordic office writes",
    },
    "fi": {},
}


def load(lang: str) -> list[Case]:
    """The cases of one Duckling corpus, with their kinds and accepted answers."""
    data = yaml.safe_load((CORPUS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    return [case for case in (_case(raw, lang) for raw in data["cases"]) if case is not None]


def _case(raw: dict, lang: str) -> Case | None:
    if _CONTRADICTORY_NOTE in (raw.get("note") or ""):
        return None
    kind, exotic = kind_of(raw["text"])
    if raw.get("holiday") and raw["holiday"] not in _NORDIC_HOLIDAYS:
        kind, exotic = "other countries' holidays", True
    elif raw["section"] == "us-default":
        # Duckling's US-only readings ("10-31-74", "2 - 15"): month-first dates no Nordic
        # office writes; "2/15", which can only be month first, is read all the same.
        kind, exotic = "US month-first dates", True
    accept = _nordic_reading(raw) or {tuple(a) for a in raw["accept"]}
    if kind == "vague":
        accept = set()
    one_day = raw["interval"] and raw.get("end_incl_date", raw["date"]) == raw["date"]
    lenient = raw["date"] if one_day and _PART_OF_DAY_WORD.search(raw["text"].lower()) else None
    return Case(raw["text"], lang, kind, exotic, frozenset(accept), lenient)


def verdict(case: Case, answer: Answer) -> str:
    """"exact", "wrong" or "missed" for one answer."""
    if answer[0] is None:
        return "exact" if not case.accept else "missed"
    if answer in case.accept or (case.lenient_day and answer == (case.lenient_day, None)):
        return "exact"
    return "wrong"


def engine_answer(text: str, lang: str) -> Answer:
    """What `deadlint when --lang L --now 2013-02-12T04:30` answers, in process."""
    answer = explain(text, lang, NOW, CALENDARS[lang])
    return answer["date"], answer["time"]


_PARSERS: dict = {}


def dateparser_answer(case: Case) -> Answer:
    """dateparser on the whole phrase; its time counts only where a time is expected."""
    from dateparser.date import DateDataParser

    parser = _PARSERS.get(case.lang)
    if parser is None:
        parser = _PARSERS[case.lang] = DateDataParser(languages=[case.lang], settings={
            "RELATIVE_BASE": NOW.replace(tzinfo=None), "PREFER_DATES_FROM": "future"})
    try:
        parsed = parser.get_date_data(case.text).date_obj
    except Exception:  # dateparser raises on some inputs: no answer
        parsed = None
    if parsed is None:
        return None, None
    day = parsed.date().isoformat()
    if (day, None) in case.accept or (case.lenient_day == day):
        return day, None
    return day, parsed.strftime("%H:%M")
