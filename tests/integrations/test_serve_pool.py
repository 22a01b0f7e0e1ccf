"""``deadlint serve`` checks on a pool of processes, each request within a time limit."""

from __future__ import annotations

import http.client
import json
import threading
import time
from urllib.parse import urlsplit

import pytest

from deadlint.integrations.serve_launch import spawn, stop
from deadlint.integrations.serve_pool import CheckPool, CheckTimeout
from deadlint.integrations.serve_request import CheckRequest
from deadlint.report import Report


class SlowChecker:
    """A checker whose draft says how many seconds its check takes."""

    problems: list[str] = []

    def check_text(self, text, **_options) -> Report:
        time.sleep(float(text))
        return Report()


@pytest.fixture
def pool():
    pool = CheckPool(SlowChecker(), size=2, time_limit=2.0)
    yield pool
    pool.close()


def _timed(pool, seconds: float) -> float:
    started = time.monotonic()
    pool.answer(CheckRequest(text=str(seconds)))
    return time.monotonic() - started


def _two_at_once(pool) -> float:
    """Wall time of two 0.8 s checks sent together (1.6 s one after the other)."""
    threads = [threading.Thread(target=_timed, args=(pool, 0.8)) for _ in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def test_checks_run_in_parallel(pool):
    assert _two_at_once(pool) < 1.5


def test_a_check_over_the_time_limit_is_cut_and_holds_up_no_one(pool):
    slow = threading.Thread(target=lambda: pytest.raises(CheckTimeout, _timed, pool, 60))
    started = time.monotonic()
    slow.start()
    time.sleep(0.2)
    assert _timed(pool, 0) < 1.0  # the other checker answers meanwhile
    slow.join()
    assert time.monotonic() - started < 10
    _two_at_once(pool)  # the replacement may still be starting: its first check waits for it
    assert _two_at_once(pool) < 1.5  # the killed checker was replaced


def test_a_request_waiting_behind_a_check_that_is_cut_goes_to_the_new_checker():
    """One checker: while it checks A, B and C queue; when A is answered both go into its pipe,
    B hangs and is cut at its deadline, and C, not started, is checked by the replacement."""
    pool = CheckPool(SlowChecker(), size=1, time_limit=3.0)
    results = {}

    def send(name: str, seconds: float) -> None:
        try:
            results[name] = _timed(pool, seconds)
        except CheckTimeout:
            results[name] = "cut"

    try:
        threads = {name: threading.Thread(target=send, args=(name, seconds))
                   for name, seconds in (("A", 1.0), ("B", 60), ("C", 0))}
        for name, delay in (("A", 0.1), ("B", 0.7), ("C", 0)):
            threads[name].start()
            time.sleep(delay)
        for thread in threads.values():
            thread.join()
    finally:
        pool.close()
    assert results["A"] < 2.0 and results["B"] == "cut"
    assert results["C"] < 3.0  # queued at 0.8 s, answered soon after B is cut at 3.1 s


def _post(url: str, obj: dict) -> tuple[int, dict]:
    address = urlsplit(url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        conn.request("POST", "/check", body=json.dumps(obj), headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_serve_answers_503_for_a_draft_over_the_time_limit(tmp_path):
    process, url = spawn(tmp_path / "serve.log", "--time-limit", "0.2", "--max-bytes", str(4 << 20))
    try:
        huge = "We will look into it when we can and send the fixed invoice ASAP.\n" * 14000
        status, body = _post(url, {"text": huge})
        assert status == 503 and "time limit of 0.2 s" in body["error"]
        status, body = _post(url, {"text": "We will fix it ASAP.", "now": "2026-11-20T10:00"})
        assert status == 200 and [f["rule"] for f in body["findings"]] == ["vague-deadline"]
    finally:
        assert stop(process) == 0
