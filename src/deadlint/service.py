"""One loaded linter for many checks: what hooks, servers, editors and the
Python API (``deadlint.Checker``) call.

The CLI builds a linter per run; a mail hook, the HTTP service, the native
messaging host and the language server keep one and check draft after draft,
so they answer in milliseconds after the first.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from deadlint.cli import load_ruleset
from deadlint.config import ConfigError, Policy
from deadlint.engine import Linter
from deadlint.report import Report, locate
from deadlint.report.jsonout import finding_dict
from deadlint.rules.registry import RuleSet, plugin_manager
from deadlint.sources import Source, SourceError
from deadlint.sources.walk import DEFAULT_MAX_BYTES, read_bytes, read_outgoing


class Checker:
    """A policy, its rules and a linter, loaded once to check many drafts.

    ``config`` is a policy file merged over the packaged ``rules.yaml``; None
    looks for ``.deadlint.yaml`` in the current directory or a parent, as
    ``deadlint check`` does. A broken policy falls back to the packaged one and
    is listed in ``problems``, or raises ``ConfigError`` with ``strict=True``.

    A Checker pickles small: only the merged policy and the minimum severity
    travel, and the receiving process rebuilds the rules from its own installed
    packs (spaCy loads there on the first draft that needs it). That is what
    sending one to a pool or Dask worker costs.
    """

    def __init__(self, config: str | Path | None = None, *, min_severity: str | None = None,
                 strict: bool = False):
        ruleset, self.problems = load_ruleset(Path(config) if config else None)
        if strict and self.problems:
            raise ConfigError("; ".join(self.problems))
        self._build(ruleset, min_severity)

    def _build(self, ruleset: RuleSet, min_severity: str | None) -> None:
        self.min_severity = min_severity
        self.linter = Linter(ruleset, min_severity=min_severity)
        self.max_bytes = int(ruleset.policy.max_file_mb * 1024 * 1024) or DEFAULT_MAX_BYTES

    @property
    def policy(self) -> Policy:
        return self.linter.policy

    def __getstate__(self) -> dict:
        # The rule set holds a plugin manager and compiled spaCy patterns, which
        # neither pickle nor need to: the policy is all a worker needs to rebuild them.
        return {"policy": self.policy, "min_severity": self.min_severity, "problems": self.problems}

    def __setstate__(self, state: dict) -> None:
        self.problems = state["problems"]
        self._build(RuleSet(plugin_manager(), state["policy"]), state["min_severity"])

    def warm_up(self) -> None:
        """Load everything now, so the first request is as fast as the rest."""
        self.linter.warm_up(rare_parts=True)

    def check_bytes(self, data: bytes, *, name: str = "<draft>", kind: str = "text",
                    language: str | None = None, now: datetime | str | None = None) -> Report:
        """A raw message (RFC 822), an mbox of many, or a plain draft, as bytes;
        ``report.errors`` says why an input could not be read."""
        return self._check(read_bytes(name, data, kind=kind, max_bytes=self.max_bytes), language, now)

    def check_message(self, data: bytes, *, name: str = "<message>") -> Report:
        """A message about to be sent, whatever its size: only its text is held to max_file_mb."""
        return self._check(read_outgoing(name, data, max_bytes=self.max_bytes), None, None)

    def check_text(self, text: str, *, name: str = "<draft>", kind: str = "text",
                   language: str | None = None, now: datetime | str | None = None) -> Report:
        """Text already decoded (an editor buffer, a compose window, a ticket body);
        ``kind`` is "text" or "markdown". The caller holds the whole text and can
        write replacements back, so findings carry them."""
        return self._check([Source(path=name, text=text, kind=kind, whole_file=True)], language, now)

    def _check(self, items, language: str | None, now: datetime | str | None) -> Report:
        now = as_datetime(now)
        if language is not None and language not in self.linter.languages:
            raise ValueError(f"unknown language {language!r}: one of {', '.join(self.linter.languages)}")
        report = Report()
        for item in items:
            if isinstance(item, SourceError):
                report.errors.append(item)
                continue
            report.drafts += 1
            result = self.linter.check(item, now=now, language=language)
            report.findings.extend(locate(item, f) for f in result.findings)
        return report


def as_datetime(now: datetime | str | None) -> datetime | None:
    """A reference time given as a datetime or an ISO 8601 string (ValueError if malformed)."""
    return datetime.fromisoformat(now) if isinstance(now, str) else now


def report_dict(report: Report) -> dict:
    """The same object ``deadlint check --format json`` prints."""
    return {"findings": [finding_dict(item) for item in report.findings], "summary": report.summary()}
