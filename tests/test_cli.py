"""`deadlint check`, `rules`, `when` and `--version` end to end through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from deadlint import __version__
from clirun import NOW, check_json, write
from clirun import invoke as run

DEADLINT = str(Path(sys.executable).with_name("deadlint"))

CLEAN = "Hi Jane,\n\nThe corrected invoice is attached. Thank you for your patience.\n"
DIRTY = ("Thanks for the logs. We'll get back to you ASAP.\n"
         "This is 100% bug-free, guaranteed.\n"
         "We'll keep you posted.\n")
ALL_RULES = ("vague-deadline", "no-update-time", "overpromise", "hedged-commitment", "weekday-mismatch",
             "deadline-past", "non-business-day", "wide-time-window", "weekday-is-today")




def rules_of(report) -> list[str]:
    return [f["rule"] for f in report["findings"]]



def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# --- exit codes ------------------------------------------------------------------------------------

def test_clean_draft_exits_0(tmp_path):
    code, out, err = run("check", "--now", NOW, write(tmp_path / "ok.txt", CLEAN))
    assert code == 0, out + err
    assert "0 finding(s) in 1 draft(s)" in out
    assert err == ""


def test_findings_exit_1_with_text_lines(tmp_path):
    path = write(tmp_path / "bad.txt", DIRTY)
    code, out, err = run("check", "--now", NOW, path)
    assert code == 1
    assert f"{path}:1:44: warning vague-deadline" in out
    assert f"{path}:3:7: warning no-update-time" in out
    assert "suggestion: by Monday 23 November, 12:00" in out
    assert "4 finding(s) in 1 draft(s)" in out
    assert err == ""


def test_real_binary_exit_codes(tmp_path):
    clean = write(tmp_path / "ok.txt", CLEAN)
    dirty = write(tmp_path / "bad.txt", DIRTY)
    results = [subprocess.run([DEADLINT, "check", "--now", NOW, *paths], capture_output=True, text=True)
               for paths in ([str(clean)], [str(dirty)], [str(clean), str(tmp_path / "missing.txt")])]
    assert [r.returncode for r in results] == [0, 1, 2]
    assert "Traceback" not in results[2].stderr
    assert error_lines(results[2].stderr) == [f"deadlint: error: {tmp_path / 'missing.txt'}: no such file or directory"]


def test_one_bad_file_among_several_exits_2_and_others_still_reported(tmp_path):
    first = write(tmp_path / "a.txt", DIRTY)
    last = write(tmp_path / "c.txt", "Korjaamme vian mahdollisimman pian.\n")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01\x02 binary \x00")
    code, report, err = check_json(first, bad, last)
    assert code == 2
    assert sorted({f["path"] for f in report["findings"]}) == [str(first), str(last)]
    assert report["summary"]["drafts"] == 2
    assert report["summary"]["errors"] == [{"path": str(bad), "problem": "binary file, not a text draft"}]


def test_usage_error_without_paths_exits_2():
    code, _out, err = run("check")
    assert code == 2
    assert "Missing argument" in err


# --- --select / --ignore ---------------------------------------------------------------------------

def test_select_runs_only_those_rules(tmp_path):
    code, report, _ = check_json("--select", "overpromise", write(tmp_path / "d.txt", DIRTY))
    assert code == 1
    assert rules_of(report) == ["overpromise", "overpromise"]


def test_select_several_with_spaces(tmp_path):
    _, report, _ = check_json("--select", "vague-deadline, no-update-time", write(tmp_path / "d.txt", DIRTY))
    assert rules_of(report) == ["vague-deadline", "no-update-time"]


def test_ignore_skips_rules(tmp_path):
    _, report, _ = check_json("--ignore", "overpromise,vague-deadline", write(tmp_path / "d.txt", DIRTY))
    # With vague-deadline off, "get back to you" (line 1) no longer yields to it.
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(1, "no-update-time"), (3, "no-update-time")]
    _, report, _ = check_json("--ignore", "overpromise", write(tmp_path / "d.txt", DIRTY))
    assert rules_of(report) == ["vague-deadline", "no-update-time"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_id_exits_2_with_one_line_naming_it_and_other_checks_run(tmp_path, option):
    path = write(tmp_path / "d.txt", DIRTY)
    code, report, err = check_json(option, "overpromise,no-such-rule", path)
    assert code == 2
    (line,) = error_lines(err)
    assert line.startswith("deadlint: error: ") and option in line and "no-such-rule" in line
    assert "overpromise," not in line  # only the unknown id is named
    fired = set(rules_of(report))
    assert fired == ({"overpromise"} if option == "--select" else {"vague-deadline", "no-update-time"})


# --- --min-severity, --lang, --now, --tz -----------------------------------------------------------

def test_min_severity(tmp_path):
    past = "We will deliver the report by Thursday 19 November at 12:00.\n"
    path = write(tmp_path / "d.txt", DIRTY + past)
    _, report, _ = check_json(path)
    assert set(rules_of(report)) == {"vague-deadline", "overpromise", "no-update-time", "deadline-past"}
    code, report, _ = check_json("--min-severity", "error", path)
    assert code == 1
    assert [(f["rule"], f["severity"], f["line"]) for f in report["findings"]] == [("deadline-past", "error", 4)]
    clean = write(tmp_path / "warn.txt", "We'll keep you posted.\n")
    code, report, _ = check_json("--min-severity", "error", clean)
    assert (code, report["findings"]) == (0, [])


def test_min_severity_info_shows_notes(tmp_path):
    path = write(tmp_path / "d.txt", "We will send the new router by Friday.\n")
    code, report, _ = check_json(path)
    assert (code, report["findings"]) == (0, [])
    code, report, _ = check_json("--min-severity", "info", path)
    assert code == 1
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("weekday-is-today", "info")]


@pytest.mark.parametrize(("option", "value"), [("--min-severity", "loud"), ("--lang", "de")])
def test_choice_options_reject_unknown_values(tmp_path, option, value):
    code, _, err = run("check", option, value, write(tmp_path / "d.txt", DIRTY))
    assert code == 2 and option in err


def test_lang_overrides_detection(tmp_path):
    path = write(tmp_path / "fi.txt", "Korjaamme vian pian.\n")
    _, report, _ = check_json(path)
    assert [(f["rule"], f["match"], f["language"]) for f in report["findings"]] == [("vague-deadline", "pian", "fi")]
    code, report, _ = check_json("--lang", "en", path)
    assert (code, report["findings"]) == (0, [])
    sv = write(tmp_path / "sv.txt", "Vi återkommer snart.\n")
    _, report, _ = check_json("--lang", "sv", sv)
    assert [(f["match"], f["language"]) for f in report["findings"]] == [("snart", "sv")]


def test_now_sets_the_reference_time(tmp_path):
    path = write(tmp_path / "d.txt", "We will fix it ASAP.\n")
    _, report, _ = check_json(path)
    assert report["findings"][0]["suggestion"] == "by Monday 23 November, 12:00"
    code, out, _ = run("check", "--format", "json", "--now", "2026-11-24T10:00", path)
    assert json.loads(out)["findings"][0]["suggestion"] == "by Wednesday 25 November, 12:00"


@pytest.mark.parametrize("value", ["garbage", "2026-13-01T10:00", "tomorrow"])
def test_bad_now_exits_2(tmp_path, value):
    code, out, err = run("check", "--now", value, write(tmp_path / "d.txt", DIRTY))
    assert code == 2
    assert "--now" in err and value in err
    assert "Traceback" not in err + out


def test_tz_changes_the_office_clock(tmp_path):
    path = write(tmp_path / "d.txt", "We will deliver the report by Friday 20 November at 12:00.\n")
    # 11:00 UTC is 13:00 in Helsinki (the English office by default): the deadline has passed there.
    code, out, _ = run("check", "--format", "json", "--now", "2026-11-20T11:00+00:00", path)
    assert code == 1
    assert rules_of(json.loads(out)) == ["deadline-past"]
    code, out, _ = run("check", "--format", "json", "--now", "2026-11-20T11:00+00:00", "--tz", "UTC", path)
    assert code == 0
    assert json.loads(out)["findings"] == []


def test_bad_tz_exits_2(tmp_path):
    code, _, err = run("check", "--now", NOW, "--tz", "Mars/Olympus", write(tmp_path / "d.txt", DIRTY))
    assert code == 2
    assert "Mars/Olympus" in err and "Traceback" not in err


# --- formats -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_every_format_reports_the_findings(tmp_path, fmt, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "d.txt", DIRTY)
    code, out, err = run("check", "--now", NOW, "--format", fmt, "d.txt")
    assert code == 1 and err == ""
    if fmt == "text":
        assert out.splitlines()[0] == "d.txt:1:44: warning vague-deadline vague time “ASAP”: promise an exact time"
    elif fmt == "json":
        assert len(json.loads(out)["findings"]) == 4
    elif fmt == "sarif":
        log = json.loads(out)
        assert log["version"] == "2.1.0" and len(log["runs"][0]["results"]) == 4
    else:
        lines = out.splitlines()
        assert len(lines) == 4
        assert lines[0].startswith("::warning file=d.txt,line=1,col=44,")


def test_unknown_format_exits_2(tmp_path):
    code, _, err = run("check", "--format", "xml", write(tmp_path / "d.txt", DIRTY))
    assert code == 2 and "--format" in err


# --- stdin and directories ---------------------------------------------------------------------------

def test_stdin_through_the_real_binary():
    result = subprocess.run([DEADLINT, "check", "--now", NOW, "--format", "json", "-"],
                            input="Hei,\n\nKorjaamme vian mahdollisimman pian.\n", capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["path"], finding["line"], finding["column"], finding["match"], finding["language"]) == (
        "<stdin>", 3, 16, "mahdollisimman pian", "fi")
    clean = subprocess.run([DEADLINT, "check", "--now", NOW, "-"], input=CLEAN, capture_output=True, text=True)
    assert clean.returncode == 0


def test_stdin_in_process_with_a_file(tmp_path):
    path = write(tmp_path / "d.txt", "Vi återkommer snarast.\n")
    code, report, _ = check_json("-", path, input="We will fix it ASAP.\n")
    assert code == 1
    assert [(f["path"], f["match"]) for f in report["findings"]] == [("<stdin>", "ASAP"), (str(path), "snarast")]


def _tree(root: Path) -> None:
    write(root / "one.txt", DIRTY)
    write(root / "sub" / "two.md", DIRTY)
    write(root / "skip" / "three.txt", DIRTY)
    write(root / "notes.log", DIRTY)
    write(root / ".git" / "x.txt", DIRTY)


def _paths(report, root: Path) -> list[str]:
    return sorted({Path(f["path"]).relative_to(root).as_posix() for f in report["findings"]})


def test_directory_walk_defaults(tmp_path):
    _tree(tmp_path)
    code, report, _ = check_json(tmp_path)
    assert code == 1
    assert _paths(report, tmp_path) == ["one.txt", "skip/three.txt", "sub/two.md"]
    assert report["summary"]["drafts"] == 3


def test_directory_walk_with_exclude(tmp_path):
    _tree(tmp_path)
    _, report, _ = check_json("--exclude", "skip/*", tmp_path)
    assert _paths(report, tmp_path) == ["one.txt", "sub/two.md"]
    _, report, _ = check_json("--exclude", "*.md", "--exclude", "three.txt", tmp_path)
    assert _paths(report, tmp_path) == ["one.txt"]


def test_directory_walk_with_include(tmp_path):
    _tree(tmp_path)
    _, report, _ = check_json("--include", "*.md", tmp_path)
    assert _paths(report, tmp_path) == ["sub/two.md"]
    _, report, _ = check_json("--include", "*.log", "--include", "one.txt", tmp_path)
    assert _paths(report, tmp_path) == ["notes.log", "one.txt"]


def test_include_matching_nothing_is_an_error(tmp_path):
    _tree(tmp_path)
    code, _, err = run("check", "--now", NOW, "--include", "*.rst", tmp_path)
    assert code == 2
    (line,) = error_lines(err)
    assert str(tmp_path) in line and "no drafts found" in line


# --- rules, --explain, --version ---------------------------------------------------------------------

def test_rules_lists_every_rule_with_its_pack(ruleset):
    code, out, err = run("rules")
    assert code == 0 and err == ""
    lines = out.splitlines()
    listed = [line.split()[0] for line in lines]
    assert listed == list(ruleset.rules)
    assert set(ALL_RULES) <= set(listed)
    for line in lines:
        rule = ruleset.rules[line.split()[0]]
        assert f"  {rule.pack}  " in line and rule.summary in line
        assert rule.pack == "deadlint (core)"
    by_id = {line.split()[0]: line for line in lines}
    assert "[en,fi,sv]" in by_id["vague-deadline"]
    assert " error " in by_id["deadline-past"] and " info " in by_id["weekday-is-today"]


def _live_rule_ids() -> list[str]:
    from deadlint.config import load_policy
    from deadlint.rules.registry import RuleSet, plugin_manager

    return list(RuleSet(plugin_manager(), load_policy(None)).rules)


@pytest.mark.parametrize("rule_id", sorted(set(ALL_RULES) | set(_live_rule_ids())))
def test_explain_shows_the_doc(rule_id):
    code, out, _ = run("rules", "--explain", rule_id)
    assert code == 0
    assert out.startswith(f"{rule_id}  [")
    for heading in ("What:", "Why:", "Example:", "Fix:"):
        assert f"\n{heading} " in out


def test_explain_vague_deadline_details():
    code, out, _ = run("rules", "--explain", "vague-deadline")
    assert code == 0
    assert "Languages: en (deadlint-en), fi (deadlint-fi), sv (deadlint-sv)" in out
    assert "mahdollisimman pian" in out and "--fix" in out


def test_explain_unknown_rule_exits_2():
    code, out, err = run("rules", "--explain", "no-such-rule")
    assert code == 2
    assert out == ""
    assert error_lines(err) == ["deadlint: error: unknown rule id 'no-such-rule' (see `deadlint rules`)"]


def test_version():
    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"deadlint, version {__version__}"
    result = subprocess.run([DEADLINT, "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and __version__ in result.stdout


# --- when ----------------------------------------------------------------------------------------

def test_when_json_one_object_per_text_in_order():
    texts = ["maanantaina 24.11. klo 12 mennessä", "senast tisdag kl 14", "by Friday 27 November, 12:00",
             "nothing to see here"]
    code, out, _ = run("when", "--now", NOW, "--format", "json", *texts)
    assert code == 0
    answers = json.loads(out)
    assert isinstance(answers, list) and [a["text"] for a in answers] == texts
    for answer in answers:
        assert {"text", "date", "time", "granularity", "checks", "explanation"} <= set(answer)
    fi, sv, en, nothing = answers
    assert (fi["date"], fi["time"]) == ("2026-11-24", "12:00")
    assert [c["rule"] for c in fi["checks"]] == ["weekday-mismatch"]
    assert "Tuesday" in fi["checks"][0]["message"]
    assert (sv["date"], sv["time"], sv["checks"]) == ("2026-11-24", "14:00", [])
    assert (en["date"], en["time"], en["checks"]) == ("2026-11-27", "12:00", [])
    assert (nothing["date"], nothing["time"], nothing["checks"]) == (None, None, [])
    assert nothing["explanation"]


def test_when_text_output():
    code, out, _ = run("when", "--now", NOW, "maanantaina 24.11. klo 12 mennessä")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "maanantaina 24.11. klo 12 mennessä  [fi]"
    assert "Tuesday 24 November 2026 at 12:00" in lines[1]
    assert lines[2].strip() == "warning weekday-mismatch: 24.11.2026 is a Tuesday, not a Monday"


def test_when_lang_and_bad_now():
    code, out, _ = run("when", "--now", NOW, "--lang", "fi", "--format", "json", "huomenna klo 14")
    assert code == 0
    (answer,) = json.loads(out)
    assert (answer["date"], answer["time"]) == ("2026-11-21", "14:00")
    code, _, err = run("when", "--now", "nope", "huomenna")
    assert code == 2 and "--now" in err


# --- suppression and per-path ignores -----------------------------------------------------------------

SUPPRESSED_MD = """# Reply

