"""Pick a reporter by name; each is imported only when asked for."""

from __future__ import annotations

from deadlint.report.base import Report
from deadlint.rules.model import Rule

FORMATS = ("text", "json", "sarif", "github", "rdjson")


def render(fmt: str, report: Report, *, rules: list[Rule], colour: bool = False) -> str:
    if fmt == "json":
        from deadlint.report.jsonout import render_json

        return render_json(report)
    if fmt == "sarif":
        from deadlint.report.sarif import render_sarif

        return render_sarif(report, rules)
    if fmt == "rdjson":
        from deadlint.report.rdjson import render_rdjson

        return render_rdjson(report)
    if fmt == "github":
        from deadlint.report.github import render_github

        return render_github(report)
    from deadlint.report.text import render_text

    return render_text(report, colour)
