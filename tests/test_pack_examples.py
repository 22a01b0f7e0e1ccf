"""Every rule example a pack ships (`flag:` / `ok:` per language) is a test case."""

from __future__ import annotations

import pytest

from deadlint.rules.registry import RuleSet, plugin_manager
from deadlint.config import load_policy

_RULESET = RuleSet(plugin_manager(), load_policy(None))
CASES = [
    pytest.param(lang, rule, kind, text, id=f"{lang}-{rule}-{kind}-{i}")
    for lang in _RULESET.languages
    for rule, examples in _RULESET.index(lang).examples.items()
    for kind in ("flag", "ok")
    for i, text in enumerate(examples[kind])
]


def test_every_phrase_rule_has_examples_in_every_language():
    for lang in _RULESET.languages:
        examples = _RULESET.index(lang).examples
        for rule in ("vague-deadline", "no-update-time", "overpromise", "hedged-commitment"):
            assert examples[rule]["flag"] and examples[rule]["ok"], (lang, rule)


@pytest.mark.parametrize(("lang", "rule", "kind", "text"), CASES)
def test_pack_example(lint, lang, rule, kind, text):
    fired = {f.rule for f in lint(text, lang)}
    if kind == "flag":
        assert rule in fired, f"{rule} should flag: {text}"
    else:
        assert rule not in fired, f"{rule} should stay silent: {text}"
