"""Outlook .msg through the optional extract-msg package (stood in for here)."""

from __future__ import annotations

import sys
import types
from datetime import datetime

from deadlint.sources import Source, SourceError, iter_sources
from deadlint.sources.msg import MISSING_EXTRA


class FakeMsg:
    def __init__(self, body, html=None):
        self.body, self.htmlBody = body, html
        self.subject, self.messageId, self.inReplyTo = "SV: Offert", "<m1@x>", None
        self.date = datetime(2026, 11, 20, 9, 0)
        self.closed = False

    def close(self):
        self.closed = True


def install_fake(monkeypatch, message):
    module = types.SimpleNamespace(openMsg=lambda path: message)
    monkeypatch.setitem(sys.modules, "extract_msg", module)


def read(tmp_path):
    path = tmp_path / "draft.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    return list(iter_sources([str(path)]))


def test_plain_body_headers_and_decoded_line_basis(tmp_path, monkeypatch):
    message = FakeMsg("Hej,\r\nJag återkommer snarast.\r\n", b"<p>HTML twin</p>")
    install_fake(monkeypatch, message)
    (source,) = read(tmp_path)
    assert isinstance(source, Source) and message.closed
    assert source.text == "Hej,\nJag återkommer snarast.\n"
    assert source.meta == {"subject": "SV: Offert", "message_id": "<m1@x>", "is_reply": True,
                           "line_basis": "decoded-body"}
    assert source.sent_at.tzinfo is not None


def test_html_body_is_used_without_a_plain_one(tmp_path, monkeypatch):
    install_fake(monkeypatch, FakeMsg("", "<p>Vi återkommer snarast.</p><blockquote>ASAP</blockquote>".encode()))
    (source,) = read(tmp_path)
    assert source.text == "Vi återkommer snarast.\n"


def test_missing_extra_and_damaged_file_are_clear_errors(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "extract_msg", None)
    assert [e.problem for e in read(tmp_path)] == [MISSING_EXTRA]

    def broken(path):
        raise OSError("not an OLE2 structured storage file")
    monkeypatch.setitem(sys.modules, "extract_msg", types.SimpleNamespace(openMsg=broken))
    (error,) = read(tmp_path)
    assert isinstance(error, SourceError) and "not an OLE2" in error.problem
