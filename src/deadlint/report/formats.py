"""Pick a reporter by name."""

from __future__ import annotations

from deadlint.report.base import Report
from deadlint.report.github import render_github
from deadlint.report.jsonout import render_json
from deadlint.report.sarif import render_sarif
from deadlint.report.text import render_text
from deadlint.rules.model import Rule

FORMATS = ("text", "json", "sarif", "github")


def render(fmt: str, report: Report, *, rules: list[Rule], colour: bool = False) -> str:
    if fmt == "json":
        return render_json(report)
    if fmt == "sarif":
        return render_sarif(report, rules)
    if fmt == "github":
        return render_github(report)
    return render_text(report, colour)
