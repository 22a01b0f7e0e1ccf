"""Reviewdog Diagnostic Format (rdjson), for `reviewdog -f=rdjson`.

Its columns count UTF-8 bytes, not characters: "Lähetämme" moves every later
column by two.
"""

from __future__ import annotations

import json

from deadlint.fix import fixable
from deadlint.report.base import Located, Report

_SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _byte_column(item: Located, offset: int, column: int) -> int:
    line = item.source.line_text_at(offset)
    return len(line[: column - 1].encode("utf-8")) + 1


def _range(item: Located) -> dict:
    f = item.finding
    return {
        "start": {"line": item.line, "column": _byte_column(item, f.start, item.column)},
        "end": {"line": item.end_line, "column": _byte_column(item, f.end, item.end_column)},
    }


def render_rdjson(report: Report) -> str:
    diagnostics = []
    for item in report.findings:
        f = item.finding
        diagnostic = {
            "message": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else ""),
            "location": {"path": item.path, "range": _range(item)},
            "severity": _SEVERITIES[f.severity],
            "code": {"value": f.rule},
        }
        if f.replacement is not None and fixable(item.source):
            diagnostic["suggestions"] = [{"range": _range(item), "text": f.replacement}]
        diagnostics.append(diagnostic)
    payload = {"source": {"name": "deadlint", "url": "https://pypi.org/project/deadlint/"}, "diagnostics": diagnostics}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
