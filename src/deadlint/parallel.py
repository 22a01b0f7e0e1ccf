"""Check many drafts on every core.

Workers are forked after the rule set is loaded and the languages of the first
drafts are built, so they share that work; a language met later is built by
each worker that meets it. Sources go out in bounded batches, at most two in
flight, so a 1 GB mailbox never sits in a queue; only the findings come back,
and results are yielded in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from deadlint.engine import DraftResult, Linter
from deadlint.findings import Finding
from deadlint.sources import Source, SourceError

# Below this many drafts, starting workers costs more than it saves.
MIN_PARALLEL_DRAFTS = 48
BATCH = 512
# Drafts a worker takes at a time: a quarter of a batch's share per worker, so the
# last ones still spread evenly, yet each message to and from a worker carries
# dozens of drafts (at 16 a time, the parent's passing of messages cost a folder of
# 10,000 drafts a tenth of its time).
MAX_CHUNK = 128

_linter: Linter | None = None  # set in the parent before forking; read by workers


def _check(source: Source) -> list[Finding] | SourceError:
    """A draft's findings: the parent has the source, so only they come back."""
    result = _linter.check_safely(source)
    return result if isinstance(result, SourceError) else result.findings


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
        # The next batch is read and queued while the workers check this one, so
        # neither the reading nor a batch's last few drafts leave a core idle.
        in_flight: deque = deque()
        batch = head
        while batch:
            sources = [item for item in batch if not isinstance(item, SourceError)]
            chunk = max(1, min(MAX_CHUNK, len(sources) // (4 * jobs)))
            in_flight.append((batch, pool.map_async(_check, sources, chunksize=chunk)))
            batch = list(islice(items, BATCH))
            if len(in_flight) > 1 or not batch:
                yield from _in_order(*in_flight.popleft())
        while in_flight:
            yield from _in_order(*in_flight.popleft())


def _in_order(batch: list[Source | SourceError], checked) -> Iterator[DraftResult | SourceError]:
    """The batch's items, each source with the findings a worker sent back."""
    results = iter(checked.get())
    for item in batch:
        if isinstance(item, SourceError):
            yield item
        else:
            result = next(results)
            yield result if isinstance(result, SourceError) else DraftResult(item, result)
