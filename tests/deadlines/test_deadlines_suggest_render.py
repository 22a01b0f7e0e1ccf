"""suggest_deadline() and render_deadline()."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from table import CALENDARS

from deadlint.deadlines import BusinessCalendar, BusinessPolicy, render_deadline, suggest_deadline

HELSINKI = ZoneInfo("Europe/Helsinki")


def test_suggest_skips_the_weekend(fi):
    now, calendar = fi
    assert suggest_deadline(now, calendar) == datetime(2026, 11, 23, 12, 0, tzinfo=HELSINKI)


def test_suggest_skips_christmas():
    now = datetime(2026, 12, 23, 15, 0, tzinfo=HELSINKI)
    assert suggest_deadline(now, CALENDARS["fi"]) == datetime(2026, 12, 28, 12, 0, tzinfo=HELSINKI)


def test_suggest_skips_swedish_midsummer_eve():
    now = datetime(2026, 6, 18, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert suggest_deadline(now, CALENDARS["sv"]).date() == date(2026, 6, 22)


def test_suggest_uses_business_end_when_noon_is_outside_hours():
    policy = BusinessPolicy("Europe/Helsinki", "FI", business_start=time(13, 0), business_end=time(21, 0),
                            response_business_days=2)
    now = datetime(2026, 11, 20, 10, 0, tzinfo=HELSINKI)
    assert suggest_deadline(now, BusinessCalendar(policy)) == datetime(2026, 11, 24, 21, 0, tzinfo=HELSINKI)


@pytest.mark.parametrize(("moment", "lang", "expected"), [
    (datetime(2026, 11, 24, 12, 0), "fi", "tiistaina 24.11. klo 12 mennessä"),
    (datetime(2026, 11, 24, 12, 30), "fi", "tiistaina 24.11. klo 12.30 mennessä"),
    (datetime(2026, 11, 24, 12, 0), "sv", "senast tisdag 24/11 kl. 12"),
    (datetime(2026, 11, 24, 12, 30), "sv", "senast tisdag 24/11 kl. 12.30"),
    (datetime(2026, 11, 24, 12, 0), "en", "by Tuesday 24 November, 12:00"),
    (datetime(2026, 11, 25, 9, 5), "en", "by Wednesday 25 November, 09:05"),
])
def test_render(moment, lang, expected):
    assert render_deadline(moment, lang) == expected


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_rendered_suggestion_reads_back_to_the_same_instant(lang):
    """Round trip: what we write, we recognise again as the same deadline."""
    from table import REFERENCES

    from deadlint.deadlines import explain
    now, calendar = REFERENCES[lang], CALENDARS[lang]
    suggestion = suggest_deadline(now, calendar)
    answer = explain(render_deadline(suggestion, lang), lang, now, calendar)
    assert (answer["date"], answer["time"]) == (suggestion.date().isoformat(), "12:00")
    assert answer["is_deadline"] and answer["checks"] == []


def test_business_calendar(fi):
    _, calendar = fi
    assert calendar.holiday_name(date(2026, 12, 6)) == "Independence Day"
    assert not calendar.is_business_day(date(2026, 12, 24))
    assert calendar.is_business_day(date(2026, 12, 23))
    assert calendar.add_business_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert calendar.add_business_days(date(2026, 12, 28), -1) == date(2026, 12, 23)
    assert calendar.add_business_days(date(2026, 11, 21), 0) == date(2026, 11, 23)
