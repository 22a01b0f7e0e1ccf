"""Token patterns compiled once per language from the word tables in lexicon.py.

Each ``Pattern`` finds one kind of token and turns its match into a dict of
TimeExpression fields (or None to reject it, e.g. 31.2.). ``recognise.py``
combines neighbouring tokens into expressions.

Token roles (``Pattern.role``):
  content  - says something about the time (date, time, weekday, week ...)
  needs_following - an abbreviation ("ti", "Mon") valid only before a date/time
  needs_preceding - a bare "14.30" or "8-17", valid only after a day or opening word
  anchor   - an opening-hours word or weekday span; makes its group opening hours
  marker   - deadline/start words that attach to a neighbouring expression
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from deadlint.regex_prefix import prefix_tree

from . import lexicon as lx

Fields = dict[str, object]


@dataclass(frozen=True)
class Pattern:
    kind: str
    role: str
    regex: re.Pattern[str]
    build: Callable[[re.Match[str]], Fields | None]
    # Words one of which a match always holds (DIGIT: any digit): a text with none of
    # them skips the regex, which keeps a grammar of many patterns cheap per sentence.
    needs: frozenset[str] | None = None
    # Every match starts with a digit: the search starts at the text's first digit.
    digit_first: bool = False


DIGIT = "#digit"  # in Pattern.needs: the text holds a digit
MONTH = -1  # a duration unit of one calendar month


def needs_of(phrases) -> frozenset[str]:
    """The words one of which is in any text holding one of ``phrases``."""
    return frozenset(_key_word(phrase) for phrase in phrases)


@dataclass(frozen=True)
class Grammar:
    lang: str
    # Cheap pre-check: a text with no digit and none of these words holds no expression.
    trigger_words: frozenset[str]
    patterns: tuple[Pattern, ...]
    glue: re.Pattern[str]  # text allowed between two tokens of one expression (fullmatch)


def _alt(words, case_sensitive=frozenset()) -> str:
    """Regex alternation of words, longest first; spaces match any whitespace."""
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return "(?!)"
    # Where no word can start, one look at the character instead of a try per word.
    firsts = {word[0] for word in words}
    gate = (f"(?=[{''.join(sorted(map(re.escape, firsts)))}])"
            if len(words) > 3 and not any(first.isspace() for first in firsts) else "")
    if not case_sensitive.intersection(words) and all(map(_shares_prefixes_safely, words)):
        # Longer words stay first where one begins with another: the same matches.
        return f"(?:{gate}{prefix_tree(words, _word_char)})"
    parts = []
    for word in words:
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(f"(?-i:{escaped})" if word in case_sensitive else escaped)
    return f"(?:{gate}(?:" + "|".join(parts) + "))"


def _word_char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


def _shares_prefixes_safely(word: str) -> bool:
    """Whether no letter of the word matches, under IGNORECASE, a character that
    another lowercase letter matches too (as "ı" and "i" both match "I"), and no
    space starts or ends it: then two words can match at one place only when one
    begins with the other."""
    return (word == word.strip() and word == word.lower()
            and all(ord(c) < 0x250 and c not in "\u0131\u017f" and (c == " " or not c.isspace()) for c in word))


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _lower_keys(table: dict) -> dict:
    return {_key(word): value for word, value in table.items()}


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


WORD = re.compile(r"\w+")
WORD_START = r"(?<!\w)"
WORD_END = r"(?!\w)"
HOUR = r"(?:[01]?\d|2[0-3])"
MINUTE = r"[0-5]\d"
DAY = r"(?:[0-2]?\d|3[01])"
YEAR = r"(?:\d{4})"
# Words that may follow a bare number without making it a count ("at 5 with the
# invoice", "the 15th and"): "at 5 locations" and "the 3rd floor" are counts.
FUNCTION_WORDS_EN = r"on|with|and|or|but|so|if|as|for|by|at|please|latest|then|when|unless"
FUNCTION_WORDS_SV = r"med|och|eller|men|så|om|för|till|kl|klockan|senast|när"
# Numbers glued to currency, percent or units are amounts, never dates or times.
NOT_AN_AMOUNT = r"(?!\s*(?:€|\$|£|%|e\b|eur\b|euro|kr\b|kronor|sek\b|usd\b|gbp\b|mm\b|cm\b|km\b|kg\b))"
# A date/time number must not continue a longer number, version, price or IP.
NUMBER_START = r"(?<![\w.,:/#$€£+\-])"
NUMBER_END = r"(?![\w/]|[.,:]\d)"


# --- field builders -----------------------------------------------------------

def _calendar_date(day: int, month: int, year: int | None) -> Fields | None:
    if not 1 <= month <= 12:
        return None
    # Without a year, allow 29.2.: the nearest year decides later.
    if not 1 <= day <= _stdlib_calendar.monthrange(year or 2024, month)[1]:
        return None
    fields: Fields = {"day": day, "month": month}
    if year is not None:
        fields["year"] = year
    return fields


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) + (2000 if len(text) == 2 else 0)


def _build_numeric_date(match: re.Match[str], lang: str) -> Fields | None:
    day, month = int(match["d"]), int(match["m"])
    if match["sep"] == "/" and lang == "en" and month > 12 >= day:
        day, month = month, day  # "11/24" can only be US order
    # Two-digit years only after a slash: "2.4.11" is a version number, "2/4/11" a date.
    fields = _calendar_date(day, month, _year(match["y"] or match["y2"]))
    if fields is not None and match["bare"] is not None and not _after_deadline_word(match, lang):
        fields["_bare"] = True  # needs a weekday before it
    return fields


# "senast 19.11", "viimeistään 19.11": after these a bare day.month is a date. Not in
# English, where "by 2.5" is as often an amount or a version.
_DEADLINE_WORD_BEFORE = {lang: re.compile(rf"(?<!\w){_alt(words)}(?:\s+den)?\s+$", re.IGNORECASE)
                         for lang, words in (("fi", ("viimeistään",)), ("sv", ("senast", "före", "innan")),
                                             ("en", ()))}


def _after_deadline_word(match: re.Match[str], lang: str) -> bool:
    return _DEADLINE_WORD_BEFORE[lang].search(match.string, max(0, match.start() - 20), match.start()) is not None


def _build_iso_date(match: re.Match[str]) -> Fields | None:
    return _calendar_date(int(match["d"]), int(match["m"]), int(match["y"]))


def _build_named_date(match: re.Match[str], months: dict[str, int]) -> Fields | None:
    return _calendar_date(int(match["d"]), months[_key(match["month"])], _year(match["y"]))


def _hour_from_12h(hour: int, meridiem: str | None) -> int | None:
    if meridiem is None:
        return hour
    if not 1 <= hour <= 12:
        return None
    pm = meridiem.lower().startswith("p")
    return (hour % 12) + (12 if pm else 0)


def _build_time(match: re.Match[str]) -> Fields | None:
    explicit = bool(match["prefix"] or match["opener"] or match["closer"] or match["ap1"] or match["ap2"]
                    or ":" in match.group(0) or "h" in match.group(0) or match.groupdict().get("dayword") is not None)
    start_ap = match["ap1"] or (match["ap2"] if match["h2"] else None)
    hour = _hour_from_12h(int(match["h1"]), start_ap)
    minute = int(match["m1"] or 0)
    if hour is None:
        return None
    fields: Fields = {"hour": hour, "minute": minute}
    if match["h2"]:
        end_hour = _hour_from_12h(int(match["h2"]), match["ap2"])
        if end_hour is None:
            return None
        if match["ap2"] and not match["ap1"] and hour > end_hour:
            hour = _hour_from_12h(int(match["h1"]), "am")  # "11-2pm" is 11 am to 2 pm
        end_minute = int(match["m2"] or 0)
        if (end_hour, end_minute) <= (hour, minute) and end_hour < 12:
            end_hour += 12  # "9-5" in opening hours means 9 to 17
        if (end_hour, end_minute) <= (hour, minute):
            return None
        fields.update(hour=hour, window_end=(end_hour, end_minute))
    elif not explicit and not match["m1"]:
        return None  # a lone "12" is just a number
    if not explicit:
        fields["_bare"] = True  # "14.30" or "8-17": needs a day or opening word before it
    return fields


def _lookup(table: dict[str, tuple[int, str]], field: str):
    """Builder for a one-phrase token whose table value is (value, flag)."""
    lowered = _lower_keys(table)

    def build(match: re.Match[str]) -> Fields:
        value, flag = lowered[_key(match["word"])]
        return {field: value, "is_deadline": True} if flag == "deadline" else {field: value}

    return build


def _build_weekday(match: re.Match[str], names: dict, relations: dict) -> Fields | None:
    weekday, flag = names[_key(match["word"])]
    fields: Fields = {"weekday": weekday}
    if match["rel"]:
        fields["weekday_relation"] = relations[_key(match["rel"])]
    if match["after_next"]:
        if match["rel"]:
            return None  # "next Friday after next": nobody says it
        fields["weekday_relation"] = "after_next"
    if flag == "last":
        fields["weekday_relation"] = "last"
    elif flag == "deadline":
        fields["is_deadline"] = True
    return fields


def _number(text: str | None, words: dict[str, int]) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else words[_key(text)]


def _build_business_days(match: re.Match[str], words: dict[str, int]) -> Fields | None:
    count = _number(match["n_max"] or match["n"], words)  # "2-3 arkipäivässä": promise the later one
    if count is None and not (match["before"] or match["after"]):
        return None  # "business day" alone names no duration
    count = 1 if count is None else count
    if not 1 <= count <= 60:
        return None
    return {"business_days": count, "is_deadline": True}


def _build_week_number(match: re.Match[str], prefixes: dict[str, str]) -> Fields | None:
    week = int(match["w"])
    if not 1 <= week <= 53:
        return None
    fields: Fields = {"week_number": week}
    if match["y"]:
        fields["year"] = int(match["y"])
    if prefixes[_key(match["prefix"])] == "deadline":
        fields["is_deadline"] = True
    return fields


def _build_month_end(match: re.Match[str], months: dict, this_month: dict, boundary: dict,
                     after: dict) -> Fields:
    groups = match.groupdict()
    fields: Fields = {"month_end": True}
    if groups.get("month"):
        fields["month"] = months[_key(groups["month"])]
    elif groups.get("relative"):
        fields["month_offset"] = this_month[_key(groups["relative"])]
    else:
        fields["month_offset"] = boundary[_key(groups["boundary"])]
    if groups.get("after") and after[_key(groups["after"])] == "deadline":
        fields["is_deadline"] = True
    return fields


def _build_marker(match: re.Match[str], sides: dict[str, tuple[str, str]]) -> Fields:
    meaning, side = sides[_key(match.group(0))]
    return {"marker": meaning, "side": side}


def _build_duration(match: re.Match[str], counts: dict[str, float], numbers: dict[str, int],
                    units: dict[str, int], within: frozenset[str], halves=()) -> Fields | None:
    count_text = _key(match["count"] or "")
    half = next((h for h in halves if count_text.endswith(" " + h)), None)
    if half:  # "om två och en halv timme"
        count_text = count_text[:-len(half) - 1]
    if count_text in counts:
        count = counts[count_text]
    elif count_text in numbers:
        count = numbers[count_text]
    else:
        try:
            count = float(count_text.replace(",", "."))
        except ValueError:
            return None
    unit = units[_key(match["unit"])]
    fields: Fields = {"span": True}
    if unit == MONTH:
        if half or count != int(count) or not 1 <= count <= 24:
            return None  # "in 1.5 months" names no day
        fields["months_ahead"] = int(count)
        return _within(fields, match, within)
    minutes = (count + (0.5 if half else 0)) * unit
    if not 0 < minutes <= 366 * 1440:
        return None
    if unit >= 1440:  # "in 24 hours" is a time, "in a day" a day
        if minutes % 1440:
            return None  # "in 1.5 days" names no day
        fields["day_offset"] = int(minutes // 1440)
    else:
        fields["minutes_ahead"] = int(minutes)
    return _within(fields, match, within)


def _within(fields: Fields, match, within) -> Fields:
    if _key(match["before"] or "") in within or _key(match["after"] or "") in within:
        fields["is_deadline"] = True
    return fields


def _day_first(first: int, second: int, lang: str) -> tuple[int, int]:
    """(day, month) of "3-10-2015"; English "10-31-2015" can only be month first."""
    return (second, first) if lang == "en" and second > 12 >= first else (first, second)


def _build_spoken_time(match: re.Match[str], minutes: dict[str, int], hours: dict[str, int],
                       directions: dict[str, int], half: tuple[str, int]) -> Fields | None:
    hour_text = _key(match["hour"])
    hour = int(hour_text) if hour_text.isdigit() else hours[hour_text]
    if match["half"]:
        offset = half[1]
    else:
        minute_text = _key(match["min"])
        minute = int(minute_text) if minute_text.isdigit() else minutes[minute_text]
        direction = directions[_key(match["dir"])]
        if not 1 <= minute <= 30:
            return None
        if direction < 0 and minute_text.isdigit() and not (match["mw"] or match["ap"] or hour_text == "noon"):
            return None  # "2 to 3 copies", "2 i 3 färger": a count, not "20 to 2pm"
        offset = minute * direction
    if match["ap"]:
        hour = _hour_from_12h(hour, match["ap"])
    elif 1 <= hour <= 6:
        hour += 12  # a spoken "kvart över 3", "puoli neljä" in office talk is the afternoon
    if hour is None or not 0 <= hour <= 24:
        return None
    total = (hour * 60 + offset) % 1440
    return {"hour": total // 60, "minute": total % 60}


def _build_ordinal(match: re.Match[str], ordinals: dict, weekdays: dict, months: dict, day_nouns,
                   relative_months: dict) -> Fields | None:
    ordinal = ordinals[_key(match["ord"])]
    if match.groupdict().get("rel_month"):  # "the first Monday of next month"
        if _key(match["wd"]) in day_nouns or match["y"]:
            return None
        return {"weekday": weekdays[_key(match["wd"])][0], "ordinal": ordinal,
                "month_offset": relative_months[_key(match["rel_month"])]}
    fields: Fields = {"month": months[_key(match["month"])]}
    if match["y"]:
        fields["year"] = int(match["y"])
    if _key(match["wd"]) in day_nouns:
        if ordinal > 0:
            return _calendar_date(ordinal, fields["month"], fields.get("year"))
        fields["ordinal"] = -1  # "the last day of October"
        return fields
    fields.update(weekday=weekdays[_key(match["wd"])][0], ordinal=ordinal)
    return fields


# --- per-language assembly ---------------------------------------------------------

def _marker_sides(lang: str) -> dict[str, tuple[str, str]]:
    """word -> (meaning, side): side "before"/"after" the expression or "both"."""
    sides: dict[str, tuple[str, str]] = {}
    for meaning, before, after in (("deadline", lx.DEADLINE_BEFORE, lx.DEADLINE_AFTER),
                                   ("start", lx.START_BEFORE, lx.START_AFTER),
                                   ("replaced", lx.REPLACED_BEFORE, lx.REPLACED_AFTER)):
        for word in before[lang]:
            sides[_key(word)] = (meaning, "before")
        for word in after[lang]:
            side = "both" if _key(word) in sides and sides[_key(word)][0] == meaning else "after"
            sides[_key(word)] = (meaning, side)
    return sides


def _joiner(joiners) -> str:
    """Alternation of range joiners: dashes may touch the numbers, words need spaces."""
    parts = []
    for joiner in joiners:
        if joiner.isspace():
            parts.append(r"\s+")
        elif joiner.isalpha():
            parts.append(rf"\s+{joiner}\s+")
        else:
            parts.append(rf"\s*{re.escape(joiner)}\s*")
    return "|".join(parts)


def _time_regex(lang: str) -> str:
    prefix = _alt(lx.TIME_PREFIXES[lang])
    # "3:15p", "at 3p" take a one-letter meridiem glued on: "3 p" and "3p" (pence) do not.
    meridiem = (r"(?:a\.m\.|p\.m\.|am|pm|(?:(?<=[:.h]\d\d)|(?<=\bat\s\d)|(?<=\bat\s\d\d))[ap]\.?(?!\w))"
                if lang == "en" else "(?!)")
    joiner = _joiner(lx.TIME_RANGE_JOINERS[lang])

    def clock(n: int) -> str:
        # "15h30" and "15h" (French-style, in the peer's corpus); "2h" is two hours, so a
        # bare "h" only after 13-23.
        return (rf"(?P<h{n}>{HOUR})(?:(?:[.:]|h(?=\d\d))(?P<m{n}>{MINUTE})|(?<=1[3-9]|2[0-3])h\b)?"
                rf"(?:(?:ish|\s*o'?clock)(?=\s*{meridiem}))?(?:\s*(?P<ap{n}>{meridiem}))?")

    # English "at 5" is a time only if no noun follows ("at 5 locations"); klo/kl are unambiguous.
    # "8 tonight", "9 tomorrow evening": a bare hour before the day it is on.
    day_follows = r"(?P<dayword>(?=\s+(?:tonight|tonite|tomorrow|(?:this|in\s+the)\s+(?:evening|afternoon|morning|am|pm))\b))?" \
        if lang == "en" else ""
    plain_needs_no_noun = (rf"(?(m1)|(?(ap1)|(?(h2)|(?!\s+(?!(?:{FUNCTION_WORDS_EN}|tomorrow|today|tonight|next|this|sharp|in\s+the\s+(?:morning|afternoon|evening|am|pm)|{_alt(lx.ZONE_OFFSETS)})\b)"
                           r"[^\W\d_]))))") if lang == "en" else ""
    return (rf"(?:(?P<opener>{WORD_START}{_alt(lx.TIME_RANGE_OPENERS[lang])})\s+)?"
            rf"(?:(?P<prefix>{WORD_START}{prefix})\s*|{NUMBER_START}){clock(1)}"
            rf"(?:(?:{joiner})(?:{prefix}\s*)?{clock(2)})?"
            rf"(?:\s+(?P<closer>{_alt(lx.TIME_RANGE_CLOSERS[lang])}))?"
            rf"(?:\s*o'?clock)?{NUMBER_END}{NOT_AN_AMOUNT}{plain_needs_no_noun}{day_follows}")


def _grammar(lang: str) -> Grammar:
    weekday_names = lx.WEEKDAYS[lang]
    # Abbreviations that are no other word stand alone (_corpus_patterns); the rest need a date after.
    abbreviations = _lower_keys(lx.WEEKDAY_ABBREVIATIONS[lang])
    needs_date = {word: day for word, day in abbreviations.items() if word not in lx.STANDALONE_ABBREVIATIONS[lang]}
    months_after = lx.MONTHS_AFTER_DAY[lang]
    months_before = lx.MONTHS_BEFORE_DAY[lang]
    months_end = lx.MONTHS_FOR_MONTH_END[lang]
    month_end_tables = (_lower_keys(months_end), _lower_keys(lx.THIS_MONTH[lang]),
                        _lower_keys(lx.MONTH_BOUNDARY[lang]), _lower_keys(lx.MONTH_END_AFTER[lang]))
    months_after_lookup, months_before_lookup = _lower_keys(months_after), _lower_keys(months_before)
    named_times = _lower_keys(lx.NAMED_TIMES[lang])
    weekday_lookups = (_lower_keys(weekday_names), _lower_keys(lx.WEEKDAY_RELATIONS[lang]))
    week_prefix_lookup = _lower_keys(lx.WEEK_NUMBER_PREFIXES[lang])
    numbers = _lower_keys(lx.NUMBER_WORDS[lang])
    number = rf"(?:\d{{1,2}}|{_alt(numbers)})"
    day_suffix = _alt(lx.DAY_SUFFIXES[lang])
    any_weekday = _alt(list(weekday_names) + list(abbreviations))
    range_joiner = _joiner(lx.WEEKDAY_RANGE_JOINERS[lang])
    time_prefix = _alt(lx.TIME_PREFIXES[lang])
    marker_sides = _marker_sides(lang)
    the_before_day = r"(?:the\s+)?" if lang == "en" else ""  # "February the 15th"
    case_sensitive = lx.CASE_SENSITIVE_MONTHS

    def pattern(kind: str, role: str, source: str, build, needs=None) -> Pattern:
        # NUMBER_START opens only a pattern whose first character is a digit.
        return Pattern(kind, role, _compile(source), build, needs, digit_first=source.startswith(NUMBER_START))

    patterns = [
        pattern("date", "content",
                rf"{NUMBER_START}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){WORD_END}(?!-)",
                _build_iso_date, {DIGIT}),
        # 24.11. / 24.11.2026 / 24.11 klo 12 / 24/11 / 24/11/2026; a bare "24.11" is a
        # date only after a day's name ("ke 24.11"): alone it may be a price or a version.
        pattern("date", "content",
                rf"{NUMBER_START}(?P<d>{DAY})(?P<sep>[./])(?P<m>{'[0-3]?' if lang == 'en' else '[01]?'}\d)"
                rf"(?:\.(?P<y>\d{{4}})?|/(?P<y2>\d{{4}}|\d{{2}})|(?<=/\d)|(?<=/\d\d)|(?=\s+{time_prefix})"
                rf"|(?P<bare>(?=[\s,;:!?)]|$)))"
                rf"(?!\d|[.,]\d){NOT_AN_AMOUNT}",
                lambda m: _build_numeric_date(m, lang), {DIGIT}),
        pattern("date", "content",
                rf"{NUMBER_START}(?P<d>{DAY})(?:{day_suffix})?\s*(?:{_alt(lx.DATE_GLUE[lang])}\s+)?"
                rf"(?P<month>{_alt(months_after, case_sensitive)}){WORD_END}\.?(?:,?\s+(?P<y>{YEAR}))?{WORD_END}",
                lambda m: _build_named_date(m, months_after_lookup), {DIGIT}),
        pattern("date", "content",
                rf"{WORD_START}(?P<month>{_alt(months_before, case_sensitive)})\.?\s*{the_before_day}(?P<d>{DAY})"
                rf"(?:{day_suffix})?(?:\s+{_alt(lx.DAY_WORD_AFTER_DATE[lang])})?"
                rf"(?:,?\s+(?P<y>{YEAR}))?(?![\w:]|[.,]\d)",
                lambda m: _build_named_date(m, months_before_lookup), {DIGIT}),
        pattern("time", "content", _time_regex(lang), _build_time, {DIGIT}),
        pattern("time", "content",
                rf"{WORD_START}(?:{time_prefix}\s+)?(?P<word>{_alt(lx.NAMED_TIMES[lang])}){WORD_END}",
                lambda m: dict(zip(("hour", "minute"), named_times[_key(m["word"])])), needs_of(named_times)),
        pattern("recurring", "anchor",
                rf"{WORD_START}(?:{any_weekday}\.?(?:{range_joiner}){any_weekday}|"
                rf"{_alt(lx.RECURRING_DAYS[lang])}){WORD_END}\.?",
                lambda m: {}, needs_of([*weekday_names, *abbreviations, *lx.RECURRING_DAYS[lang]])),
        pattern("opening", "anchor", rf"{WORD_START}{_alt(lx.OPENING_HOURS[lang])}{WORD_END}:?", lambda m: {},
                needs_of(lx.OPENING_HOURS[lang])),
        pattern("weekday", "content",
                rf"{WORD_START}(?:(?P<rel>{_alt(lx.WEEKDAY_RELATIONS[lang])})\s+)?"
                rf"(?P<word>{_alt(weekday_names)})(?P<after_next>\s+{_alt(lx.AFTER_NEXT[lang])})?{WORD_END}",
                lambda m: _build_weekday(m, *weekday_lookups), needs_of(weekday_names)),
        pattern("weekday", "needs_following",
                rf"{WORD_START}(?P<word>{_alt(needs_date)}){WORD_END}\.?",
                lambda m: {"weekday": abbreviations[_key(m["word"])]}, needs_of(needs_date)),
        pattern("relative_day", "content", rf"{WORD_START}(?P<word>{_alt(lx.RELATIVE_DAYS[lang])}){WORD_END}",
                _lookup(lx.RELATIVE_DAYS[lang], "day_offset"), needs_of(lx.RELATIVE_DAYS[lang])),
        pattern("end_of_business", "content", rf"{WORD_START}{_alt(lx.END_OF_BUSINESS[lang])}{WORD_END}",
                lambda m: {"at_business_end": True}, needs_of(lx.END_OF_BUSINESS[lang])),
        pattern("relative_week", "content", rf"{WORD_START}(?P<word>{_alt(lx.RELATIVE_WEEKS[lang])}){WORD_END}",
                _lookup(lx.RELATIVE_WEEKS[lang], "week_offset"), needs_of(lx.RELATIVE_WEEKS[lang])),
        pattern("week_number", "content",
                rf"{WORD_START}(?P<prefix>{_alt(week_prefix_lookup)})\s*(?P<w>\d{{1,2}})"
                rf"(?:\s*/\s*(?P<y>{YEAR}))?{NUMBER_END}",
                lambda m: _build_week_number(m, week_prefix_lookup), {DIGIT}),
        # "end of November" / "marraskuun loppuun" / "månadsskiftet"
        pattern("month_end", "content",
                rf"{WORD_START}(?:{_alt(lx.MONTH_END_BEFORE[lang])})\s+(?:(?P<month>{_alt(months_end, case_sensitive)})"
                rf"|(?P<relative>{_alt(lx.THIS_MONTH[lang])})){WORD_END}",
                lambda m: _build_month_end(m, *month_end_tables), needs_of(lx.MONTH_END_BEFORE[lang])),
        pattern("month_end", "content",
                rf"{WORD_START}(?:(?P<month>{_alt(months_end)})|(?P<relative>{_alt(lx.THIS_MONTH[lang])}))\s+"
                rf"(?P<after>{_alt(lx.MONTH_END_AFTER[lang])}){WORD_END}",
                lambda m: _build_month_end(m, *month_end_tables), needs_of(lx.MONTH_END_AFTER[lang])),
        pattern("month_end", "content", rf"{WORD_START}(?P<boundary>{_alt(lx.MONTH_BOUNDARY[lang])}){WORD_END}",
                lambda m: _build_month_end(m, *month_end_tables), needs_of(lx.MONTH_BOUNDARY[lang])),
        pattern("business_days", "content",
                rf"{WORD_START}(?:(?P<before>{_alt(lx.BUSINESS_DAY_BEFORE[lang])})\s+)?(?:(?P<n>{number})(?:\s*[-–]\s*(?P<n_max>{number}))?\s+)?"
                rf"{_alt(lx.BUSINESS_DAY_UNITS[lang])}(?:\s+(?P<after>{_alt(lx.BUSINESS_DAY_AFTER[lang])}))?{WORD_END}",
                lambda m: _build_business_days(m, numbers), needs_of(lx.BUSINESS_DAY_UNITS[lang])),
        pattern("marker", "marker", rf"{WORD_START}{_alt(marker_sides)}(?!\w)",
                lambda m: _build_marker(m, marker_sides)),
    ]
    patterns.extend(_corpus_patterns(lang, pattern, number, numbers))
    if lang == "en":  # months have no fixed length: dateparser counts them
        patterns.append(pattern(
            "relative_phrase", "content",
            rf"{WORD_START}(?:in\s+{number}\s+months?|in\s+a\s+month){WORD_END}",
            lambda m: {"relative_phrase": m.group(0)}))

    trigger_words = [*weekday_names, *months_after, *months_before, *lx.RELATIVE_DAYS[lang],
                     *lx.END_OF_BUSINESS[lang], *lx.RELATIVE_WEEKS[lang], *lx.NAMED_TIMES[lang],
                     *lx.MONTH_BOUNDARY[lang], *lx.THIS_MONTH[lang], *lx.BUSINESS_DAY_UNITS[lang],
                     *lx.DURATION_UNITS[lang], *lx.DURATION_MONTHS[lang], *lx.DAY_PARTS[lang], *lx.NAMED_DAYS[lang], *lx.YEAR_END[lang],
                     *lx.SPOKEN_CLOCK_TRIGGERS[lang], *lx.EASTER_DAYS[lang], *lx.STANDALONE_ABBREVIATIONS[lang],
                     *(lx.RELATIVE_UNITS_EN if lang == "en" else ())]
    trigger = frozenset(_key_word(phrase) for phrase in trigger_words)
    glue = _compile(rf"(?:[\s,]|{WORD_START}{_alt(lx.GLUE_WORDS[lang])}{WORD_END})*")
    return Grammar(lang, trigger, tuple(patterns), glue)


def _corpus_patterns(lang: str, pattern, number: str, numbers: dict[str, int]) -> list[Pattern]:
    """Durations, parts of the day, spoken clock times, named days, year ends and
    ordinal weekdays: the kinds a peer's corpus (Duckling) taught the grammar."""
    counts = _lower_keys(lx.DURATION_COUNTS[lang])
    units = {**_lower_keys(lx.DURATION_UNITS[lang]), **{_key(word): MONTH for word in lx.DURATION_MONTHS[lang]}}
    within = frozenset({"within", "inom", "inom loppet av", "sisällä", "sisään", "kuluessa"})
    halves = tuple(_key(h) for h in lx.AND_A_HALF[lang])
    count = rf"(?:\d{{1,3}}(?:[.,]5)?|{_alt(k for k in counts if k)}|{number})(?:\s+{_alt(lx.AND_A_HALF[lang])})?"
    before, after = _alt(lx.DURATION_BEFORE[lang]), _alt(lx.DURATION_AFTER[lang])
    unit = rf"(?P<unit>{_alt(units)})"
    if lang == "fi":
        duration = rf"(?:(?P<count>{count})\s+)?{unit}\s+(?P<after>{after})(?P<before>(?!))?"
    else:
        duration = (rf"(?:(?P<before>{before})\s+(?P<count>{count})\s*{unit}(?:\s+(?P<after>{after}))?"
                    rf"|(?P<count2>{count})\s+(?P<unit2>{_alt(units)})\s+(?P<after2>{after}))")
    parts = _lower_keys(lx.DAY_PARTS[lang])
    hours, minutes = _lower_keys(lx.HOUR_WORDS[lang]), _lower_keys(lx.MINUTE_WORDS[lang])
    directions = _lower_keys(lx.CLOCK_DIRECTIONS[lang])
    half = lx.HALF_HOUR[lang]
    hour = rf"(?P<hour>{HOUR}|{_alt(hours)})"
    meridiem = r"(?:\s*(?P<ap>a\.m\.|p\.m\.|am|pm))?" if lang == "en" else "(?P<ap>(?!))?"
    prefix = rf"(?:{_alt(lx.TIME_PREFIXES[lang] + ('for',))}\s*)?"
    spoken = (rf"{WORD_START}{prefix}(?:(?P<min>\d{{1,2}}|{_alt(minutes)})(?P<mw>\s+{_alt(('minutes', 'minuter', 'minuuttia'))})?"
              rf"\s+(?P<dir>{_alt(directions)})|(?P<half>{half[0]}))\s+{hour}{meridiem}{WORD_END}")
    named_days = _lower_keys(lx.NAMED_DAYS[lang])
    easter = _lower_keys(lx.EASTER_DAYS[lang])
    standalone = _lower_keys(lx.STANDALONE_ABBREVIATIONS[lang])
    year = rf"(?:\s+(?P<y>{YEAR}))?"
    ordinals = _lower_keys(lx.ORDINALS[lang])
    weekday_forms = _lower_keys(lx.WEEKDAYS[lang])
    day_nouns = frozenset(lx.DAY_NOUNS[lang])
    ordinal_months = _lower_keys(lx.MONTHS_BEFORE_DAY["fi"] if lang == "fi" else lx.MONTHS_AFTER_DAY[lang])
    relative_months = _lower_keys(lx.RELATIVE_MONTHS[lang])
    weekday_or_day = rf"(?P<wd>{_alt(list(weekday_forms) + list(day_nouns))})"
    month = rf"(?P<month>{_alt(ordinal_months)})"
    if lang == "fi":
        ordinal = rf"{WORD_START}{month}\s+(?P<ord>{_alt(ordinals)})\s+{weekday_or_day}(?:\s+(?P<y>{YEAR}))?{WORD_END}"
    else:
        month = rf"(?:{month}|(?P<rel_month>{_alt(relative_months)}))"
        ordinal = (rf"{WORD_START}(?:the\s+)?(?P<ord>{_alt(ordinals)})\s+{weekday_or_day}\s+"
                   rf"{_alt(lx.ORDINAL_JOINERS[lang])}\s+(?:the\s+)?{month}(?:,?\s+(?P<y>{YEAR}))?{WORD_END}")

    def duration_fields(m: re.Match[str]) -> Fields | None:
        groups = m.groupdict()
        if groups.get("count2"):
            return _build_duration(_Renamed(m, {"count": "count2", "unit": "unit2", "after": "after2"}), counts,
                                   numbers, units, within, halves)
        return _build_duration(m, counts, numbers, units, within, halves)

    return [
        *_day_patterns(lang, pattern),
        *_english_clock_patterns(lang, pattern),
        pattern("duration", "content", rf"{WORD_START}{duration}{WORD_END}", duration_fields),
        pattern("time", "content", spoken,
                lambda m: _build_spoken_time(m, minutes, hours, directions, half),
                needs_of([*directions, *minutes, half[0]])),
        pattern("zone", "content", rf"(?:(?<=\d)|(?<=\dh)|(?<=[ap]m)|(?<=\.m\.))\s*\(?(?P<zone>{_alt(lx.ZONE_OFFSETS)})\)?{WORD_END}",
                lambda m: {"utc_offset": lx.ZONE_OFFSETS[_key(m["zone"])]}, needs_of(lx.ZONE_OFFSETS)),
        pattern("day_part", "content", rf"{WORD_START}(?P<word>{_alt(parts)}){WORD_END}",
                lambda m: _day_part_fields(parts[_key(m["word"])]), needs_of(parts)),
        pattern("date", "content", rf"{WORD_START}(?P<word>{_alt(named_days)}){year}{WORD_END}",
                lambda m: {"named_day": named_days[_key(m["word"])], **({"year": int(m["y"])} if m["y"] else {})},
                needs_of(named_days)),
        pattern("date", "content", rf"{WORD_START}(?P<word>{_alt(easter)}){year}{WORD_END}",
                lambda m: {"easter_offset": easter[_key(m["word"])], "holiday_name": True,
                           **({"year": int(m["y"])} if m["y"] else {})}, needs_of(easter)),
        pattern("weekday", "content", rf"{WORD_START}(?P<word>{_alt(standalone)}){WORD_END}\.?",
                lambda m: {"weekday": standalone[_key(m["word"])]}, needs_of(standalone)),
        pattern("month_end", "content", rf"{WORD_START}{_alt(lx.YEAR_END[lang])}{WORD_END}",
                lambda m: {"month_end": True, "month": 12}, needs_of(lx.YEAR_END[lang])),
        pattern("date", "content", ordinal,
                lambda m: _build_ordinal(m, ordinals, weekday_forms, ordinal_months, day_nouns, relative_months),
                needs_of(ordinals)),
    ]


