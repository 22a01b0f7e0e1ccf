"""Write a deadline the way a native writer of each language would."""

from __future__ import annotations

from datetime import datetime

from .lexicon import MONTH_NAMES_EN, WEEKDAY_NAMES


def render_deadline(dt: datetime, lang: str) -> str:
    """fi "tiistaina 24.11. klo 12 mennessä", sv "senast tisdag 24/11 kl. 12", en "by Tuesday 24 November, 12:00"."""
    weekday = WEEKDAY_NAMES[lang][dt.weekday()]
    # Nordic clock times drop zero minutes and use a dot: "klo 12", "kl. 12.30".
    nordic_clock = f"{dt.hour}" if dt.minute == 0 else f"{dt.hour}.{dt.minute:02d}"
    if lang == "fi":
        return f"{weekday} {dt.day}.{dt.month}. klo {nordic_clock} mennessä"
    if lang == "sv":
        return f"senast {weekday} {dt.day}/{dt.month} kl. {nordic_clock}"
    if lang == "en":
        return f"by {weekday} {dt.day} {MONTH_NAMES_EN[dt.month - 1]}, {dt.hour:02d}:{dt.minute:02d}"
    raise ValueError(f"unsupported language {lang!r}")


# Reply times for reusable macros, where a calendar date would go stale.
_RELATIVE = {
    "fi": ("yhden arkipäivän kuluessa", "{n} arkipäivän kuluessa"),
    "sv": ("inom en arbetsdag", "inom {n} arbetsdagar"),
    "en": ("within one business day", "within {n} business days"),
}


def render_relative_deadline(business_days: int, lang: str) -> str:
    """fi "2 arkipäivän kuluessa", sv "inom 2 arbetsdagar", en "within 2 business days"."""
    one, many = _RELATIVE[lang]
    return one if business_days <= 1 else many.format(n=business_days)
