"""One loaded linter for many checks: what hooks, servers and editors call.

The CLI builds a linter per run; a mail hook, the HTTP service, the native
messaging host and the language server keep one and check draft after draft,
so they answer in milliseconds after the first.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from deadlint.cli import load_ruleset
from deadlint.engine import Linter
from deadlint.report import Report, locate
from deadlint.report.jsonout import finding_dict
from deadlint.sources import Source, SourceError
from deadlint.sources.walk import DEFAULT_MAX_BYTES, read_bytes, read_outgoing


class Checker:
    """A rule set and a linter loaded once (``warm_up`` builds every language)."""

    def __init__(self, config: Path | None = None, *, min_severity: str | None = None):
        ruleset, self.problems = load_ruleset(config)
        self.linter = Linter(ruleset, min_severity=min_severity)
        self.max_bytes = int(ruleset.policy.max_file_mb * 1024 * 1024) or DEFAULT_MAX_BYTES

    def warm_up(self) -> None:
        """Load everything now, so the first request is as fast as the rest."""
        self.linter.warm_up(rare_parts=True)

    def check_bytes(self, data: bytes, *, name: str = "<draft>", kind: str = "text",
                    language: str | None = None, now: datetime | None = None) -> Report:
        """A raw message (RFC 822 or mbox) or a plain draft, as bytes."""
        return self._check(read_bytes(name, data, kind=kind, max_bytes=self.max_bytes), language, now)

    def check_message(self, data: bytes, *, name: str = "<message>") -> Report:
        """A message about to be sent, whatever its size: only its text is held to max_file_mb."""
        return self._check(read_outgoing(name, data, max_bytes=self.max_bytes), None, None)

    def check_text(self, text: str, *, name: str = "<draft>", kind: str = "text",
                   language: str | None = None, now: datetime | None = None) -> Report:
        """Text already decoded (an editor buffer, a compose window)."""
        return self._check([Source(path=name, text=text, kind=kind)], language, now)

    def _check(self, items, language: str | None, now: datetime | None) -> Report:
        report = Report()
        for item in items:
            if isinstance(item, SourceError):
                report.errors.append(item)
                continue
            report.drafts += 1
            result = self.linter.check(item, now=now, language=language)
            report.findings.extend(locate(item, f) for f in result.findings)
        return report


def report_dict(report: Report) -> dict:
    """The same object ``deadlint check --format json`` prints."""
    return {"findings": [finding_dict(item) for item in report.findings], "summary": report.summary()}
