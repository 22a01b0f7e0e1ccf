"""Everything a rule pack needs, in one import.

    from deadlint.plugin import hookimpl, Rule, PhraseRule, Finding, PhraseData, load_phrase_file

See docs/writing-a-rule-pack.md, examples/rule-pack (a pack with a rule of
its own) and plugins/deadlint_en (phrases for the core's rules).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from deadlint.findings import Finding
from deadlint.nlp import Chunk
from deadlint.rules import hookimpl
from deadlint.rules.model import PhraseData, Rule
from deadlint.rules.phrase_rule import PhraseRule

__all__ = ["Chunk", "Finding", "PhraseData", "PhraseRule", "Rule", "hookimpl", "load_phrase_file",
           "phrase_pack_hook"]


def load_phrase_file(path: Path, pack: str) -> PhraseData:
    """Read a pack's phrase YAML; its ``language`` key says which language it serves."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or not isinstance(data.get("language"), str):
        raise ValueError(f"{path}: a phrase file needs a top-level 'language:' key")
    return PhraseData(language=data["language"], pack=pack, path=str(path), data=data)


def phrase_pack_hook(module_file: str, pack: str):
    """A ready ``deadlint_phrases`` hook serving the ``phrases.yaml`` beside a pack's module.

        deadlint_phrases = phrase_pack_hook(__file__, "deadlint-xx")
    """
    path = Path(module_file).with_name("phrases.yaml")

    @hookimpl
    def deadlint_phrases() -> list[PhraseData]:
        return [load_phrase_file(path, pack)]

    return deadlint_phrases
