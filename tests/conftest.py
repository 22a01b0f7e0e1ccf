"""Shared fixtures: one rule set and linter per session (loading spaCy is the slow part)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from deadlint.config import load_policy
from deadlint.engine import Linter
from deadlint.rules.registry import RuleSet, plugin_manager
from deadlint.sources import Source

# Friday 2026-11-20 10:00 in Helsinki: the reference time of every table in the tests.
REFERENCE = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The holiday disk cache goes to a temporary folder, not the user's ~/.cache."""
    import os

    os.environ["DEADLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # No test leaves a warm worker behind: the ones that test it turn it on with
    # their own socket directory and stop it (tests/test_daemon.py).
    os.environ["DEADLINT_DAEMON"] = "0"


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return RuleSet(plugin_manager(), load_policy(None))


@pytest.fixture(scope="session")
def lint(ruleset):
    """lint(text, lang=None, kind="text", **linter options) -> list of findings."""
    linters: dict = {}

    def run(text: str, lang: str | None = None, kind: str = "text", **options):
        key = (lang, tuple(sorted(options.items())))
        if key not in linters:
            linters[key] = Linter(ruleset, language=lang, now=REFERENCE, min_severity="info", **options)
        return linters[key].check(Source(path="draft.txt", text=text, kind=kind)).findings

    return run