def _day_patterns(lang: str, pattern) -> list[Pattern]:
    """A day of the month alone ("by the 15th", "den 15:e", "15. päivänä") and day
    ranges ("13-15 juli", "July 13 to 15", "13.–15.7."), read as their first day."""
    months = _lower_keys(lx.MONTHS_AFTER_DAY[lang])
    month = rf"(?P<month>{_alt(lx.MONTHS_AFTER_DAY[lang], lx.CASE_SENSITIVE_MONTHS)})"
    suffix = rf"(?:{_alt(lx.DAY_SUFFIXES[lang])})?"
    dash = r"\s*(?:-|–|—|to|till|thru|through)\s*"
    # "the 3rd floor", "den 2 bilar" are no days; "the 15th with the invoice" is one.
    no_noun = rf"(?!\s*(?!(?:{FUNCTION_WORDS_EN if lang == 'en' else FUNCTION_WORDS_SV})\b)[^\W\d_])"
    relative_months = _lower_keys(lx.RELATIVE_MONTHS[lang])
    ordinal_days = _lower_keys(lx.ORDINAL_DAYS[lang])
    ordinal_word = rf"(?P<ow>{_alt(ordinal_days)})"
    year = rf"(?:,?\s+(?P<y>{YEAR}))?"
    ordinal_dates = (rf"{WORD_START}(?:(?:the|den)\s+)?{ordinal_word}\s+(?:of\s+)?{month}{year}{WORD_END}",
                     rf"{WORD_START}{month}\s+{ordinal_word}{year}{WORD_END}" if lang == "en" else "(?!)")
    if lang == "fi":
        day_alone = rf"{NUMBER_START}(?P<d>{DAY})\.\s+(?:päivä|päivänä|päivään|päiväksi){WORD_END}"
        day_range = (rf"{NUMBER_START}(?P<d>{DAY})\.(?:(?P<m1>[01]?\d)\.)?\s*[-–—]\s*{DAY}\.(?P<m>[01]?\d)\."
                     rf"(?!\d)")
    else:
        before = "the" if lang == "en" else "den"
        ordinal_suffix = "(?::e|:a)" if lang == "sv" else "(?:st|nd|rd|th)"
        # "the 15th", "den 15:e"; "Tuesday 19th" only after a day's name (needs_preceding).
        day_alone = (rf"{WORD_START}(?:(?P<the>{before})\s+(?P<d>{DAY}){suffix if lang == 'sv' else ordinal_suffix}"
                     rf"|(?P<bare>{DAY}){ordinal_suffix}){WORD_END}(?![./]\d){no_noun}")  # not "den 17.11."
        day_range = (rf"{WORD_START}(?:from\s+)?(?:the\s+)?(?:{month}\.?\s+(?P<d2>{DAY}){suffix}(?:{dash}"
                     rf"(?:{_alt(months)}\.?\s+)?(?:the\s+)?{DAY}{suffix})|(?P<d>{DAY}){suffix}\s*"
                     rf"(?:{_alt(months)}\.?\s*)?{dash}(?:the\s+)?{DAY}{suffix}\s+(?:of\s+)?(?P<month2>"
                     rf"{_alt(lx.MONTHS_AFTER_DAY[lang], lx.CASE_SENSITIVE_MONTHS)})){WORD_END}")

    def range_fields(m: re.Match[str]) -> Fields | None:
        if lang == "fi":
            return _calendar_date(int(m["d"]), int(m["m1"] or m["m"]), None)
        if m["month"]:
            return _calendar_date(int(m["d2"]), months[_key(m["month"])], None)
        return _calendar_date(int(m["d"]), months[_key(m["month2"])], None)

    return [
        pattern("date", "content", day_alone, _build_day_alone, {DIGIT}),
        pattern("date", "content", day_range, range_fields, {DIGIT}),
        # 3-3-2015, 2015-3-3, and "25-04 klockan 16": dashes only where no range can be meant
        pattern("date", "content", rf"{NUMBER_START}(?P<d>{DAY})-(?P<m>[01]?\d)-(?P<y>\d{{4}}){NUMBER_END}",
                lambda m: _calendar_date(*_day_first(int(m["d"]), int(m["m"]), lang), int(m["y"])), {DIGIT}),
        pattern("date", "content", rf"{NUMBER_START}(?P<y>\d{{4}})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d){NUMBER_END}",
                lambda m: _calendar_date(int(m["d"]), int(m["m"]), int(m["y"])), {DIGIT}),
        pattern("date", "content",
                rf"{NUMBER_START}(?P<d>{DAY})-(?P<m>[01]?\d)(?=\s+{_alt(lx.TIME_PREFIXES[lang])}\s*\d)",
                lambda m: _calendar_date(int(m["d"]), int(m["m"]), None), {DIGIT}),
        # "the third of March", "March first", "den tredje mars"
        *(pattern("date", "content", source if lang != "fi" else "(?!)", lambda m: _calendar_date(
            ordinal_days[_key(m["ow"])], months[_key(m["month"])], _year(m["y"])), needs_of(ordinal_days) or None)
          for source in ordinal_dates),
        # "the 20th of next month"
        pattern("date", "content", rf"{WORD_START}(?:the\s+)?(?P<d>{DAY})(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+(?:the\s+)?"
                rf"(?P<rel>{_alt(relative_months)}){WORD_END}" if lang == "en" else "(?!)",
                lambda m: {"day": int(m["d"]), "month_offset": relative_months[_key(m["rel"])]}, {DIGIT}),
    ]


