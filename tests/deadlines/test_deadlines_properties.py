"""Robustness and API-shape tests."""

import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from table import CALENDARS, REFERENCES

import deadlint.deadlines as engine
from deadlint.deadlines import explain, recognise, resolve

# Text made of the engine's own building blocks finds far more edge cases than random unicode.
_PIECES = st.sampled_from(["klo", "kl.", "at", "by", "mennessä", "senast", "24.11.", "31.2.", "29.2.", "12",
                           "8-15", "9–5", "pm", "am", "ma", "to", "Mon", "May", "maanantaina", "tisdag",
                           "viikolla", "vecka", "week", "53", "0", "99", ":", ".", "/", "-", " ", ",",
                           "loppuun", "end of", "within", "2", "business days", "arkipäivän", "kuluessa",
                           "in", "days", "ensi", "next", "i", "tisdags", "2026-02-30", "24/13", "00:60"])
_TEXT = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=12).map(" ".join),
                  st.lists(_PIECES, max_size=12).map("".join))
_NOW = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31),
                    timezones=st.just(ZoneInfo("Europe/Helsinki")))


@settings(max_examples=300, deadline=None, database=None)
@given(text=_TEXT, lang=st.sampled_from(["fi", "sv", "en"]), now=_NOW)
def test_nothing_crashes(text, lang, now):
    calendar = CALENDARS[lang]
    expressions = recognise(text, lang)
    previous_end = 0
    for expr in expressions:
        assert previous_end <= expr.start < expr.end <= len(text)
        assert text[expr.start:expr.end] == expr.text
        previous_end = expr.end
        res = resolve(expr, now, calendar)
        assert res is None or res.start.tzinfo is not None
    answer = explain(text, lang, now, calendar)
    assert set(answer) >= {"text", "date", "time", "granularity", "checks", "explanation"}


def test_public_api_is_exactly_the_documented_names():
    assert sorted(engine.__all__) == sorted([
        "BusinessCalendar", "BusinessPolicy", "Check", "Resolution", "TimeExpression", "check", "explain",
        "is_promise", "looks_like_service_hours", "looks_past_narrative", "may_hold_time", "recognise", "render_deadline", "render_relative_deadline", "resolve",
        "suggest_deadline"])


def test_explain_reports_nothing_found(en):
    now, calendar = en
    answer = explain("We will reply ASAP.", "en", now, calendar)
    assert answer["date"] is None and "No date" in answer["explanation"]


def test_explain_sentence(fi):
    now, calendar = fi
    answer = explain("maanantaina klo 12", "fi", now, calendar)
    assert answer["explanation"] == (
        "Monday 23 November 2026 at 12:00 Europe/Helsinki (next Monday), a business day")


def test_bare_time_borrows_the_day_named_earlier_in_the_sentence():
    text = "We meet on Monday 23 November at 09:00 and confirm by 09:30 that day."
    expressions = recognise(text, "en")
    assert [e.text for e in expressions] == ["Monday 23 November at 09:00", "by 09:30"]
    last = resolve(expressions[-1], REFERENCES["en"], CALENDARS["en"])
    assert last.start == datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert expressions[-1].date_from_context and expressions[-1].is_deadline


def test_explain_does_not_flag_past_narrative(en):
    now, calendar = en
    answer = explain("We sent the invoice on 10 November.", "en", now, calendar)
    assert answer["date"] == "2026-11-10" and answer["checks"] == []
    answer = explain("We will send the invoice by 10 November.", "en", now, calendar)
    assert [c["rule"] for c in answer["checks"]] == ["deadline-past"]


def test_unknown_language_is_an_error():
    import pytest
    with pytest.raises(ValueError):
        recognise("maanantaina", "de")


def test_import_is_cheap():
    """Importing the engine and recognising must not import dateparser or holidays."""
    code = ("import sys, deadlint.deadlines as d; d.recognise('Palaan maanantaina klo 12.', 'fi');"
            "print(sorted(m for m in ('dateparser', 'holidays') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
