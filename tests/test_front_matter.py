"""A Markdown draft's front matter `date:` is its reference time, like a mail's Date: header."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from deadlint.cli import main
from deadlint.sources.front_matter import front_matter_date


@pytest.mark.parametrize(("text", "expected"), [
    ("---\ndate: 2026-11-20T10:00:00+02:00\n---\nHei", datetime(2026, 11, 20, 10, tzinfo=timezone(timedelta(hours=2)))),
    ("---\ntitle: Offer\ndate: '2026-11-20 10:00'\n---\n", datetime(2026, 11, 20, 10)),  # office time
    ("---\ndate: 2026-11-20 10:00:00 +0200\n---\n", datetime(2026, 11, 20, 10, tzinfo=timezone(timedelta(hours=2)))),
    ("---\r\ndate: 2026-11-20\r\n---\r\n", datetime(2026, 11, 20)),  # a bare date: the day's start
])
def test_front_matter_date(text, expected):
    assert front_matter_date(text) == expected


@pytest.mark.parametrize("text", [
    "date: 2026-11-20\n",  # no block
    "Hei\n---\ndate: 2026-11-20\n---\n",  # a rule further down is no front matter
    "---\ntitle: no date\n---\n",
    "---\ndate: next Friday\n---\n",
    "---\nupdate: 2026-11-20\n---\n",
    "---\n" + "x: y\n" * 2000 + "date: 2026-11-20\n---\n",  # past the few keys front matter holds
])
def test_no_front_matter_date(text):
    assert front_matter_date(text) is None


def test_a_markdown_draft_is_checked_at_its_own_date(tmp_path):
    draft = tmp_path / "offer.md"
    draft.write_text("---\ndate: 2026-11-20T10:00\n---\nThe quote reaches you by Tuesday 24 November, 12:00.\n"
                     "We'll send the financing options ASAP.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(draft), "--format", "json"])
    findings = json.loads(result.output)["findings"]
    assert [f["rule"] for f in findings] == ["vague-deadline"]  # 24 November is still ahead
    assert findings[0]["line"] == 5
    assert "Monday 23 November" in findings[0]["suggestion"]  # the next business day from that Friday
