"""The `deadlint when TEXT` answer: what a phrase means, in plain English."""

from __future__ import annotations

from datetime import datetime

from .calendar import BusinessCalendar
from .checks import check, english_date
from .lexicon import WEEKDAY_NAMES
from .model import Resolution, TimeExpression
from .narrative import is_promise
from .recognise import recognise
from .resolve import resolve

_EN_WEEKDAYS = WEEKDAY_NAMES["en"]


def explain(text: str, lang: str, now: datetime, calendar: BusinessCalendar) -> dict:
    """Resolve the first deadline-like expression in ``text`` and describe it.

    Checks treat the text as a promise unless it reads as past narrative."""
    answer = {"text": text, "date": None, "time": None, "granularity": None, "checks": [], "explanation": ""}
    expressions = recognise(text, lang)
    chosen = _first_deadline_like(expressions)
    if chosen is None:
        answer["explanation"] = ("Only opening hours found; they describe service hours, not a promise."
                                 if expressions else "No date or time expression recognised.")
        return answer
    res = resolve(chosen, now, calendar)
    if res is None:
        answer["explanation"] = f"\"{chosen.text}\" names no real calendar date."
        return answer
    answer.update(
        matched=chosen.text,
        date=res.start.date().isoformat(),
        time=res.start.strftime("%H:%M") if res.has_time else None,
        window_end=res.end.strftime("%H:%M") if res.end else None,
        granularity=res.granularity,
        is_deadline=chosen.is_deadline,
        checks=[{"rule": c.rule_id, "severity": c.severity, "message": c.message}
                for c in check(res, now, calendar, promised=is_promise(text, lang))],
        explanation=_sentence(res, now, calendar),
    )
    return answer


def _first_deadline_like(expressions: list[TimeExpression]) -> TimeExpression | None:
    candidates = [e for e in expressions if not e.is_opening_hours]
    # A later expression wins if it is the deadline ("on Monday ... by 09:30").
    return next((e for e in candidates if e.is_deadline), candidates[0] if candidates else None)


def _sentence(res: Resolution, now: datetime, calendar: BusinessCalendar) -> str:
    start = res.start
    day = start.date()
    words = english_date(start)
    if res.has_time:
        words += f" at {start:%H:%M}"
        if res.end:
            words += f"–{res.end:%H:%M}"
    elif res.granularity in ("week", "month"):
        words = f"{res.granularity} ending {words}, close of business {start:%H:%M}"
    else:
        words += f" (whole day; counted to {start:%H:%M})"
    words += f" {calendar.policy.timezone} ({_relative(day, now.astimezone(start.tzinfo).date())})"
    holiday = calendar.holiday_name(day)
    if holiday:
        status = f"a public holiday ({holiday})"
    elif day.weekday() >= 5:
        status = "a weekend day"
    else:
        status = "a business day"
    return f"{words}, {status}"


def _relative(day, today) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if 1 < delta <= 7:
        return f"next {_EN_WEEKDAYS[day.weekday()]}"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"
