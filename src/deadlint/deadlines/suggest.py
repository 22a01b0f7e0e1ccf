"""Propose an exact deadline to replace a vague promise."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from .calendar import BusinessCalendar

_PREFERRED_CLOCK = time(12, 0)  # noon is easy to keep and easy to read


def suggest_deadline(now: datetime, calendar: BusinessCalendar) -> datetime:
    """``response_business_days`` business days after now, at noon (or business end if noon is outside hours)."""
    policy = calendar.policy
    zone = ZoneInfo(policy.timezone)
    day = calendar.add_business_days(now.astimezone(zone).date(), policy.response_business_days)
    fits = policy.business_start <= _PREFERRED_CLOCK <= policy.business_end
    return datetime.combine(day, _PREFERRED_CLOCK if fits else policy.business_end, zone)
