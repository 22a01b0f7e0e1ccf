"""Combine the maskers into the authored view of a source."""

from __future__ import annotations

from dataclasses import dataclass

from deadlint.extract.markup import common_spans, markdown_spans
from deadlint.extract.masking import mask_spans
from deadlint.extract.quotes import quote_and_signature_spans
from deadlint.extract.suppress import Suppression, find_suppressions
from deadlint.sources import Source


@dataclass
class Authored:
    """The source text with everything but the sender's own prose blanked."""

    source: Source
    text: str
    suppressions: list[Suppression]

    def suppressed(self, offset: int, rule: str) -> bool:
        return any(s.covers(offset, rule) for s in self.suppressions)


def extract(source: Source) -> Authored:
    text = source.text
    spans = common_spans(text)
    if source.kind == "markdown":
        spans += markdown_spans(text)
    # Quote detection runs on the text with markup already blanked, so a URL
    # or a code block cannot look like a reply header.
    # A Windows line ending's \r becomes a space, so every later stage sees one
    # kind of newline ("\r\n\r\n" is a paragraph break) with offsets unchanged.
    prose = mask_spans(text, spans).replace("\r", " ")
    prose = mask_spans(prose, quote_and_signature_spans(prose, written=text.replace("\r", " ")))
    return Authored(source=source, text=prose, suppressions=find_suppressions(text))
