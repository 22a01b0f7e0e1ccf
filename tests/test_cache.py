"""The disk cache of compiled phrase patterns gives the same rules as compiling afresh."""

from __future__ import annotations

from deadlint.config import load_policy
from deadlint.rules.registry import RuleSet, plugin_manager

TEXT = "We'll keep you posted. Please reply ASAP. See you soon!"


def _findings(lang: str, text: str) -> list[tuple[str, str]]:
    from deadlint.engine import Linter
    from deadlint.sources import Source

    ruleset = RuleSet(plugin_manager(), load_policy(None))
    linter = Linter(ruleset, language=lang, now=None, min_severity="info", select={"vague-deadline", "no-update-time"})
    return [(f.rule, f.match) for f in linter.check(Source(path="t", text=text)).findings]


def test_cached_patterns_match_freshly_compiled_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("DEADLINT_CACHE_DIR", "")
    fresh = _findings("en", TEXT)
    monkeypatch.setenv("DEADLINT_CACHE_DIR", str(tmp_path))
    first = _findings("en", TEXT)  # compiles and writes the cache
    (cached,) = tmp_path.glob("patterns-en-*.json")
    second = _findings("en", TEXT)  # reads it
    assert fresh == first == second == [("no-update-time", "keep you posted"), ("vague-deadline", "ASAP")]
    cached.write_text("{broken", encoding="utf-8")
    assert _findings("en", TEXT) == fresh  # a damaged cache is rebuilt, not trusted
