"""Many drafts on worker processes: the same results, in the same order, as in one process."""

from __future__ import annotations

import dataclasses

import deadlint.parallel as parallel
from conftest import REFERENCE
from deadlint.engine import DraftResult, Linter
from deadlint.sources import Source, SourceError

DRAFTS = (
    "Thanks for the logs. We'll get back to you ASAP.",
    "Hei,\n\nAsentaja tulee lauantaina 21.11. klo 8-15.\n",
    "Hej,\n\nVi återkommer snarast.\n",
    "Thanks, the fix is live and the ticket is closed.",
)


def outcome(result: DraftResult | SourceError) -> tuple:
    if isinstance(result, SourceError):
        return ("error", str(result))
    return (result.source.path, [dataclasses.asdict(finding) for finding in result.findings])


def test_two_workers_give_one_process_results_in_order(ruleset, monkeypatch):
    # Small batches, so several are read while others are checked.
    monkeypatch.setattr(parallel, "BATCH", 20)
    items = [SourceError(f"missing-{i}.txt", "no such file or directory") if i % 37 == 5
             else Source(path=f"draft-{i}.txt", text=DRAFTS[i % len(DRAFTS)]) for i in range(130)]
    linter = Linter(ruleset, now=REFERENCE)
    alone = [outcome(result) for result in parallel.check_all(linter, items, jobs=1)]
    results = list(parallel.check_all(linter, items, jobs=2))
    assert [outcome(result) for result in results] == alone
    assert len(alone) == len(items) and sum(1 for path, findings in alone if path != "error" and findings) > 60
    # Each result carries the caller's own source: only findings travel back from a worker.
    assert all(result is item or result.source is item for result, item in zip(results, items))
