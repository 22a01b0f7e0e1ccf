"""Business days of one country: weekends plus the `holidays` package's holidays.

`holidays` costs ~100 ms to import, so the country module is imported on the
first question about a date, and each (country, categories, year) table is
cached in memory and on disk (~/.cache/deadlint, or DEADLINT_CACHE_DIR; set it
empty to turn the disk cache off).
"""

from __future__ import annotations

import importlib
import importlib.metadata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from deadlint.cache import cache_file, read_json, write_json

# Deadlines are counted up to about a year past the reference time; a reference
# closer than that to the calendar's end (9999-12-31) leaves no room for them.
LATEST_REFERENCE = date.max - timedelta(days=400)


def reference_problem(moment: datetime) -> str | None:
    """Why a reference time ("now", a message's Date) cannot be used, or None."""
    if moment.date() > LATEST_REFERENCE:
        return f"{moment.isoformat()} is too close to the end of the calendar (the latest is {LATEST_REFERENCE})"
    return None


# Country code -> (module, class) inside holidays.countries; importing one country
# module directly skips building the registry of all countries.
_COUNTRY_CLASSES = {
    "FI": ("finland", "Finland"),
    "SE": ("sweden", "Sweden"),
    "GB": ("united_kingdom", "UnitedKingdom"),
    "UK": ("united_kingdom", "UnitedKingdom"),
    "NO": ("norway", "Norway"),
    "DK": ("denmark", "Denmark"),
    "EE": ("estonia", "Estonia"),
    "DE": ("germany", "Germany"),
    "US": ("united_states", "UnitedStates"),
}


@dataclass(frozen=True)
class BusinessPolicy:
    """Working-time rules for one sender, built by the caller from rules.yaml."""

    timezone: str  # "Europe/Helsinki"
    country: str  # "FI" / "SE" / "GB" ...
    holiday_categories: tuple[str, ...] = ("public",)  # SE: ("public", "de_facto") for midsommarafton
    business_start: time = time(8, 0)
    business_end: time = time(16, 0)
    response_business_days: int = 1  # promised reply time used for suggestions
    max_window_hours: float = 2.0


@lru_cache(maxsize=64)
def _holidays(country: str, categories: tuple[str, ...], year: int) -> dict[date, str]:
    """One year's holidays, from the disk cache when an earlier run made it.

    Importing `holidays` is a tenth of a second, a tenth of a pre-send check's
    budget; the table it gives changes only with the package's version, which
    is part of the cache file's name.
    """
    cache = _cache_file(country, categories, year)
    cached = read_json(cache)
    if isinstance(cached, dict):
        try:
            return {date.fromisoformat(day): name for day, name in cached.items()}
        except (TypeError, ValueError):
            pass  # damaged: compute and rewrite it
    table = _compute_holidays(country, categories, year)
    write_json(cache, {day.isoformat(): name for day, name in table.items()})
    return table


def _cache_file(country: str, categories: tuple[str, ...], year: int) -> Path | None:
    """None when caching is off or the `holidays` version is unknown."""
    try:
        version = importlib.metadata.version("holidays")
    except importlib.metadata.PackageNotFoundError:
        return None
    return cache_file(f"holidays-{version}-{country.upper()}-{'+'.join(categories)}-{year}.json")


def _compute_holidays(country: str, categories: tuple[str, ...], year: int) -> dict[date, str]:
    code = country.upper()
    if code in _COUNTRY_CLASSES:
        module_name, class_name = _COUNTRY_CLASSES[code]
        country_class = getattr(importlib.import_module(f"holidays.countries.{module_name}"), class_name)
        language = "en_US" if "en_US" in getattr(country_class, "supported_languages", ()) else None
        table = country_class(years=year, categories=categories, language=language)
    else:
        import holidays  # any other country: the generic (slower) registry lookup

        table = holidays.country_holidays(code, years=year, categories=categories)
    return dict(table.items())


class BusinessCalendar:
    """Answers "is this a working day?" for a policy's country."""

    def __init__(self, policy: BusinessPolicy):
        self.policy = policy

    def holiday_name(self, d: date) -> str | None:
        return _holidays(self.policy.country, tuple(self.policy.holiday_categories), d.year).get(d)

    def is_business_day(self, d: date) -> bool:
        return d.weekday() < 5 and self.holiday_name(d) is None

    def add_business_days(self, d: date, n: int) -> date:
        """The n-th business day after d (before d if n < 0); n=0 is d or the next business day."""
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        if remaining == 0:
            while not self.is_business_day(d):
                d += timedelta(days=1)
            return d
        while remaining:
            d += timedelta(days=step)
            if self.is_business_day(d):
                remaining -= 1
        return d

    def last_business_day_on_or_before(self, d: date) -> date:
        while not self.is_business_day(d):
            d -= timedelta(days=1)
        return d
