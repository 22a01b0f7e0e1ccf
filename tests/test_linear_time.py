"""Hostile shapes of text take time linear in their size, in extraction and in the whole check.

Each shape is built at 10 kB and 100 kB; the larger may take at most ~15x the smaller (a
quadratic pattern takes ~100x, and minutes at this size). The larger runs in a forked child,
so a regression fails the test after a bounded wait instead of hanging the suite.
"""

from __future__ import annotations

import gc
import multiprocessing
import time

import pytest

from deadlint.extract import extract
from deadlint.sources import Source

SMALL, LARGE = 10_000, 100_000
MAX_RATIO = 15
# Below this a timing is mostly interpreter and cache noise: the smaller run counts as this long.
FLOOR_SECONDS = 0.02
HANG_SECONDS = 60

PROSE = "We will fix it soon.\n"

# Each shape: n characters of something that once made a pattern retry from every position.
SHAPES = {
    "url line": lambda n: PROSE + "https://example.com/" + "a" * n + "\nThanks\n",
    "blank line": lambda n: PROSE + " " * n + "\nThanks\n",
    "tab line": lambda n: PROSE + "\t" * n + "\nThanks\n",
    "A>>> line": lambda n: PROSE + "A" + ">" * n + "\n",
    "sign-off then blanks": lambda n: PROSE + "Thanks" + " " * n + "x\n",
    "address without domain": lambda n: PROSE + "a" * n + "@\n",
    "unclosed template tags": lambda n: PROSE + "{" * n + "\n",
    "unclosed tags with words": lambda n: PROSE + "{% if " * (n // 6) + "\n",
    "unclosed placeholders": lambda n: PROSE + "${[[%{" * (n // 6) + "\n",
    "unclosed comments": lambda n: PROSE + "<!-- deadlint-disable " * (n // 22) + "\n",
    "link targets": lambda n: PROSE + "](" * (n // 2) + "\n",
    "quote markers": lambda n: PROSE + "> " * (n // 2) + "\n",
    "dashes": lambda n: PROSE + "-" * n + "\n",
    "words": lambda n: PROSE + "soon " * (n // 5) + "\n",
    "sign-off lines": lambda n: PROSE + "Thanks\n" * (n // 7),
    "rule lines": lambda n: PROSE + "---\n" * (n // 4),
    "dashed names": lambda n: PROSE + "-ab\n" * (n // 4),
    "contact separators": lambda n: PROSE + "\nJane\nwww.a" + "|www.a" * (n // 6) + "!\n",
    "app footer paragraphs": lambda n: PROSE + "\nSent with a b c\n" * (n // 17),
    "header field lines": lambda n: PROSE + "To: a\n" * (n // 6),
    "attribution lines": lambda n: PROSE + "On 1 Jan, a@b.c wrote\n" * (n // 22),
    "spaced attribution openers": lambda n: PROSE + "On 1 Jan a\n\n<\n" * (n // 14),
    "mid-line openers": lambda n: PROSE + "x On 1 " * (n // 7) + "\n",
    # Thousands of dates: sentence boundaries, clauses and groups of the deadline engine.
    "dates": lambda n: PROSE + "1.2. " * (n // 5) + "\n",
    "dates in one clause list": lambda n: PROSE + "1.2., " * (n // 6) + "\n",
    "visit windows": lambda n: PROSE + "ma 1.2. klo 8-15 " * (n // 17) + "\n",
    "holiday move notice": lambda n: PROSE + "Because of Christmas we will deliver on " + "Friday 25 December, " * (n // 20)
    + "Monday 28 December.\n",
}


def _best_of(run, text: str, repeats: int = 3) -> float:
    """Best of a few runs, with the garbage collector off: its passes over the heap grow with
    the objects a large text makes, which is not the algorithm this test is about."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            run(Source(path="draft.txt", text=text))
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def _timed_in_child(run, text: str) -> float | None:
    """Seconds ``run`` takes on ``text`` in a forked child; None when it did not end in time."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=lambda: results.put(_best_of(run, text)))
    child.start()
    child.join(HANG_SECONDS)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return results.get(timeout=5)


@pytest.fixture(scope="module")
def stages(lint):
    return {"extract": extract, "check": lambda source: lint(source.text)}


@pytest.mark.parametrize("stage", ["extract", "check"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_is_linear_in_size(stages, stage, shape):
    run, build = stages[stage], SHAPES[shape]
    run(Source(path="draft.txt", text=build(SMALL)))  # warm caches and lazy loading
    small = max(_best_of(run, build(SMALL)), FLOOR_SECONDS)
    large = _timed_in_child(run, build(LARGE))
    assert large is not None, f"{shape}: {LARGE} characters took over {HANG_SECONDS} s in {stage}"
    assert large <= MAX_RATIO * small, f"{shape}: {stage} {small:.3f} s at {SMALL}, {large:.3f} s at {LARGE}"
