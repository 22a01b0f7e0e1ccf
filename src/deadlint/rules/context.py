"""What a rule may know besides the text: reference time, calendar, phrase data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from deadlint.config import LanguagePolicy

if TYPE_CHECKING:
    from deadlint.deadlines import BusinessCalendar
    from deadlint.rules.phrases import PhraseIndex


@dataclass
class CheckContext:
    """Shared by every rule run on one chunk; expensive parts are computed on first use."""

    lang: str
    now: datetime  # aware, in the language's office time zone
    policy: LanguagePolicy
    index: PhraseIndex
    calendars: dict = field(default_factory=dict)  # shared cache across drafts, keyed by policy
    timeless: bool = False  # a reusable macro: fixed dates go stale rather than pass

    @property
    def calendar(self) -> BusinessCalendar:
        calendar = self.calendars.get(self.policy)
        if calendar is None:
            calendar = self.calendars[self.policy] = business_calendar(self.policy)
        return calendar

    @cached_property
    def suggested_deadline(self) -> str:
        """The policy's promised reply time from ``now``, written as a native would;
        in a reusable macro, as a reply time rather than a date that would go stale."""
        from deadlint.deadlines import render_deadline, render_relative_deadline, suggest_deadline

        if self.timeless:
            return render_relative_deadline(self.policy.response_business_days, self.lang)
        return render_deadline(suggest_deadline(self.now, self.calendar), self.lang)


def business_calendar(policy: LanguagePolicy) -> BusinessCalendar:
    """The deadline engine's calendar for one language's policy."""
    from deadlint.deadlines import BusinessCalendar, BusinessPolicy

    return BusinessCalendar(BusinessPolicy(
        timezone=policy.timezone, country=policy.country, holiday_categories=policy.holiday_categories,
        business_start=policy.business_start, business_end=policy.business_end,
        response_business_days=policy.response_business_days, max_window_hours=policy.max_window_hours,
    ))
