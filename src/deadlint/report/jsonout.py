"""JSON output; the schema is documented in docs/command-line.md ("JSON output") and kept stable.

Keys of a finding: path, line, column, end_line, end_column (1-based,
characters, end exclusive), rule, severity, message, match, language, context
(the line around the match), and suggestion / replacement / item / sent_at (the
message's Date, ISO 8601) / subject / message_id where they apply.
"""

from __future__ import annotations

import json

from deadlint.fix import fixable
from deadlint.report.base import Located, Report

SCHEMA_VERSION = 1


def finding_dict(item: Located) -> dict:
    f = item.finding
    record = {
        "path": item.path,
        "line": item.line,
        "column": item.column,
        "end_line": item.end_line,
        "end_column": item.end_column,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "match": f.match,
        "language": f.language,
        "context": item.context(),
    }
    if f.suggestion is not None:
        record["suggestion"] = f.suggestion
    if f.replacement is not None and fixable(item.source):
        record["replacement"] = f.replacement
    if item.source.item is not None:
        record["item"] = item.source.item
    if item.source.sent_at is not None:
        record["sent_at"] = item.source.sent_at.isoformat()
    # The item's own keys (subject, message_id, macro_id...) never replace the core ones.
    record.update({key: value for key, value in item.source.meta.items() if key not in record})
    return record


def render_json(report: Report) -> str:
    payload = {
        "findings": [finding_dict(item) for item in report.findings],
        "summary": {"schema_version": SCHEMA_VERSION, **report.summary()},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
