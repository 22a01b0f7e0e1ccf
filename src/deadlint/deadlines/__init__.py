"""Deadline engine: recognise fi/sv/en time expressions, resolve them against a
reference time and a business calendar, check them, and suggest exact deadlines.

    recognise(text, lang) -> [TimeExpression]      (grammar.py, lexicon.py)
    may_hold_time(text, lang) -> bool              (the cheap test recognise starts with)
    resolve(expr, now, calendar) -> Resolution     (resolve.py, fallback.py)
    check(res, now, calendar) -> [Check]           (checks.py, narrative.py)
    suggest_deadline / render_deadline / explain   (suggest.py, render.py, explain.py)
"""

from .calendar import BusinessCalendar, BusinessPolicy
from .checks import check
from .explain import explain
from .model import Check, Resolution, TimeExpression
from .narrative import is_promise, looks_like_service_hours, looks_past_narrative
from .recognise import may_hold_time, recognise
from .render import render_deadline, render_relative_deadline
from .resolve import resolve
from .suggest import suggest_deadline

__all__ = [
    "BusinessCalendar",
    "BusinessPolicy",
    "Check",
    "Resolution",
    "TimeExpression",
    "check",
    "explain",
    "is_promise",
    "looks_like_service_hours",
    "looks_past_narrative",
    "may_hold_time",
    "recognise",
    "render_deadline",
    "render_relative_deadline",
    "resolve",
    "suggest_deadline",
]
