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

    @property
    def calendar(self) -> BusinessCalendar:
        calendar = self.calendars.get(self.policy)
        if calendar is None:
            from deadlint.deadlines import BusinessCalendar, BusinessPolicy

            p = self.policy
            calendar = BusinessCalendar(BusinessPolicy(
                timezone=p.timezone, country=p.country, holiday_categories=p.holiday_categories,
                business_start=p.business_start, business_end=p.business_end,
                response_business_days=p.response_business_days, max_window_hours=p.max_window_hours,
            ))
            self.calendars[self.policy] = calendar
        return calendar

    @cached_property
    def suggested_deadline(self) -> str:
        """The policy's promised reply time from ``now``, written as a native would."""
        from deadlint.deadlines import render_deadline, suggest_deadline

        return render_deadline(suggest_deadline(self.now, self.calendar), self.lang)
