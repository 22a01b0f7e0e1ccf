"""Reporter output: the JSON schema, SARIF 2.1.0 validity, GitHub workflow commands."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from clirun import run
from deadlint.findings import Finding
from deadlint.report import Report, locate, render
from deadlint.sources import Source, SourceError

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

DRAFT_FI = ("Hyvä asiakas,\n\n"
            "Käsittelemme pyyntönne ja äänestyksen tulokset mahdollisimman pian.\n"
            "Tämä on taatusti paras ratkaisu. Pidämme teidät ajan tasalla.\n")
DRAFT_EN = "Thanks for the logs. We'll get back to you ASAP.\r\nWe will call you 😀 soon.\r\n"



@pytest.fixture
def drafts(tmp_path, monkeypatch):
    """Two drafts in the current directory (relative paths), one with CRLF and a non-BMP character."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fi.txt").write_text(DRAFT_FI, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "en.md").write_bytes(DRAFT_EN.encode("utf-8"))
    return tmp_path


# --- JSON ------------------------------------------------------------------------------------------

KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "match", "language"}


def _text_at(text: str, f: dict) -> str:
    """The characters the finding points at, from 1-based, end-exclusive line/column positions."""
    lines = text.split("\n")
    if f["line"] == f["end_line"]:
        return lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]
    first = lines[f["line"] - 1][f["column"] - 1:]
    middle = lines[f["line"]:f["end_line"] - 1]
    last = lines[f["end_line"] - 1][:f["end_column"] - 1]
    return "\n".join([first, *middle, last])


def test_json_schema_and_positions_against_the_real_text(drafts):
    code, out, _ = run("--format", "json", "fi.txt", "sub/en.md")
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"findings", "summary"}
    findings = report["findings"]
    assert findings
    texts = {"fi.txt": DRAFT_FI, "sub/en.md": DRAFT_EN}
    for f in findings:
        assert KEYS <= set(f), f
        assert isinstance(f["line"], int) and isinstance(f["column"], int)
        assert f["line"] >= 1 and f["column"] >= 1
        assert (f["end_line"], f["end_column"]) > (f["line"], f["column"])
        assert f["severity"] in {"info", "warning", "error"}
        assert f["language"] in {"fi", "sv", "en"}
        assert f["message"]
        assert _text_at(texts[f["path"]], f) == f["match"], f
        if f["rule"] == "vague-deadline":
            assert f["suggestion"]
    got = [(f["path"], f["line"], f["column"], f["end_column"], f["rule"], f["match"], f["language"]) for f in findings]
    line3 = DRAFT_FI.split("\n")[2]
    col = line3.index("mahdollisimman pian") + 1
    assert ("fi.txt", 3, col, col + len("mahdollisimman pian"), "vague-deadline", "mahdollisimman pian", "fi") in got
    assert col == 48  # "ä" counts as one character
    soon = DRAFT_EN.split("\r\n")[1].index("soon") + 1
    assert ("sub/en.md", 2, soon, soon + 4, "vague-deadline", "soon", "en") in got
    assert soon == 20  # the emoji is one character (a code point), not two UTF-16 units or four bytes
    assert ("sub/en.md", 1, 44, 48, "vague-deadline", "ASAP", "en") in got


def test_json_suggestion_and_summary(drafts):
    _, out, _ = run("--format", "json", "fi.txt", "sub/en.md", "missing.txt")
    report = json.loads(out)
    by_match = {f["match"]: f for f in report["findings"]}
    assert by_match["mahdollisimman pian"]["suggestion"] == "maanantaina 23.11. klo 12 mennessä"
    assert by_match["ASAP"]["suggestion"] == "by Monday 23 November, 12:00"
    summary = report["summary"]
    assert summary["drafts"] == 2
    assert summary["findings"] == len(report["findings"])
    assert sum(summary["by_rule"].values()) == summary["findings"]
    assert sum(summary["by_severity"].values()) == summary["findings"]
    assert summary["errors"] == [{"path": "missing.txt", "problem": "no such file or directory"}]
    assert isinstance(summary["schema_version"], int)


def test_json_of_a_clean_run(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("The invoice is attached.\n", encoding="utf-8")
    code, out, _ = run("--format", "json", path)
    assert code == 0
    report = json.loads(out)
    assert report["findings"] == [] and report["summary"]["findings"] == 0 and report["summary"]["drafts"] == 1


@pytest.mark.parametrize("text, match", [
    ("Hi,\nwe will reply as soon as\npossible, thanks.\n", "as soon as\npossible"),
    ("Hi,\nthe parts will be sent to you in the\ncoming days.\n", "in the\ncoming days"),
], ids=["as-soon-as-possible", "in-the-coming-days"])
def test_json_positions_of_a_phrase_wrapped_over_two_lines(tmp_path, text, match):
    """Plain-text mail is hard-wrapped; a phrase broken by the wrap is still one finding."""
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    _, out, _ = run("--format", "json", path)
    findings = [f for f in json.loads(out)["findings"] if f["rule"] == "vague-deadline"]
    assert [(f["line"], f["end_line"], f["match"]) for f in findings] == [(2, 3, match)]
    (f,) = findings
    assert _text_at(text, f) == match
    assert f["end_column"] == len(match.split("\n")[1]) + 1


# --- SARIF -----------------------------------------------------------------------------------------

def test_schema_file_is_the_published_one():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"


def _sarif(*paths):
    code, out, _ = run("--format", "sarif", *paths)
    return code, json.loads(out)


def test_sarif_is_valid_against_the_schema(drafts):
    code, log = _sarif("fi.txt", "sub/en.md")
    assert code == 1
    errors = sorted(jsonschema.Draft7Validator(SCHEMA).iter_errors(log), key=str)
    assert errors == [], "\n".join(e.message for e in errors[:5])
    assert log["version"] == "2.1.0"


def test_sarif_results_rules_and_regions(drafts):
    _, log = _sarif("fi.txt", "sub/en.md")
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "deadlint" and driver["version"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"none", "note", "warning", "error"}
    results = run_["results"]
    assert results
    texts = {"fi.txt": DRAFT_FI, "sub/en.md": DRAFT_EN}
    for result in results:
        assert result["ruleId"] in ids
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"note", "warning", "error"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        uri = artifact["uri"]
        assert not uri.startswith(("/", "file:")) and "\\" not in uri, uri
        assert uri in texts
        region = location["physicalLocation"]["region"]
        as_json = {"line": region["startLine"], "column": region["startColumn"],
                   "end_line": region["endLine"], "end_column": region["endColumn"]}
        assert _text_at(texts[uri], as_json) == region["snippet"]["text"]
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results} >= {
        ("vague-deadline", "fi.txt"), ("overpromise", "fi.txt"), ("vague-deadline", "sub/en.md")}


