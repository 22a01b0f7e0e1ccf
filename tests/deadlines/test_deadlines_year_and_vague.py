"""Which year a date without one means, and vague phrases that must stay vague."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from table import CALENDARS

from deadlint.deadlines import explain, recognise

FEBRUARY = datetime(2026, 2, 12, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))  # a Thursday


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Please pay by 10/10.", "en", "2026-10-10"),  # the next one to come, not last October
    ("Vi levererar senast 30 september.", "sv", "2026-09-30"),
    ("Toimitamme 8.8. mennessä.", "fi", "2026-08-08"),
    ("We will call you on 5 January.", "en", "2027-01-05"),
    ("We will call you on 20 January.", "en", "2026-01-20"),  # three weeks stale: a slip, not next year
    ("Vi skickar fakturan den 10 februari.", "sv", "2026-02-10"),  # two days stale: still this year
    ("The parcel was delivered on 10/10.", "en", "2025-10-10"),  # told as past: the nearest one
    ("Paketti toimitettiin 20.1.", "fi", "2026-01-20"),
])
def test_a_date_without_a_year_is_the_next_one_unless_told_as_past(text, lang, expected):
    assert explain(text, lang, FEBRUARY, CALENDARS[lang])["date"] == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Käsittelemme asian kuukauden sisällä.", "fi", "2026-03-12"),
    ("Vi återkommer inom en månad.", "sv", "2026-03-12"),
    ("Leveransen sker om två månader.", "sv", "2026-04-12"),
])
def test_a_duration_in_months_is_the_same_day_months_on(text, lang, expected):
    assert explain(text, lang, FEBRUARY, CALENDARS[lang])["date"] == expected


def test_the_stale_date_of_an_old_draft_still_raises_deadline_past(lint):
    # The reference is Friday 20 November 2026: "13.11." is a week gone, not next year's.
    rules = {f.rule for f in lint("Toimitamme tilauksenne viimeistään 13.11.", "fi")}
    assert "deadline-past" in rules


@pytest.mark.parametrize(("text", "lang"), [
    ("Asentaja soittaa teille ensi viikon alussa.", "fi"),
    ("Teknikern ringer dig i början av nästa vecka.", "sv"),
    ("The technician will call you early next week.", "en"),
    ("We will send the contract at the beginning of next week.", "en"),
])
def test_vague_beginnings_of_weeks_stay_vague_and_get_no_date(lint, text, lang):
    assert recognise(text, lang) == []
    assert explain(text, lang, FEBRUARY, CALENDARS[lang])["date"] is None
    rules = {f.rule for f in lint(text, lang)}
    assert "vague-deadline" in rules
    assert not rules & {"deadline-past", "weekday-mismatch", "non-business-day"}
