"""The core's own plugin: the rule definitions every language pack fills in."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from deadlint.rules import hookimpl
from deadlint.rules.deadline_rule import DeadlineRule
from deadlint.rules.model import Rule
from deadlint.rules.phrase_rule import PhraseRule

PACK = "deadlint (core)"
DEADLINE_LANGUAGES = ("en", "fi", "sv")


@cache
def _definitions() -> dict:
    text = (resources.files("deadlint.rules") / "builtin.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@hookimpl
def deadlint_rules() -> list[Rule]:
    return [
        Rule(id=rule_id, pack=PACK, summary=spec["summary"], doc=spec["doc"].strip(),
             severity=spec["severity"], check=(check := _check_for(rule_id, spec)), prefilter=check.may_fire,
             yields_to=tuple(spec.get("yields_to", ())), options=dict(spec.get("options", {})),
             # The deadline grammar is the core's own, for these languages.
             languages=dict.fromkeys(DEADLINE_LANGUAGES, PACK) if spec.get("kind") == "deadline" else {})
        for rule_id, spec in _definitions().items()
    ]


def _check_for(rule_id: str, spec: dict):
    if spec.get("kind") == "deadline":
        return DeadlineRule(rule_id)
    return PhraseRule(rule_id, spec["message"])
