#!/usr/bin/env python3
"""Benchmark deadlint against proselint 0.16, as a user runs them, in one run.

    python benchmarks/bench_core.py [--count 1000] [--big-count 10000] [--rounds 3]
                                    [--single-runs 11] [--json]

Run it with the Python of the virtualenv where deadlint and proselint (the
``bench`` extra) are installed; the console scripts are looked up next to
``sys.executable`` first, then on PATH. Each figure is a median, deadlint's
next to proselint's measured in the same run, alternating which goes first:

1. one flagged draft through the warm worker (``deadlint check FILE``, the
   worker already running; client start included) - target <= 0.10 s;
2. one flagged draft in process (``DEADLINT_DAEMON=0``) - target <= 1.0 s;
3. ``--count`` drafts (default 1,000), second run, worker warm - >= 3x proselint;
4. ``--big-count`` drafts (default 10,000), cold (``DEADLINT_DAEMON=0``) - >= 5x.

proselint has no worker: its figure is always a fresh process. The drafts
come from ``../shared/bench/make_corpus.py`` (``--corpus-script``). The worker
gets a private socket directory and is stopped at the end. deadlint exits 0
when clean and 1 on findings; any other status fails the benchmark.
``benchmarks/bench_serve.py`` measures ``deadlint serve``. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_SCRIPT = REPO.parent / "shared" / "bench" / "make_corpus.py"
FLAGGED_DRAFT = "Hi Anna,\n\nthanks for the logs. We will send the replacement part ASAP.\n\nBest,\nMaria\n"


# --------------------------------------------------------------------------- helpers
def find_tool(name: str, override: str | None) -> str | None:
    """Return the path of a console script: override, next to sys.executable, PATH."""
    if override:
        return override if Path(override).exists() or shutil.which(override) else None
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


class ToolError(RuntimeError):
    pass


def timed_run(cmd: list[str], ok_codes: tuple[int, ...], timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    """Run cmd, return (wall seconds, completed process); raise ToolError on a bad exit."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ToolError(f"timed out after {timeout:.0f}s: {short_cmd(cmd)}") from exc
    elapsed = time.perf_counter() - t0
    if proc.returncode not in ok_codes:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-15:]
        raise ToolError(f"exit {proc.returncode} from {short_cmd(cmd)}\n    " + "\n    ".join(tail))
    return elapsed, proc


def short_cmd(cmd: list[str], limit: int = 6) -> str:
    shown = [Path(cmd[0]).name] + cmd[1:limit]
    more = f" ... (+{len(cmd) - limit} args)" if len(cmd) > limit else ""
    return " ".join(shown) + more


