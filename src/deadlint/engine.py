"""Wire the stages together: source -> authored text -> language -> doc -> rules -> findings."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from deadlint.config import Policy
from deadlint.deadlines.calendar import reference_problem
from deadlint.extract import extract
from deadlint.findings import Finding, severity_rank
from deadlint.language import split_by_language
from deadlint.nlp import make_chunk
from deadlint.rules.clauses import MAIN_CLAUSE_BREAK
from deadlint.rules.context import CheckContext
from deadlint.rules.registry import RuleSet
from deadlint.sources import Source, SourceError
from deadlint.sources.mail import where


@dataclass
class DraftResult:
    source: Source
    findings: list[Finding]


class Linter:
    """Checks drafts against one policy; build once, call ``check`` per draft."""

    def __init__(
        self,
        ruleset: RuleSet,
        *,
        select: set[str] | None = None,
        ignore: set[str] = frozenset(),
        min_severity: str | None = None,
        language: str | None = None,
        now: datetime | None = None,
        timezone: str | None = None,
    ):
        self.ruleset = ruleset
        self.policy: Policy = ruleset.policy
        self.rules = ruleset.active(select, set(ignore))
        self.min_rank = severity_rank(min_severity or self.policy.min_severity)
        self.language = language
        self.now = now
        self.languages = dict(self.policy.languages)
        if timezone:
            self.languages = {k: dataclasses.replace(v, timezone=timezone) for k, v in self.languages.items()}
        self._calendars: dict = {}

    def check(self, source: Source, *, now: datetime | None = None, language: str | None = None) -> DraftResult:
        """Findings of one draft; ``now`` and ``language`` override the linter's for this call."""
        authored = extract(source)
        text = authored.text
        language = language or self.language
        runs = ([(0, len(text), language)] if language
                else split_by_language(text, self.policy.default_language))
        # A Date header of year 9999 is no send time to count deadlines from.
        sent_at = source.sent_at if source.sent_at and not reference_problem(source.sent_at) else None
        reference = now or self.now or sent_at or datetime.now().astimezone()
        findings: list[Finding] = []
        for run_start, run_end, lang in runs:
            if lang not in self.languages or lang not in self.ruleset.phrase_data:
                continue
            for start, end in pieces(text, run_start, run_end):
                findings += self._check_run(text, start, end, lang, reference, timeless=source.timeless)
        ignored = self._ignored_for(source.path)
        kept = []
        for finding in findings:
            finding.match = source.text[finding.start:finding.end]  # as written, wraps included
            rule = self.ruleset.rules[finding.rule]
            # A rule may pick a finding's severity (an info note); the policy has the last word.
            finding.severity = self.policy.severity(rule.id, finding.severity or rule.severity)
            if (finding.rule in ignored or authored.suppressed(finding.start, finding.rule)
                    or severity_rank(finding.severity) < self.min_rank):
                continue
            kept.append(finding)
        kept = self._drop_yielding(kept, text)
        kept.sort(key=lambda f: (f.start, f.rule))
        return DraftResult(source, kept)

    def check_safely(self, source: Source) -> DraftResult | SourceError:
        """``check``, with a failure on one draft reported as that draft's input
        error (one line, exit 2) instead of ending the run and every other draft's output."""
        try:
            return self.check(source)
        except Exception as exc:  # noqa: BLE001 - a bug met on one draft must not cost the others
            problem = f"{type(exc).__name__}: {exc}".splitlines()[0]
            return SourceError(where(source.path, source.item), f"internal error, not checked: {problem}")

    def warm_up(self, *, rare_parts: bool = False, languages: set[str] | None = None) -> None:
        """Build the languages' pipelines (all, or ``languages``) and the deadline
        engine now, not on first use: forked workers then start warm instead of
        each paying for it. ``rare_parts`` also loads what few drafts need
        (dateparser's parser, for "in 3 days"): worth it for a long-running
        service, not for one folder."""
        reference = self.now or datetime.now().astimezone()
        text = _WARM_UP_TEXT + (_WARM_UP_RARE if rare_parts else "")
        for lang in self.languages:
            if lang in self.ruleset.phrase_data and (languages is None or lang in languages):
                self._check_run(text, 0, len(text), lang, reference)

    def languages_of(self, sources: list[Source]) -> set[str]:
        """The languages these drafts are written in (cheap: no spaCy)."""
        if self.language:
            return {self.language}
        found: set[str] = set()
        for source in sources:
            text = extract(source).text
            found.update(lang for _, _, lang in split_by_language(text, self.policy.default_language))
        return found

    def _check_run(self, text: str, start: int, end: int, lang: str, reference: datetime, *,
                   timeless: bool = False) -> list[Finding]:
        index = self.ruleset.index(lang)
        policy = self.languages[lang]
        context = CheckContext(lang=lang, now=as_aware(reference, policy.timezone), policy=policy,
                               index=index, calendars=self._calendars, timeless=timeless)
        # Rules share prefilters (every phrase rule asks the same anchor question): ask each once.
        prefilters = dict.fromkeys(rule.prefilter for rule in self.rules if rule.check is not None)
        lowered = text[start:end].lower()
        if None not in prefilters and not any(prefilter(lowered, context) for prefilter in prefilters):
            return []  # nothing any rule looks for: no need to tokenize
        chunk = make_chunk(text, start, end, lang, lemmas=index.uses_lemmas, context=context)
        chunk.hits = index.run(chunk)
        findings: list[Finding] = []
        for rule in self.rules:
            if rule.check is not None:
                findings.extend(rule.check(chunk))
        self.ruleset.manager.hook.deadlint_adjust_findings(findings=findings, text=text, language=lang)
        return findings

    def _drop_yielding(self, findings: list[Finding], text: str) -> list[Finding]:
        """Drop a finding whose rule yields to another rule firing in the same
        clause: "I'll look at it when I get a chance and come back to you" is one
        vague promise, not also a missing update time; in "we'll fix it as quickly
        as possible, and we'll keep you posted" the update promise has a clause
        of its own, and its own missing time."""
        yielding = [f for f in findings if f.yields and self.ruleset.rules[f.rule].yields_to]
        if not yielding:
            return findings
        dropped = {id(f) for f in yielding for g in findings
                   if g.rule in self.ruleset.rules[f.rule].yields_to and _same_clause(text, f, g)}
        return [f for f in findings if id(f) not in dropped]

    def _ignored_for(self, path: str) -> set[str]:
        """Rules the policy's per_path_ignores turn off for this path, whether the
        path was given relative to the working directory or absolute."""
        if not self.policy.per_path_ignores:
            return set()
        names = {path, os.path.relpath(path) if not path.startswith("<") else path}
        return {rule for glob, rules in self.policy.per_path_ignores.items()
                if any(fnmatch.fnmatch(name, glob) for name in names) for rule in rules}


