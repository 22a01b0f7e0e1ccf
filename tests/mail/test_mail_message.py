"""One RFC 822 / MIME message -> Source: body choice, charsets, line numbers, headers, damage."""

from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage

import pytest

from deadlint.sources import Source, SourceError
from deadlint.sources.mail import decode_body, looks_like_message, read_message
from mail_builders import (
    CUSTOMER, OWN, alternative_message, headers, html_only_message, line_of, mislabelled_message,
    plain_message, reply_text,
)


def read(raw: bytes, **options) -> tuple[list[Source], list[SourceError]]:
    results = list(read_message("draft.eml", raw, **options))
    return ([r for r in results if isinstance(r, Source)], [r for r in results if isinstance(r, SourceError)])


def only_source(raw: bytes, **options) -> Source:
    sources, problems = read(raw, **options)
    assert problems == [] and len(sources) == 1, problems
    return sources[0]


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_own_promise_flagged_on_its_file_line_quoted_asap_silent(lang, findings_of):
    raw = bytes(plain_message(reply_text(lang)))
    found = findings_of(only_source(raw))
    assert [(line, rule) for line, _match, rule in found if rule == "vague-deadline"] == [
        (line_of(raw, OWN[lang]), "vague-deadline")]
    assert all("ASAP" not in match for _line, match, _rule in found)


def test_quoted_printable_body_counts_lines_in_the_decoded_body(findings_of):
    text = "Hei Matti,\n\n" + "Pitkä rivi, jonka QP joutuu taittamaan pehmeästi. " * 3 + "\n" + OWN["fi"] + "\n"
    source = only_source(bytes(plain_message(text, cte="quoted-printable")))
    assert source.meta["line_basis"] == "decoded-body"
    assert [line for line, _m, rule in findings_of(source) if rule == "vague-deadline"] == [4]


def test_base64_body_is_decoded(findings_of):
    source = only_source(bytes(plain_message(reply_text("sv"), cte="base64")))
    assert source.meta["line_basis"] == "decoded-body"
    assert [line for line, _m, rule in findings_of(source) if rule == "vague-deadline"] == [3]


def test_alternative_prefers_plain_text_and_keeps_file_lines():
    raw = bytes(alternative_message(reply_text("fi"), "<p>HTML twin: ASAP</p>"))
    source = only_source(raw)
    assert "HTML twin" not in source.text
    assert source.position(source.text.index(OWN["fi"]))[0] == line_of(raw, OWN["fi"])


def test_html_only_body_maps_text_lines_to_file_lines():
    html = "<html><body>\n<p>Hei Matti,</p>\n<p>Korjaamme vian\nmahdollisimman pian.</p>\n</body></html>\n"
    raw = bytes(html_only_message(html))
    source = only_source(raw)
    assert source.line_numbers is not None
    assert source.position(source.text.index("mahdollisimman"))[0] == line_of(raw, "mahdollisimman pian")


def test_nested_multipart_with_attachments_and_forwarded_message(findings_of):
    forwarded = plain_message("Forwarded customer mail: fix it ASAP.")
    message = alternative_message(reply_text("en"), "<p>" + OWN["en"] + "</p>")
    message.add_attachment(b"%PDF-1.4 ASAP", maintype="application", subtype="pdf", filename="quote.pdf")
    message.add_attachment("attached notes: ASAP", filename="notes.txt")
    message.add_attachment(forwarded)  # message/rfc822
    raw = bytes(message)
    source = only_source(raw)
    assert "Forwarded customer mail" not in source.text and "attached notes" not in source.text
    assert [line for line, _m, rule in findings_of(source) if rule == "vague-deadline"] == [line_of(raw, OWN["en"])]


def test_message_in_a_container_adds_the_lines_above_it():
    raw = bytes(plain_message(reply_text("en")))
    source = only_source(raw, lines_before=100)
    assert source.position(source.text.index(OWN["en"]))[0] == 100 + line_of(raw, OWN["en"])


def test_headers_give_reference_time_subject_message_id_and_reply_mark():
    source = only_source(bytes(plain_message(reply_text("fi"), subject="VS: Vikailmoitus", in_reply_to=None)))
    assert source.sent_at == datetime(2026, 11, 20, 7, 0, tzinfo=timezone.utc)
    assert source.meta == {"subject": "VS: Vikailmoitus", "message_id": "<reply-1@example.fi>", "is_reply": True}


