"""Rule sets kept warm between requests, one per policy file (and its version).

``deadlint.cli.load_ruleset`` asks ``memo`` when the worker has set it: a
child forked from a worker that has already loaded the policy skips reading
YAML and compiling Matchers, the bulk of a one-draft check once spaCy is in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


class RulesetMemo:
    """Rule sets keyed by the policy file's path and stat; ``on_miss`` hears of
    files loaded in a child, so that the parent loads them too."""

    def __init__(self) -> None:
        self._sets: dict[tuple, tuple] = {}
        self.on_miss: Callable[[Path], None] | None = None

    def get(self, user_file: Path | None, load: Callable[[Path | None], tuple]) -> tuple:
        key = _identity(user_file)
        if key is None:
            return load(user_file)
        if key not in self._sets:
            self._sets[key] = load(user_file)
            if self.on_miss is not None and user_file is not None:
                self.on_miss(user_file)
        ruleset, problems = self._sets[key]
        return ruleset, list(problems)


def _identity(user_file: Path | None) -> tuple | None:
    if user_file is None:
        return (None,)
    try:
        info = os.stat(user_file)
    except OSError:
        return None  # let the loader report it
    return (os.path.abspath(user_file), info.st_ino, info.st_mtime_ns, info.st_size)


def warm_policy(user_file: Path | None):
    """Load (once) the rule set of a policy and build every language's pipeline for it."""
    from deadlint import cli
    from deadlint.engine import Linter

    if cli.ruleset_memo is None:
        cli.ruleset_memo = RulesetMemo()
    ruleset, _ = cli.load_ruleset(user_file)
    Linter(ruleset).warm_up(rare_parts=True)
    return ruleset
