"""The Python API as a user imports it: ``import deadlint``."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

import deadlint
from clirun import NOW, check_json

DRAFT = "Hi Anna,\n\nWe will fix this ASAP and keep you posted.\nThe technician comes on Monday 24 November.\n"


def test_check_text_gives_what_the_command_line_gives(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .deadlint.yaml of the repository's parents
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    _, cli, _ = check_json(draft)
    found = deadlint.check_text(DRAFT, now=NOW)
    # The same records, bar the file name; the caller holds the whole text, so replacements come too.
    assert [f.as_dict() | {"path": str(draft)} for f in found] == cli["findings"]
    assert any("replacement" in record for record in cli["findings"])
    assert {f.rule for f in found} == {"vague-deadline", "weekday-mismatch"}


def test_findings_read_like_the_text_output():
    [finding] = deadlint.check_text("Korjaamme vian mahdollisimman pian.", language="fi", now=NOW)
    assert (finding.line, finding.column, finding.rule, finding.severity, finding.match) == (
        1, 16, "vague-deadline", "warning", "mahdollisimman pian")
    assert finding.suggestion == "maanantaina 23.11. klo 12 mennessä"
    assert "mahdollisimman pian" in finding.message


def test_now_as_a_datetime_or_a_string_agree():
    from datetime import datetime

    text = "Toimitamme osat 10.11. mennessä."
    as_string = deadlint.check_text(text, language="fi", now=NOW)
    as_datetime = deadlint.check_text(text, language="fi", now=datetime.fromisoformat(NOW))
    assert [f.as_dict() for f in as_string] == [f.as_dict() for f in as_datetime]
    assert [f.rule for f in as_string] == ["deadline-past"]


def test_bad_arguments_raise_named_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown language 'de'"):
        deadlint.check_text("Wir melden uns bald.", language="de")
    with pytest.raises(ValueError):
        deadlint.check_text("We will fix it ASAP.", now="next Friday")
    broken = tmp_path / "policy.yaml"
    broken.write_text("min_severity: loud\n", encoding="utf-8")
    with pytest.raises(deadlint.ConfigError, match="min_severity"):
        deadlint.check_text("We will fix it ASAP.", config=broken)


def test_a_checker_keeps_its_policy_and_options(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  hedged-commitment: {enabled: false}\n", encoding="utf-8")
    checker = deadlint.Checker(policy, min_severity="info")
    texts = ["We'll try to fix it by Friday 27 November.", "We will send it on Friday."]
    rules = [sorted(f.rule for f in checker.check_text(text, language="en", now=NOW).findings) for text in texts]
    assert rules == [[], ["weekday-is-today"]]  # hedges off; info notes kept


def test_a_checker_checks_raw_messages_and_reports_unreadable_input():
    message = (b"From: a@example.com\nTo: b@example.com\nSubject: Outage\n"
               b"Date: Fri, 20 Nov 2026 10:00:00 +0200\n\nWe will fix it ASAP.\n")
    report = deadlint.Checker().check_bytes(message, name="outgoing.eml")
    assert [(f.path, f.line, f.suggestion) for f in report.findings] == [
        ("outgoing.eml", 6, "by Monday 23 November, 12:00")]  # the Date header is the reference time
    assert deadlint.Checker().check_bytes(b"\x00\x01binary", name="blob").errors


def _rules_in_worker(checker, text: str) -> list[str]:
    return [f.rule for f in checker.check_text(text, language="sv", now=NOW).findings]


def test_a_checker_pickles_to_a_worker_with_its_policy(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  overpromise: {enabled: false}\n", encoding="utf-8")
    checker = deadlint.Checker(policy)
    policy.unlink()  # the worker needs the policy, not the file
    text = "Vi återkommer snarast. Det är garanterat bäst."
    copy = pickle.loads(pickle.dumps(checker))
    assert copy.policy == checker.policy
    expected = _rules_in_worker(checker, text)
    assert expected == ["vague-deadline"] == _rules_in_worker(copy, text)
    # A fresh interpreter, as a Dask or multiprocessing worker has.
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        assert pool.submit(_rules_in_worker, checker, text).result(timeout=120) == expected
    assert len(pickle.dumps(checker)) < 20_000  # the policy, not the loaded rules
