"""Table-driven check of recognise -> resolve through explain() (the `deadlint when` answer)."""

import pytest
from table import CALENDARS, REFERENCES, ROWS

from deadlint.deadlines import explain


def test_table_is_large_and_balanced():
    assert len(ROWS) >= 150
    assert {lang for _, lang, _, _ in ROWS} == {"fi", "sv", "en"}


@pytest.mark.parametrize(("text", "lang", "expected_date", "expected_time"), ROWS,
                         ids=[f"{lang}:{text}" for text, lang, _, _ in ROWS])
def test_expression(text, lang, expected_date, expected_time):
    answer = explain(text, lang, REFERENCES[lang], CALENDARS[lang])
    assert (answer["date"], answer["time"]) == (expected_date, expected_time), answer["explanation"]
