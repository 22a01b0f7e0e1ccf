"""The warm worker: loads deadlint once, then forks a child per request.

    python -m deadlint.daemon.server      (started by the client, not by hand)

The parent stays single-threaded and does nothing but accept, fork and reap,
so every child starts from the same warm state (spaCy pipelines, compiled
phrase Matchers, rule sets) and runs the request's Click command in its own
process: its own working directory, environment and exit, never another
request's. One child per core is forked ahead and waits, so a request pays
no fork; requests run in parallel (a folder check's child forks one checker
per core itself).

The worker exits after DEADLINT_DAEMON_IDLE seconds (default 900) without a
request, and when a file it loaded changed (deadlint's or a pack's code, the
default policy, a pack's phrases): it answers that request "stale" and the
client checks in process and starts a fresh worker.
"""

from __future__ import annotations

import fcntl
import gc
import os
import select
import signal
import socket
import sys
import time
from pathlib import Path

from deadlint.daemon.client import paths, receive_message, send_message

DEFAULT_IDLE_S = 15 * 60
_MODULE_PREFIXES = ("deadlint", "spacy", "pluggy", "click", "dateparser", "holidays", "yaml")


class Worker:
    def __init__(self, files: dict[str, str], idle_s: float):
        self.files = files
        self.idle_s = idle_s
        self.started = time.time()
        self.last_request = time.monotonic()
        self.requests = 0
        self.children: set[int] = set()
        self.spare_count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        self.watched = _loaded_files()
        self.listener = _listen(files["sock"])
        # Children name the policy files they loaded here; the parent then loads
        # them too, so the next request for that folder starts warm as well.
        self.memo_read, self.memo_write = os.pipe()
        os.set_blocking(self.memo_read, False)
        # Children forked ahead of time, one per core, each waiting for a request:
        # a request then pays no fork. pid -> the socket the request is handed over.
        self.spares: dict[int, socket.socket] = {}

    def serve(self) -> None:
        self.last_request = time.monotonic()  # idle from now, not from before the warm-up
        while True:
            self._reap()
            self._fork_spares()
            idle = time.monotonic() - self.last_request
            if not self.children and idle >= self.idle_s:
                return
            ready, _, _ = select.select([self.listener, self.memo_read], [], [], min(1.0, self.idle_s))
            if self.memo_read in ready and self.listener not in ready:
                self._warm_policies()  # only while no one waits: it takes a moment
            # No cap on children running at once: a pre-send check never waits
            # behind a long folder check; the kernel shares the cores among them.
            if self.listener in ready and self._accept() == "exit":
                return

    def _accept(self) -> str | None:
        try:
            conn, _ = self.listener.accept()
        except BlockingIOError:
            return None
        try:
            conn.settimeout(2.0)
            if _peer_uid(conn) != os.getuid():
                return None  # the directory's 0700 already keeps others out; never serve them
            request, _ = receive_message(conn)
            if request is None:
                return None
            op = request.get("op")
            if op == "status":
                send_message(conn, self.status())
            elif op == "stop":
                send_message(conn, {"stopping": True})
                return "exit"
            elif op == "run":
                if self._stale():
                    send_message(conn, {"stale": True})
                    return "exit"
                self.requests += 1
                self.last_request = time.monotonic()
                self._hand_over(conn, request)
        except (OSError, ValueError) as exc:
            print(f"deadlint worker: bad request: {exc}", file=sys.stderr, flush=True)
        finally:
            conn.close()
        return None

    def _hand_over(self, conn: socket.socket, request: dict) -> None:
        """Give the request to a spare child, or fork one for it if none is left."""
        while self.spares:
            pid, handle = self.spares.popitem()
            try:
                send_message(handle, request, [conn.fileno()])
                self.children.add(pid)
                return
            except OSError:
                continue  # that spare died; try the next
            finally:
                handle.close()
        pid = os.fork()
        if pid == 0:
            self._child(conn, request)  # never returns
        self.children.add(pid)

    def _fork_spares(self) -> None:
        if len(self.spares) >= self.spare_count:
            return
        # What is loaded now is shared with every child: kept out of the garbage
        # collector's walks, its pages are not copied into each child that runs one.
        gc.freeze()
        while len(self.spares) < self.spare_count:
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:
                ours.close()
                self._spare(theirs)  # never returns
            theirs.close()
            self.spares[pid] = ours

    def _spare(self, handle: socket.socket) -> None:
        """Wait for a request from the parent (or its end: then leave)."""
        try:
            self.listener.close()
            for other in self.spares.values():
                other.close()
            request, fds = receive_message(handle, max_fds=1)
        except BaseException:  # noqa: BLE001
            os._exit(0)
        if request is None or len(fds) != 1:
            os._exit(0)
        conn = socket.socket(fileno=fds[0])
        conn.settimeout(2.0)  # as the parent had it (the descriptor is non-blocking)
        self._child(conn, request)

    def _retire_spares(self) -> None:
        """Spares forked before the parent learnt something new (a policy) leave; fresh ones follow."""
        for handle in self.spares.values():
            handle.close()  # the spare sees the end and exits; _reap collects it
        self.spares.clear()

    def _child(self, conn: socket.socket, request: dict) -> None:
        try:
            self.listener.close()
            os.close(self.memo_read)
            from deadlint.daemon.child import run_request

            # Only a started child gets the caller's streams: a worker that never
            # answers must not hold them (a shell's $(deadlint ...) waits for their end).
            send_message(conn, {"pid": os.getpid()})
            _, fds = receive_message(conn, max_fds=3)
            if len(fds) != 3:
                return
            send_message(conn, {"exit": run_request(request, fds, conn, self.memo_write)})
        except BaseException:  # noqa: BLE001 - the client falls back to checking in process
            import traceback

            traceback.print_exc()
        finally:
            os._exit(0)

    def status(self) -> dict:
        return {"pid": os.getpid(), "version": _version(), "socket": self.files["sock"],
                "started": self.started, "requests": self.requests, "running": len(self.children),
                "spares": self.spare_count, "idle_exit_s": self.idle_s,
                "idle_s": round(time.monotonic() - self.last_request, 1)}

    def _stale(self) -> bool:
        return _stats(self.watched) != self.watched_stats

    def _reap(self) -> None:
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if not pid:
                return
            self.children.discard(pid)
            handle = self.spares.pop(pid, None)
            if handle is not None:
                handle.close()

    def _warm_policies(self) -> None:
        from deadlint.daemon.warm import warm_policy

        try:
            names = os.read(self.memo_read, 1 << 16).decode("utf-8", "replace").split("\0")
        except BlockingIOError:
            return
        for name in filter(None, set(names)):
            warm_policy(Path(name))
        self._retire_spares()

    def close(self) -> None:
        self.listener.close()
        self._retire_spares()
        for name in ("sock", "pid"):
            try:
                os.unlink(self.files[name])
            except FileNotFoundError:
                pass


