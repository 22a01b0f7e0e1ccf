"""Helpdesk macro exports: each known shape, generic JSON/YAML/CSV, placeholders, bad input."""

from __future__ import annotations

import json

import pytest

from deadlint.sources import ExportFields, Source, SourceError, iter_sources
from mail_builders import line_of


def read(path, **options) -> tuple[list[Source], list[SourceError]]:
    results = list(iter_sources([str(path)], **options))
    return ([r for r in results if isinstance(r, Source)], [r for r in results if isinstance(r, SourceError)])


def write_json(tmp_path, data, name="export.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return path


def line_at(source: Source, needle: str) -> int:
    return source.position(source.text.index(needle))[0]


ZENDESK = {"macros": [
    {"id": 11, "title": "Outage", "actions": [
        {"field": "status", "value": "open"},
        {"field": "comment_value", "value": ["channel:all", "Hei {{ticket.requester.first_name}},\n\n"
                                                            "Korjaamme vian mahdollisimman pian."]}]},
    {"id": 12, "title": "Status only", "actions": [{"field": "status", "value": "solved"}]},
    {"id": 13, "title": "HTML reply", "actions": [
        {"field": "comment_value_html", "value": "<p>Hej {{ticket.requester.first_name}},</p>"
                                                 "<p>Vi återkommer snarast.</p>"}]},
], "next_page": None, "count": 3}
FRESHDESK = [
    {"id": 7, "title": "Delay", "content": "We will get back to you ASAP.",
     "content_html": "<div>We will get back to you ASAP.</div>"},
    {"id": 8, "title": "HTML only", "content_html": "<div>Korjaus tulee piakkoin.</div>"},
]
HELPSCOUT = [{"id": 501, "name": "Follow-up", "text": "Hi {%= customer.fname %},\nWe'll keep you posted."}]
INTERCOM = {"type": "list", "data": [
    {"id": "m1", "name": "Thanks", "body_text": 'Hi <attribute key="first_name" default="there"/>, we fix it ASAP.'},
    {"id": "m2", "title": "Html", "body": "<p>Jag återkommer snarast.</p>"},
]}


@pytest.mark.parametrize(("data", "expected"), [
    (ZENDESK, [("macro 11", "Outage", "Korjaamme vian mahdollisimman pian."),
               ("macro 13", "HTML reply", "Vi återkommer snarast.")]),
    (FRESHDESK, [("macro 7", "Delay", "We will get back to you ASAP."),
                 ("macro 8", "HTML only", "Korjaus tulee piakkoin.")]),
    (HELPSCOUT, [("macro 501", "Follow-up", "We'll keep you posted.")]),
    (INTERCOM, [("macro m1", "Thanks", "we fix it ASAP."), ("macro m2", "Html", "Jag återkommer snarast.")]),
], ids=["zendesk", "freshdesk", "helpscout", "intercom"])
def test_each_export_shape_is_recognised_with_lines_in_the_export(tmp_path, data, expected):
    path = write_json(tmp_path, data)
    sources, problems = read(path)
    assert problems == []
    assert [(s.item, s.meta["macro_title"]) for s in sources] == [(item, title) for item, title, _ in expected]
    text = path.read_text()
    for source, (_item, _title, phrase) in zip(sources, expected):
        assert phrase in source.text
        assert source.timeless is True
        assert line_at(source, phrase) == line_of(text, phrase)


def test_freshdesk_prefers_plain_content_over_its_html_twin(tmp_path):
    sources, _ = read(write_json(tmp_path, FRESHDESK))
    assert sources[0].text.count("ASAP") == 1


@pytest.mark.parametrize("placeholder", ["{{ticket.requester.first_name}}", "{%= customer.fname %}",
                                         '<attribute key="first_name" default="there"/>'])
def test_placeholders_are_masked_and_if_branches_still_linted(placeholder, findings_of):
    text = f"Hi {placeholder},\n{{% if ticket.priority == 'urgent' %}}We will fix it ASAP.{{% endif %}}\n"
    found = findings_of(Source(path="macro", text=text, line_numbers=[4, 4]))
    assert [(line, match) for line, match, rule in found if rule == "vague-deadline"] == [(4, "ASAP")]


def test_yaml_export_block_scalar_lines_follow_the_file(tmp_path):
    path = tmp_path / "replies.yaml"
    path.write_text("saved_replies:\n  - id: 1\n    name: Delay\n    text: |\n      Hei,\n\n"
                    "      Palaamme asiaan mahdollisimman pian.\n  - id: 2\n    name: Short\n"
                    "    text: We will fix it ASAP.\n")
    sources, problems = read(path)
    assert problems == []
    assert [line_at(sources[0], "mahdollisimman"), line_at(sources[1], "ASAP")] == [7, 10]


def test_generic_csv_names_its_fields_and_keeps_multiline_cells_on_their_lines(tmp_path):
    path = tmp_path / "canned.csv"
    path.write_text('key,label,reply\nk1,Delay,"Hei,\nkorjaamme mahdollisimman pian."\nk2,Other,Kiitos!\n')
    sources, problems = read(path, export_fields=ExportFields(text=("reply",), id="key", title="label"))
    assert problems == []
    assert [(s.item, s.meta["macro_title"]) for s in sources] == [("macro k1", "Delay"), ("macro k2", "Other")]
    assert line_at(sources[0], "korjaamme") == 3 and line_at(sources[1], "Kiitos") == 4


def test_generic_json_with_dotted_fields(tmp_path):
    path = write_json(tmp_path, {"templates": [{"uid": "t1", "meta": {"label": "A"},
                                                "body": {"plain": "We'll fix it ASAP."}}]})
    sources, _ = read(path, export_fields=ExportFields(text=("body.plain",), id="uid", title="meta.label"))
    assert (sources[0].item, sources[0].meta["macro_title"], sources[0].text) == ("macro t1", "A", "We'll fix it ASAP.\n")


def test_exports_are_walked_only_when_include_asks(tmp_path):
    write_json(tmp_path, HELPSCOUT, "replies.json")
    assert [type(r).__name__ for r in iter_sources([str(tmp_path)])] == ["SourceError"]
    assert [s.item for s in iter_sources([str(tmp_path)], include=("*.json",))] == ["macro 501"]


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("bad.json", '{"macros": [\n  {"id": 1, "title": "x"\n]}',
     "invalid JSON: Expecting ',' delimiter at line 3, column 1"),
    ("bad.yaml", "macros:\n  - id: 1\n   title: [oops\n", "invalid YAML"),
    ("odd.json", '[{"id": 1, "subject": "x", "message": "ASAP"}]',
     "unknown export shape: records have fields id, message, subject; expected (Zendesk macros, "
     "Freshdesk canned responses, Help Scout saved replies, Intercom macros), or name the text field "
     "for a generic export"),
    ("scalar.json", '"just a string"', "unknown export shape: expected a list of macro objects"),
    ("empty.json", '{"macros": []}', "the export holds no macros"),
])
def test_bad_exports_are_one_error_naming_the_file(tmp_path, name, content, problem):
    (tmp_path / name).write_text(content)
    sources, problems = read(tmp_path / name)
    assert sources == []
    assert len(problems) == 1 and problems[0].path == str(tmp_path / name)
    assert problems[0].problem.startswith(problem)