<!-- deadlint-disable overpromise -->
This is guaranteed to work, and we will fix it ASAP.
<!-- deadlint-enable -->

This is guaranteed to work.

<!-- deadlint-disable-next-line vague-deadline -->
We will fix it ASAP.
We will fix it ASAP.
"""


def test_inline_suppression_in_markdown(tmp_path):
    path = write(tmp_path / "reply.md", SUPPRESSED_MD)
    code, report, _ = check_json(path)
    assert code == 1
    assert [(f["line"], f["rule"], f["match"]) for f in report["findings"]] == [
        (4, "vague-deadline", "ASAP"),  # only overpromise is disabled in the block
        (7, "overpromise", "guaranteed"),  # after enable
        (11, "vague-deadline", "ASAP"),  # the line after the next line
    ]


def test_bare_disable_silences_every_rule_to_the_end(tmp_path):
    path = write(tmp_path / "reply.md", "We will fix it ASAP.\n\n<!-- deadlint-disable -->\n" + DIRTY)
    _, report, _ = check_json(path)
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(1, "vague-deadline")]


def test_per_path_ignores_from_dot_deadlint_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".deadlint.yaml", 'per_path_ignores:\n  "legacy/*": [overpromise, vague-deadline]\n')
    write(tmp_path / "legacy" / "old.txt", DIRTY)
    write(tmp_path / "new.txt", DIRTY)
    code, report, err = check_json("legacy/old.txt", "new.txt")
    assert code == 1 and err == ""
    by_path = {p: [f["rule"] for f in report["findings"] if f["path"] == p] for p in ("legacy/old.txt", "new.txt")}
    # With vague-deadline off there, "get back to you" no longer yields to "ASAP": it has no time either.
    assert by_path["legacy/old.txt"] == ["no-update-time", "no-update-time"]
    assert by_path["new.txt"] == ["vague-deadline", "overpromise", "overpromise", "no-update-time"]
    # The same through a directory walk from the current directory.
    _, report, _ = check_json(".")
    assert [f["rule"] for f in report["findings"] if f["path"] == "legacy/old.txt"] == ["no-update-time"] * 2


def test_per_path_ignores_apply_to_an_absolute_path_of_the_same_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".deadlint.yaml", 'per_path_ignores:\n  "legacy/*": [overpromise, vague-deadline]\n')
    path = write(tmp_path / "legacy" / "old.txt", DIRTY)
    _, report, _ = check_json(str(path.resolve()))
    assert rules_of(report) == ["no-update-time", "no-update-time"]
