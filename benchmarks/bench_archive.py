#!/usr/bin/env python3
"""Messages per second of `deadlint audit` on a local Dask cluster against one process.

    python benchmarks/bench_archive.py [--count 4000] [--workers 2] [--messages-per-part 500]

Makes an mbox of COUNT messages with ../shared/bench/make_corpus.py, then times
(wall clock, and CPU seconds of the command's processes where it can be
counted) `deadlint check MBOX --format json --jobs 1` (one process, start-up
included), `deadlint check ... --jobs WORKERS` (deadlint's own fork pool) and
`deadlint audit MBOX --workers WORKERS` (a Dask LocalCluster of WORKERS
processes, cluster and worker start-up included), then two audits in this
process on one LocalCluster: the first pays for building a linter in every
worker, the second runs on warm workers (the steady state of a long audit).
All at the same pinned --now; each audit must find what the check found.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
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


def timed(args: list[str]) -> tuple[tuple[float, float], str]:
    """((wall seconds, CPU seconds of the command and its processes), stdout)."""
    before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start, _children_cpu() - before
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.stdout


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
        expected = json.loads(plain)["summary"]
        summaries = [json.loads((out / "summary.json").read_text())]
        cold, warm, more = _on_one_cluster(mbox, Path(tmp), args)
        summaries += more
        if any(summary != expected for summary in summaries):
            sys.exit("an audit's summary differs from the plain check's")
    rows = [("check --jobs 1 (one process)", single), (f"check --jobs {args.workers} (fork pool)", pool),
            (f"audit --workers {args.workers} (new LocalCluster)", audit),
            ("  same, cluster already up, cold workers", (cold, None)), ("  same, warm workers", (warm, None))]
    print(f"{args.count} messages, {expected['findings']} findings, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    single_wall = single[0]
    print(f"{'':<42} {'wall':>7}  {'messages/s':>10}  {'vs one process':>14}  {'CPU s':>6}")
    for name, (wall, cpu) in rows:
        cpu_text = f"{cpu:6.1f}" if cpu is not None else "     -"
        print(f"{name:<42} {wall:6.1f}s  {args.count / wall:10.0f}  {single_wall / wall:13.2f}x  {cpu_text}")


def _on_one_cluster(mbox: str, tmp: Path, args) -> tuple[float, float, list[dict]]:
    from datetime import datetime

    from distributed import Client, LocalCluster

    from deadlint.archive.dask_audit import AuditOptions, run_audit

    options = AuditOptions(now=datetime.fromisoformat(NOW))
    times, summaries = [], []
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster):
        for run in ("cold", "warm"):
            start = time.perf_counter()
            summaries.append(run_audit([mbox], tmp / run, options, messages_per_part=args.messages_per_part))
            times.append(time.perf_counter() - start)
    return times[0], times[1], summaries


if __name__ == "__main__":
    main()
