"""Where an audit's findings go: one file per part under OUT/findings/, and OUT/summary.json.

A finding is the same object ``deadlint check --format json`` prints. JSON Lines
keeps it as it is; Parquet (for Spark, DuckDB, pandas) has a fixed column per
common key and the item's own keys (subject, macro_title...) as JSON in ``extra``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from deadlint.report.jsonout import SCHEMA_VERSION

FORMATS = ("jsonl", "parquet")
FINDINGS_DIR = "findings"
SUMMARY_FILE = "summary.json"
# Parquet columns (all strings but the four positions); keys a finding lacks are null.
_POSITIONS = ("line", "column", "end_line", "end_column")
_COLUMNS = ("path", *_POSITIONS, "rule", "severity", "message", "match", "language", "context",
            "suggestion", "replacement", "item", "sent_at")


def part_file(out: Path, index: int, fmt: str) -> Path:
    return out / FINDINGS_DIR / f"part-{index:05d}.{fmt}"


def write_findings(records: list[dict], path: Path, fmt: str) -> None:
    """Write a part's findings; written under a temporary name and renamed, so a
    part file that exists is complete (a retried task simply writes it again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist([_row(record) for record in records], schema=_schema(pa)), partial)
    else:
        with partial.open("w", encoding="utf-8") as stream:
            stream.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    partial.replace(path)


def _schema(pa):
    return pa.schema([(name, pa.int64() if name in _POSITIONS else pa.string()) for name in _COLUMNS]
                     + [("extra", pa.string())])


def _row(record: dict) -> dict:
    row = {name: record.get(name) for name in _COLUMNS}
    extra = {key: value for key, value in record.items() if key not in row}
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


def _record(row: dict) -> dict:
    record = {name: value for name, value in row.items() if name != "extra" and value is not None}
    record.update(json.loads(row["extra"]) if row.get("extra") else {})
    return record


def merge_summaries(summaries: Iterable[dict]) -> dict:
    """One summary, in ``deadlint check --format json``'s shape, from the parts' summaries."""
    total: dict = {"schema_version": SCHEMA_VERSION, "drafts": 0, "findings": 0, "by_rule": {},
                   "by_severity": {}, "fixed": 0, "errors": []}
    for summary in summaries:
        for key in ("drafts", "findings"):
            total[key] += summary[key]
        for key in ("by_rule", "by_severity"):
            for name, count in summary[key].items():
                total[key][name] = total[key].get(name, 0) + count
        total["errors"] += summary["errors"]
    for key in ("by_rule", "by_severity"):
        total[key] = dict(sorted(total[key].items()))
    return total


def write_summary(out: Path, summary: dict) -> None:
    (out / SUMMARY_FILE).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class ResultsError(ValueError):
    """The results cannot be read; the message names the file and the problem."""


def read_results(path: Path) -> tuple[list[dict], dict]:
    """(findings, summary) of ``deadlint check --format json`` output or of an audit's folder."""
    try:
        if path.is_dir():
            return _read_audit(path)
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResultsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResultsError(f"{path}: not deadlint JSON results: {exc}") from None
    if not (isinstance(data, dict) and isinstance(data.get("findings"), list) and isinstance(data.get("summary"), dict)):
        raise ResultsError(f"{path}: not deadlint JSON results (expected the output of `deadlint check --format json`)")
    return data["findings"], data["summary"]


def _read_audit(out: Path) -> tuple[list[dict], dict]:
    summary_file = out / SUMMARY_FILE
    if not summary_file.is_file():
        raise ResultsError(f"{out}: no {SUMMARY_FILE}: not an audit folder (or the audit did not finish)")
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    findings: list[dict] = []
    for part in sorted((out / FINDINGS_DIR).glob("part-*")):
        try:
            findings += _read_part(part)
        except (ValueError, UnicodeDecodeError) as exc:  # bad JSON; pyarrow's ArrowInvalid is a ValueError too
            raise ResultsError(f"{part}: cannot read findings: {exc}") from None
    return findings, summary


def _read_part(part: Path) -> list[dict]:
    if part.suffix == ".jsonl":
        with part.open(encoding="utf-8") as stream:
            return [json.loads(line) for line in stream if line.strip()]
    if part.suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise ResultsError(f"{part}: reading Parquet needs pyarrow: pip install 'deadlint[dask]'") from None
        return [_record(row) for row in pq.read_table(part).to_pylist()]
    return []  # a ".partial" file of a part still being written
