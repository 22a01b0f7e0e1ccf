#!/usr/bin/env python3
"""Benchmark ``deadlint serve``: warm latency with concurrent clients.

    python benchmarks/bench_serve.py [--clients 8] [--requests 400] [--drafts 200] [--json]

Run it with the Python of the virtualenv where deadlint is installed. It

1. makes typical drafts with ``../shared/bench/make_corpus.py OUT --format txt``
   (80-250 word support replies in fi/sv/en, fixed seed);
2. starts ``deadlint serve`` as a child process on a free loopback port and
   warms it (one request per draft language, plus a few more);
3. runs ``--clients`` threads that POST the drafts as JSON {"text": ...} to
   /check until ``--requests`` requests in all have been answered, each on a
   new connection (with ``--keep-alive``, on one connection each client keeps
   open, as a browser-based add-in does), timing each one end to end;
   a client sends its next request as soon as it has its answer, or after a
   pause of ``--pause-ms`` on average, as people at their mail clients would.
   With ``--now`` each request carries that reference time, and the server
   may answer a repeated draft from its cache (see
   ``deadlint.integrations.serve_cache``); without it, or with as many
   ``--drafts`` as ``--requests``, every request is checked;
4. prints p50/p95/p99 latency and requests per second, then stops the server
   with SIGTERM (a graceful shutdown, which must exit 0);
5. prints the server's own figures from its ``--log-timings`` lines: the
   service time (accept to last byte written) and its phases (see
   ``deadlint.integrations.serve_timing``), and the CPU time per request of
   this client process, the server's HTTP front and its checker processes
   (Linux), which share the machine's cores: their sum sets the most
   requests per second the machine could answer were nothing else running.

Any answer other than 200 fails the benchmark. ``--max-p95-ms`` makes it fail
when p95 is above the budget (the target is 20 ms with 8 clients).
Standard library only; all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from deadlint.integrations.serve_launch import spawn, stop
from deadlint.integrations.serve_timing import PHASES

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_SCRIPT = REPO.parent / "shared" / "bench" / "make_corpus.py"


def make_drafts(script: Path, out: Path, count: int) -> list[str]:
    subprocess.run([sys.executable, str(script), str(out), "--count", str(count), "--format", "txt"], check=True)
    return [path.read_text(encoding="utf-8") for path in sorted(out.glob("*.txt"))]


def post(host: str, port: int, body: bytes, conn: http.client.HTTPConnection | None = None) -> int:
    """POST ``body`` to /check on a new connection, or on ``conn``, which stays open."""
    own = conn is None
    conn = conn or http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("POST", "/check", body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:
        conn.close()  # reconnects on the next request
        raise
    finally:
        if own:
            conn.close()


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q% at or below it."""
    rank = max(1, -(-len(sorted_values) * q // 100))
    return sorted_values[int(rank) - 1]


def server_phases(log: str, skip: int) -> dict[str, dict[str, float]]:
    """p50/p95/p99 of each field of the server's timing lines for 200 answers,
    after the first ``skip`` (the warm-up requests, answered one at a time first)."""
    lines = re.findall(r"timing status=200 (.*)", log)[skip:]
    values: dict[str, list[float]] = {}
    for line in lines:
        for name, value in re.findall(r"(\w+)=([\d.]+)", line):
            values.setdefault(name, []).append(float(value))
    return {name: {f"p{q}": round(percentile(sorted(values[name]), q), 2) for q in (50, 95, 99)}
            for name in ("total", *PHASES, "worker") if name in values}


def cpu_seconds(pid: int) -> dict[str, float]:
    """CPU seconds so far of the server process (``front``) and of its descendants
    (``checkers``: the zygote and the checker processes), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")

    def own(pid: int) -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

    def descendants(pid: int) -> list[int]:
        children = [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                    for child in (task / "children").read_text().split()]
        return children + [grandchild for child in children for grandchild in descendants(child)]

    try:
        return {"front": own(pid), "checkers": sum(own(child) for child in descendants(pid))}
    except (OSError, ValueError):  # not Linux, or a checker replaced meanwhile
        return {}


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine so far, from /proc/stat (0, 0 elsewhere):
    what other programs took during the run is the busy time our processes do not account for."""
    try:
        ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK"), idle / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_clients(host: str, port: int, bodies: list[bytes], clients: int, total: int,
                pause_s: float = 0.0, keep_alive: bool = False) -> tuple[list[float], float, list]:
    """Each client sends a request, waits for its answer, pauses (``pause_s`` on
    average, exponentially distributed, seeded) and sends the next, on a new
    connection or (``keep_alive``) on the one it keeps open."""
    tickets = itertools.count()  # each client takes the next request number until `total`
    latencies: list[float] = []
    failures: list = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        pauses = random.Random(seed)
        conn = http.client.HTTPConnection(host, port, timeout=30) if keep_alive else None
        while (n := next(tickets)) < total:
            if pause_s:
                time.sleep(pauses.expovariate(1 / pause_s))
            started = time.perf_counter()
            try:
                status = post(host, port, bodies[n % len(bodies)], conn)
            except OSError as exc:
                status = repr(exc)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(status)
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="requests in all, over every client")
    parser.add_argument("--drafts", type=int, default=200, help="distinct drafts to send")
    parser.add_argument("--warm-up", type=int, default=20, help="requests sent before timing")
    parser.add_argument("--now", help='send this reference time ("now", ISO 8601) with every draft')
    parser.add_argument("--workers", type=int, help="checker processes (deadlint serve --workers)")
    parser.add_argument("--pause-ms", type=float, default=0.0,
                        help="mean pause of a client between an answer and its next request (default: none)")
    parser.add_argument("--keep-alive", action="store_true",
                        help="each client keeps one connection open (default: a new connection per request)")
    parser.add_argument("--corpus-script", type=Path, default=DEFAULT_CORPUS_SCRIPT)
    parser.add_argument("--max-p95-ms", type=float, help="fail if p95 is above this")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="deadlint-bench-serve-") as tmp:
        tmp_path = Path(tmp)
        drafts = make_drafts(args.corpus_script, tmp_path / "corpus", args.drafts)
        options = {"now": args.now} if args.now else {}
        bodies = [json.dumps({"text": text, **options}).encode("utf-8") for text in drafts]
        workers = ["--workers", str(args.workers)] if args.workers else []
        process, url = spawn(tmp_path / "serve.log", "--log-timings", *workers)
        address = urlsplit(url)
        try:
            for body in bodies[:args.warm_up]:
                post(address.hostname, address.port, body)
            load = os.getloadavg()
            server_before, client_before, machine_before = (cpu_seconds(process.pid), own_cpu_seconds(),
                                                            machine_cpu_seconds())
            latencies, wall, failures = run_clients(address.hostname, address.port, bodies, args.clients,
                                                    args.requests, args.pause_ms / 1000, args.keep_alive)
            server_after, client_after, machine_after = (cpu_seconds(process.pid), own_cpu_seconds(),
                                                         machine_cpu_seconds())
        finally:
            code = stop(process)
        log = (tmp_path / "serve.log").read_text()

    cpu_ms = {"client": (client_after - client_before) * 1000 / args.requests}
    cpu_ms.update({part: (server_after[part] - server_before[part]) * 1000 / args.requests
                   for part in server_after.keys() & server_before.keys()})
    busy, idle = (after - before for after, before in zip(machine_after, machine_before))
    others = max(0.0, busy - sum(cpu_ms.values()) * args.requests / 1000)

    ms = sorted(value * 1000 for value in latencies)
    figures = {
        "clients": args.clients,
        "pause_ms": args.pause_ms,
        "keep_alive": args.keep_alive,
        "requests": len(ms),
        "failures": len(failures),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "max_ms": round(ms[-1], 2),
        "requests_per_s": round(len(ms) / wall, 1),
        "drafts": len(drafts),
        "now": args.now,
        "mean_draft_bytes": round(statistics.fmean(len(d.encode()) for d in drafts)),
        "server_ms": server_phases(log, min(args.warm_up, len(bodies))),
        "cache_hits": log.count("cache=hit"),
        "cpu_ms_per_request": {part: round(value, 2) for part, value in cpu_ms.items()},
        # The most requests per second these processes could answer with every core to themselves.
        "ceiling_requests_per_s": round(os.cpu_count() * 1000 / sum(cpu_ms.values())),
        "load_average": [round(value, 2) for value in load],
        # Of all the machine's CPU time during the run: what other programs took, and what was left idle.
        "others_cpu_share": round(others / (busy + idle), 2) if busy + idle else None,
        "idle_cpu_share": round(idle / (busy + idle), 2) if busy + idle else None,
        "server_exit": code,
        "machine": f"{platform.python_implementation()} {platform.python_version()}, "
                   f"{os.cpu_count()} CPUs, {platform.machine()}",
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"deadlint serve, {figures['clients']} clients, {figures['requests']} requests of "
              f"{figures['drafts']} distinct drafts ({figures['mean_draft_bytes']} bytes on average), "
              f"{'now ' + args.now if args.now else 'no now'}, pauses of {args.pause_ms:g} ms on average, "
              f"{'one connection per client' if args.keep_alive else 'a new connection per request'}; "
              f"{figures['machine']}")
        print(f"  p50 {figures['p50_ms']} ms   p95 {figures['p95_ms']} ms   p99 {figures['p99_ms']} ms   "
              f"max {figures['max_ms']} ms")
        print(f"  {figures['requests_per_s']} requests/s; failures: {figures['failures']}; "
              f"answered from the cache: {figures['cache_hits']}; server exit {code}")
        print("  server side, ms (p50 / p95 / p99): " + "; ".join(
            f"{name} {q['p50']} / {q['p95']} / {q['p99']}" for name, q in figures["server_ms"].items()))
        print("  CPU per request, ms: " + "; ".join(f"{part} {value}" for part, value
                                                   in figures["cpu_ms_per_request"].items())
              + f"; load average before the run {' '.join(map(str, figures['load_average']))}")
        print(f"  of the machine's CPU time during the run: {figures['others_cpu_share']:.0%} other programs, "
              f"{figures['idle_cpu_share']:.0%} idle; with every core to client and server: at most "
              f"{figures['ceiling_requests_per_s']} requests/s")
    problems = []
    if failures:
        problems.append(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    if code != 0:
        problems.append(f"the server exited with {code} on SIGTERM:\n{log}")
    if args.max_p95_ms is not None and figures["p95_ms"] > args.max_p95_ms:
        problems.append(f"p95 {figures['p95_ms']} ms is over the budget of {args.max_p95_ms} ms")
    for problem in problems:
        print(f"bench_serve: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
