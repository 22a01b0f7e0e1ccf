"""examples/ shows every rule, and its clean drafts stay clean."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from deadlint.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"


def _rules_fired(path: Path) -> set[str]:
    result = CliRunner().invoke(main, ["check", str(path), "--now", "2026-11-20T10:00", "--format", "json"])
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
    for name in ("en/clean-reply.txt", "fi/siisti-vastaus.txt", "sv/rent-svar.txt"):
        assert _rules_fired(EXAMPLES / name) == set(), name
