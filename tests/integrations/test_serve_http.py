"""`deadlint serve` as a real process on a free loopback port, spoken to over real HTTP."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest

from deadlint.integrations.serve_launch import spawn, stop

NOW = "2026-11-20T10:00+02:00"


@pytest.fixture(scope="module")
def server_log(tmp_path_factory):
    return tmp_path_factory.mktemp("serve") / "serve.log"


@pytest.fixture(scope="module")
def server(server_log):
    process, url = spawn(server_log, "--max-bytes", "500000")
    yield urlsplit(url)
    assert stop(process) == 0


def request(server, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(server.hostname, server.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, dict(response.getheaders()), json.loads(data) if data else None
    finally:
        conn.close()


def post_json(server, obj):
    return request(server, "POST", "/check", json.dumps(obj).encode(), {"Content-Type": "application/json"})


def raw_exchange(server, data: bytes) -> bytes:
    """Send bytes as they are (for requests http.client will not make) and read the answer."""
    with socket.create_connection((server.hostname, server.port), timeout=30) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_health(server):
    status, headers, body = request(server, "GET", "/health")
    assert (status, body["status"]) == (200, "ok")
    assert headers["Content-Type"].startswith("application/json")


def test_json_text_gets_findings_and_suggestions(server):
    status, _, body = post_json(server, {"text": "We will fix this ASAP.", "now": NOW})
    assert status == 200
    [finding] = body["findings"]
    assert (finding["rule"], finding["match"], finding["language"]) == ("vague-deadline", "ASAP", "en")
    assert finding["suggestion"]
    assert body["summary"]["findings"] == 1


def _timing_lines(log, count: int) -> list[str]:
    """The server's first ``count`` timing lines; each is logged just after its answer is written."""
    for _ in range(100):
        lines = re.findall(r"timing (.*)", log.read_text())
        if len(lines) >= count:
            return lines
        time.sleep(0.05)
    return lines


def test_timings_say_where_a_request_spent_its_time(tmp_path):
    log = tmp_path / "serve.log"
    process, url = spawn(log, "--log-timings")
    try:
        post_json(urlsplit(url), {"text": "Ticket 8410 will be fixed ASAP.", "now": NOW})
        request(urlsplit(url), "GET", "/health")
        lines = _timing_lines(log, 2)
    finally:
        assert stop(process) == 0
    [check] = [line for line in lines if "queue=" in line]
    [health] = [line for line in lines if "queue=" not in line]
    check_ms = dict((name, float(value)) for name, value in re.findall(r"(\w+)=([\d.]+)", check))
    assert list(check_ms) == ["status", "total", "wait", "read", "queue", "check", "write", "worker"]
    assert check_ms["status"] == 200 and 0 < check_ms["worker"] <= check_ms["check"]
    phases = sum(check_ms[phase] for phase in ("wait", "read", "queue", "check", "write"))
    assert abs(phases - check_ms["total"]) < 0.05  # the phases follow each other, rounded to 0.01 ms each
    assert re.fullmatch(r"status=200 total=\S+ wait=\S+ read=\S+ write=\S+", health)


def test_a_repeated_request_is_answered_again_from_the_cache_only_with_now(tmp_path):
    log = tmp_path / "serve.log"
    process, url = spawn(log, "--log-timings")
    with_now, without = {"text": "We will fix it ASAP.", "now": NOW}, {"text": "We will fix it ASAP."}
    try:
        answers = [post_json(urlsplit(url), body) for body in (with_now, with_now, without, without)]
        lines = _timing_lines(log, 4)
    finally:
        assert stop(process) == 0
    assert answers[0] == answers[1] and answers[0][2]["findings"]
    assert sum("cache=hit" in line for line in lines) == 1


@pytest.mark.parametrize("text,language,match", [
    ("Korjaamme tämän mahdollisimman pian.", "fi", "mahdollisimman pian"),
    ("Vi åtgärdar detta så snart som möjligt.", "sv", "så snart som möjligt"),
])
def test_language_is_honoured(server, text, language, match):
    status, _, body = post_json(server, {"text": text, "language": language, "now": NOW})
    assert status == 200
    assert [f["match"] for f in body["findings"]] == [match]


def test_clean_draft_has_no_findings(server):
    status, _, body = post_json(server, {"text": "I will send the invoice by Tuesday 24 November at 12:00.",
                                         "now": NOW})
    assert (status, body["findings"]) == (200, [])


