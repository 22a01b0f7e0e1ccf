"""The command line's side of the warm worker. Standard library only: this runs
before deadlint knows whether it needs spaCy at all, and a pre-send check
through a running worker must not pay for importing Click or deadlint's rules.

A request is the command line, the working directory, the environment and the
caller's own stdin/stdout/stderr, passed as file descriptors (SCM_RIGHTS): the
worker forks a warm child that runs the very same Click command on them, in
that directory, reading files by their paths. Output, exit status, colour
(``isatty``) and the MTA that ``sendmail`` starts are therefore those of an
in-process run.

Anything that goes wrong before the child says it started (no worker, a stale
one, a refused connection, a timeout) returns None: the caller then checks in
process and, where no worker answered, starts one in the background.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import stat
import struct
import sys
import tempfile

import deadlint

# Commands that may go through the worker; anything else (``rules``, ``serve``...) runs in process.
WARM_COMMANDS = frozenset({"check", "sendmail"})
NO_DAEMON_FLAG = "--no-daemon"
# How long a worker may take to accept a request and fork its child: a warm one
# answers in milliseconds; a wedged one must not hold up a send for longer.
DEFAULT_TIMEOUT_S = 2.0
_FALSE = {"0", "false", "no", "off"}
_TRUE = {"1", "true", "yes", "on"}
_HEADER = struct.Struct("!I")


class WorkerUnavailable(Exception):
    """The worker could not take the request; the message says why (or is empty when unremarkable)."""


def wanted(argv: list[str], environ=os.environ) -> bool:
    """Whether this command line should go through the worker.

    DEADLINT_DAEMON=0 (or --no-daemon) turns it off and DEADLINT_DAEMON=1 on;
    unset, it is on except under CI=true, where every run is a fresh machine."""
    if not argv or argv[0] not in WARM_COMMANDS:
        return False
    own = argv[:argv.index("--")] if "--" in argv else argv
    if NO_DAEMON_FLAG in own:
        return False
    setting = environ.get("DEADLINT_DAEMON", "").strip().lower()
    if setting in _FALSE:
        return False
    if setting in _TRUE:
        return True
    return environ.get("CI", "").strip().lower() not in _TRUE


def install_id() -> str:
    """One worker per user and installation: two virtualenvs never share (or restart) each other's."""
    where = f"{os.path.realpath(sys.prefix)}\0{os.path.dirname(os.path.realpath(deadlint.__file__))}"
    return hashlib.sha1(where.encode()).hexdigest()[:12]


def runtime_dir() -> str:
    """A directory only this user can enter: $XDG_RUNTIME_DIR/deadlint, else a
    private one in the temporary directory. Refused (OSError) if someone else
    owns it or can enter it."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    path = (os.path.join(base, "deadlint") if base and os.path.isdir(base)
            else os.path.join(tempfile.gettempdir(), f"deadlint-{os.getuid()}"))
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise OSError(f"{path} is not a private directory of this user (owner, mode 0700)")
    return path


def paths() -> dict[str, str]:
    """The socket, lock, pid and log files of this installation's worker."""
    directory = runtime_dir()
    stem = os.path.join(directory, f"worker-{install_id()}")
    return {name: f"{stem}.{name}" for name in ("sock", "lock", "pid", "log")}


def timeout_s() -> float:
    try:
        return float(os.environ.get("DEADLINT_DAEMON_TIMEOUT", DEFAULT_TIMEOUT_S))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def send_message(sock: socket.socket, obj: dict, fds: list[int] = ()) -> None:
    data = json.dumps(obj).encode("utf-8")
    message = _HEADER.pack(len(data)) + data
    if fds:
        sent = socket.send_fds(sock, [message], list(fds))
        message = message[sent:]
    sock.sendall(message)


def receive_message(sock: socket.socket, max_fds: int = 0) -> tuple[dict | None, list[int]]:
    """One message and any descriptors sent with it; (None, []) at end of stream."""
    fds: list[int] = []
    if max_fds:
        head, fds, _, _ = socket.recv_fds(sock, _HEADER.size, max_fds)
    else:
        head = sock.recv(_HEADER.size)
    head += _read_exactly(sock, _HEADER.size - len(head)) if head else b""
    if len(head) < _HEADER.size:
        return None, fds
    body = _read_exactly(sock, _HEADER.unpack(head)[0])
    return json.loads(body), fds


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = sock.recv(size)
        if not chunk:
            raise ConnectionError("the worker closed the connection mid-message")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def connect(socket_path: str, timeout: float) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(socket_path)
    except OSError:
        sock.close()
        raise
    return sock


def ask(op: str) -> dict | None:
    """A control request (status, stop) to this installation's worker; None when none runs."""
    try:
        with connect(paths()["sock"], timeout_s()) as sock:
            send_message(sock, {"op": op})
            return receive_message(sock)[0]
    except (OSError, ValueError):
        return None


