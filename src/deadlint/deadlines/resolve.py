"""Pin a TimeExpression to the calendar relative to a reference time.

Choices (documented because people disagree about them):
* A weekday is its next occurrence. Today's weekday name means today only when a
  clock time later than now is given; otherwise the same day next week
  (check ``weekday-is-today`` flags the ambiguity). "this Friday" allows today,
  "next Monday" never means today, "last Monday" / "i måndags" look back.
* A date without a year is the NEXT one to come ("by 10/10" in February is this
  October), unless the sentence reports the past (then the nearest one) or
  the date passed less than a month ago: that is a stale date in a draft, kept
  in the past so ``deadline-past`` can fire, not a promise for next year.
* A duration ("om 7 dagar", "in 15 minutes") counts from now: days land on a day,
  shorter spans on the minute.
* A bare clock time without a day is today, or tomorrow when already passed.
* Day-level answers sit at the policy's business end (business start for
  "from ..." expressions); weeks end on their last business day up to Friday;
  month ends on the last business day of the month.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from .calendar import BusinessCalendar
from .fallback import parse_relative
from .model import Resolution, TimeExpression


@lru_cache(maxsize=16)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def resolve(expr: TimeExpression, now: datetime, calendar: BusinessCalendar) -> Resolution | None:
    """The instant (or window) ``expr`` means when said at ``now``; None if it names no real date."""
    zone = _zone(calendar.policy.timezone)
    local_now = now.astimezone(zone)
    if expr.relative_phrase:
        return _resolve_phrase(expr, local_now, calendar, zone)
    if expr.minutes_ahead is not None:
        return Resolution(expr, local_now + timedelta(minutes=expr.minutes_ahead), None, "minute", has_time=True)
    day = _day(expr, local_now, calendar)
    if day is None:
        return None
    if expr.hour is not None:
        # "16 CET" is 16:00 in that zone, told in the policy's: 17:00 in Helsinki.
        stated = zone if expr.utc_offset is None else timezone(timedelta(minutes=expr.utc_offset))
        start = datetime.combine(day, time(expr.hour, expr.minute or 0), stated).astimezone(zone)
        end = None
        if expr.window_end is not None:
            end = datetime.combine(day, time(*expr.window_end), stated).astimezone(zone)
        return Resolution(expr, start, end, expr.granularity, has_time=True)
    policy = calendar.policy
    if expr.at_business_end:
        return Resolution(expr, datetime.combine(day, policy.business_end, zone), None,
                          "minute" if policy.business_end.minute else "hour", has_time=True)
    clock = policy.business_start if expr.is_start else policy.business_end
    return Resolution(expr, datetime.combine(day, clock, zone), None, expr.granularity, has_time=False)


def _resolve_phrase(expr: TimeExpression, local_now: datetime, calendar: BusinessCalendar,
                    zone: ZoneInfo) -> Resolution | None:
    parsed = parse_relative(expr.relative_phrase, local_now.replace(tzinfo=None))
    if parsed is None:
        return None
    if expr.granularity in ("hour", "minute"):
        return Resolution(expr, parsed.replace(tzinfo=zone), None, expr.granularity, has_time=True)
    # "in 3 days" names a day; dateparser copies now's clock, which nobody meant.
    start = datetime.combine(parsed.date(), calendar.policy.business_end, zone)
    return Resolution(expr, start, None, expr.granularity, has_time=False)


def _day(expr: TimeExpression, local_now: datetime, calendar: BusinessCalendar) -> date | None:
    today = local_now.date()
    if expr.business_days is not None:
        return calendar.add_business_days(today, expr.business_days)
    if expr.months_ahead is not None:  # the same day that many months on, or that month's last
        year, month = _shifted_month(today, expr.months_ahead)
        return date(year, month, min(today.day, _stdlib_calendar.monthrange(year, month)[1]))
    if expr.month_end:
        return _month_end(expr, today, calendar)
    if expr.easter_offset is not None:
        return _coming_easter_day(expr.easter_offset, expr.year, today)
    if expr.ordinal is not None:
        return _ordinal_day(expr, today)
    if expr.day is not None and expr.month_offset is not None:  # "the 20th of next month"
        year, month = _shifted_month(today, expr.month_offset)
        return date(year, month, expr.day) if expr.day <= _stdlib_calendar.monthrange(year, month)[1] else None
    if expr.day is not None and expr.month is not None:
        return _coming_date(expr.day, expr.month, expr.year, today, expr.told_as_past)
    if expr.day is not None:
        return _coming_day_of_month(expr.day, today, expr.weekday)
    if expr.week_number is not None or expr.week_offset is not None:
        monday = _week_monday(expr, today)
        if monday is None:
            return None
        if expr.weekday is not None:
            return monday + timedelta(days=expr.weekday)
        return calendar.last_business_day_on_or_before(monday + timedelta(days=4))
    if expr.weekday is not None:
        return _weekday(expr, local_now, _stated_clock(expr, calendar))
    if expr.day_offset is not None:
        return today + timedelta(days=expr.day_offset)
    if expr.at_business_end:
        return today
    if expr.hour is not None:
        last_moment = expr.window_end or (expr.hour, expr.minute or 0)
        passed = last_moment <= (local_now.hour, local_now.minute)
        return today + timedelta(days=1 if passed else 0)
    return None


# A date without a year that passed less than this long ago is a stale date, not next year's.
_STALE_DAYS = 31


def _coming_date(day: int, month: int, year: int | None, today: date, told_as_past: bool = False) -> date | None:
    ahead = 5 if (day, month) == (29, 2) else 2  # the next 29 February may be four years off
    years = (year,) if year is not None else range(today.year - 1, today.year + ahead)
    candidates = []
    for candidate_year in years:
        try:
            candidates.append(date(candidate_year, month, day))
        except ValueError:  # 29.2. in a common year
            continue
    if not candidates or year is not None:
        return candidates[0] if candidates else None
    if told_as_past:  # nearest wins; on a tie prefer the future
        return min(candidates, key=lambda d: (abs((d - today).days), d < today))
    return next(d for d in candidates if (today - d).days < _STALE_DAYS)


def _coming_day_of_month(day: int, today: date, weekday: int | None = None) -> date | None:
    """"By the 15th": this month's, or next month's once this month's has gone. With a
    weekday, this month's gone day when only it is that weekday: "by tues 17th" written
    on Friday the 20th is the Tuesday just past, not a Thursday next month."""
    coming = None
    for months_ahead in range(3):  # the 31st skips months that have none
        months = today.year * 12 + today.month - 1 + months_ahead
        year, month = divmod(months, 12)
        if day <= _stdlib_calendar.monthrange(year, month + 1)[1]:
            candidate = date(year, month + 1, day)
            if candidate >= today:
                coming = candidate
                break
    if weekday is not None and (coming is None or coming.weekday() != weekday) and day < today.day:
        gone = today.replace(day=day)
        if gone.weekday() == weekday:
            return gone
    return coming


def _coming_easter_day(offset: int, year: int | None, today: date) -> date:
    from dateutil.easter import easter  # imported on first use: only Easter phrases need it

    if year is not None:
        return easter(year) + timedelta(days=offset)
    days = [easter(y) + timedelta(days=offset) for y in (today.year - 1, today.year, today.year + 1)]
    return next(d for d in days if (today - d).days < _STALE_DAYS)


def _shifted_month(today: date, offset: int) -> tuple[int, int]:
    year, month = divmod(today.year * 12 + today.month - 1 + offset, 12)
    return year, month + 1


def _ordinal_day(expr: TimeExpression, today: date) -> date | None:
    """"The first Tuesday of October", "the last day of October": in the coming such month;
    "the first Monday of next month": in that month, past or not."""
    def in_month(year: int, month: int) -> date | None:
        days = _stdlib_calendar.monthrange(year, month)[1]
        if expr.weekday is None:
            return date(year, month, days)
        if expr.ordinal < 0:
            last = date(year, month, days)
            return last - timedelta(days=(last.weekday() - expr.weekday) % 7)
        first = date(year, month, 1)
        day = first + timedelta(days=(expr.weekday - first.weekday()) % 7 + 7 * (expr.ordinal - 1))
        return day if day.month == month else None

    def in_year(year: int) -> date | None:
        return in_month(year, expr.month)

    if expr.month is None:
        return in_month(*_shifted_month(today, expr.month_offset or 0))
    if expr.year is not None:
        return in_year(expr.year)
    return next((d for d in (in_year(today.year), in_year(today.year + 1)) if d and d >= today), None)


def _week_monday(expr: TimeExpression, today: date) -> date | None:
    this_monday = today - timedelta(days=today.weekday())
    if expr.week_number is None:
        return this_monday + timedelta(weeks=expr.week_offset)
    years = (expr.year,) if expr.year else (today.year - 1, today.year, today.year + 1)
    mondays = []
    for year in years:
        try:
            mondays.append(date.fromisocalendar(year, expr.week_number, 1))
        except ValueError:  # week 53 in a 52-week year
            continue
    if not mondays:
        return None
    return min(mondays, key=lambda d: (abs((d - this_monday).days), d < this_monday))


def _stated_clock(expr: TimeExpression, calendar: BusinessCalendar) -> tuple[int, int] | None:
    if expr.hour is not None:
        return expr.hour, expr.minute or 0
    if expr.at_business_end:  # "COB Friday" names a time too
        return calendar.policy.business_end.hour, calendar.policy.business_end.minute
    return None


def _weekday(expr: TimeExpression, local_now: datetime, clock: tuple[int, int] | None) -> date:
    today = local_now.date()
    ahead = (expr.weekday - today.weekday()) % 7
    relation = expr.weekday_relation
    if relation == "last":
        ahead = ahead - 7 if ahead else -7
    elif relation == "next":
        ahead = ahead or 7
    elif relation == "after_next":  # the one a week after the coming one
        ahead = (ahead or 7) + 7
    elif relation != "this" and ahead == 0:
        later_today = clock is not None and clock > (local_now.hour, local_now.minute)
        ahead = 0 if later_today else 7
    return today + timedelta(days=ahead)


def _month_end(expr: TimeExpression, today: date, calendar: BusinessCalendar) -> date:
    if expr.month is not None:
        year = expr.year or _coming_date(1, expr.month, None, today.replace(day=1)).year
        month = expr.month
    else:
        year, month = _shifted_month(today, expr.month_offset or 0)
    last = date(year, month, _stdlib_calendar.monthrange(year, month)[1])
    return calendar.last_business_day_on_or_before(last)