def _listen(path: str) -> socket.socket:
    """Bind under a temporary name, make it 0600, then rename it into place:
    a client never finds a socket it may not use or one not yet listening."""
    temporary = f"{path}.{os.getpid()}"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass
    listener.bind(temporary)
    os.chmod(temporary, 0o600)
    listener.listen(64)
    os.rename(temporary, path)
    listener.setblocking(False)
    return listener


def _peer_uid(conn: socket.socket) -> int:
    import struct

    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _loaded_files() -> list[str]:
    """Every file whose change should restart the worker: the code of deadlint,
    its packs and the libraries it loaded, and the data files the rules came from."""
    from deadlint.config.policy import default_policy_path
    from deadlint.daemon.warm import warm_policy

    ruleset = warm_policy(None)
    _rehearse()
    files = {str(default_policy_path())}
    files.update(data.path for datasets in ruleset.phrase_data.values() for data in datasets)
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and (name.split(".")[0].startswith(_MODULE_PREFIXES) or "deadlint" in path):
            files.add(path)
    return sorted(files)


def _rehearse() -> None:
    """Run one check of a flagged draft per language, as a child would: what it
    imports and caches on first use is then loaded once, here, not per request."""
    import contextlib
    import io
    import tempfile

    import deadlint.daemon.child  # noqa: F401 - imported by every child
    from deadlint.cli import main

    with tempfile.TemporaryDirectory() as folder:
        drafts = {"fi": "Korjaamme tämän mahdollisimman pian.", "sv": "Vi återkommer så snart som möjligt.",
                  "en": "We will get back to you ASAP, by Friday 12:00."}
        for lang, text in drafts.items():
            Path(folder, f"{lang}.txt").write_text(text + "\n", encoding="utf-8")
        for args in (["check", folder], ["check", "--format", "json", folder]):
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                with contextlib.suppress(SystemExit):
                    main(args)


def _stats(files: list[str]) -> list[tuple[int, int] | None]:
    out = []
    for path in files:
        try:
            info = os.stat(path)
            out.append((info.st_mtime_ns, info.st_size))
        except OSError:
            out.append(None)
    return out


def _version() -> str:
    from deadlint import __version__

    return __version__


def main() -> int:
    os.chdir("/")
    os.umask(0o077)
    files = paths()
    lock = os.open(files["lock"], os.O_WRONLY | os.O_CREAT, 0o600)
    # Another worker runs or is warming up: leave it to it. One that is exiting
    # for a restart lets go within moments, so wait a little for that.
    deadline = time.monotonic() + 1.0
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                return 0
            time.sleep(0.05)
    try:
        idle_s = float(os.environ.get("DEADLINT_DAEMON_IDLE", DEFAULT_IDLE_S))
    except ValueError:
        idle_s = DEFAULT_IDLE_S
    worker = Worker(files, idle_s)
    worker.watched_stats = _stats(worker.watched)
    with open(files["pid"], "w", encoding="ascii") as pid_file:
        pid_file.write(str(os.getpid()))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        worker.serve()
    finally:
        worker.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
