"""examples/ shows every rule, and its clean drafts stay clean, on any day: each
draft carries the time it was written (a mail draft's Date: header, a Markdown
draft's front matter), as real drafts do, so no --now is given here."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from deadlint.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"


def _rules_fired(path: Path) -> set[str]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return {finding["rule"] for finding in json.loads(result.output)["findings"]}


def test_examples_show_every_warning_rule(ruleset):
    shown = _rules_fired(EXAMPLES)
    expected = {rule.id for rule in ruleset.rules.values() if rule.severity != "info"}
    assert expected <= shown, expected - shown


def test_each_language_shows_every_phrase_rule():
    for lang in ("en", "fi", "sv"):
        assert {"vague-deadline", "no-update-time", "overpromise", "hedged-commitment"} <= _rules_fired(EXAMPLES / lang)


def test_clean_drafts_are_clean():
    for name in ("en/clean-reply.eml", "fi/siisti-vastaus.eml", "sv/rent-svar.eml"):
        assert _rules_fired(EXAMPLES / name) == set(), name


def test_every_draft_says_when_it_was_written():
    """The drafts' own times are what --now would say: Friday 20 November 2026, 10:00."""
    pinned = CliRunner().invoke(main, ["check", str(EXAMPLES), "--format", "json", "--now", "2026-11-20T10:00"])
    own = CliRunner().invoke(main, ["check", str(EXAMPLES), "--format", "json"])
    assert json.loads(own.output)["findings"] == json.loads(pinned.output)["findings"]
