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
        assert head.startswith(b"HTTP/1.0 200 ")
        assert json.loads(payload)["summary"]["findings"] == 1
        assert process.wait(30) == 0
        assert "stopped" in (tmp_path / "serve.log").read_text()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address.hostname, address.port), timeout=5).close()
    finally:
        stop(process)


def test_idle_server_stops_at_once(tmp_path):
    process, _ = spawn(tmp_path / "serve.log")
    started = time.monotonic()
    assert stop(process) == 0
    assert time.monotonic() - started < 5
