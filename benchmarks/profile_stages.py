#!/usr/bin/env python3
"""Where a folder check spends its time, by pipeline stage, in one warm process.

    python benchmarks/profile_stages.py DIR [--jobs 1]

Loads deadlint, builds the pipelines of every language, then checks every
draft under DIR once in this process (no worker processes, so the stages are
timed where they run) and prints each stage's wall time: reading and
extracting the authored text, the language split, the spaCy doc, phrase
matching and the deadline rules. The stages do not nest; what is left is the
engine's own bookkeeping.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import sys
import time
from collections import defaultdict

import deadlint.engine as engine
from deadlint.cli import load_ruleset
from deadlint.rules import deadline_rule
from deadlint.rules.phrases import PhraseIndex
from deadlint.sources import SourceError, iter_sources

spent: dict[str, float] = defaultdict(float)


def timed(owner, name: str, stage: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            result = original(*args, **kwargs)
            # A generator does its work as it is read: read it here, in the stage.
            return list(result) if inspect.isgenerator(result) else result
        finally:
            spent[stage] += time.perf_counter() - started

    setattr(owner, name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    args = parser.parse_args()
    timed(engine, "extract", "extract authored text")
    timed(engine, "split_by_language", "language split")
    timed(engine, "make_chunk", "spaCy doc (tokenizer, sentences)")
    timed(PhraseIndex, "run", "phrase matching")
    timed(deadline_rule, "deadline_findings", "deadline rules")
    ruleset, _ = load_ruleset(None)
    linter = engine.Linter(ruleset)
    linter.warm_up(rare_parts=True)
    spent.clear()  # the warm-up ran the stages too
    started = time.perf_counter()
    sources = [item for item in iter_sources([args.folder]) if not isinstance(item, SourceError)]
    spent["read files"] = time.perf_counter() - started
    for source in sources:
        linter.check(source)
    total = time.perf_counter() - started
    print(f"{len(sources)} drafts in {total:.2f} s ({1000 * total / len(sources):.2f} ms per draft, one process)")
    for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {stage:<34} {seconds:7.2f} s  {100 * seconds / total:4.0f}%")
    rest = total - sum(spent.values())
    print(f"  {'other (engine, rules, findings)':<34} {rest:7.2f} s  {100 * rest / total:4.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
