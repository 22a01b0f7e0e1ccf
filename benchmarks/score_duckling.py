"""Accuracy of the deadline engine and of dateparser on Duckling's time corpora.

Run:  PYTHONPATH=src:tests/deadlines python benchmarks/score_duckling.py [--kinds] [--show wrong|missed|lost]

Per language, on the deadline-relevant kinds (see tests/deadlines/duckling.py):
cases, exact, wrong, missed, dateparser exact, and "lost" (dateparser exact, we not);
then the exotic kinds, which may be missed but never wrong. Finnish is scored on
our own mirror table (tests/deadlines/finnish_mirror.py), which is not held out.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "deadlines"))

from duckling import dateparser_answer, engine_answer, load, verdict  # noqa: E402
from finnish_mirror import load_finnish  # noqa: E402


def score(cases):
    """Counter of outcomes and the per-case rows (case, ours, verdict, dateparser verdict)."""
    totals, rows = Counter(), []
    for case in cases:
        ours = engine_answer(case.text, case.lang)
        mine, theirs = verdict(case, ours), verdict(case, dateparser_answer(case))
        totals[mine] += 1
        totals["dateparser"] += theirs == "exact" and bool(case.accept)
        totals["lost"] += theirs == "exact" and mine != "exact" and bool(case.accept)
        totals["cases"] += 1
        rows.append((case, ours, mine, theirs))
    return totals, rows


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--kinds", action="store_true", help="also print per-kind figures")
    args.add_argument("--show", choices=("wrong", "missed", "lost"), help="list the cases with this outcome")
    options = args.parse_args()
    print("| | cases | exact | wrong | missed | dateparser exact | dateparser right, we not |")
    print("|---|---|---|---|---|---|---|")
    exotic_lines, listed = [], []
    for lang, cases in (("sv", load("sv")), ("en", load("en")), ("fi", load_finnish())):
        relevant = [c for c in cases if not c.exotic]
        totals, rows = score(relevant)
        n = totals["cases"]
        print(f"| {lang} | {n} | {totals['exact']} ({totals['exact'] / n:.1%}) | {totals['wrong']} "
              f"({totals['wrong'] / n:.1%}) | {totals['missed']} | {totals['dateparser']} "
              f"({totals['dateparser'] / n:.1%}) | {totals['lost']} |")
        exotic, exotic_rows = score([c for c in cases if c.exotic])
        if exotic["cases"]:
            exotic_lines.append(f"{lang}: exotic kinds {exotic['cases']} cases, {exotic['exact']} exact, "
                                f"{exotic['wrong']} wrong, {exotic['missed']} missed")
        if options.kinds:
            by_kind = Counter()
            for case, _, mine, _ in rows + exotic_rows:
                by_kind[(case.kind, mine)] += 1
            for kind in sorted({k for k, _ in by_kind}):
                print(f"    {lang} {kind:<40} " + " ".join(f"{v}={by_kind[(kind, v)]}" for v in
                                                             ("exact", "wrong", "missed")))
        for case, ours, mine, theirs in rows + exotic_rows:
            if options.show == mine or (options.show == "lost" and theirs == "exact" and mine != "exact"
                                        and case.accept):
                listed.append(f"{lang} [{case.kind}] {case.text!r}: ours {ours}, expected {sorted(case.accept, key=str)[:3]}")
    print()
    print("\n".join(exotic_lines))
    if listed:
        print("\n" + "\n".join(listed))


if __name__ == "__main__":
    main()
