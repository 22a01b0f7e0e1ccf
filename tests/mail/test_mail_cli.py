"""End to end through `deadlint check --format json`: what a user sees for mail and exports."""

from __future__ import annotations

import json
import mailbox

from mail_builders import OWN, html_only_message, line_of, plain_message, reply_text


def vague(report) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == "vague-deadline"]


def test_eml_flags_own_promise_on_the_file_line_and_keeps_customer_asap_silent(tmp_path, cli):
    path = tmp_path / "reply.eml"
    path.write_bytes(bytes(plain_message(reply_text("fi"))))
    code, report, _ = cli(str(path))
    assert code == 1
    (finding,) = vague(report)
    assert finding["match"] == "mahdollisimman pian"
    assert finding["line"] == line_of(path.read_bytes(), OWN["fi"])
    assert finding["subject"] == "Re: Ticket 4711" and finding["message_id"] == "<reply-1@example.fi>"
    assert not any("ASAP" in f["match"] for f in report["findings"])


def test_encoded_body_says_its_line_basis(tmp_path, cli):
    path = tmp_path / "reply.eml"
    path.write_bytes(bytes(plain_message(reply_text("sv"), cte="base64")))
    (finding,) = vague(cli(str(path))[1])
    assert (finding["line"], finding["line_basis"]) == (3, "decoded-body")


def test_gmail_html_reply_quote_and_signature_are_silent(tmp_path, cli):
    html = ('<div dir="ltr">Hei Matti,<div><br></div>\n<div>' + OWN["fi"] + '</div>\n'
            '<div><br></div><div class="gmail_signature" data-smartmail="gmail_signature">Tuki — vastaamme ASAP</div>'
            '</div><br>\n<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Ma 16.11.2026 klo 9.12 Matti '
            '&lt;matti@example.fi&gt; kirjoitti:<br></div>\n<blockquote class="gmail_quote">Fix it ASAP!</blockquote></div>\n')
    path = tmp_path / "gmail.eml"
    path.write_bytes(bytes(html_only_message(html)))
    _code, report, _ = cli(str(path))
    assert [(f["match"], f["line"]) for f in vague(report)] == [("mahdollisimman pian", line_of(path.read_bytes(), OWN["fi"]))]


def test_mbox_findings_name_the_message(tmp_path, cli):
    box = mailbox.mbox(tmp_path / "Drafts", create=True)
    for lang in ("en", "sv"):
        box.add(plain_message(reply_text(lang)))
    box.flush()
    code, report, _ = cli(str(tmp_path / "Drafts"))
    data = (tmp_path / "Drafts").read_bytes()
    assert [(f["item"], f["line"]) for f in vague(report)] == [
        ("message 1", line_of(data, OWN["en"])), ("message 2", line_of(data, OWN["sv"]))]


def test_bad_input_is_one_line_each_exit_2_and_the_rest_still_checked(tmp_path, cli):
    good = tmp_path / "good.eml"
    good.write_bytes(bytes(plain_message(reply_text("en"))))
    (tmp_path / "broken.json").write_text('{"macros": [\n  {"id": 1,}\n]}')
    code, report, _ = cli(str(good), str(tmp_path / "broken.json"))
    assert code == 2
    assert len(vague(report)) == 1
    assert report["summary"]["errors"] == [
        {"path": str(tmp_path / "broken.json"), "problem": "invalid JSON: Expecting property name enclosed in "
                                                           "double quotes at line 2, column 12"}]


def test_zendesk_export_annotation_lands_on_the_export_line(tmp_path, cli):
    export = {"macros": [{"id": 360001, "title": "Outage reply", "actions": [
        {"field": "status", "value": "pending"},
        {"field": "comment_value", "value": ["channel:all", "Hi {{ticket.requester.first_name}},\n\nWe will fix this ASAP."]},
    ]}]}
    path = tmp_path / "macros.json"
    path.write_text(json.dumps(export, indent=2))
    _code, report, _ = cli(str(path))
    (finding,) = vague(report)
    assert finding["line"] == line_of(path.read_text(), "We will fix this ASAP")
    assert (finding["item"], finding["macro_id"], finding["macro_title"]) == ("macro 360001", 360001, "Outage reply")
    assert "timeless" not in finding  # an engine flag, not part of the JSON schema


def test_stdin_message_from_a_pre_send_hook(cli):
    raw = bytes(plain_message(reply_text("sv")))
    code, report, _ = cli("-", input=raw)
    assert code == 1
    assert [(f["path"], f["line"]) for f in vague(report)] == [("<stdin>", line_of(raw, OWN["sv"]))]


def test_msg_without_the_extra_is_a_clear_error(tmp_path, cli, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "extract_msg", None)  # makes the import fail
    (tmp_path / "draft.msg").write_bytes(b"\xd0\xcf\x11\xe0")
    code, report, _ = cli(str(tmp_path / "draft.msg"))
    assert code == 2
    assert report["summary"]["errors"][0]["problem"] == "install deadlint[msg] to read .msg files"