@pytest.mark.parametrize(("subject", "in_reply_to", "is_reply"), [
    ("SV: Offert", None, True), ("Sv: offert", None, True), ("RE[2]: Ticket", None, True),
    ("New offer", "<x@y>", True), ("Revised offer", None, False),
])
def test_reply_mark(subject, in_reply_to, is_reply):
    source = only_source(bytes(plain_message("Hello.\n", subject=subject, in_reply_to=in_reply_to)))
    assert source.meta["is_reply"] is is_reply


def test_date_without_zone_is_utc_and_bad_date_is_no_reference():
    naive = only_source(bytes(plain_message("Hi.\n", date="Fri, 20 Nov 2026 09:00:00 -0000")))
    assert naive.sent_at == datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    assert only_source(bytes(plain_message("Hi.\n", date="someday soon"))).sent_at is None


def test_declared_charset_that_lies_falls_back_and_is_reported():
    sources, problems = read(mislabelled_message("Hyvä asiakas, korjaamme mahdollisimman pian.\n", "us-ascii"))
    assert "Hyvä asiakas" in sources[0].text and sources[0].encoding == "utf-8"
    assert [p.problem for p in problems] == ["declared charset 'us-ascii' does not fit the body; read as utf-8"]


def test_latin1_declared_but_utf8_bytes_is_read_as_utf8_not_mojibake():
    sources, problems = read(mislabelled_message("Vänliga hälsningar\n", "iso-8859-1"))
    assert sources[0].text.startswith("Vänliga hälsningar")
    assert problems and problems[0].path == "draft.eml"


def test_real_cp1252_body_without_declaration_is_read():
    raw = bytes(headers(EmailMessage())) + b"Content-Type: text/plain\n\nV\xe4nliga h\xe4lsningar\n"
    assert "Vänliga hälsningar" in only_source(raw).text


@pytest.mark.parametrize(("data", "declared", "expected"), [
    (b"plain", "us-ascii", ("plain", "us-ascii", None)),
    ("Hyvä".encode("cp1252"), "iso-8859-15", ("Hyvä", "iso-8859-15", None)),
    ("Hyvä".encode("cp1252"), "utf-8", ("Hyvä", "cp1252", "declared charset 'utf-8' does not fit the body; read as cp1252")),
    (b"abc", "x-klingon", ("abc", "utf-8", "unknown charset 'x-klingon'; body read as utf-8")),
])
def test_decode_body_order(data, declared, expected):
    assert decode_body(data, declared) == expected


def test_truncated_mime_reports_and_still_checks_the_readable_body():
    raw = bytes(alternative_message(reply_text("sv"), "<p>x</p>"))
    cut = raw[: raw.rindex(b"<p>x</p>")]  # lose the end of the HTML part and the close boundary
    sources, problems = read(cut)
    assert OWN["sv"] in sources[0].text
    assert [p.problem for p in problems] == ["truncated MIME: the closing boundary is missing"]


def test_missing_boundary_is_one_clear_error():
    raw = bytes(alternative_message(reply_text("en"), "<p>x</p>"))
    header_end = raw.index(b"\n\n")
    head = raw[:header_end].replace(b'boundary="', b'x-nothing="')
    sources, problems = read(head + raw[header_end:])
    assert sources == []
    assert [str(p) for p in problems] == ["draft.eml: multipart message without a boundary parameter"]


def test_attachment_only_message_has_no_body():
    message = headers(EmailMessage())
    message.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="a.pdf")
    assert [p.problem for p in read(bytes(message))[1]] == ["no text/plain or text/html body to check"]


def test_crlf_message_keeps_file_lines():
    raw = bytes(plain_message(reply_text("fi"))).replace(b"\n", b"\r\n")
    source = only_source(raw)
    assert "\r" not in source.text
    assert source.position(source.text.index(OWN["fi"]))[0] == line_of(raw, OWN["fi"])


@pytest.mark.parametrize(("head", "is_message"), [
    (b"From: a@b\nSubject: x\n\nbody", True),
    (b"Received: from x\n\tby y\nMessage-ID: <1@x>\n\n", True),
    (b"Subject: Tarjous\n\nHei", False),  # one field alone is a draft that starts with a label
    (b"Hei Matti,\n\nKorjaamme vian.", False),
    (b"Note: this\nTodo: that\n\n", False),  # header-shaped lines, but no mail header
    (CUSTOMER.encode(), False),
])
def test_looks_like_message(head, is_message):
    assert looks_like_message(head) is is_message
