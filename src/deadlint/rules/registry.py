"""Load plugins and assemble the rule set for one policy."""

from __future__ import annotations

from collections import defaultdict

import pluggy

from deadlint.config import Policy
from deadlint.rules import builtin, hookspec
from deadlint.rules.model import PhraseData, Rule
from deadlint.rules.phrases import PhraseIndex

ENTRY_POINT_GROUP = "deadlint"


class RuleLoadError(ValueError):
    """A plugin that cannot be loaded or that clashes with another."""


def plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager("deadlint")
    manager.add_hookspecs(hookspec)
    manager.register(builtin, name="deadlint.core")
    try:
        manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    except Exception as exc:  # a broken third-party pack: name it, do not crash
        raise RuleLoadError(f"cannot load a deadlint plugin: {exc}") from None
    return manager


class RuleSet:
    """Every rule and every language's phrase data, for one policy."""

    def __init__(self, manager: pluggy.PluginManager, policy: Policy):
        self.manager = manager
        self.policy = policy
        self.rules: dict[str, Rule] = {}
        try:
            rule_lists, phrase_lists = manager.hook.deadlint_rules(), manager.hook.deadlint_phrases()
        except Exception as exc:  # a third-party pack's bug: name it in one line, do not crash
            raise RuleLoadError(f"a deadlint plugin failed to load its rules: {exc}") from None
        for rules in rule_lists:
            for rule in rules:
                if rule.id in self.rules:
                    raise RuleLoadError(f"rule {rule.id!r} is defined by both {self.rules[rule.id].pack} and {rule.pack}")
                self.rules[rule.id] = rule
        self.phrase_data: dict[str, list[PhraseData]] = defaultdict(list)
        for datasets in phrase_lists:
            for data in datasets:
                self.phrase_data[data.language].append(data)
                for rule_id in data.data.get("rules") or {}:
                    if rule_id in self.rules:
                        self.rules[rule_id].languages.setdefault(data.language, data.pack)
        self._indexes: dict[str, PhraseIndex] = {}

    @property
    def languages(self) -> list[str]:
        return sorted(self.phrase_data)

    def index(self, lang: str) -> PhraseIndex:
        """The compiled phrase index of a language, built on first use."""
        if lang not in self._indexes:
            self._indexes[lang] = PhraseIndex(lang, self.phrase_data[lang], self.policy.phrase_overrides(lang))
        return self._indexes[lang]

    def active(self, select: set[str] | None, ignore: set[str]) -> list[Rule]:
        chosen = [r for r in self.rules.values() if self.policy.rule_enabled(r.id)]
        if select:
            chosen = [r for r in chosen if r.id in select]
        return [r for r in chosen if r.id not in ignore]
