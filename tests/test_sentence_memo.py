"""A sentence met before is a lookup (phrase hits, cues, time expressions), and
what it finds is what a first reading finds, at the sentence's own offsets."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from deadlint.config import load_policy
from deadlint.deadlines import recognise
from deadlint.engine import Linter
from deadlint.rules import phrases
from deadlint.rules.registry import RuleSet, plugin_manager
from deadlint.sources import Source

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Helsinki"))

REPEATED = "We will get back to you ASAP, and the visit is on Saturday 28 November between 8 and 15."
DRAFTS = [
    REPEATED,
    "Hello Anna,\n\nThanks for the photos.\n\n" + REPEATED + "\n\nBest regards,\nMaija",
    "Thanks for the photos. " + REPEATED + " Sorry for the wait, we will get back to you ASAP.",
]


def _findings(linter: Linter, text: str) -> list[tuple]:
    return [(f.rule, f.start, f.end, f.match, f.suggestion)
            for f in linter.check(Source(path="draft.txt", text=text)).findings]


def _fresh_linter() -> Linter:
    return Linter(RuleSet(plugin_manager(), load_policy(None)), language="en", now=NOW, min_severity="info")


def test_a_repeated_sentence_is_flagged_where_it_stands_in_each_draft():
    remembering = _fresh_linter()
    for text in DRAFTS:
        found = _findings(remembering, text)
        assert found == _findings(_fresh_linter(), text)
        matched = {(rule, match) for rule, _, _, match, _ in found}
        assert {("vague-deadline", "ASAP"), ("non-business-day", "Saturday 28 November between 8 and 15")} <= matched


def test_readings_are_dropped_past_their_bound(monkeypatch):
    monkeypatch.setattr(phrases, "_MAX_READINGS", 3)
    linter = _fresh_linter()
    for number in range(10):
        linter.check(Source(path="draft.txt", text=f"Invoice {number} is paid. We will reply ASAP."))
    assert 0 < len(linter.ruleset.index("en")._readings) <= 3


def test_a_remembered_reading_cannot_be_changed_by_its_caller():
    first = recognise("Delivery on Tuesday 24 November.", "en")
    first.clear()
    assert len(recognise("Delivery on Tuesday 24 November.", "en")) == 1


def test_a_huge_sentence_is_read_but_not_remembered():
    linter = _fresh_linter()
    text = "We will reply ASAP about " + "the server " * 200 + "and more."
    assert [f.rule for f in linter.check(Source(path="draft.txt", text=text)).findings] == ["vague-deadline"]
    assert not any(len(key[0]) > 1000 for key in linter.ruleset.index("en")._readings)
