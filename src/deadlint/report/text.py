"""Human output: ``path:line:col: severity rule message``, the line marked, the suggestion."""

from __future__ import annotations

import click

from deadlint.report.base import Located, Report

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(report: Report, colour: bool) -> str:
    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if colour else text

    out: list[str] = []
    for item in report.findings:
        f = item.finding
        out.append(f"{style(_where(item), bold=True)}: {style(f.severity, fg=_COLOURS[f.severity])} "
                   f"{style(f.rule, dim=True)} {f.message}")
        line = item.source.line_text_at(f.start)
        width = (item.end_column if item.end_line == item.line else len(line) + 1) - item.column
        out.append(f"    {line.rstrip().expandtabs()}")
        out.append("    " + " " * _display_width(line[: item.column - 1]) + style("^" * max(1, width), fg=_COLOURS[f.severity]))
        if f.suggestion:
            out.append(f"    suggestion: {f.suggestion}")
    summary = report.summary()
    out.append(
        f"{summary['findings']} finding(s) in {summary['drafts']} draft(s)"
        + (f", {report.fixed} fixed" if report.fixed else "")
        + (f", {len(report.errors)} input error(s)" if report.errors else "")
    )
    return "\n".join(out) + "\n"


def _where(item: Located) -> str:
    item_name = f"[{item.source.item}]" if item.source.item else ""
    return f"{item.path}{item_name}:{item.line}:{item.column}"


def _display_width(prefix: str) -> int:
    # Tabs keep their width in the echoed line, so the marker lines up under it.
    return len(prefix.expandtabs())
