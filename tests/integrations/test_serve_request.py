"""The request fields shared by `deadlint serve` and `deadlint native-host`."""

from __future__ import annotations

import base64
from datetime import datetime

import pytest

from deadlint.integrations.serve import is_loopback
from deadlint.integrations.serve_request import (
    BadRequest,
    CheckRequest,
    parse_json_request,
    parse_options,
)


def test_text_request_with_every_option():
    request = parse_json_request({"text": "x", "language": "sv", "now": "2026-11-20T10:00Z", "kind": "markdown",
                                  "id": 7})
    assert request == CheckRequest(text="x", language="sv", now=datetime.fromisoformat("2026-11-20T10:00Z"),
                                   kind="markdown")


def test_raw_request_is_decoded():
    assert parse_json_request({"raw": base64.b64encode(b"Subject: a\n\nb").decode()}).raw == b"Subject: a\n\nb"


def test_defaults():
    assert parse_options({}) == {"language": None, "now": None, "kind": "text"}


@pytest.mark.parametrize("obj", [None, "text", {"text": None}, {"text": "x", "language": "EN"},
                                 {"text": "x", "now": "20.11.2026"}, {"raw": 5}, {"text": "x", "kind": "mail"}])
def test_bad_requests(obj):
    with pytest.raises(BadRequest):
        parse_json_request(obj)


@pytest.mark.parametrize("addresses,loopback", [
    (["127.0.0.1"], True), (["::1"], True), (["127.0.0.1", "::1"], True), (["127.8.9.10"], True),
    (["0.0.0.0"], False), (["192.168.1.2"], False), (["127.0.0.1", "10.0.0.1"], False), (["fe80::1%eth0"], False),
])
def test_only_loopback_addresses_count_as_local(addresses, loopback):
    assert is_loopback(addresses) is loopback