# spaCy refuses a text over 1,000,000 characters (its max_length), and marking a
# token as no sentence start costs a pass over the whole doc: a long run is
# checked in pieces, cut at a paragraph break if there is one in the piece's
# last half, else at a line end, else at a space. Few drafts are this long.
MAX_PIECE = 20_000


def pieces(text: str, start: int, end: int, limit: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces of text[start:end], none longer than limit."""
    while end - start > limit:
        window = (start + limit // 2, start + limit)
        cut = next((found + len(mark) for mark in ("\n\n", "\n", " ")
                    if (found := text.rfind(mark, *window)) != -1), start + limit)
        yield start, cut
        start = cut
    yield start, end


# Where one sentence ends and the next begins, for rules that yield to others.
_SENTENCE_BREAK = re.compile(r"[.!?;](?:\s|$)|\n[ \t]*\n")


def _same_clause(text: str, a: Finding, b: Finding) -> bool:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return second.start < first.end or not (_SENTENCE_BREAK.search(text, first.end, second.start)
                                            or MAIN_CLAUSE_BREAK.search(text, first.end, second.start))


# A date, a time and a vague phrase load the deadline engine and the suggestion
# calendar; a relative span loads dateparser's parser.
_WARM_UP_TEXT = "1.12. 12:00 asap."
_WARM_UP_RARE = " In 2 days."


def as_aware(moment: datetime, timezone: str) -> datetime:
    """The reference time in the office's zone; a naive time is taken as office time."""
    zone = ZoneInfo(timezone)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
