"""GitHub Actions workflow commands: one ``::warning file=...::`` line per finding."""

from __future__ import annotations

from deadlint.report.base import Report

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    lines = []
    for item in report.findings:
        f = item.finding
        props = (f"file={_escape_property(item.path)},line={item.line},col={item.column},"
                 f"endLine={item.end_line},endColumn={item.end_column},title={_escape_property(f.rule)}")
        message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        lines.append(f"::{_COMMANDS[f.severity]} {props}::{_escape_data(message)}")
    for error in report.errors:
        lines.append(f"::error file={_escape_property(error.path)}::{_escape_data(error.problem)}")
    return "\n".join(lines) + ("\n" if lines else "")