def program_name() -> str:
    """The name Click would show in usage lines when run in this process."""
    main = sys.modules.get("__main__")
    package = getattr(main, "__package__", None)
    if not package:
        return os.path.basename(sys.argv[0])
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    return f"python -m {package if name == '__main__' else f'{package}.{name}'}"


def _stream_setup() -> dict:
    """How this process would have written its text streams (encoding, errors)."""
    return {name: [getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or "strict"]
            for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
            if stream is not None}


def _spooled_stdin(argv: list[str]) -> int | None:
    """stdin read into an anonymous in-memory file, when the command reads it:
    should the worker fail half-way, the in-process check reads it again."""
    if argv[0] != "sendmail" and "-" not in argv[1:]:
        return None
    try:
        if os.isatty(0):
            return None
        spool = os.memfd_create("deadlint-stdin")
    except (OSError, AttributeError):
        return None
    try:
        while chunk := os.read(0, 1 << 16):
            os.write(spool, chunk)
    except OSError:
        os.close(spool)  # stdin closed or unreadable: the in-process check says so
        return None
    os.lseek(spool, 0, os.SEEK_SET)
    os.dup2(spool, 0)  # the in-process fallback reads the same bytes from fd 0
    return spool


def run(argv: list[str]) -> int | None:
    """The exit status of ``deadlint ARGV`` run by the warm worker, or None to run it in process."""
    try:
        files = paths()
    except OSError as exc:
        _say(f"warm worker unavailable ({exc}); checking in this process")
        return None
    spooled = _spooled_stdin(argv)
    try:
        return _run_remote(argv, files, timeout_s())
    except WorkerUnavailable as exc:
        if str(exc):
            _say(f"{exc}; checking in this process")
        start_worker(files, replace=bool(str(exc)))
        return None
    finally:
        if spooled is not None:
            os.close(spooled)  # fd 0 keeps it open


def _run_remote(argv: list[str], files: dict, timeout: float) -> int:
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:
        raise WorkerUnavailable("") from None  # a closed stream cannot be handed over; in process it is reported
    try:
        sock = connect(files["sock"], timeout)
    except (FileNotFoundError, ConnectionRefusedError):
        raise WorkerUnavailable("") from None  # not running: the usual first call
    except OSError as exc:
        raise WorkerUnavailable(f"cannot reach the warm worker: {exc.strerror or exc}") from None
    with sock:
        request = {"op": "run", "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
                   "umask": _umask(), "prog_name": program_name(), "streams": _stream_setup(),
                   "version": deadlint.__version__}
        try:
            send_message(sock, request)
            started, _ = receive_message(sock)
            if started is None:
                raise WorkerUnavailable("the warm worker closed the connection")
            if started.get("stale"):
                raise WorkerUnavailable("")  # it saw a new version or pack file and exited
            # The streams go to the started child only (see server.Worker._child).
            send_message(sock, {"streams": True}, [0, 1, 2])
        except (OSError, ValueError) as exc:
            raise WorkerUnavailable(f"the warm worker did not answer in {timeout:g} s ({exc})") from None
        return _wait_for_exit(sock, started["pid"])


def _wait_for_exit(sock: socket.socket, child: int) -> int:
    """Forward Ctrl-C and kill signals to the child, as if it were this process, and return its status."""
    forwarded: list[int] = []

    def forward(signum, _frame):
        forwarded.append(signum)
        try:
            os.kill(child, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    sock.settimeout(None)  # a folder check takes as long as it takes, as in process
    try:
        done, _ = receive_message(sock)
    except (OSError, ValueError):
        done = None
    if done is not None:
        return int(done["exit"])
    if forwarded:  # the child died of the signal this process was sent: die of it too
        signal.signal(forwarded[-1], signal.SIG_DFL)
        os.kill(os.getpid(), forwarded[-1])
    raise WorkerUnavailable("the warm worker's child died before it finished")


def start_worker(files: dict, *, replace: bool = False) -> None:
    """Start the worker in the background (a new session, no terminal), unless disabled;
    ``replace`` first ends one that is wedged or broken."""
    if replace:
        _kill_recorded(files["pid"])
    try:
        log = os.open(files["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        log = os.open(os.devnull, os.O_WRONLY)
    import subprocess

    try:
        subprocess.Popen([sys.executable, "-m", "deadlint.daemon.server"], stdin=subprocess.DEVNULL,
                         stdout=log, stderr=log, cwd="/", start_new_session=True, close_fds=True)
    except OSError as exc:
        _say(f"cannot start the warm worker: {exc.strerror or exc}")
    finally:
        os.close(log)


def _kill_recorded(pid_file: str) -> None:
    try:
        with open(pid_file, encoding="ascii") as file:
            pid = int(file.read().strip())
        os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError):
        pass


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _say(message: str) -> None:
    """One line per call that falls back: the next call finds a fresh worker."""
    print(f"deadlint: {message}", file=sys.stderr, flush=True)
