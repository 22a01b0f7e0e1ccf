"""``deadlint serve`` gives an answer again only to a request identical in all the answer depends on."""

from __future__ import annotations

import re
import time
from datetime import datetime
from urllib.parse import urlsplit

import pytest

from deadlint.integrations.serve_cache import AnswerCache, checker_identity
from deadlint.integrations.serve_launch import spawn, stop
from deadlint.integrations.serve_request import CheckRequest
from deadlint.service import Checker

NOW = datetime.fromisoformat("2026-11-20T10:00+02:00")


def _key(cache: AnswerCache, request: CheckRequest) -> bytes | None:
    import pickle

    return cache.key(request, pickle.dumps(request, pickle.HIGHEST_PROTOCOL))


def test_the_key_holds_everything_the_answer_depends_on():
    cache = AnswerCache(b"policy-a", 1 << 20)
    base = CheckRequest(text="We will fix it ASAP.", now=NOW)
    assert _key(cache, base) == _key(cache, CheckRequest(text="We will fix it ASAP.", now=NOW))
    variants = [CheckRequest(text="We will fix it ASAP!", now=NOW),
                CheckRequest(text="We will fix it ASAP.", now=NOW, language="en"),
                CheckRequest(text="We will fix it ASAP.", now=NOW, kind="markdown"),
                CheckRequest(text="We will fix it ASAP.", now=NOW.replace(minute=1)),
                CheckRequest(raw=b"We will fix it ASAP.", now=NOW)]
    keys = {_key(cache, request) for request in [base, *variants]}
    assert len(keys) == 1 + len(variants)
    assert _key(AnswerCache(b"policy-b", 1 << 20), base) != _key(cache, base)


@pytest.mark.parametrize("request_", [CheckRequest(text="We will fix it ASAP."),
                                      CheckRequest(raw=b"Date: Fri, 20 Nov 2026 10:00:00 +0200\n\nASAP.\n")],
                         ids=["text", "raw-with-date"])
def test_a_request_checked_against_the_clock_is_never_reused(request_):
    assert _key(AnswerCache(b"policy", 1 << 20), request_) is None


def test_the_least_recently_used_answers_go_first_and_a_huge_one_is_not_kept():
    cache = AnswerCache(b"", 1000)
    for name in (b"a", b"b", b"c"):
        cache.put(name, b"x" * 99)
    cache.get(b"a")
    for name in (b"d", b"e", b"f", b"g", b"h", b"i", b"j", b"k"):  # one more than fits
        cache.put(name, b"x" * 99)
    assert cache.size <= 1000
    assert cache.get(b"a") and cache.get(b"b") is None  # a was used again, b was the oldest
    cache.put(b"huge", b"x" * 500)
    assert cache.get(b"huge") is None


def test_another_policy_or_severity_is_another_identity():
    assert checker_identity(Checker()) == checker_identity(Checker())
    assert checker_identity(Checker()) != checker_identity(Checker(min_severity="error"))


def test_serve_reuses_the_answer_to_a_repeated_request_with_now_only(tmp_path):
    import http.client
    import json

    log = tmp_path / "serve.log"
    process, url = spawn(log, "--log-timings")
    address = urlsplit(url)

    def post(obj: dict) -> bytes:
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        conn.request("POST", "/check", body=json.dumps(obj), headers={"Content-Type": "application/json"})
        with conn.getresponse() as response:
            return response.read()

    try:
        with_now = {"text": "We will fix it ASAP.", "now": NOW.isoformat()}
        answers = [post(with_now), post(with_now), post({"text": "We will fix it ASAP."}),
                   post({"text": "We will fix it ASAP."})]
        for _ in range(100):  # each line is logged just after its answer is written
            lines = re.findall(r"timing (.*)", log.read_text())
            if len(lines) == 4:
                break
            time.sleep(0.05)
    finally:
        assert stop(process) == 0
    assert answers[0] == answers[1] and b"vague-deadline" in answers[0]
    assert sum("cache=hit" in line for line in lines) == 1
