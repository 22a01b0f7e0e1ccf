"""Check many drafts on every core.

Workers are forked after the rule set is loaded and the languages of the first
drafts are built, so they share that work; a language met later is built by
each worker that meets it. Sources go out in bounded
batches, so a 1 GB mailbox never sits in a queue, and results come back in
input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from deadlint.engine import DraftResult, Linter
from deadlint.sources import Source, SourceError

# Below this many drafts, starting workers costs more than it saves.
MIN_PARALLEL_DRAFTS = 48
BATCH = 512

_linter: Linter | None = None  # set in the parent before forking; read by workers


def _check(source: Source) -> DraftResult | SourceError:
    return _linter.check_safely(source)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def check_all(linter: Linter, items: Iterable[Source | SourceError], jobs: int) -> Iterator[DraftResult | SourceError]:
    """Yield a result (or the SourceError itself) for every item, in order."""
    items = iter(items)
    head = list(islice(items, MIN_PARALLEL_DRAFTS))
    if jobs <= 1 or len(head) < MIN_PARALLEL_DRAFTS or "fork" not in multiprocessing.get_all_start_methods():
        for item in (*head, *items):
            yield item if isinstance(item, SourceError) else linter.check_safely(item)
        return
    global _linter
    _linter = linter
    # A team's folder is mostly in one or two languages: build those, not all three.
    linter.warm_up(languages=linter.languages_of([item for item in head if not isinstance(item, SourceError)]))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        batch = head
        while batch:
            sources = [item for item in batch if not isinstance(item, SourceError)]
            results = iter(pool.map(_check, sources, chunksize=max(1, len(sources) // (jobs * 4))))
            for item in batch:
                yield item if isinstance(item, SourceError) else next(results)
            batch = list(islice(items, BATCH))
