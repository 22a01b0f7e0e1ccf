"""Peers' labelled reply fixtures: a vague sentence placed in quoted history or a signature stays
silent, placed in the reply it is flagged, and no fixture takes long (tests/reply_fixtures.py)."""

from __future__ import annotations

import pytest

import reply_fixtures
from conftest import REFERENCE
from deadlint.engine import Linter

pytestmark = pytest.mark.skipif(not reply_fixtures.ROOT.is_dir(), reason="shared reply fixtures not present")


@pytest.fixture(scope="module")
def figures(ruleset):
    linter = Linter(ruleset, now=REFERENCE, min_severity="info")
    return reply_fixtures.measure(linter)


def test_quoted_and_signature_text_is_silent(figures):
    assert figures.silent_rate >= 0.95, f"{figures.silent}/{figures.quoted_total}"


def test_reply_text_is_flagged(figures):
    assert figures.flagged_rate >= 0.99, f"{figures.flagged}/{figures.reply_total}"


def test_no_fixture_takes_long(figures):
    assert figures.slowest[0] <= 10, figures.slowest
