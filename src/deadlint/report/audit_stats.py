"""Figures of an audit for the HTML report, from findings as JSON (a check's or an audit's)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# The rules whose findings are vague promises, the trend the report draws; the
# date checks (a past deadline, a weekday that does not match) are mistakes, not vagueness.
VAGUE_PROMISE_RULES = ("vague-deadline", "no-update-time", "overpromise", "hedged-commitment", "wide-time-window")
TOP_PHRASES = 15
SAMPLES = 12
_SPACES = re.compile(r"\s+")


@dataclass
class Phrase:
    text: str  # as first written
    rule: str
    language: str
    count: int = 0
    suggestions: Counter = field(default_factory=Counter)

    @property
    def suggestion(self) -> str | None:
        """The suggestion given most often (suggestions follow each message's send time)."""
        return self.suggestions.most_common(1)[0][0] if self.suggestions else None


@dataclass
class AuditStats:
    drafts: int
    findings: int
    errors: int
    languages: list[str]
    by_rule_language: dict[str, Counter]  # rule -> language -> count
    months: list[str]  # every month from the first to the last, "2026-11"
    vague_by_month: dict[str, Counter]  # month -> rule -> count
    undated: int  # vague promises in messages without a Date
    phrases: list[Phrase]
    samples: list[dict]


def audit_stats(findings: list[dict], summary: dict) -> AuditStats:
    by_rule_language: dict[str, Counter] = defaultdict(Counter)
    vague_by_month: dict[str, Counter] = defaultdict(Counter)
    phrases: dict[tuple, Phrase] = {}
    undated = 0
    for finding in findings:
        rule, language = finding["rule"], finding.get("language") or "?"
        by_rule_language[rule][language] += 1
        if rule in VAGUE_PROMISE_RULES:
            if finding.get("sent_at"):
                vague_by_month[finding["sent_at"][:7]][rule] += 1
            else:
                undated += 1
        key = (rule, language, _SPACES.sub(" ", finding["match"]).strip().lower())
        phrase = phrases.setdefault(key, Phrase(_SPACES.sub(" ", finding["match"]).strip(), rule, language))
        phrase.count += 1
        if finding.get("suggestion"):
            phrase.suggestions[finding["suggestion"]] += 1
    languages = sorted({language for counts in by_rule_language.values() for language in counts})
    return AuditStats(
        drafts=summary.get("drafts", 0), findings=len(findings), errors=len(summary.get("errors", [])),
        languages=languages,
        by_rule_language=dict(sorted(by_rule_language.items(), key=lambda item: -sum(item[1].values()))),
        months=_month_range(sorted(vague_by_month)), vague_by_month=dict(vague_by_month), undated=undated,
        phrases=sorted(phrases.values(), key=lambda phrase: (-phrase.count, phrase.text))[:TOP_PHRASES],
        samples=_samples(findings),
    )


def _month_range(months: list[str]) -> list[str]:
    """Every month between the first and last, so a quiet month shows as a gap, not as nothing."""
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= months[-1]:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _samples(findings: list[dict]) -> list[dict]:
    """One finding of each rule and language first (in archive order), then the next ones."""
    firsts: dict[tuple, dict] = {}
    for finding in findings:
        firsts.setdefault((finding["rule"], finding.get("language")), finding)
    chosen = list(firsts.values())[:SAMPLES]
    taken = {id(finding) for finding in chosen}
    chosen += [finding for finding in findings if id(finding) not in taken][:SAMPLES - len(chosen)]
    return chosen
