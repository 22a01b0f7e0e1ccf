"""The generic rule behind every phrase-data rule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from deadlint.findings import Finding
from deadlint.nlp import Chunk


@dataclass
class PhraseRule:
    """Turns the chunk's phrase hits for ``rule_id`` into findings.

    ``message`` is an English template with ``{match}``; the suggestion comes
    from the language's ``suggest`` template with ``{deadline}`` filled in.
    """

    rule_id: str
    message: str

    @staticmethod
    def may_fire(lowered: str, context) -> bool:
        return context.index.may_match(lowered)

    def __call__(self, chunk: Chunk) -> Iterator[Finding]:
        context = chunk.context
        settings = context.index.rule_settings.get(self.rule_id, {})
        for hit in chunk.hits.get(self.rule_id, ()):
            template = hit.entry.suggest or settings.get("suggest")
            suggestion = _fill(template, context) if template else None
            fix = settings.get("fix", False) if hit.entry.fix is None else hit.entry.fix
            yield Finding(
                rule=self.rule_id,
                severity="",  # the engine applies the policy's severity
                message=self.message.format(match=hit.text),
                start=chunk.offset + hit.start,
                end=chunk.offset + hit.end,
                language=chunk.lang,
                match=hit.text,
                suggestion=suggestion,
                replacement=suggestion if fix else None,
                yields=not hit.own_time,
            )


def _fill(template: str, context) -> str:
    if "{deadline}" in template:
        return template.replace("{deadline}", context.suggested_deadline)
    return template