def test_macro_dates_get_an_info_note_and_suggestions_stay_relative(tmp_path):
    import json as _json

    from click.testing import CliRunner

    from deadlint.cli import main

    export = tmp_path / "macros.json"
    export.write_text(_json.dumps({"macros": [{"id": 7, "title": "Asennus", "actions": [{
        "field": "comment_value",
        "value": "Asennus tehdään maanantaina 23.11. Palaamme asiaan mahdollisimman pian.",
    }]}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(export), "--now", "2026-11-20T10:00",
                                       "--min-severity", "info", "--format", "json"])
    findings = {f["rule"]: f for f in _json.loads(result.output)["findings"]}
    assert findings["macro-absolute-date"]["severity"] == "info"
    assert "deadline-past" not in findings and "weekday-mismatch" not in findings
    assert findings["vague-deadline"]["suggestion"] == "yhden arkipäivän kuluessa"


def test_json_export_findings_point_at_the_files_line_and_column(tmp_path):
    import json as _json

    from click.testing import CliRunner

    from deadlint.cli import main

    export = tmp_path / "zendesk.json"
    export.write_text('{"macros": [{"id": 7, "title": "Outage", "actions": [{"field": "comment_value", '
                      '"value": "Hi,\\nWe will fix this ASAP."}]}]}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(export), "--now", "2026-11-20T10:00", "--format", "json"])
    (finding,) = _json.loads(result.output)["findings"]
    line = export.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert line[finding["column"] - 1:finding["end_column"] - 1] == "ASAP"