def _english_clock_patterns(lang: str, pattern) -> list[Pattern]:
    """English clock times without a colon: "at three am", "eight tonight", "at 1030",
    "330 p.m."; a bare word hour ("at eight") only after a part of the day."""
    if lang != "en":
        return []
    hours = {word: hour for word, hour in _lower_keys(lx.HOUR_WORDS["en"]).items() if word != "noon"}
    meridiem = r"(?P<ap>a\.m\.|p\.m\.|am|pm)"
    part_follows = r"(?=\s+(?:tonight|tonite|this\s+(?:evening|afternoon|morning)|in\s+the\s+(?:morning|afternoon|evening)))"

    def word_hour(m: re.Match[str]) -> Fields | None:
        hour = _hour_from_12h(hours[_key(m["hw"])], m["ap"])
        fields: Fields = {"hour": hour, "minute": 0}
        if not (m["ap"] or m["part"] is not None):
            if not m["at"]:
                return None  # "eight" alone is a number
            fields["_bare"] = True  # "in the evening at eight": needs its part of the day before
        return fields

    def digits(m: re.Match[str]) -> Fields | None:
        hour = _hour_from_12h(int(m["h"]), m["ap"])
        return None if hour is None or not 0 <= hour <= 23 else {"hour": hour, "minute": int(m["m"])}

    return [
        pattern("time", "content", rf"{WORD_START}(?:(?P<at>at)\s+)?(?P<hw>{_alt(hours)})"
                rf"(?:\s*{meridiem}|(?P<part>{part_follows}))?{WORD_END}", word_hour, needs_of(hours)),
        pattern("time", "content", rf"{WORD_START}(?:at\s+(?P<h>[01]?\d|2[0-3])(?P<m>[0-5]\d)(?:\s*{meridiem})?"
                rf"(?!\d|\s+(?!(?:in\s+the|tonight|{FUNCTION_WORDS_EN})\b)[^\W\d_])"
                rf"|(?P<h2>\d)(?P<m2>[0-5]\d)\s*(?P<ap2>a\.m\.|p\.m\.|am|pm)){WORD_END}",
                lambda m: digits(_Renamed(m, {"h": "h2", "m": "m2", "ap": "ap2"}) if m["h2"] else m), {DIGIT}),
    ]


