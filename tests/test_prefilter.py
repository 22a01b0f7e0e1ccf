"""The text prefilter only ever skips work: findings are the same without it,
and a draft no rule can fire on is checked without loading spaCy."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from deadlint.config import load_policy
from deadlint.engine import Linter
from deadlint.rules.prefilter import TextPrefilter
from deadlint.rules.registry import RuleSet, plugin_manager
from deadlint.sources import Source

CORPUS = Path(__file__).parent / "corpus"
NOW = datetime(2026, 11, 20, 10, 0)


def _corpus_texts(lang: str) -> list[str]:
    return [item["text"] for path in sorted(CORPUS.glob(f"*{lang}.yaml"))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_findings_are_the_same_without_the_prefilter(lang):
    ruleset = RuleSet(plugin_manager(), load_policy(None))
    filtered = Linter(ruleset, language=lang, now=NOW, min_severity="info")
    unfiltered = Linter(ruleset, language=lang, now=NOW, min_severity="info")
    unfiltered.rules = [dataclasses.replace(rule, prefilter=None) for rule in unfiltered.rules]
    skipped = 0
    for text in _corpus_texts(lang):
        assert _found(filtered, text) == _found(unfiltered, text), text
        skipped += not any(r.prefilter(text.lower(), _context(filtered, lang)) for r in filtered.rules if r.prefilter)
    assert skipped > 0  # the comparison covered texts the prefilter does skip


def _found(linter: Linter, text: str) -> list[tuple[str, int, int]]:
    return [(f.rule, f.start, f.end) for f in linter.check(Source(path="t", text=text)).findings]


def _context(linter: Linter, lang: str):
    from deadlint.rules.context import CheckContext

    return CheckContext(lang=lang, now=NOW, policy=linter.languages[lang], index=linter.ruleset.index(lang))


def test_regex_anchors_are_searched_only_when_context_free():
    assert TextPrefilter([frozenset({("regex", "soo+n")})]).may_match("back sooon!")
    assert not TextPrefilter([frozenset({("regex", "soo+n")})]).may_match("back next week")
    # "^soon$" fits a token but not a search through a whole text: such a pattern is always run.
    assert TextPrefilter([frozenset({("regex", "^soon$")})]).may_match("anything")
    assert TextPrefilter([None]).may_match("a pattern without an anchor is always run")
    assert TextPrefilter([frozenset({("word", "asap"), ("prefix", "lähipäiv")})]).may_match("lähipäivinä")


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_a_draft_without_anything_to_flag_is_checked_without_spacy():
    code = """
import sys
from deadlint.cli import load_ruleset
from deadlint.engine import Linter
from deadlint.sources import Source
ruleset, _ = load_ruleset(None)
linter = Linter(ruleset)
clean = linter.check(Source(path="a", text="Hei Jane,\\n\\nKiitos viestistä. Tilaus on toimitettu.\\n"))
print(len(clean.findings), "spacy" in sys.modules)
vague = linter.check(Source(path="b", text="Hei Jane,\\n\\nKorjaamme tämän mahdollisimman pian.\\n"))
print(len(vague.findings), "spacy" in sys.modules, "requests" in sys.modules)
"""
    assert _run(code).splitlines() == ["0 False", "1 True False"]


def test_spacy_cli_still_loads_on_first_use():
    code = """
import sys
from deadlint.nlp.spacy_import import import_spacy
spacy = import_spacy()
print("typer" in sys.modules, callable(spacy.info))
print(callable(spacy.cli.download), "typer" in sys.modules)
import spacy.cli
print(type(sys.modules["spacy.cli"]).__name__)
"""
    assert _run(code).splitlines() == ["False True", "True True", "module"]


def test_no_anchor_sought_between_letters_is_a_token_cut_from_a_word():
    """The prefilter looks for a letters-only anchor where no letter touches it
    ("day" not in "today"). Tokens the tokenizer cuts from inside a run of
    letters ("gonna" -> "gon" + "na", "won't" -> "wo" + "n't") must be sought
    inside words instead, in phrases and cues alike."""
    from deadlint.nlp.pipeline import get_nlp
    from deadlint.rules.prefilter import _LETTERS, carved_tokens

    ruleset = RuleSet(plugin_manager(), load_policy(None))
    english = ruleset.index("en")
    for text in ("I'm gonna fix it.", "It won't take long."):
        assert english.has_cue(get_nlp("en", english.uses_lemmas)(text)[:], "commitment"), text
    for lang in ruleset.languages:
        index = ruleset.index(lang)
        after_letter, before_letter = carved_tokens(get_nlp(lang).tokenizer)
        for compiled in index._compiled.values():
            for kind, text in compiled.anchor or ():
                if kind == "regex" or not _LETTERS.fullmatch(text):
                    continue
                assert text not in after_letter | before_letter, (lang, kind, text)
                assert kind == "suffix" or not any(t.startswith(text) for t in after_letter), (lang, kind, text)
                assert kind == "prefix" or not any(t.endswith(text) for t in before_letter), (lang, kind, text)


def test_letters_only_anchors_are_found_only_at_token_edges():
    prefilter = TextPrefilter([frozenset({("word", "day")}), frozenset({("prefix", "lähipäiv")}),
                               frozenset({("suffix", "ade")}), frozenset({("word", "n't")})])
    assert prefilter.may_match("any day now") and prefilter.may_match("a 2-day job") and prefilter.may_match("2day")
    assert not prefilter.may_match("today")
    assert prefilter.may_match("lähipäivinä") and not prefilter.may_match("alähipäivinä")
    assert prefilter.may_match("fixed by lemonade") and not prefilter.may_match("a shady deal")
    assert prefilter.may_match("we can't")  # not letters only: found anywhere, as before
