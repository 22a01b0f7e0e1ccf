"""The warm worker (deadlint.daemon): same answers as in process, never in the way.

Each test gets its own socket directory (a temporary XDG_RUNTIME_DIR) and
stops the worker it started; the suite turns the worker off everywhere else
(conftest.py), so nothing is left running.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from tests.clirun import NOW

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("click", "spacy", "yaml", "pluggy", "deadlint.cli", "deadlint.engine")


class Worker:
    """The environment of one test's worker, and ways to run deadlint in it."""

    def __init__(self, runtime: Path):
        self.runtime = runtime
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "DEADLINT_DAEMON": "1",
                    "DEADLINT_DAEMON_IDLE": "300", "DEADLINT_DAEMON_TIMEOUT": "10"}
        self.env.pop("CI", None)

    def run(self, *args, input: bytes | None = None, env: dict | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "deadlint", *map(str, args)], input=input,
                              capture_output=True, env={**self.env, **(env or {})}, cwd=cwd, timeout=300)

    def files(self) -> dict[str, Path]:
        sockets = list((self.runtime / "deadlint").glob("worker-*.sock"))
        return {"sock": sockets[0], "pid": sockets[0].with_suffix(".pid")} if sockets else {}

    def status(self) -> subprocess.CompletedProcess:
        return self.run("daemon", "status", "--json")

    def wait_until_up(self, timeout: float = 120) -> dict:
        import json

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = self.status()
            if result.returncode == 0:
                return json.loads(result.stdout)
            time.sleep(0.2)
        raise AssertionError(f"the worker did not start: {self.log()}")

    def start(self) -> dict:
        """The first check answers in process and starts the worker."""
        self.run("check", "--now", NOW, REPO / "examples" / "README.md")
        return self.wait_until_up()

    def log(self) -> str:
        return "".join(p.read_text() for p in (self.runtime / "deadlint").glob("*.log"))

    def stop(self) -> None:
        self.run("daemon", "stop")
        for pid_file in (self.runtime / "deadlint").glob("*.pid"):
            try:
                pid = int(pid_file.read_text())
                for _ in range(100):
                    os.kill(pid, 0)
                    time.sleep(0.05)
                os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError):
                pass


@pytest.fixture
def worker():
    # A short path: a Unix socket's path is limited to about 100 bytes.
    runtime = Path(tempfile.mkdtemp(prefix="dl-"))
    runtime.chmod(0o700)
    worker = Worker(runtime)
    try:
        yield worker
    finally:
        worker.stop()
        shutil.rmtree(runtime, ignore_errors=True)


def _requests(worker: Worker) -> int:
    return worker.wait_until_up()["requests"]


def _corpus_folder(root: Path) -> Path:
    """Every labelled corpus item as a draft file of its own, plus the examples."""
    folder = root / "drafts"
    for corpus in sorted((REPO / "tests" / "corpus").glob("*.yaml")):
        for i, item in enumerate(yaml.safe_load(corpus.read_text(encoding="utf-8"))):
            path = folder / corpus.stem / f"{i:04d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(item["text"] + "\n", encoding="utf-8")
    shutil.copytree(REPO / "examples", folder / "examples")
    return folder


def test_results_are_byte_for_byte_those_of_an_in_process_run(worker, tmp_path):
    worker.start()
    folder = _corpus_folder(tmp_path)
    message = b"Subject: Your order\n\nWe will send the parts ASAP.\n"
    runs = [
        ("check", "--now", NOW, folder),
        ("check", "--now", NOW, "--format", "json", folder),
        ("check", "--now", NOW, "--format", "sarif", folder / "examples"),
        ("check", "--now", NOW, folder / "examples" / "en" / "reply-outage.eml"),
        ("check", "--now", NOW, "--no-such-option", folder),
        ("check", "--now", NOW, tmp_path / "missing.txt", folder / "examples"),
        ("check", "--now", NOW, "-"),
        ("sendmail", "--mta", "/bin/cat"),
        ("sendmail", "--mta", "/bin/cat", "--warn-only"),
    ]
    blocked = {"DEADLINT_BLOCKED_DIR": str(tmp_path / "blocked")}
    for args in runs:
        stdin = message if args[-1] in ("-", "/bin/cat", "--warn-only") else None
        before = _requests(worker)
        warm = worker.run(*args, input=stdin, env=blocked)
        assert _requests(worker) == before + 1, (args, worker.log())  # answered by the worker
        cold = worker.run(*args, input=stdin, env={**blocked, "DEADLINT_DAEMON": "0"})
        # A refused message is saved under a new name each time; the rest must match exactly.
        assert (warm.returncode, _unstamped(warm.stdout), _unstamped(warm.stderr)) == \
               (cold.returncode, _unstamped(cold.stdout), _unstamped(cold.stderr)), args


def _unstamped(output: bytes) -> bytes:
    import re

    return re.sub(rb"\d{8}T\d{6}\.\d+Z-\d+\.eml", b"<saved>.eml", output)


