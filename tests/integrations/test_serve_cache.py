"""``deadlint serve`` gives an answer again only to a request identical in all the answer depends on."""

from __future__ import annotations

from datetime import datetime

import pytest

from deadlint.integrations.serve_cache import AnswerCache, checker_identity
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
