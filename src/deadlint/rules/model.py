"""What plugins hand to the core."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deadlint.findings import Finding
    from deadlint.nlp import Chunk
    from deadlint.rules.context import CheckContext


@dataclass(frozen=True)
class PhraseData:
    """Phrase YAML of one language from one pack."""

    language: str
    pack: str
    path: str
    data: dict[str, Any]


@dataclass
class Rule:
    """A rule and its documentation page.

    ``doc`` is a paragraph each of "What:", "Why:", "Example:" and "Fix:", as
    shown by ``deadlint rules --explain ID`` and docs/rules/ID.md. ``check`` yields findings for one chunk of
    one language; phrase rules leave it unset and are driven by phrase data.
    """

    id: str
    pack: str
    summary: str
    doc: str
    severity: str = "warning"
    check: Callable[[Chunk], Iterable[Finding]] | None = None
    # A cheap test on a language run's lowercased text, before any spaCy work:
    # False promises that ``check`` finds nothing in it, so a draft no rule can
    # fire on is never tokenized. None (the default): always run ``check``.
    prefilter: Callable[[str, CheckContext], bool] | None = None
    languages: dict[str, str] = field(default_factory=dict)  # language -> pack giving its phrases
    # Per-language policy keys the rule reads (languages.<lang>.KEY) -> what they change, for its page.
    options: dict[str, str] = field(default_factory=dict)
    # Rules whose finding in the same sentence makes this one redundant: "we'll
    # get back to you ASAP" is a vague deadline, not also a missing update time.
    yields_to: tuple[str, ...] = ()
