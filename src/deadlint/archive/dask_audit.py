"""Check an archive's parts on a Dask cluster: one linter per worker process.

The same code runs on a laptop (a ``LocalCluster``) and on a real cluster
(``--scheduler tcp://host:8786``): tasks carry only a part's description and
the audit's options; each worker builds its linter on its first part, keeps it
for the rest, writes its parts' findings itself and sends back only a summary.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from deadlint.archive import partitions, results
from deadlint.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, load_ruleset, parse_now
from deadlint.engine import Linter
from deadlint.findings import SEVERITIES
from deadlint.report import Report, locate
from deadlint.report.jsonout import finding_dict
from deadlint.sources import SourceError


@dataclass(frozen=True)
class AuditOptions:
    """What every worker needs to build the same linter (small, picklable, hashable)."""

    config: str | None = None
    now: datetime | None = None
    min_severity: str | None = None


@functools.lru_cache(maxsize=4)
def worker_linter(options: AuditOptions) -> Linter:
    """The linter of this worker process, built on its first part and kept.
    (The one place that builds a checker: switch it to the Python API's checker
    object when that lands.)"""
    ruleset, problems = load_ruleset(Path(options.config) if options.config else None)
    if problems:  # a broken policy must stop the audit, not fall back to the defaults on every worker
        raise ValueError("; ".join(problems))
    return Linter(ruleset, min_severity=options.min_severity, now=options.now)


def audit_part(part: partitions.Partition, options: AuditOptions, out: str, fmt: str) -> dict:
    """Check one part, write its findings, return its summary (as ``deadlint check`` counts)."""
    linter = worker_linter(options)
    report = Report()
    max_bytes = int(linter.policy.max_file_mb * 1024 * 1024)
    for item in partitions.read(part, max_bytes=max_bytes):
        if isinstance(item, SourceError):
            report.errors.append(item)
            continue
        report.drafts += 1
        report.findings.extend(locate(item, f) for f in linter.check(item).findings)
    results.write_findings([finding_dict(item) for item in report.findings],
                           results.part_file(Path(out), part.index, fmt), fmt)
    return report.summary()


def run_audit(paths: list[str], out: Path, options: AuditOptions, *, fmt: str = "jsonl",
              include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
              messages_per_part: int = partitions.MESSAGES_PER_PART) -> dict:
    """Audit the archive on the current Dask scheduler (a ``distributed.Client``
    made before the call, else Dask's default); return and write the summary."""
    import dask.bag as db

    policy = worker_linter(options).policy  # the client's own copy: the policy's globs, as `check` uses them
    parts, errors = partitions.plan(paths, include=include or policy.include, exclude=exclude or policy.exclude,
                                    messages_per_part=messages_per_part)
    out.mkdir(parents=True, exist_ok=True)
    for stale in (out / results.FINDINGS_DIR).glob("part-*"):
        stale.unlink()  # parts of an earlier audit into the same folder would be read as this one's
    summaries = []
    if parts:
        bag = db.from_sequence(parts, npartitions=len(parts))
        summaries = bag.map(audit_part, options=options, out=str(out), fmt=fmt).compute()
    planning = Report(errors=errors).summary()
    summary = results.merge_summaries([planning, *summaries])
    results.write_summary(out, summary)
    return summary


@click.command("audit")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for findings/part-*.{jsonl,parquet} and summary.json.")
@click.option("--format", "fmt", type=click.Choice(results.FORMATS), default="jsonl", show_default=True)
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--workers", type=click.IntRange(min=1), help="Without --scheduler: local worker processes "
              "(default: all cores).")
@click.option("--messages-per-part", type=click.IntRange(min=1), default=partitions.MESSAGES_PER_PART,
              show_default=True, help="How many mbox messages one task checks.")
@click.option("--now", callback=parse_now, metavar="ISO", help="Reference time (default: each message's Date, else now).")
@click.option("--config", type=click.Path(dir_okay=False), help="Policy file merged over rules.yaml.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), help="Report findings at or above this level.")
@click.option("--include", multiple=True, metavar="GLOB", help="Files to check inside directories (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files to skip (repeatable).")
def command(paths, out, fmt, scheduler, workers, messages_per_part, now, config, min_severity, include,
            exclude) -> None:
    """Audit mbox archives and helpdesk exports on Dask; write findings for `deadlint report`."""
    from deadlint.parallel import default_jobs

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        click.echo("deadlint: error: `deadlint audit` needs Dask: pip install 'deadlint[dask]'", err=True)
        sys.exit(EXIT_ERROR)
    options = AuditOptions(config=config, now=now, min_severity=min_severity)
    try:
        worker_linter(options)  # a broken policy is one line here, not a traceback from every worker
    except ValueError as exc:
        click.echo(f"deadlint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if scheduler:
        client = Client(scheduler)
    else:
        client = Client(LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1,
                                     processes=True, dashboard_address=None))
    with client:
        summary = run_audit(list(paths), out, options, fmt=fmt, include=include, exclude=exclude,
                            messages_per_part=messages_per_part)
    for error in summary["errors"]:
        click.echo(f"deadlint: error: {error['path']}: {error['problem']}", err=True)
    click.echo(f"{summary['findings']} finding(s) in {summary['drafts']} draft(s)"
               + (f", {len(summary['errors'])} input error(s)" if summary["errors"] else "")
               + f"; written to {out}")
    if summary["errors"]:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if summary["findings"] else EXIT_CLEAN)
