"""Accuracy of dateparser alone vs the deadline engine on the shared table.

Not a test. Run:  PYTHONPATH=src python tests/deadlines/compare_dateparser.py

dateparser gets each row whole (DateDataParser, languages=[lang], RELATIVE_BASE =
the reference time, PREFER_DATES_FROM='future'); the engine answers through
explain(). A row counts as right when the date matches and, if the row expects a
clock time, the time matches too; rows expecting no date are right only when
nothing is returned.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from dateparser.date import DateDataParser  # noqa: E402
from table import CALENDARS, REFERENCES, ROWS  # noqa: E402

from deadlint.deadlines import explain  # noqa: E402


def _dateparser_answer(parser: DateDataParser, text: str) -> tuple[str | None, str | None]:
    try:
        parsed = parser.get_date_data(text).date_obj
    except Exception:  # dateparser raises on some inputs; count as no answer
        parsed = None
    if parsed is None:
        return None, None
    return parsed.date().isoformat(), parsed.strftime("%H:%M")


def _right(answer: tuple[str | None, str | None], expected_date: str | None, expected_time: str | None) -> bool:
    date, time = answer
    if expected_date is None:
        return date is None
    return date == expected_date and (expected_time is None or time == expected_time)


def main() -> None:
    parsers = {lang: DateDataParser(languages=[lang], settings={
        "RELATIVE_BASE": REFERENCES[lang].replace(tzinfo=None), "PREFER_DATES_FROM": "future"})
        for lang in REFERENCES}
    totals, ours, theirs = Counter(), Counter(), Counter()
    for text, lang, expected_date, expected_time in ROWS:
        totals[lang] += 1
        answer = explain(text, lang, REFERENCES[lang], CALENDARS[lang])
        ours[lang] += _right((answer["date"], answer["time"]), expected_date, expected_time)
        theirs[lang] += _right(_dateparser_answer(parsers[lang], text), expected_date, expected_time)
    print(f"{'lang':<6}{'rows':>6}{'dateparser':>14}{'deadlint':>12}")
    for lang in (*sorted(totals), "all"):
        n = sum(totals.values()) if lang == "all" else totals[lang]
        a = sum(theirs.values()) if lang == "all" else theirs[lang]
        b = sum(ours.values()) if lang == "all" else ours[lang]
        print(f"{lang:<6}{n:>6}{a / n:>13.1%}{b / n:>12.1%}")


if __name__ == "__main__":
    main()
