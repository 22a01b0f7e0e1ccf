"""`deadlint native-host` as a real subprocess, spoken to in native-messaging frames."""

from __future__ import annotations

import base64
import json
import os
import struct
import subprocess
import sys

import pytest

from deadlint.integrations import native_host

NOW = "2026-11-20T10:00+02:00"


def frame(obj) -> bytes:
    payload = obj if isinstance(obj, bytes) else json.dumps(obj).encode("utf-8")
    return struct.pack("=I", len(payload)) + payload


def frames(data: bytes) -> list[dict]:
    """Every frame in stdout; fails if stdout holds anything else."""
    replies, offset = [], 0
    while offset < len(data):
        (size,) = struct.unpack_from("=I", data, offset)
        payload = data[offset + 4:offset + 4 + size]
        assert len(payload) == size, "stdout ends inside a frame"
        replies.append(json.loads(payload))
        offset += 4 + size
    return replies


def host(stdin: bytes, *args: str, env: dict[str, str] | None = None) -> tuple[int, list[dict], str]:
    result = subprocess.run([sys.executable, "-m", "deadlint", "native-host", *args], input=stdin,
                            capture_output=True, timeout=120, check=False, env=env)
    return result.returncode, frames(result.stdout), result.stderr.decode()


@pytest.fixture(scope="module")
def session():
    """One host run answering a whole conversation, as Thunderbird's port does."""
    raw = "Subject: Re: ticket\nDate: Fri, 20 Nov 2026 10:00:00 +0200\n\nJag återkommer snarast.\n".encode()
    requests = [
        {"id": 1, "text": "We will fix this ASAP.", "now": NOW},
        {"id": "two", "text": "Korjaamme tämän mahdollisimman pian.", "language": "fi", "now": NOW},
        {"id": 3, "raw": base64.b64encode(raw).decode()},
        {"id": 4, "text": "The invoice goes out by Tuesday 24 November at 12:00.", "now": NOW},
        b"{not json",
        b"\xff\xfe\x00",
        [1, 2],
        {"id": 8, "text": "x", "language": "de"},
        {"id": 9, "text": "x", "now": "soon"},
        {"id": 10},
        {"id": 11, "text": "Vi åtgärdar detta så snart som möjligt.", "now": NOW},
    ]
    # Thunderbird passes the manifest path and the extension id as arguments.
    return host(b"".join(frame(r) for r in requests), "/home/u/.mozilla/native-messaging-hosts/deadlint.json",
                "thunderbird@deadlint.invalid")


def test_every_request_gets_one_reply_in_order_and_exit_0(session):
    code, replies, _ = session
    assert code == 0
    assert [r["id"] for r in replies] == [1, "two", 3, 4, None, None, None, 8, 9, 10, 11]


def test_findings_in_each_language(session):
    _, replies, _ = session
    by_id = {r["id"]: r for r in replies}
    assert [f["match"] for f in by_id[1]["findings"]] == ["ASAP"]
    assert [f["match"] for f in by_id["two"]["findings"]] == ["mahdollisimman pian"]
    assert [f["match"] for f in by_id[3]["findings"]] == ["snarast"]
    assert [f["match"] for f in by_id[11]["findings"]] == ["så snart som möjligt"]
    assert by_id[1]["findings"][0]["suggestion"]
    assert by_id[4]["findings"] == [] and by_id[4]["summary"]["findings"] == 0


def test_malformed_frames_get_error_replies_and_the_host_reads_on(session):
    _, replies, _ = session
    errors = {r["id"]: r["error"] for r in replies if "error" in r}
    assert list(errors) == [None, 8, 9, 10]  # the three Nones collapse into one key
    assert [r["error"].split(":")[0] for r in replies if r["id"] is None] == ["bad JSON", "bad JSON",
                                                                             "the request must be a JSON object"]
    assert "language" in errors[8] and "ISO 8601" in errors[9] and "exactly one of" in errors[10]


def test_oversized_frame_is_skipped_with_an_error():
    big = b'{"id": 1, "text": "' + b"a" * (native_host.MAX_REQUEST_BYTES + 10) + b'"}'
    code, replies, _ = host(frame(big) + frame({"id": 2, "text": "ASAP.", "language": "en", "now": NOW}))
    assert code == 0
    assert "over the limit" in replies[0]["error"]
    assert replies[1]["id"] == 2 and replies[1]["summary"]["findings"] == 1


def test_empty_input_exits_0_and_a_cut_frame_exits_1():
    assert host(b"")[:2] == (0, [])
    code, replies, stderr = host(frame({"id": 1, "text": "x"})[:-2])
    assert (code, replies) == (1, [])
    assert "inside a message" in stderr


def test_stray_prints_do_not_reach_the_protocol_stream():
    # In-process: print() after protocol_streams() must land on stderr, not in the frames.
    code = ("import sys, json, struct\n"
            "from deadlint.integrations.native_host import protocol_streams, write_frame\n"
            "_, frames = protocol_streams()\n"
            "print('noise from a library')\n"
            "write_frame(frames, {'id': 1})\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert frames(result.stdout) == [{"id": 1}]
    assert b"noise from a library" in result.stderr


def test_a_reply_over_thunderbirds_limit_is_cut_but_still_counts_everything(monkeypatch):
    monkeypatch.setattr(native_host, "MAX_REPLY_BYTES", 2000)
    findings = [{"rule": "vague-deadline", "match": "ASAP", "message": "m" * 100} for _ in range(50)]
    reply = {"id": 1, "findings": findings, "summary": {"findings": 50}}
    payload = native_host.encode_reply(reply)
    decoded = json.loads(payload)
    assert len(payload) <= 2000 and decoded["truncated"] is True
    assert 0 < len(decoded["findings"]) < 50 and decoded["summary"]["findings"] == 50
    assert json.loads(native_host.encode_reply({"id": 1, "findings": findings[:2]})) == {"id": 1,
                                                                                        "findings": findings[:2]}


def test_deadlint_now_is_the_reference_time_of_requests_without_their_own():
    ask = {"id": 1, "text": "We will fix this ASAP."}
    env = {**os.environ, "DEADLINT_NOW": "2026-12-03T10:00+02:00"}
    code, replies, stderr = host(frame(ask) + frame({**ask, "id": 2, "now": NOW}), env=env)
    assert code == 0
    # What the add-on writes into the draft: the replacement, here the suggestion itself.
    assert [(r["findings"][0]["suggestion"], r["findings"][0]["replacement"]) for r in replies] == [
        ("by Friday 4 December, 12:00", "by Friday 4 December, 12:00"),
        ("by Monday 23 November, 12:00", "by Monday 23 November, 12:00")]
    # Thunderbird shows the host's stderr in its Error Console: when it is ready to answer.
    assert "deadlint native-host: ready in" in stderr


def test_a_bad_deadlint_now_is_one_line_and_exit_2():
    code, replies, stderr = host(b"", env={**os.environ, "DEADLINT_NOW": "soon"})
    assert (code, replies) == (2, [])
    assert "'soon' is not an ISO 8601 time" in stderr
