"""Value types shared by the deadline engine's stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

# Fields of TimeExpression that say which *day* is meant; a bare time borrows
# them from an earlier expression in the same sentence.
DATE_FIELDS = ("weekday", "weekday_relation", "day", "month", "year", "day_offset", "week_offset",
               "week_number", "ordinal", "easter_offset")


@dataclass(frozen=True)
class TimeExpression:
    """One recognised span with what it says, still unresolved (no reference time)."""

    start: int
    end: int
    text: str
    lang: str
    granularity: str = "day"  # finest unit the text names: minute|hour|day|week|month
    weekday: int | None = None  # 0 = Monday, as date.weekday()
    weekday_relation: str | None = None  # "this" | "next" | "last" | None (nearest coming)
    day: int | None = None
    month: int | None = None
    year: int | None = None
    hour: int | None = None
    minute: int | None = None
    window_end: tuple[int, int] | None = None  # (hour, minute) of "klo 8-15"
    utc_offset: int | None = None  # minutes east of UTC of a named zone: "16 CET" = 60
    day_offset: int | None = None  # today=0, tomorrow=1 ...
    week_offset: int | None = None  # this week=0, next week=1
    week_number: int | None = None  # ISO week
    month_end: bool = False  # "end of the month": last business day
    month_offset: int | None = None  # "end of next month" = 1
    business_days: int | None = None  # "within two business days"
    months_ahead: int | None = None  # "inom en månad", "kuukauden kuluessa": same day, months on
    minutes_ahead: int | None = None  # "in 15 minutes", "om en timme", "tunnin kuluttua"
    easter_offset: int | None = None  # "långfredag" = -2: days from Easter Sunday
    holiday_name: bool = False  # named by its holiday: "julafton", "Christmas Day", "pitkäperjantaina"
    span: bool = False  # a duration ("om 7 dagar"): its last day is arithmetic, not a chosen day
    ordinal: int | None = None  # "first Tuesday of October" = 1, "the last ..." = -1 (with weekday, month)
    day_part: str | None = None  # "morning" | "afternoon" | "evening": "tonight at 8" is 20:00
    at_business_end: bool = False  # "EOD", "päivän päätteeksi": the policy's closing time
    relative_phrase: str | None = None  # English span handed to dateparser ("in 3 days")
    is_deadline: bool = False  # a deadline marker (by, mennessä, senast, -hin ...) attaches
    is_start: bool = False  # a start marker (from, alkaen, fr.o.m.) attaches: not a deadline
    is_replaced: bool = False  # the day moved away from ("instead of", "sijaan"): not a deadline
    is_opening_hours: bool = False  # "avoinna ma-pe klo 8-16": describes hours, promises nothing
    told_as_past: bool = False  # the sentence reports the past: a date without a year looks back
    date_from_context: bool = False  # a bare time that took its day from earlier in the sentence

    @property
    def names_past(self) -> bool:
        """"last Thursday", "yesterday", "i förra veckan": a time named as past is never a promise."""
        return (self.weekday_relation == "last" or (self.day_offset is not None and self.day_offset < 0)
                or (self.week_offset is not None and self.week_offset < 0))

    @property
    def bare_weekday(self) -> bool:
        """A weekday with nothing to say which week ("on Sunday", "sunnuntaina"):
        the coming one in a promise, the last one in a report of the past."""
        return self.weekday is not None and self.weekday_relation is None and all(
            getattr(self, name) is None for name in DATE_FIELDS if name not in ("weekday", "weekday_relation"))

    @property
    def names_day(self) -> bool:
        """True when the expression itself says which day (or week/month) is meant."""
        return any(getattr(self, name) is not None for name in DATE_FIELDS) or bool(
            self.month_end or self.business_days is not None or self.minutes_ahead is not None
            or self.months_ahead is not None
            or self.relative_phrase)


@dataclass(frozen=True)
class Resolution:
    """A TimeExpression pinned to the calendar."""

    expression: TimeExpression
    start: datetime  # tz-aware; the instant, or a window's start
    end: datetime | None  # a window's end
    granularity: str  # minute|hour|day|week|month
    has_time: bool  # the text stated a clock time (day-level results sit at business end)


class Check(NamedTuple):
    """One finding about a resolved expression."""

    rule_id: str
    severity: str  # "error" | "warning" | "info"
    message: str
