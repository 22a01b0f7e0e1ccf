#!/usr/bin/env python3
"""How selective the text prefilter is: of a set of drafts, how many language
runs it lets through to spaCy, and which anchor words let them through.

    python benchmarks/prefilter_rate.py DIR_OR_CORPUS_YAML... [--top 25] [--clean-only]

A directory is read as drafts (``deadlint check`` would read); a .yaml file as
a labelled corpus (tests/corpus/*.yaml: the ``text`` of every item, or with
``--clean-only`` of the items labelled with no rule). Counts
are per language run (a draft written in one language is one run).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from deadlint.cli import load_ruleset
from deadlint.deadlines import may_hold_time
from deadlint.engine import Linter
from deadlint.extract import extract
from deadlint.language import split_by_language
from deadlint.sources import Source, SourceError, iter_sources


def drafts(paths: list[str], clean_only: bool):
    for path in paths:
        if path.endswith((".yaml", ".yml")):
            for i, item in enumerate(yaml.safe_load(Path(path).read_text(encoding="utf-8"))):
                if not (clean_only and item["rules"]):
                    yield Source(path=f"{path}#{i}", text=item["text"])
        else:
            yield from (item for item in iter_sources([path]) if not isinstance(item, SourceError))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=25, help="anchor words to list")
    parser.add_argument("--clean-only", action="store_true", help="corpus items labelled with no rule only")
    args = parser.parse_args()
    ruleset, _ = load_ruleset(None)
    linter = Linter(ruleset)
    runs = phrase_pass = time_pass = either = 0
    words: Counter[str] = Counter()
    for source in drafts(args.paths, args.clean_only):
        text = extract(source).text
        for start, end, lang in split_by_language(text, linter.policy.default_language):
            if lang not in ruleset.phrase_data:
                continue
            runs += 1
            lowered = text[start:end].lower()
            index = ruleset.index(lang)
            phrases, times = index.may_match(lowered), may_hold_time(lowered, lang)
            phrase_pass += phrases
            time_pass += times
            either += phrases or times
            if phrases:
                # Which literal anchors occur (one count per run and word).
                words.update({f"{lang}:{m.group(0)}" for search in index._text_prefilter._searches
                              for m in re.finditer(search.__self__, lowered)})
    share = lambda n: f"{n}/{runs} ({100 * n / max(runs, 1):.0f}%)"  # noqa: E731
    print(f"language runs: {runs}; through the phrase prefilter: {share(phrase_pass)}; "
          f"holding a digit or time word: {share(time_pass)}; tokenized (either): {share(either)}")
    for word, count in words.most_common(args.top):
        print(f"  {count:6d}  {word}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
