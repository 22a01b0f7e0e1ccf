"""docs/rules/*.md and `deadlint rules --explain` are rendered from the same rule metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clirun import invoke
from deadlint.rules.pages import SECTIONS, rule_page, split_sections

DOCS = Path(__file__).parent.parent / "docs" / "rules"
_RULE_IDS = [page.stem for page in DOCS.glob("*.md") if page.stem != "README"]


def test_docs_rules_match_the_metadata(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the packaged policy, not a .deadlint.yaml above the checkout
    code, _, err = invoke("rules", "--markdown", tmp_path / "rules")
    assert code == 0, err
    generated = {page.name: page.read_text(encoding="utf-8") for page in (tmp_path / "rules").iterdir()}
    committed = {page.name: page.read_text(encoding="utf-8") for page in DOCS.glob("*.md")}
    stale = sorted(name for name in generated.keys() | committed.keys() if generated.get(name) != committed.get(name))
    assert not stale, f"docs/rules is out of date ({', '.join(stale)}): run `deadlint rules --markdown docs/rules`"


def test_every_builtin_rule_documents_each_section(ruleset):
    for rule in ruleset.rules.values():
        assert tuple(split_sections(rule.doc)) == SECTIONS, rule.id


@pytest.mark.parametrize("rule_id", ["vague-deadline", "wide-time-window", "non-business-day"])
def test_explain_and_the_page_say_the_same(ruleset, rule_id):
    code, text, _ = invoke("rules", "--explain", rule_id)
    page = (DOCS / f"{rule_id}.md").read_text(encoding="utf-8")
    assert code == 0
    for section in rule_page(ruleset.rules[rule_id], ruleset.policy).sections.values():
        first_words = section.split("\n")[0][1:]  # the page capitalises the first letter
        assert first_words in text and first_words in page
    for option in rule_page(ruleset.rules[rule_id], ruleset.policy).options:
        assert option.key in text and f"`{option.key}`" in page


def test_policy_values_show_on_the_page(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text("languages:\n  fi: {max_window_hours: 3.5}\n", encoding="utf-8")
    _, text, _ = invoke("rules", "--explain", "wide-time-window", "--config", policy)
    assert "languages.<lang>.max_window_hours = en: 2, fi: 3.5, sv: 2" in text


def test_a_doc_without_labels_is_all_what():
    assert split_sections("Flags X.\n\nMore about X.") == {"What": "Flags X.\n\nMore about X."}


def test_markdown_into_an_unwritable_place_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = invoke("rules", "--markdown", blocker / "rules")
    assert code == 2 and err.startswith("deadlint: error: --markdown ") and err.count("\n") == 1


@pytest.mark.parametrize("rule_id", sorted(set(_RULE_IDS) - {"macro-absolute-date"}))  # that one needs a macro export
def test_each_rules_example_fires_it(ruleset, lint, rule_id):
    """The page's example is a real case: every quoted sentence in it makes the rule fire."""
    examples = re.findall(r'"([^"]+)"', split_sections(ruleset.rules[rule_id].doc)["Example"])
    assert examples
    for text in examples:
        assert rule_id in {f.rule for f in lint(text)}, text
