"""Fixtures for the mail and helpdesk readers: lint a Source, run the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from deadlint.cli import main
from deadlint.engine import Linter
from deadlint.report import locate
from mail_builders import REFERENCE


@pytest.fixture(scope="session")
def findings_of(ruleset):
    """findings_of(source) -> [(line, match, rule)] at the tests' reference time."""
    linter = Linter(ruleset, now=REFERENCE)

    def run(source):
        return [(located.line, located.finding.match, located.finding.rule)
                for located in (locate(source, f) for f in linter.check(source).findings)]

    return run


@pytest.fixture
def cli():
    """cli(*args, input=None) -> (exit code, parsed JSON report, stderr) of `deadlint check --format json`."""
    def run(*args, input=None):
        result = CliRunner().invoke(main, ["check", "--now", "2026-11-20T10:00", "--format", "json", *args],
                                    input=input)
        return result.exit_code, json.loads(result.stdout), result.stderr

    return run
