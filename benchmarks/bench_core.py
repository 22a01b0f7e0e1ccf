#!/usr/bin/env python3
"""Benchmark deadlint against proselint on the shared support-mail corpus.

    python benchmarks/bench_core.py [--count 1000] [--rounds 3] [--cold-runs 11] [--json]
                                    [--format txt|maildir]

Run it with the Python of the virtualenv where deadlint (and, optionally,
proselint) is installed: the console scripts are looked up next to
``sys.executable`` first, then on PATH.

What it does:

1. makes a temporary corpus with ``../shared/bench/make_corpus.py OUT --count N
   --format txt`` (the script is resolved from the repository root, override
   with ``--corpus-script``); ``--format maildir`` makes a Maildir with a
   ``.Drafts`` folder of N messages instead, which deadlint reads as a mail
   folder (proselint cannot, so the comparison is skipped there);
2. times, in the same run and alternating the order each round, N rounds of
   ``deadlint check OUT --format json`` against proselint's own way of checking
   a folder in one process (proselint >= 0.16: ``proselint check
   --output-format json OUT``; older releases: ``proselint --json FILE...``);
3. times a cold single-draft ``deadlint check FILE`` (a new process each time,
   ``--cold-runs`` times, default 11) and reports the median; for deadlint also
   the start-up floor: a cold check of three one-line flagged drafts (fi, sv,
   en), which loads spaCy and every language's pipeline and does almost
   nothing else, the part of a folder run that no per-draft speed-up touches;
4. prints a table (or JSON with ``--json``): median wall times, drafts per
   second, the deadlint/proselint time ratio, the cold single-draft median and
   the machine.

deadlint exits 0 when clean and 1 when it finds problems; both count as
success. Any other exit status (2 = error) is reported and fails the
benchmark. proselint is optional: if it is not installed the comparison is
skipped.  Standard library only.
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


def summarize(times: list[float], drafts: int) -> dict:
    med = statistics.median(times)
    return {
        "runs_s": [round(t, 4) for t in times],
        "median_s": round(med, 4),
        "min_s": round(min(times), 4),
        "max_s": round(max(times), 4),
        "drafts_per_s": round(drafts / med, 1) if med > 0 else None,
    }


# --------------------------------------------------------------------------- tools
class Deadlint:
    name = "deadlint"

    def __init__(self, exe: str):
        self.exe = exe

    def version(self) -> str:
        return tool_version([self.exe, "--version"])

    def folder_cmd(self, corpus: Path, files: list[Path]) -> list[str]:
        return [self.exe, "check", str(corpus), "--format", "json"]

    def single_cmd(self, draft: Path) -> list[str]:
        return [self.exe, "check", str(draft)]

    ok_codes = (0, 1)

    @staticmethod
    def inspect(stdout: bytes) -> dict:
        """Check the JSON contract {"findings": [...], "summary": {...}}."""
        try:
            data = json.loads(stdout)
        except ValueError as exc:
            raise ToolError(f"deadlint --format json did not print JSON: {exc}") from exc
        if not isinstance(data, dict) or "findings" not in data or "summary" not in data:
            raise ToolError("deadlint JSON lacks 'findings'/'summary'")
        files = {f.get("path") or f.get("file") for f in data["findings"] if isinstance(f, dict)}
        files.discard(None)
        return {"findings": len(data["findings"]), "files_with_findings": len(files),
                "summary": data["summary"]}


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
def corpus_files(out: Path, fmt: str) -> list[Path]:
    """The drafts make_corpus wrote: .txt files, or the message files of the Maildir."""
    if fmt == "maildir":
        return sorted(p for p in out.rglob("*") if p.is_file() and p.parent.name in ("cur", "new"))
    return sorted(p for p in out.rglob("*.txt") if p.is_file())


def make_corpus(script: Path, out: Path, count: int, seed: int | None, fmt: str = "txt") -> list[Path]:
    if not script.is_file():
        raise SystemExit(f"corpus script not found: {script} (use --corpus-script)")
    cmd = [sys.executable, str(script), str(out), "--count", str(count), "--format", fmt]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    files = corpus_files(out, fmt)
    if len(files) != count:
        raise SystemExit(f"expected {count} drafts from {script.name}, found {len(files)} in {out}")
    return files


def run(args: argparse.Namespace) -> dict:
    log = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))

    tools: list = []
    errors: dict[str, str] = {}
    skipped: dict[str, str] = {}

    dl_exe = find_tool("deadlint", args.deadlint)
    if dl_exe:
        tools.append(Deadlint(dl_exe))
    else:
        skipped["deadlint"] = "deadlint console script not found (install the project: pip install -e .)"
    pl_exe = None if args.no_proselint or args.format != "txt" else find_tool("proselint", args.proselint)
    if pl_exe:
        tools.append(Proselint(pl_exe))
    elif args.format != "txt":
        skipped["proselint"] = f"proselint cannot read a {args.format} corpus; comparison skipped"
    else:
        skipped["proselint"] = ("disabled with --no-proselint" if args.no_proselint else
                                "proselint not installed (pip install 'deadlint[bench]'); comparison skipped")
    for name, why in skipped.items():
        log(f"[bench] skipping {name}: {why}")

    result: dict = {
        "machine": {
            "nproc": cpu_count(),
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "machine": platform.machine(),
        },
        "corpus": {"count": args.count, "format": args.format, "script": str(args.corpus_script)},
        "rounds": args.rounds,
        "cold_runs": args.cold_runs,
        "tools": {},
        "skipped": skipped,
        "errors": errors,
    }

    with tempfile.TemporaryDirectory(prefix="deadlint-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        log(f"[bench] making {args.count} drafts with {args.corpus_script}")
        files = make_corpus(Path(args.corpus_script), corpus, args.count, args.seed, args.format)
        result["corpus"]["bytes"] = sum(p.stat().st_size for p in files)
        single = files[0]
        result["corpus"]["single_draft"] = single.name

        for tool in tools:
            result["tools"][tool.name] = {
                "exe": tool.exe,
                "version": tool.version(),
                "folder_command": short_cmd(tool.folder_cmd(corpus, files)).replace(str(corpus), "OUT"),
            }

        # ---- folder runs: alternate which tool goes first each round
        times: dict[str, list[float]] = {t.name: [] for t in tools}
        live = list(tools)
        for rnd in range(args.warmup + args.rounds):
            order = live if rnd % 2 == 0 else list(reversed(live))
            warm = rnd < args.warmup
            for tool in order:
                if tool.name in errors:
                    continue
                try:
                    elapsed, proc = timed_run(tool.folder_cmd(corpus, files), tool.ok_codes, args.timeout)
                    if rnd == 0:
                        result["tools"][tool.name]["output"] = tool.inspect(proc.stdout)
                except ToolError as exc:
                    errors[tool.name] = str(exc)
                    log(f"[bench] {tool.name} FAILED: {exc}")
                    continue
                if not warm:
                    times[tool.name].append(elapsed)
                log(f"[bench] {'warm-up' if warm else f'round {rnd - args.warmup + 1}'}"
                    f" {tool.name}: {elapsed:.3f}s")

        for tool in tools:
            if tool.name not in errors and times[tool.name]:
                result["tools"][tool.name]["folder"] = summarize(times[tool.name], len(files))

        # ---- cold single-draft runs (a fresh process each time)
        for tool in tools:
            if tool.name in errors or args.cold_runs <= 0:
                continue
            cold: list[float] = []
            try:
                for _ in range(args.cold_runs):
                    elapsed, _proc = timed_run(tool.single_cmd(single), tool.ok_codes, args.timeout)
                    cold.append(elapsed)
            except ToolError as exc:
                errors[tool.name] = str(exc)
                log(f"[bench] {tool.name} single-draft FAILED: {exc}")
                continue
            result["tools"][tool.name]["cold_single"] = {
                "runs_s": [round(t, 4) for t in cold],
                "median_s": round(statistics.median(cold), 4),
            }
            log(f"[bench] {tool.name} cold single draft: median {statistics.median(cold):.3f}s"
                f" over {len(cold)} runs")

        if "deadlint" in result["tools"] and "deadlint" not in errors and args.cold_runs > 0:
            result["tools"]["deadlint"]["startup_floor"] = startup_floor(
                Path(tmp) / "floor", find_tool("deadlint", args.deadlint), args)
            log(f"[bench] deadlint start-up floor: median {result['tools']['deadlint']['startup_floor']:.3f}s")

    dl = result["tools"].get("deadlint", {}).get("folder")
    pl = result["tools"].get("proselint", {}).get("folder")
    if dl and pl:
        result["ratio_time_deadlint_over_proselint"] = round(dl["median_s"] / pl["median_s"], 3)
    return result


FLOOR_DRAFTS = {"fi.txt": "Korjaamme tämän mahdollisimman pian.",
                "sv.txt": "Vi återkommer så snart som möjligt.",
                "en.txt": "We will get back to you as soon as possible."}


def startup_floor(folder: Path, exe: str, args: argparse.Namespace) -> float:
    """Median cold ``deadlint check`` of one flagged line per language: spaCy and
    all three pipelines loaded, next to no drafts checked."""
    folder.mkdir()
    for name, text in FLOOR_DRAFTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    cmd = [exe, "check", str(folder), "--format", "json"]
    return round(statistics.median(timed_run(cmd, (1,), args.timeout)[0] for _ in range(args.cold_runs)), 4)


def fmt(v, spec: str = ".3f", unit: str = "") -> str:
    return "-" if v is None else f"{v:{spec}}{unit}"


def print_table(r: dict) -> None:
    m = r["machine"]
    n = r["corpus"]["count"]
    print(f"\nCorpus: {n} {r['corpus']['format']} drafts ({r['corpus'].get('bytes', 0) / 1024:.0f} KiB), "
          f"{r['rounds']} alternating rounds, cold single draft x{r['cold_runs']}")
    print(f"Machine: nproc={m['nproc']} (cpu_count={m['cpu_count']}), "
          f"{m['implementation']} {m['python']}, {m['platform']}\n")
    head = f"{'tool':<10} {'version':<16} {'median':>9} {'min':>9} {'max':>9} {'drafts/s':>10} {'cold 1 draft':>13}"
    print(head)
    print("-" * len(head))
    for name in ("deadlint", "proselint"):
        t = r["tools"].get(name)
        if t is None:
            print(f"{name:<10} {'skipped: ' + r['skipped'].get(name, '?')}")
            continue
        if name in r["errors"]:
            print(f"{name:<10} ERROR: {r['errors'][name].splitlines()[0]}")
            continue
        f = t.get("folder", {})
        c = t.get("cold_single", {})
        print(f"{name:<10} {str(t.get('version', '?'))[:16]:<16} {fmt(f.get('median_s'), '.3f', 's'):>9} "
              f"{fmt(f.get('min_s'), '.3f', 's'):>9} {fmt(f.get('max_s'), '.3f', 's'):>9} "
              f"{fmt(f.get('drafts_per_s'), '.1f'):>10} {fmt(c.get('median_s'), '.3f', 's'):>13}")
    print()
    for name, t in r["tools"].items():
        print(f"  {name}: {t.get('folder_command')}   output: {t.get('output', {})}")
    ratio = r.get("ratio_time_deadlint_over_proselint")
    if ratio is not None:
        faster = "faster" if ratio < 1 else "slower"
        print(f"\nRatio deadlint/proselint (median wall time over {n} drafts): {ratio:.3f}"
              f"  -> deadlint is {max(ratio, 1 / ratio):.2f}x {faster}")
        floor = r["tools"]["deadlint"].get("startup_floor")
        if floor is not None:
            budget = r["tools"]["proselint"]["folder"]["median_s"] / 3
            print(f"3x proselint needs the whole run in {budget:.3f}s; deadlint's start-up floor "
                  f"(spaCy + fi/sv/en pipelines, 3 one-line drafts) is {floor:.3f}s")
    else:
        print("\nRatio deadlint/proselint: n/a (one of the tools was skipped or failed)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="drafts in the corpus (default 1000)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating timed rounds (default 3)")
    ap.add_argument("--cold-runs", type=int, default=11,
                    help="cold single-draft runs of deadlint check FILE (default 11)")
    ap.add_argument("--warmup", type=int, default=0, help="untimed warm-up rounds (default 0)")
    ap.add_argument("--seed", type=int, default=None, help="corpus seed (default: make_corpus's own)")
    ap.add_argument("--format", choices=["txt", "maildir"], default="txt",
                    help="corpus format: txt drafts (default) or a Maildir of messages")
    ap.add_argument("--corpus-script", default=str(DEFAULT_CORPUS_SCRIPT),
                    help="path to make_corpus.py (default: <repo>/../shared/bench/make_corpus.py)")
    ap.add_argument("--deadlint", default=None, help="deadlint executable (default: beside sys.executable)")
    ap.add_argument("--proselint", default=None, help="proselint executable (default: beside sys.executable)")
    ap.add_argument("--no-proselint", action="store_true", help="skip the proselint comparison")
    ap.add_argument("--timeout", type=float, default=900, help="per-run timeout in seconds (default 900)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.count < 1 or args.rounds < 1:
        ap.error("--count and --rounds must be >= 1")

    result = run(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
        for name, err in result["errors"].items():
            print(f"\n{name} error:\n  {err}", file=sys.stderr)
    # Exit 1 if a tool failed or deadlint itself is missing. A missing
    # proselint only skips the comparison.
    return 1 if result["errors"] or "deadlint" in result["skipped"] else 0


if __name__ == "__main__":
    sys.exit(main())