def test_sarif_with_input_errors_is_still_valid(drafts):
    code, log = _sarif("fi.txt", "nope.txt")
    assert code == 2
    assert list(jsonschema.Draft7Validator(SCHEMA).iter_errors(log)) == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "nope.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_clean_run_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_text("The invoice is attached.\n", encoding="utf-8")
    code, log = _sarif("ok.txt")
    assert code == 0
    assert list(jsonschema.Draft7Validator(SCHEMA).iter_errors(log)) == []
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"]


def test_sarif_uri_of_a_name_with_spaces_and_percent_is_a_valid_relative_reference(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "reply 100% final.txt"
    (tmp_path / name).write_text("We will fix it ASAP.\n", encoding="utf-8")
    _, log = _sarif(name)
    (result,) = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    # RFC 3986: no spaces, "%" only as a percent-escape.
    assert " " not in uri and not re.search(r"%(?![0-9A-Fa-f]{2})", uri), uri
    assert unquote(uri) == name


def test_sarif_stdin_uri(tmp_path):
    code, out, _ = run("--format", "sarif", "-", input="We will fix it ASAP.\n")
    log = json.loads(out)
    assert list(jsonschema.Draft7Validator(SCHEMA).iter_errors(log)) == []
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "stdin"


# --- GitHub ----------------------------------------------------------------------------------------

GITHUB_LINE = re.compile(r"^::(warning|error|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _props(props: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in props.split(","))


def test_github_annotations(drafts):
    code, out, _ = run("--format", "github", "fi.txt", "sub/en.md")
    assert code == 1
    lines = out.splitlines()
    assert lines
    for line in lines:
        match = GITHUB_LINE.match(line)
        assert match, line
        props = _props(match["props"])
        assert {"file", "line", "col", "endLine", "endColumn", "title"} <= set(props)
    first = _props(GITHUB_LINE.match(lines[0])["props"])
    assert first["file"] == "fi.txt" and first["line"] == "3" and first["col"] == "48"
    assert lines[0].startswith("::warning file=fi.txt,line=3,col=48,endLine=3,endColumn=67,title=vague-deadline::")
    assert "Suggestion: maanantaina 23.11. klo 12 mennessä" in lines[0]


def test_github_escapes_percent_comma_and_colon(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "a,b:c%.txt"
    (tmp_path / name).write_text("It is 100% bug-free.\n", encoding="utf-8")
    code, out, _ = run("--format", "github", name)
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith("::warning file=a%2Cb%3Ac%25.txt,line=1,col=7,")
    message = GITHUB_LINE.match(line)["message"]
    assert "100%25 bug-free" in message and "100% " not in message


def test_github_input_errors_are_error_commands(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("--format", "github", "missing,file.txt")
    assert code == 2
    assert out.splitlines() == ["::error file=missing%2Cfile.txt::no such file or directory"]


def test_github_escapes_newlines_in_messages():
    """A message or path with CR/LF must not break out of its workflow command."""
    source = Source(path="dir:x/a,b.txt", text="line one\nwe will fix it soon\n")
    finding = Finding(rule="vague-deadline", severity="warning", message="first\r\nsecond 50%", start=24,
                      end=28, language="en", match="soon", suggestion="by Monday\n23 November")
    report = Report(findings=[locate(source, finding)], errors=[SourceError("bad\nname.txt", "broken\nfile")])
    out = render("github", report, rules=[])
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0] == ("::warning file=dir%3Ax/a%2Cb.txt,line=2,col=16,endLine=2,endColumn=20,title=vague-deadline"
                        "::first%0D%0Asecond 50%25 Suggestion: by Monday%0A23 November")
    assert lines[1] == "::error file=bad%0Aname.txt::broken%0Afile"


def test_text_format_marks_the_phrase(drafts):
    _, out, _ = run("fi.txt")
    lines = out.splitlines()
    head = lines.index("fi.txt:3:48: warning vague-deadline vague time “mahdollisimman pian”: promise an exact time")
    assert lines[head + 1] == "    " + DRAFT_FI.split("\n")[2]
    assert lines[head + 2] == "    " + " " * 47 + "^" * len("mahdollisimman pian")
    assert lines[head + 3] == "    suggestion: maanantaina 23.11. klo 12 mennessä"
    assert "\x1b[" not in out  # no colour when not on a terminal
