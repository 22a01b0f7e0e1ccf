"""dateparser, for the plain English relative spans it handles well ("in 3 days").

One DateDataParser is created on first use and reused: building it and importing
dateparser cost ~250 ms, which a CLI run that never needs it must not pay.
``search_dates`` is never used: it turns "We", "may" and "to" into dates.
"""

from __future__ import annotations

from datetime import datetime

_parser = None


def _shared_parser():
    global _parser
    if _parser is None:
        from dateparser.date import DateDataParser

        _parser = DateDataParser(languages=["en"], settings={
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
        })
    return _parser


def parse_relative(phrase: str, base: datetime) -> datetime | None:
    """``phrase`` resolved against ``base`` (naive local wall time); None if dateparser can't."""
    parser = _shared_parser()
    # The relative base is a per-call setting; DateDataParser keeps its settings in
    # ``_settings`` and offers no public per-call override, so swap a copy in.
    parser._settings = parser._settings.replace(RELATIVE_BASE=base)
    data = parser.get_date_data(phrase)
    return data.date_obj if data else None
