#!/usr/bin/env python3
"""Messages per second of `deadlint audit` on a local Dask cluster against one process.

    python benchmarks/bench_archive.py [--count 4000] [--workers 2] [--messages-per-part 500]

Makes an mbox of COUNT messages with ../shared/bench/make_corpus.py, then times
(wall clock, start-up included) `deadlint check MBOX --format json --jobs 1`
(one process), `deadlint check ... --jobs WORKERS` (deadlint's own fork pool) and
`deadlint audit MBOX --workers WORKERS` (a Dask LocalCluster of WORKERS processes),
all at the same pinned --now, and checks that the audit found what the check found.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_SCRIPT = REPO.parent / "shared" / "bench" / "make_corpus.py"
if not CORPUS_SCRIPT.exists():
    CORPUS_SCRIPT = Path("/work/shared/bench/make_corpus.py")
NOW = "2026-11-20T10:00"
DEADLINT = [sys.executable, "-m", "deadlint"]


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--messages-per-part", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(CORPUS_SCRIPT), tmp, "--count", str(args.count), "--format", "mbox"],
                       check=True)
        mbox = str(Path(tmp) / "corpus.mbox")
        single, plain = timed([*DEADLINT, "check", mbox, "--format", "json", "--now", NOW, "--jobs", "1"])
        pool, _ = timed([*DEADLINT, "check", mbox, "--format", "json", "--now", NOW, "--jobs", str(args.workers)])
        out = Path(tmp) / "audit"
        audit, _ = timed([*DEADLINT, "audit", mbox, "--out", str(out), "--now", NOW, "--workers", str(args.workers),
                          "--messages-per-part", str(args.messages_per_part)])
        summary = json.loads((out / "summary.json").read_text())
        if summary != json.loads(plain)["summary"]:
            sys.exit("the audit's summary differs from the plain check's")
    rows = [("check --jobs 1 (one process)", single), (f"check --jobs {args.workers} (fork pool)", pool),
            (f"audit --workers {args.workers} (Dask LocalCluster)", audit)]
    print(f"{args.count} messages, {summary['findings']} findings")
    for name, seconds in rows:
        print(f"{name:<40} {seconds:7.1f} s  {args.count / seconds:7.0f} messages/s  x{single / seconds:.2f}")


if __name__ == "__main__":
    main()