def _build_day_alone(match: re.Match[str]) -> Fields | None:
    day = int(match["d"] or match.groupdict().get("bare") or 0)
    if not 1 <= day <= 31:
        return None
    return {"day": day, "_bare": True} if match.groupdict().get("bare") else {"day": day}


class _Renamed:
    """A match read through other group names (the second spelling of a pattern)."""

    def __init__(self, match: re.Match[str], names: dict[str, str]):
        self._match, self._names = match, names

    def __getitem__(self, name: str):
        return self._match[self._names.get(name, name)] if name in self._names else None


def _day_part_fields(value: tuple[int | None, str]) -> Fields:
    offset, part = value
    return {"day_part": part} if offset is None else {"day_part": part, "day_offset": offset}


# Articles, prepositions and the words that point at a time ("this", "next", "nästa",
# "ensi"): nearly every sentence holds one, so a phrase is looked for by another word.
_EVERYWHERE = frozenset({"the", "in", "of", "this", "next", "last", "coming", "past",
                         "i", "på", "denna", "nästa", "förra", "under", "tämän", "ensi", "viime"})


def _key_word(phrase: str) -> str:
    """A word present whenever the phrase is: its longest (rarer than "i") that is not
    in nearly every sentence ("week" of "next week", "am" of "in the am")."""
    return max(WORD.findall(phrase.lower()), key=lambda word: (word not in _EVERYWHERE, len(word)))


@lru_cache(maxsize=None)
def grammar_for(lang: str) -> Grammar | None:
    """The compiled grammar of a language, built on first use (~10 ms each); None if unsupported."""
    return _grammar(lang) if lang in lx.LANGUAGES else None