def test_raw_rfc822_message_and_query_options(server):
    message = EmailMessage()
    message["Subject"] = "Re: ticket"
    message["Date"] = "Fri, 20 Nov 2026 10:00:00 +0200"
    message.set_content("Hei,\n\nPalaan asiaan niin pian kuin mahdollista.\n")
    status, _, body = request(server, "POST", "/check?language=fi", bytes(message),
                              {"Content-Type": "message/rfc822"})
    assert status == 200
    assert [f["language"] for f in body["findings"]] == ["fi"]


def test_raw_octet_stream_and_json_base64(server):
    import base64

    raw = b"Subject: x\nDate: Fri, 20 Nov 2026 10:00:00 +0200\n\nWe will fix it ASAP.\n"
    status, _, body = request(server, "POST", "/check", raw, {"Content-Type": "application/octet-stream"})
    assert status == 200 and body["summary"]["findings"] == 1
    status, _, body = post_json(server, {"raw": base64.b64encode(raw).decode()})
    assert status == 200 and body["summary"]["findings"] == 1


@pytest.mark.parametrize("body,problem", [
    (b"{not json", "bad JSON"),
    (b"[1, 2]", "JSON object"),
    (b'{"language": "en"}', "exactly one of"),
    (b'{"text": "x", "raw": "eA=="}', "exactly one of"),
    (b'{"text": 5}', "must be a string"),
    (b'{"raw": "***"}', "base64"),
    (b'{"text": "x", "language": "de"}', "language must be one of"),
    (b'{"text": "x", "now": "next Tuesday"}', "ISO 8601"),
    (b'{"text": "x", "now": 5}', "ISO 8601"),
    (b'{"text": "x", "kind": "html"}', "kind must be one of"),
    (b"\xff\xfe", "bad JSON"),
])
def test_bad_requests_are_400_with_a_json_reason(server, body, problem):
    status, _, answer = request(server, "POST", "/check", body, {"Content-Type": "application/json"})
    assert status == 400
    assert problem in answer["error"]


def test_bad_query_option_on_raw_body_is_400(server):
    status, _, answer = request(server, "POST", "/check?now=soon", b"x", {"Content-Type": "message/rfc822"})
    assert status == 400 and "ISO 8601" in answer["error"]


def test_unknown_path_is_404_and_wrong_method_405(server):
    status, _, answer = request(server, "GET", "/nowhere")
    assert status == 404 and "POST /check" in answer["error"]
    status, headers, _ = request(server, "GET", "/check")
    assert (status, headers["Allow"]) == (405, "POST")
    status, headers, _ = request(server, "DELETE", "/health")
    assert (status, headers["Allow"]) == (405, "GET, HEAD")


def test_unsupported_media_type_is_415(server):
    status, _, answer = request(server, "POST", "/check", b"<p>x</p>", {"Content-Type": "text/html"})
    assert status == 415 and "Content-Type" in answer["error"]


