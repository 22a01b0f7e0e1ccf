"""``deadlint serve`` checks on a pool of processes, each request within a time limit."""

from __future__ import annotations

import http.client
import json
import selectors
import time
from urllib.parse import urlsplit

import pytest

from deadlint.integrations.serve_launch import spawn, stop
from deadlint.integrations.serve_pool import CheckPool, CheckTimeout
from deadlint.integrations.serve_request import CheckRequest
from deadlint.integrations.serve_timing import RequestTiming
from deadlint.report import Report


class SlowChecker:
    """A checker whose draft says how many seconds its check takes."""

    problems: list[str] = []

    def check_text(self, text, **_options) -> Report:
        time.sleep(float(text))
        return Report()


@pytest.fixture
def pool():
    pool = CheckPool(SlowChecker(), 2, selectors.DefaultSelector(), time_limit=2.0)
    yield pool
    pool.close()


def run(pool: CheckPool, schedule: dict[str, tuple[float, float]], limit: float = 30) -> dict:
    """Send each named check (``(at, seconds)``: a check of ``seconds`` sent ``at`` seconds
    from now) and drive the pool as the server's event loop does until all are answered:
    the seconds each waited for its answer, or "cut" for a 503."""
    results = {}
    started = time.monotonic()
    pending = sorted(schedule.items(), key=lambda item: item[1][0])

    def sent(name: str):
        submitted = time.monotonic()
        return lambda result: results.__setitem__(
            name, "cut" if isinstance(result, CheckTimeout) else time.monotonic() - submitted)

    while len(results) < len(schedule) and time.monotonic() - started < limit:
        while pending and pending[0][1][0] <= time.monotonic() - started:
            name, (_, seconds) = pending.pop(0)
            pool.submit(CheckRequest(text=str(seconds)), RequestTiming(time.perf_counter()), sent(name))
        for key, mask in pool.selector.select(0.02):
            key.data(mask)
        pool.sweep()
    return results


def _two_at_once(pool) -> float:
    """Wall time of two 0.8 s checks sent together (1.6 s one after the other)."""
    return max(run(pool, {"a": (0, 0.8), "b": (0, 0.8)}).values())


def test_checks_run_in_parallel(pool):
    assert _two_at_once(pool) < 1.5


def test_a_check_over_the_time_limit_is_cut_and_holds_up_no_one(pool):
    started = time.monotonic()
    results = run(pool, {"slow": (0, 60), "quick": (0.2, 0)})
    assert results["slow"] == "cut"
    assert results["quick"] < 1.0  # the other checker answers meanwhile
    assert time.monotonic() - started < 10
    assert _two_at_once(pool) < 1.5  # the killed checker was replaced


def test_a_request_waiting_behind_a_check_that_is_cut_goes_to_the_new_checker():
    """One checker: while it checks A, B and C queue; B goes into its pipe behind A,
    hangs and is cut at its deadline, and C, not started, is checked by the replacement."""
    pool = CheckPool(SlowChecker(), 1, selectors.DefaultSelector(), time_limit=3.0)
    try:
        results = run(pool, {"A": (0, 1.0), "B": (0.1, 60), "C": (0.8, 0)})
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
