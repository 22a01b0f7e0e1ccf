"""Rules about a resolved expression: wrong weekday, past deadline, holiday, wide window."""

from __future__ import annotations

from datetime import datetime, timedelta

from .calendar import BusinessCalendar
from .lexicon import (
    BEFORE_WORDS,
    EASTER_DAYS,
    HOLIDAY_GENITIVES,
    LANGUAGES,
    MONTH_NAMES_EN,
    NAMED_DAYS,
    SEASONS,
    UNTIL_WORDS,
    WEEKDAY_NAMES,
)
from .model import Check, Resolution

_EN_WEEKDAYS = WEEKDAY_NAMES["en"]
# Week and month answers were already moved onto a business day by resolve().
_DAY_LEVEL = frozenset({"minute", "hour", "day"})


def check(res: Resolution, now: datetime, calendar: BusinessCalendar, *, promised: bool = True) -> list[Check]:
    """Findings for one resolution. ``promised=False`` (e.g. past narrative) keeps only fact checks."""
    expr = res.expression
    if expr.is_opening_hours:  # describes hours of service, promises nothing
        return []
    local_now = now.astimezone(res.start.tzinfo)
    findings = [*_weekday_mismatch(res), *_weekday_is_today(res, local_now)]
    if not promised or expr.is_replaced or expr.names_past:
        return findings
    if expr.is_start:
        # "Uusi asennusaika on lauantaina 5.12. klo 8 alkaen": an appointment that starts
        # on a weekend is still on a weekend; "uudet hinnat 1.1. alkaen" names no work.
        return findings + ([*_non_business_day(res, calendar)] if expr.hour is not None else [])
    past = list(_deadline_past(res, local_now))
    # A deadline already past is the news; that it fell on a Sunday is not.
    findings += [*past, *([] if past else _non_business_day(res, calendar)), *_wide_window(res, local_now, calendar)]
    return findings


def _weekday_mismatch(res: Resolution):
    expr = res.expression
    if expr.weekday is None or expr.day is None or expr.date_from_context:
        return
    actual = res.start.weekday()
    if actual != expr.weekday:
        day = res.start.date()
        yield Check("weekday-mismatch", "warning",
                    f"{day.day}.{day.month}.{day.year} is a {_EN_WEEKDAYS[actual]}, "
                    f"not a {_EN_WEEKDAYS[expr.weekday]}")


def _weekday_is_today(res: Resolution, local_now: datetime):
    expr = res.expression
    if (expr.weekday is None or expr.day is not None or expr.weekday_relation
            or expr.week_number is not None or expr.week_offset is not None
            or expr.weekday != local_now.weekday()):
        return
    meant = "today" if res.start.date() == local_now.date() else "a week from today"
    yield Check("weekday-is-today", "info",
                f"Today is {_EN_WEEKDAYS[expr.weekday]}; \"{expr.text}\" was read as {meant} "
                f"({english_date(res.start)})")


def _deadline_past(res: Resolution, local_now: datetime):
    if res.has_time:
        past = (res.end or res.start) < local_now
    elif res.granularity == "week":  # "this week" written on a Sunday still names this week
        day = res.start.date()
        past = day + timedelta(days=6 - day.weekday()) < local_now.date()
    elif res.granularity == "month":
        past = (res.start.year, res.start.month) < (local_now.year, local_now.month)
    else:  # a day-level promise is kept until the day is over
        past = res.start.date() < local_now.date()
    if past:
        yield Check("deadline-past", "error",
                    f"\"{res.expression.text}\" is {english_date(res.start)}, which is already in the past")


def _non_business_day(res: Resolution, calendar: BusinessCalendar):
    # A bare time ("by 8:00") names no day: the writer means the next working one.
    # Nor does a span ("in 12 months", "within 3 days"): its last day is arithmetic.
    if res.granularity not in _DAY_LEVEL or not res.expression.names_day or res.expression.relative_phrase \
            or res.expression.span or _holiday_not_worked(res.expression) or _before_the_day(res.expression) \
            or _ends_a_state(res.expression):
        return
    day = res.start.date()
    holiday = calendar.holiday_name(day)
    if holiday:
        yield Check("non-business-day", "warning",
                    f"{english_date(res.start)} is a public holiday ({holiday}) in {calendar.policy.country}")
    elif day.weekday() >= 5:
        yield Check("non-business-day", "warning", f"{english_date(res.start)} is on a weekend")


def _holiday_not_worked(expr) -> bool:
    """"Before Christmas", "över påsk", "joulupäivään mennessä", "Loppiaisen lehdet": a
    holiday named as a season, as a deadline's limit or as the owner of a noun is no
    day of work promised ("joulupäivän pe 25.12. tyhjennykset tehdään ma 28.12." owns
    the collections moved off it). "We'll deliver it on Christmas Day" is."""
    text = expr.text.lower()
    if text.split()[0] in HOLIDAY_GENITIVES[expr.lang]:
        return True
    if not expr.holiday_name:
        return False
    if expr.is_deadline:
        return True
    return not any(name in text for name in (*NAMED_DAYS[expr.lang], *EASTER_DAYS[expr.lang])
                   if name not in SEASONS[expr.lang])


def _before_the_day(expr) -> bool:
    """"before 24 December", "före julafton", "ennen 6.12.": the day named is the
    limit, and the work is done on the days before it."""
    return expr.is_deadline and expr.text.lower().split()[0] in BEFORE_WORDS[expr.lang]


# "until Sunday", "t.o.m. 31 december" open an expression; "sunnuntaihin asti" closes one.
_UNTIL_EDGES = {lang: (tuple(f"{word} " for word in UNTIL_WORDS[lang]), tuple(f" {word}" for word in UNTIL_WORDS[lang]))
                for lang in LANGUAGES}


def _ends_a_state(expr) -> bool:
    """"valid until Sunday", "käytössä sunnuntaihin asti", "rabatt till och med 31 december":
    the day a state ends, and nobody works on that day for it."""
    opening, closing = _UNTIL_EDGES[expr.lang]
    text = expr.text.lower()
    return expr.is_deadline and (text.startswith(opening) or text.endswith(closing))


def _wide_window(res: Resolution, now: datetime, calendar: BusinessCalendar):
    if res.end is None or res.end <= now:  # a window already over promises nothing now
        return
    hours = (res.end - res.start).total_seconds() / 3600
    limit = calendar.policy.max_window_hours
    if hours > limit:
        yield Check("wide-time-window", "warning",
                    f"\"{res.expression.text}\" leaves a {hours:g}-hour window; promise a time "
                    f"(at most {limit:g} hours wide)")


def english_date(moment: datetime) -> str:
    return f"{_EN_WEEKDAYS[moment.weekday()]} {moment.day} {MONTH_NAMES_EN[moment.month - 1]} {moment.year}"