def test_missing_length_is_411(server):
    answer = raw_exchange(server, b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 411 ")
    answer = raw_exchange(server, b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 411 ")


def test_over_the_limit_is_413(server):
    status, _, answer = post_json(server, {"text": "x" * 510_000})
    assert status == 413 and "500000" in answer["error"]


def test_malformed_request_line_is_json_not_html(server):
    answer = raw_exchange(server, b"GET /health HTTP/1.x\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert "error" in json.loads(body)


def test_no_traceback_reaches_the_client(server):
    # A negative length used to be a classic crash of hand-written handlers.
    answer = raw_exchange(server, b"POST /check HTTP/1.1\r\nContent-Type: application/json\r\n"
                                  b"Content-Length: -4\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 ") and b"Traceback" not in answer


def test_concurrent_clients_all_get_their_own_answer(server):
    texts = {i: f"Ticket {i}: we will fix this ASAP." if i % 2 else f"Ticket {i} is closed." for i in range(24)}
    results = {}

    def client(i):
        results[i] = post_json(server, {"text": texts[i], "language": "en", "now": NOW})

    threads = [threading.Thread(target=client, args=(i,)) for i in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(results[i][0] == 200 for i in texts)
    assert {i for i in texts if results[i][2]["findings"]} == {i for i in texts if i % 2}


def test_a_connection_carries_requests_until_the_client_says_close(server):
    """HTTP/1.1 keep-alive: two requests sent at once on one connection get two answers
    in order, and the connection closes after the one that asked for it."""
    def check(text: str, connection: str) -> bytes:
        body = json.dumps({"text": text, "now": NOW}).encode()
        return (f"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: {connection}\r\n\r\n").encode() + body

    with socket.create_connection((server.hostname, server.port), timeout=30) as sock:
        sock.sendall(check("We will fix it ASAP.", "keep-alive") + check("The invoice is attached.", "close"))
        answers = b""
        while chunk := sock.recv(65536):
            answers += chunk
    first, second = answers.split(b"HTTP/1.1 ")[1:]
    assert first.startswith(b"200 ") and b"Connection: keep-alive" in first and b'"findings": 1' in first
    assert second.startswith(b"200 ") and b"Connection: close" in second and b'"findings": 0' in second


def test_a_client_that_expects_100_continue_gets_it_before_sending_the_body(server):
    body = json.dumps({"text": "We will fix it ASAP.", "now": NOW}).encode()
    with socket.create_connection((server.hostname, server.port), timeout=30) as sock:
        sock.sendall(f"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n".encode())
        assert sock.recv(65536) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 ") and b'"findings": 1' in answer


def test_answers_under_load_are_byte_for_byte_those_of_an_in_process_check(server, tmp_path):
    """Corpus drafts sent at once, as text and as raw messages: each answer is exactly
    what the same check gives in this process, whichever checker and pipe it went through."""
    import mailbox
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime

    from shared_corpus import generated_mbox

    from deadlint.integrations.serve_request import CheckRequest, answer, json_bytes, load_checker

    messages = list(mailbox.mbox(generated_mbox(tmp_path, 60)))  # each with its Date: no answer depends on the clock
    requests = [CheckRequest(raw=bytes(message)) for message in messages[::2]]
    requests += [CheckRequest(text=message.get_payload(decode=True).decode(message.get_content_charset()),
                              now=datetime.fromisoformat(NOW)) for message in messages[1::2]]

    def over_http(request: CheckRequest) -> bytes:
        conn = http.client.HTTPConnection(server.hostname, server.port, timeout=60)
        if request.raw is not None:
            conn.request("POST", "/check", body=request.raw, headers={"Content-Type": "message/rfc822"})
        else:
            conn.request("POST", "/check", body=json.dumps({"text": request.text, "now": NOW}),
                         headers={"Content-Type": "application/json"})
        with conn.getresponse() as response:
            assert response.status == 200
            return response.read()

    with ThreadPoolExecutor(16) as clients:
        served = list(clients.map(over_http, requests))
    checker = load_checker(None, None)
    assert served == [json_bytes(answer(checker, request)) for request in requests]
    assert sum(b'"findings": [{' in body for body in served) > 10


def test_non_loopback_host_is_refused_without_allow_remote():
    result = subprocess.run([sys.executable, "-m", "deadlint", "serve", "--host", "0.0.0.0", "--port", "0"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr


@pytest.mark.parametrize("line", [b"GET /health HTTP/2.0", b"GET / HTTP/1.1 extra", b"GET /health"])
def test_unparsable_request_lines_get_a_status_line(server, line):
    answer = raw_exchange(server, line + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 ") and b"Content-Type: application/json" in answer


def test_a_head_with_bare_line_feeds_is_understood(server):
    answer = raw_exchange(server, b"GET /health HTTP/1.0\nHost: x\n\n")
    assert answer.startswith(b"HTTP/1.1 200 ") and b'"status": "ok"' in answer


# --- hostile requests: 400, never a 500 with a traceback --------------------------------------------

@pytest.mark.parametrize("body,problem", [
    (b'{"text": "We will fix it \\ud800 ASAP."}', "lone surrogate at character 15"),
    (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    (b'{"text": "x", "id": ' + b"9" * 100_000 + b"}", "integer string conversion"),
    (b'{"text": "We will fix it ASAP.", "now": "9999-12-31T10:00"}', "too close to the end of the calendar"),
], ids=["lone-surrogate", "nested-200000", "100000-digit-number", "now-9999"])
def test_hostile_json_is_400_not_500(server, server_log, body, problem):
    status, _, answer = request(server, "POST", "/check", body, {"Content-Type": "application/json"})
    assert status == 400, answer
    assert problem in answer["error"]
    assert "Traceback" not in server_log.read_text()
