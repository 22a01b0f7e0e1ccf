"""SARIF 2.1.0, as GitHub code scanning reads it: relative URIs, rule docs, column kind."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from deadlint import __version__
from deadlint.report.base import Report
from deadlint.rules.model import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(report: Report, rules: list[Rule]) -> str:
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    results = []
    for item in report.findings:
        f = item.finding
        result = {
            "ruleId": f.rule,
            "level": _LEVELS[f.severity],
            "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(item.path), "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": item.line,
                        "startColumn": item.column,
                        "endLine": item.end_line,
                        "endColumn": item.end_column,
                        "snippet": {"text": f.match},
                    },
                }
            }],
        }
        if f.rule in rule_index:
            result["ruleIndex"] = rule_index[f.rule]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "deadlint",
                "version": __version__,
                "informationUri": "https://pypi.org/project/deadlint/",
                "rules": [_rule_descriptor(rule) for rule in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": str(error)}} for error in report.errors
                ],
            }],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule_descriptor(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"pack": rule.pack},
    }


def _uri(path: str) -> str:
    """Relative to the working directory, with forward slashes, as code scanning expects."""
    if path.startswith("<"):
        return path.strip("<>")
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = path
    if relative.startswith(".."):
        return Path(path).resolve().as_uri()
    return quote(Path(relative).as_posix())  # a URI reference: spaces and % are escaped
