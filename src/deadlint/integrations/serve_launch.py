"""Start ``deadlint serve`` as a child process on a free loopback port and wait
until it answers: for benchmarks, tests and add-in developers' scripts.

The server is a separate process (not a thread) so that its GIL is not shared
with the clients that measure it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

_READY = re.compile(r"listening on (http://\S+)")


def spawn(log: Path, *args: str, timeout: float = 120.0) -> tuple[subprocess.Popen, str]:
    """(process, base URL) of ``deadlint serve --port 0 ARGS``; its stderr goes
    to ``log`` (a file, so an unread pipe can never stall the server)."""
    with log.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "deadlint", "serve", "--port", "0", *args],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _READY.search(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return process, found.group(1)
        if process.poll() is not None:
            raise RuntimeError(f"deadlint serve exited with {process.returncode}:\n{log.read_text()}")
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise TimeoutError(f"deadlint serve did not start in {timeout:.0f} s:\n{log.read_text()}")


def stop(process: subprocess.Popen, timeout: float = 30.0) -> int:
    """SIGTERM (a graceful shutdown) and the exit code; killed if it hangs."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