def test_the_client_imports_only_the_standard_library(worker, tmp_path):
    worker.start()
    draft = tmp_path / "draft.txt"
    draft.write_text("We will fix it ASAP.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "deadlint", "check", "--now", NOW, draft],
                            capture_output=True, text=True, env=worker.env, timeout=120)
    assert result.returncode == 1 and "vague-deadline" in result.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "deadlint.daemon.client" in imported
    assert not {module for module in imported if module.split(".")[0] in HEAVY or module in HEAVY}


def test_socket_is_private(worker):
    worker.start()
    files = worker.files()
    assert stat.S_IMODE(files["sock"].stat().st_mode) == 0o600
    assert stat.S_IMODE(files["sock"].parent.stat().st_mode) == 0o700


def test_turned_off_by_environment_flag_and_ci(worker, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("We will fix it ASAP.\n", encoding="utf-8")
    for args, env in ((["--no-daemon"], {}), ([], {"DEADLINT_DAEMON": "0"}),
                      ([], {"CI": "true", "DEADLINT_DAEMON": ""})):
        result = worker.run("check", "--now", NOW, *args, draft, env=env)
        assert result.returncode == 1, result.stderr
    time.sleep(1)
    assert worker.files() == {} and worker.status().returncode == 3


def test_a_wedged_worker_falls_back_in_process_and_says_so_once(worker, tmp_path):
    directory = worker.runtime / "deadlint"
    directory.mkdir(mode=0o700)
    draft = tmp_path / "draft.txt"
    draft.write_text("We will fix it ASAP.\n", encoding="utf-8")
    expected = worker.run("check", "--now", NOW, draft, env={"DEADLINT_DAEMON": "0"})
    # Where the worker's socket would be: something that accepts connections and never answers.
    name = f"worker-{_install_id()}.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as wedged:
        wedged.bind(str(directory / name))
        wedged.listen(8)
        started = time.monotonic()
        result = worker.run("check", "--now", NOW, draft, env={"DEADLINT_DAEMON_TIMEOUT": "0.5"})
        assert time.monotonic() - started < 30
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    notes = result.stderr.decode().splitlines()
    assert len(notes) == 1 and "did not answer" in notes[0] and "in this process" in notes[0]
    worker.wait_until_up()  # and a fresh worker took its place


def test_a_dead_worker_is_replaced_quietly(worker, tmp_path):
    worker.start()
    os.kill(int(worker.files()["pid"].read_text()), signal.SIGKILL)
    time.sleep(0.2)
    draft = tmp_path / "draft.txt"
    draft.write_text("We will fix it ASAP.\n", encoding="utf-8")
    result = worker.run("check", "--now", NOW, draft)
    assert result.returncode == 1 and result.stderr == b""
    worker.wait_until_up()


def test_restarts_when_a_file_it_loaded_changes(worker, tmp_path):
    first = worker.start()["pid"]
    rules = REPO / "src" / "deadlint" / "data" / "rules.yaml"
    times = rules.stat()
    try:
        os.utime(rules, ns=(times.st_atime_ns, times.st_mtime_ns + 10**9))
        result = worker.run("check", "--now", NOW, REPO / "examples" / "README.md")
        assert result.returncode == 0 and result.stderr == b""
        assert worker.wait_until_up()["pid"] != first
    finally:
        os.utime(rules, ns=(times.st_atime_ns, times.st_mtime_ns))


def test_exits_when_idle(worker):
    worker.env["DEADLINT_DAEMON_IDLE"] = "2"
    worker.run("check", "--now", NOW, REPO / "examples" / "README.md")
    _wait_for(lambda: worker.files(), 120)
    pid = int(_wait_for(lambda: worker.files()["pid"].read_text(), 10))
    _wait_for(lambda: worker.files() == {}, 60)
    _wait_for(lambda: not _alive(pid), 10)


def _wait_for(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if value := condition():
                return value
        except (OSError, KeyError, ValueError):
            pass
        time.sleep(0.05)
    raise AssertionError(f"still not so after {timeout} s")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


def test_status_and_stop(worker):
    assert worker.status().returncode == 3
    worker.start()
    assert b"running: pid" in worker.run("daemon", "status").stdout
    assert worker.run("daemon", "stop").stdout == b"stopped\n"
    assert worker.status().returncode == 3


def _install_id() -> str:
    from deadlint.daemon.client import install_id

    return install_id()


def test_a_changed_policy_file_is_read_again(worker, tmp_path):
    worker.start()
    (tmp_path / "draft.txt").write_text("We will fix it ASAP.\n", encoding="utf-8")
    policy = tmp_path / ".deadlint.yaml"
    results = []
    for text in ("rules:\n  vague-deadline: {enabled: false}\n", "rules:\n  vague-deadline: {severity: error}\n",
                 "min_severity: error\n"):
        policy.write_text(text, encoding="utf-8")
        for daemon in ("1", "0"):
            result = worker.run("check", "--now", NOW, "draft.txt", cwd=tmp_path, env={"DEADLINT_DAEMON": daemon})
            results.append((daemon, result.returncode, result.stdout))
    assert [code for _, code, _ in results] == [0, 0, 1, 1, 0, 0]
    assert results[0][1:] == results[1][1:] and results[2][1:] == results[3][1:] and results[4][1:] == results[5][1:]