def tool_version(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    out = (proc.stdout + proc.stderr).strip().splitlines()
    return out[-1].strip() if out else "?"


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- tools
class Proselint:
    name = "proselint"

    def __init__(self, exe: str):
        self.exe = exe
        help_text = self._help()
        # proselint >= 0.16 has sub-commands ("check") and --output-format;
        # 0.13-0.15 had a flat click CLI with --json and file arguments.
        self.modern = " check " in help_text or "\n    check" in help_text

    def _help(self) -> str:
        try:
            proc = subprocess.run([self.exe, "--help"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return proc.stdout + proc.stderr

    def version(self) -> str:
        return tool_version([self.exe, "version"] if self.modern else [self.exe, "--version"])

    def folder_cmd(self, corpus: Path, files: list[Path]) -> list[str]:
        if self.modern:
            # One process; proselint walks the directory itself (.txt is accepted).
            # The option must follow the sub-command: "check" re-declares
            # --output-format and its default (full) overrides a global one.
            return [self.exe, "check", "--output-format", "json", str(corpus)]
        return [self.exe, "--json", *map(str, files)]

    def single_cmd(self, draft: Path) -> list[str]:
        if self.modern:
            return [self.exe, "check", str(draft)]
        return [self.exe, str(draft)]

    # 0 clean, 1 problems found; 2 bad arguments, 3 interrupted, 4 error (0.16)
    ok_codes = (0, 1)

    def inspect(self, stdout: bytes) -> dict:
        try:
            data = json.loads(stdout)
        except ValueError as exc:
            raise ToolError(f"proselint JSON output did not parse: {exc}") from exc
        if self.modern and isinstance(data, dict) and isinstance(data.get("result"), dict):
            res = data["result"]
            return {"files_reported": len(res),
                    "findings": sum(len(v.get("diagnostics", [])) for v in res.values()
                                    if isinstance(v, dict))}
        if isinstance(data, dict) and isinstance(data.get("data"), dict):  # 0.13-0.15
            return {"findings": len(data["data"].get("errors", []))}
        return {}


# --------------------------------------------------------------------------- main
def make_corpus(script: Path, out: Path, count: int) -> list[Path]:
    if not script.is_file():
        raise SystemExit(f"corpus script not found: {script} (use --corpus-script)")
    subprocess.run([sys.executable, str(script), str(out), "--count", str(count), "--format", "txt"],
                   check=True, stdout=subprocess.DEVNULL)
    return sorted(out.rglob("*.txt"))


class Runner:
    """Timed runs of both tools; deadlint with its worker on or off."""

    def __init__(self, deadlint: str, proselint: Proselint | None, runtime: Path, timeout: float):
        self.deadlint, self.proselint, self.timeout = deadlint, proselint, timeout
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "DEADLINT_DAEMON": "1"}
        self.env.pop("CI", None)

    def deadlint_run(self, args: list[str], *, warm: bool) -> float:
        env = {**self.env, "DEADLINT_DAEMON": "1" if warm else "0"}
        before = self.requests() if warm else None
        started = time.perf_counter()
        proc = subprocess.run([self.deadlint, *args], env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=self.timeout)
        elapsed = time.perf_counter() - started
        if proc.returncode not in (0, 1):
            raise ToolError(f"deadlint {' '.join(args[:3])}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")
        if warm and self.requests() != before + 1:  # checked in process: not a warm figure
            raise ToolError(f"deadlint {' '.join(args[:3])} was not answered by the warm worker "
                            f"(restarted? {proc.stderr.decode()[-300:]})")
        return elapsed

    def requests(self) -> int:
        """How many requests the worker has answered (-1 when none runs)."""
        status = subprocess.run([self.deadlint, "daemon", "status", "--json"], env=self.env, capture_output=True)
        return json.loads(status.stdout).get("requests", -1) if status.returncode == 0 else -1

    def proselint_run(self, cmd: list[str]) -> float:
        return timed_run(cmd, self.proselint.ok_codes, self.timeout)[0]

    def start_worker(self, draft: Path) -> None:
        subprocess.run([self.deadlint, "check", str(draft)], env=self.env, capture_output=True)
        deadline = time.monotonic() + 300
        while subprocess.run([self.deadlint, "daemon", "status"], env=self.env, capture_output=True).returncode:
            if time.monotonic() > deadline:
                raise ToolError("the warm worker did not start in 300 s")
            time.sleep(0.2)

    def stop_worker(self) -> None:
        subprocess.run([self.deadlint, "daemon", "stop"], env=self.env, capture_output=True)

    def compare(self, rounds: int, deadlint_args: list[str], warm: bool, proselint_cmd: list[str] | None) -> dict:
        """Medians of alternating rounds: deadlint first in even rounds, proselint first in odd ones."""
        times: dict[str, list[float]] = {"deadlint": [], "proselint": []}
        for rnd in range(rounds):
            order = ["deadlint", "proselint"] if rnd % 2 == 0 else ["proselint", "deadlint"]
            for tool in order:
                if tool == "deadlint":
                    times[tool].append(self.deadlint_run(deadlint_args, warm=warm))
                elif self.proselint and proselint_cmd:
                    times[tool].append(self.proselint_run(proselint_cmd))
        return {tool: {"median_s": round(statistics.median(t), 4), "runs_s": [round(x, 4) for x in t]}
                for tool, t in times.items() if t}


FIGURES = (  # key, label, target (deadlint seconds, or x-times proselint)
    ("single_warm", "1 flagged draft, warm worker", ("s", 0.10)),
    ("single_cold", "1 flagged draft, DEADLINT_DAEMON=0", ("s", 1.0)),
    ("folder_warm", "{count} drafts, worker warm (2nd run)", ("x", 3.0)),
    ("big_cold", "{big_count} drafts, cold", ("x", 5.0)),
)


def run(args: argparse.Namespace) -> dict:
    log = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))
    deadlint = find_tool("deadlint", args.deadlint)
    if not deadlint:
        raise SystemExit("deadlint console script not found (install the project: pip install -e .)")
    pl_exe = None if args.no_proselint else find_tool("proselint", args.proselint)
    proselint = Proselint(pl_exe) if pl_exe else None
    result: dict = {
        "machine": {"nproc": cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_avg_at_start": list(os.getloadavg())},
        "versions": {"deadlint": tool_version([deadlint, "--version"]),
                     "proselint": proselint.version() if proselint else None},
        "count": args.count, "big_count": args.big_count, "rounds": args.rounds, "single_runs": args.single_runs,
        "figures": {},
    }
    with tempfile.TemporaryDirectory(prefix="dl-bench-") as tmp:
        tmp_path = Path(tmp)
        runtime = tmp_path / "run"
        runtime.mkdir(mode=0o700)
        single = tmp_path / "flagged.txt"
        single.write_text(FLAGGED_DRAFT, encoding="utf-8")
        corpus = tmp_path / "corpus"
        big = tmp_path / "big"
        make_corpus(args.corpus_script, corpus, args.count)
        if args.big_count:
            make_corpus(args.corpus_script, big, args.big_count)
        runner = Runner(deadlint, proselint, runtime, args.timeout)
        pl_single = proselint.single_cmd(single) if proselint else None
        try:
            log("[bench] starting the warm worker")
            runner.start_worker(single)
            figures = result["figures"]
            # The floor under any Python command line on this machine, for scale.
            result["python_start_s"] = round(statistics.median(
                timed_run([sys.executable, "-c", "pass"], (0,), args.timeout)[0] for _ in range(args.single_runs)), 4)
            log("[bench] one flagged draft, warm worker")
            figures["single_warm"] = runner.compare(args.single_runs, ["check", str(single)], True, pl_single)
            log("[bench] one flagged draft, in process")
            figures["single_cold"] = runner.compare(args.single_runs, ["check", str(single)], False, pl_single)
            folder_args = ["check", str(corpus), "--format", "json"]
            runner.deadlint_run(folder_args, warm=True)  # the first run: what the "second run" follows
            log(f"[bench] {args.count} drafts, worker warm")
            figures["folder_warm"] = runner.compare(args.rounds, folder_args, True,
                                                    proselint.folder_cmd(corpus, []) if proselint else None)
            if args.big_count:
                log(f"[bench] {args.big_count} drafts, cold")
                figures["big_cold"] = runner.compare(args.big_rounds, ["check", str(big), "--format", "json"], False,
                                                     proselint.folder_cmd(big, []) if proselint else None)
        finally:
            runner.stop_worker()
    result["machine"]["load_avg_at_end"] = list(os.getloadavg())
    return result


def print_table(r: dict) -> None:
    m = r["machine"]
    print(f"\ndeadlint {r['versions']['deadlint']} vs proselint {r['versions']['proselint'] or '(not installed)'}; "
          f"nproc={m['nproc']}, Python {m['python']}, load average {m['load_avg_at_start'][0]:.1f} at start, "
          f"{m['load_avg_at_end'][0]:.1f} at end")
    print(f"Python start-up alone (python -c pass): {r['python_start_s']:.3f}s")
    head = f"{'figure (medians)':<42} {'deadlint':>9} {'proselint':>10} {'speed-up':>9}  target"
    print(head)
    print("-" * len(head))
    for key, label, (unit, target) in FIGURES:
        figure = r["figures"].get(key)
        if not figure:
            continue
        dl = figure["deadlint"]["median_s"]
        pl = figure.get("proselint", {}).get("median_s")
        ratio = pl / dl if pl else None
        goal = f"<= {target:.2f} s" if unit == "s" else f">= {target:.0f}x proselint"
        met = (dl <= target) if unit == "s" else (ratio is not None and ratio >= target)
        print(f"{label.format(**r):<42} {dl:>8.3f}s {fmt(pl, '.3f', 's'):>10} "
              f"{fmt(ratio, '.2f', 'x'):>9}  {goal} {'(met)' if met else '(NOT met)'}")


def fmt(v, spec: str = ".3f", unit: str = "") -> str:
    return "-" if v is None else f"{v:{spec}}{unit}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="drafts in the warm folder run (default 1000)")
    ap.add_argument("--big-count", type=int, default=10000, help="drafts in the cold run (default 10000; 0 skips)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds of the folder run (default 3)")
    ap.add_argument("--big-rounds", type=int, default=1, help="alternating rounds of the cold run (default 1)")
    ap.add_argument("--single-runs", type=int, default=11, help="runs of each one-draft figure (default 11)")
    ap.add_argument("--corpus-script", type=Path, default=DEFAULT_CORPUS_SCRIPT,
                    help="path to make_corpus.py (default: <repo>/../shared/bench/make_corpus.py)")
    ap.add_argument("--deadlint", default=None, help="deadlint executable (default: beside sys.executable)")
    ap.add_argument("--proselint", default=None, help="proselint executable (default: beside sys.executable)")
    ap.add_argument("--no-proselint", action="store_true", help="skip the proselint comparison")
    ap.add_argument("--timeout", type=float, default=1800, help="per-run timeout in seconds (default 1800)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    try:
        result = run(args)
    except ToolError as exc:
        print(f"bench_core: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2) if args.json else "", end="")
    if not args.json:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
