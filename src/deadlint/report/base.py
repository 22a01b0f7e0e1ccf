"""What every reporter gets: findings placed on lines, and input errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from deadlint.findings import Finding
from deadlint.sources import Source, SourceError


CONTEXT_WIDTH = 160


@dataclass(frozen=True)
class Located:
    """A finding with 1-based line/column positions (characters; end exclusive)."""

    finding: Finding
    source: Source
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def path(self) -> str:
        return self.source.path

    # The finding's own fields, so API users need not reach through ``finding``.
    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def message(self) -> str:
        return self.finding.message

    @property
    def match(self) -> str:
        return self.finding.match

    @property
    def suggestion(self) -> str | None:
        return self.finding.suggestion

    def as_dict(self) -> dict:
        """The finding as ``deadlint check --format json`` prints it."""
        from deadlint.report.jsonout import finding_dict  # jsonout builds on this module

        return finding_dict(self)

    def context(self, width: int = CONTEXT_WIDTH) -> str:
        """The line the finding starts on, cut to about ``width`` characters around it,
        so a report can show the phrase in its sentence without the whole draft."""
        offset = self.finding.start
        line = self.source.line_text_at(offset)
        if len(line) <= width:
            return line.strip()
        start = offset - (self.source.text.rfind("\n", 0, offset) + 1)  # in the line
        left = max(0, min(start - width // 3, len(line) - width))
        right = left + width
        return ("…" if left else "") + line[left:right].strip() + ("…" if right < len(line) else "")


@dataclass
class Report:
    findings: list[Located] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    drafts: int = 0
    fixed: int = 0  # findings --fix wrote away
    fixable: int = 0  # findings --diff showed a fix for

    def summary(self) -> dict:
        by_rule: dict[str, int] = {}
        by_severity: dict[str, int] = {}
        for item in self.findings:
            by_rule[item.finding.rule] = by_rule.get(item.finding.rule, 0) + 1
            by_severity[item.finding.severity] = by_severity.get(item.finding.severity, 0) + 1
        return {
            "drafts": self.drafts,
            "findings": len(self.findings),
            "by_rule": dict(sorted(by_rule.items())),
            "by_severity": dict(sorted(by_severity.items())),
            "fixed": self.fixed,
            "errors": [{"path": e.path, "problem": e.problem} for e in self.errors],
        }


def locate(source: Source, finding: Finding) -> Located:
    line, column = source.position(finding.start)
    end_line, end_column = source.position(finding.end)
    return Located(finding, source, line, column, end_line, end_column)
