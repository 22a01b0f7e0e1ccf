"""`deadlint serve` stops on SIGTERM/SIGINT only after the requests in flight are answered."""

from __future__ import annotations

import json
import signal
import socket
import time
from urllib.parse import urlsplit

import pytest

from deadlint.integrations.serve_launch import spawn, stop


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_finishes_the_request_in_flight_then_exits_0(tmp_path, sig):
    process, url = spawn(tmp_path / "serve.log")
    address = urlsplit(url)
    try:
        body = json.dumps({"text": "We will fix this ASAP.", "now": "2026-11-20T10:00"}).encode()
        sock = socket.create_connection((address.hostname, address.port), timeout=30)
        head = (f"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        sock.sendall(head + body[:10])  # the request is now in flight, half its body unsent
        time.sleep(0.3)  # let the server accept it
        process.send_signal(sig)
        time.sleep(0.5)
        assert process.poll() is None, "the server must wait for the request it is reading"
        sock.sendall(body[10:])
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        sock.close()
        head, _, payload = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 ")
        assert json.loads(payload)["summary"]["findings"] == 1
        assert process.wait(30) == 0
        assert "stopped" in (tmp_path / "serve.log").read_text()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address.hostname, address.port), timeout=5).close()
    finally:
        stop(process)


def test_a_kept_alive_connection_does_not_hold_up_the_shutdown(tmp_path):
    """A connection idle after its answer is closed at once on SIGTERM; only a request
    on its way gets the grace period."""
    from deadlint.integrations.serve_loop import SHUTDOWN_GRACE

    process, url = spawn(tmp_path / "serve.log")
    address = urlsplit(url)
    try:
        with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            assert b"Connection: keep-alive" in sock.recv(65536)
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            assert sock.recv(65536) == b""  # closed by the server
            assert process.wait(30) == 0
            assert time.monotonic() - started < SHUTDOWN_GRACE
    finally:
        stop(process)


def test_idle_server_stops_at_once(tmp_path):
    process, _ = spawn(tmp_path / "serve.log")
    started = time.monotonic()
    assert stop(process) == 0
    assert time.monotonic() - started < 5


# --- stuck and slow clients ---------------------------------------------------------------------------

def trickle(sock: socket.socket, data: bytes, every: float, stop) -> None:
    """Send one byte at a time (slowloris), until the server hangs up or ``stop`` is set."""
    for byte in data:
        if stop.wait(every):
            return
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            return


def read_answer(sock: socket.socket) -> bytes:
    answer = b""
    try:
        while chunk := sock.recv(65536):
            answer += chunk
    except OSError:
        pass  # a reset after the answer
    return answer


def test_sigterm_ends_the_server_within_seconds_despite_a_stuck_client(tmp_path):
    import threading

    process, url = spawn(tmp_path / "serve.log")
    address = urlsplit(url)
    stop_trickling = threading.Event()
    try:
        sock = socket.create_connection((address.hostname, address.port), timeout=30)
        trickler = threading.Thread(target=trickle, args=(sock, b"POST /check HTTP/1.1\r\nHost: x\r\n" * 20, 0.3,
                                                          stop_trickling))
        trickler.start()
        time.sleep(1)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(8) == 0
        assert time.monotonic() - started < 5
    finally:
        stop_trickling.set()
        stop(process)


def test_slow_and_short_requests_are_cut_off_at_the_deadline(tmp_path):
    """A client trickling its headers and one that sends less body than its
    Content-Length each hold a thread only until the request deadline (15 s)."""
    import threading

    process, url = spawn(tmp_path / "serve.log")
    address = urlsplit(url)
    stop_trickling = threading.Event()
    try:
        slow = socket.create_connection((address.hostname, address.port), timeout=40)
        threading.Thread(target=trickle, args=(slow, b"POST /check HTTP/1.1\r\n" + b"X-Pad: y\r\n" * 100, 0.5,
                                               stop_trickling), daemon=True).start()
        short = socket.create_connection((address.hostname, address.port), timeout=40)
        short.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100\r\n\r\n{\"text\": ")
        started = time.monotonic()
        short_answer = read_answer(short)
        slow_answer = read_answer(slow)
        elapsed = time.monotonic() - started
        assert short_answer.startswith(b"HTTP/1.1 408 "), short_answer
        assert b"not received within 15 s" in short_answer
        assert slow_answer.startswith(b"HTTP/1.1 408 ") or slow_answer == b"", slow_answer
        assert elapsed < 25
        assert "Traceback" not in (tmp_path / "serve.log").read_text()
    finally:
        stop_trickling.set()
        stop(process)


def test_connections_over_the_bound_get_503_at_once(tmp_path):
    from deadlint.integrations.serve_loop import MAX_CONNECTIONS

    process, url = spawn(tmp_path / "serve.log")
    address = urlsplit(url)
    idle = []
    try:
        for _ in range(MAX_CONNECTIONS):
            idle.append(socket.create_connection((address.hostname, address.port), timeout=10))
        time.sleep(0.5)  # let the server accept them all
        with socket.create_connection((address.hostname, address.port), timeout=5) as extra:
            extra.sendall(b"GET /health HTTP/1.0\r\n\r\n")
            answer = read_answer(extra)
        assert answer.startswith(b"HTTP/1.1 503 "), answer
        for sock in idle:
            sock.close()
        time.sleep(0.5)
        with socket.create_connection((address.hostname, address.port), timeout=10) as again:
            again.sendall(b"GET /health HTTP/1.0\r\n\r\n")
            assert read_answer(again).startswith(b"HTTP/1.1 200 ")
    finally:
        for sock in idle:
            sock.close()
        stop(process)


def test_allow_remote_warns_that_there_is_no_authentication(capsys):
    from deadlint.integrations.serve import make_server

    server = make_server("0.0.0.0", 0, allow_remote=True)
    server.server_close()
    assert capsys.readouterr().err == (
        "deadlint serve: warning: listening on 0.0.0.0, which is not a loopback address, and the service has no "
        "authentication: anyone who can reach it can send it drafts\n")
