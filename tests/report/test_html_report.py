"""`deadlint report`: one self-contained HTML page, checked in a real headless Chromium."""

from __future__ import annotations

import mailbox
import os
import re
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest
from clirun import invoke
from headless_chromium import Chromium, chromium_binary
from shared_corpus import generated_mbox

from deadlint.report.html import render_html

MESSAGES = 240
# DEADLINT_REPORT_SCREENSHOT=docs/report.png also saves the top of the page, smaller (docs/report.png).
SCREENSHOT = Path(os.environ["DEADLINT_REPORT_SCREENSHOT"]) if os.environ.get("DEADLINT_REPORT_SCREENSHOT") else None
_NOON = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
HOSTILE = ('We will fix it ASAP. <script>console.error("escaped?")</script>'
           '<img src="https://example.com/x.png" onerror="console.error(1)"> </td></table>')


def spread_over_a_year(mbox_path: Path) -> None:
    """Give the generated messages Date headers across twelve months (more each month,
    as a growing helpdesk has)."""
    box = mailbox.mbox(mbox_path)
    box.lock()
    for index, key in enumerate(box.keys()):
        message = box[key]
        month = 1 + int(12 * (index / MESSAGES) ** 0.7)
        del message["Date"]
        message["Date"] = f"Mon, {1 + index % 27:02d} {_MONTHS[month - 1]} 2026 10:00:00 +0200"
        box[key] = message
    box.flush()
    box.unlock()


def hostile_mbox(path: Path) -> Path:
    """One reply whose text is markup, read first so that it is among the samples."""
    box = mailbox.mbox(path)
    hostile = EmailMessage()
    hostile["From"], hostile["To"], hostile["Subject"] = "a@example.com", "b@example.com", "<b>Re:</b> &amp;"
    hostile["Date"] = "Fri, 04 Dec 2026 10:00:00 +0200"
    hostile.set_content(f"Hi,\n\n{HOSTILE}\n")
    box.add(hostile)
    box.flush()
    return path


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("year")
    spread_over_a_year(generated_mbox(root, MESSAGES))
    # No --now: each message's Date header is its reference time, as in a real archive.
    code, data, err = invoke("check", "--format", "json", "--jobs", "1", hostile_mbox(root / "hostile.mbox"),
                             root / "corpus.mbox")
    assert code == 1, err
    path = root / "results.json"
    path.write_text(data, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page(results, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "report.html"
    code, stdout, err = invoke("report", results, "--out", out, "--title", "Support replies 2026")
    assert code == 0, err
    assert f"written to {out}" in stdout
    return out


def test_every_draft_text_is_escaped_and_nothing_is_fetched(page):
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html
    assert not re.search(r"\s(?:src|href|srcset)=[\"']", html)  # nothing to load, not even an icon
    assert "default-src 'none'" in html


def test_the_page_renders_in_headless_chromium(page, tmp_path):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    browser = Chromium(binary)
    try:
        browser.load(page)
        bars = browser.evaluate("""[...document.querySelectorAll('#trend svg rect.bar')]
                                   .map(r => r.getBoundingClientRect().height)""")
        months = browser.evaluate("document.querySelectorAll('#trend svg text.axis[text-anchor=middle]').length")
        totals = browser.evaluate("[...document.querySelectorAll('#totals tbody tr')].map(r => r.cells.length)")
        phrases = browser.evaluate("document.querySelectorAll('#phrases tbody tr').length")
        samples = browser.evaluate("document.querySelectorAll('#samples .sample mark').length")
        injected = browser.evaluate("document.querySelectorAll('script, img').length")
        text = browser.evaluate("document.body.innerText")
        browser.screenshot(tmp_path / "report.png")
        if SCREENSHOT:
            browser.screenshot(SCREENSHOT, max_height=1250, scale=0.7)
        errors = browser.console_errors()
    finally:
        browser.close()
    assert len(bars) >= 12 and all(height > 0 for height in bars)
    assert months == 12
    assert len(totals) >= 3 and set(totals) == {5}  # rule + fi, sv, en + total
    assert phrases >= 10 and samples >= 5
    assert injected == 0 and HOSTILE.split(" <img")[0] in text
    assert errors == []
    shot = (tmp_path / "report.png").read_bytes()
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000


def test_a_report_without_dates_says_why_there_is_no_trend():
    finding = {"path": "a.txt", "line": 1, "rule": "vague-deadline", "severity": "warning", "message": "m",
               "match": "ASAP", "language": "en", "context": "Fix it ASAP"}
    html = render_html([finding], {"drafts": 1, "errors": []}, title="<t>", generated=_NOON)
    assert "No dated vague promises" in html and "<svg" not in html and "<title>&lt;t&gt;</title>" in html
    assert "<mark>ASAP</mark>" in html


def test_results_that_are_not_deadlint_json_are_one_error(tmp_path):
    (tmp_path / "other.json").write_text('{"rows": []}', encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "audit" / "findings").mkdir(parents=True)
    (tmp_path / "audit" / "summary.json").write_text('{"drafts": 1, "errors": []}', encoding="utf-8")
    (tmp_path / "audit" / "findings" / "part-00000.jsonl").write_text('{"rule": "x"\n', encoding="utf-8")
    for name, problem in (("other.json", "not deadlint JSON results"), ("missing.json", "cannot read"),
                          ("empty", "not an audit folder"), ("audit", "part-00000.jsonl: cannot read findings")):
        code, _out, err = invoke("report", tmp_path / name, "--out", tmp_path / "r.html")
        assert code == 2 and err.count("\n") == 1 and problem in err and name in err

