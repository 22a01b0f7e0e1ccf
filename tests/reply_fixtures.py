"""Peers' reply-parsing fixtures as a test of what deadlint treats as the sender's own words.

The fixtures (../shared/external/reply-fixtures, see its manifest.json) label every line of a
message: R the new reply, Q quoted history or its header, S signature, M reply and header on one
line, X ambiguous. A vague sentence in the fixture's language is placed next to a few lines of
each run of one label (the first, middle and last) and takes that label: after the last line of
a Q or S paragraph (with the quote prefix of the next line of the run), deadlint must stay silent
on it; before an R line (or inside an M line where its reply part ends), deadlint must flag it. HTML fixtures name an anchor text
in the reply (anchor_B) and one in the quote (anchor_A); the sentence goes right after each.

    python tests/reply_fixtures.py [--verbose]    prints the figures (docs/quoted-text.md)
"""

from __future__ import annotations

import email
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

from deadlint.sources import Source
from deadlint.sources.mail import read_message

# ../shared/external/reply-fixtures of the checkout (or of a folder above a worktree).
ROOT = next((folder / "shared" / "external" / "reply-fixtures" for folder in Path(__file__).resolve().parents
             if (folder / "shared" / "external" / "reply-fixtures").is_dir()),
            Path(__file__).resolve().parents[2] / "shared" / "external" / "reply-fixtures")

SENTENCES = {
    "en": "We will get back to you ASAP.",
    "fi": "Palaamme asiaan mahdollisimman pian.",
    "sv": "Vi återkommer så snart som möjligt.",
}
_QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)+")
# Lines of a run the sentence is placed after: the first, the middle and the last.
_SITES_PER_RUN = 3


@dataclass
class Case:
    fixture: str
    label: str  # "R": must be flagged; "Q" or "S": must stay silent
    where: str  # the line (or anchor) it was placed after, for reports
    quoted: bool  # placed with a ">" prefix
    message: bytes | None  # an e-mail to read, or
    text: str | None  # a plain draft


def manifest() -> list[dict]:
    return json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))


def _prefix(line: str) -> str:
    match = _QUOTE_PREFIX.match(line)
    return match.group() if match else ""


def _paragraph_end(lines: list[str], labels: str, i: int) -> bool:
    """Line i ends a paragraph of its run: the next line is blank, of another label,
    or starts a quote. Placing the sentence there never splits a wrapped header."""
    if i + 1 >= len(lines) or labels[i + 1] != labels[i] or not lines[i + 1].strip():
        return True
    return bool(_prefix(lines[i + 1])) and not _prefix(lines[i])


def _sites(labels: str, lines: list[str]) -> list[int]:
    """Indexes of the lines to place the sentence next to: a few from each run of one label
    (for R any line, for the others the ends of paragraphs)."""
    sites: list[int] = []
    start = 0
    for end in range(1, len(labels) + 1):
        if end == len(labels) or labels[end] != labels[start]:
            run = [i for i in range(start, end) if lines[i].strip()
                   and (labels[i] in "RM" or _paragraph_end(lines, labels, i))] or list(range(start, end))
            picks = {run[0], run[len(run) // 2], run[-1]} if len(run) >= _SITES_PER_RUN else set(run)
            sites.extend(sorted(picks))
            start = end
    return sites


def placed_texts(text: str, labels: str, mcols: dict, sentence: str):
    """(label, where, quoted, new text) for each placement of the sentence in a labelled text."""
    lines = text.split("\n")
    for i in _sites(labels, lines):
        label = labels[i]
        if label == "X":
            continue
        if label == "M":  # the reply part ends at mcols: a sentence written there is reply
            column = mcols[str(i)]
            new = lines[i][:column].rstrip() + " " + sentence + " " + lines[i][column:].lstrip()
            yield "R", f"line {i + 1} col {column}", False, "\n".join(lines[:i] + [new] + lines[i + 1:])
            label = "Q"
        ending = "\r" if lines[i].endswith("\r") else ""
        if label == "R":  # before the line: after the last one it could be a tagline under a name
            new_lines = lines[:i] + [sentence + ending] + lines[i:]
            yield label, f"before line {i + 1}", False, "\n".join(new_lines)
            continue
        # After the line, looking like the next line of the same run (a header's quote body).
        following = next((lines[j] for j in range(i + 1, len(lines)) if labels[j] == label and lines[j].strip()
                          and all(labels[k] == label for k in range(i, j + 1))), lines[i])
        prefix = _prefix(following)
        new_lines = lines[:i + 1] + [prefix + sentence + ending] + lines[i + 1:]
        yield label, f"after line {i + 1}", ">" in prefix, "\n".join(new_lines)


def _body_part(message: EmailMessage, subtype: str) -> EmailMessage:
    return message.get_body((subtype,))


def _with_content(message: EmailMessage, part: EmailMessage, content: str, subtype: str) -> bytes:
    declared = (part.get("content-transfer-encoding") or "8bit").lower()
    cte = declared if declared in ("quoted-printable", "base64") else "8bit"
    part.set_content(content, subtype=subtype, cte=cte)
    return message.as_bytes()


def cases(entry: dict) -> list[Case]:
    path = ROOT / entry["file"]
    sentence = SENTENCES[entry["sentence_lang"]]
    found: list[Case] = []
    if entry["format"] == "txt":
        text = path.read_bytes().decode("utf-8")
        for label, where, quoted, new in placed_texts(text, entry["labels"], entry.get("mcols", {}), sentence):
            found.append(Case(entry["id"], label, where, quoted, None, new))
        return found
    subtype = "html" if entry["format"] == "html" else "plain"
    if subtype == "plain":
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        content = _body_part(message, subtype).get_content()
        for label, where, quoted, new in placed_texts(content, entry["labels"], entry.get("mcols", {}), sentence):
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            raw = _with_content(message, _body_part(message, subtype), new, subtype)
            found.append(Case(entry["id"], label, where, quoted, raw, None))
        return found
    for label, anchor in (("R", entry["anchor_B"]), ("Q", entry["anchor_A"])):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        part = _body_part(message, subtype)
        html = part.get_content()
        at = html.find(anchor)
        if at == -1:
            raise ValueError(f"{entry['id']}: anchor {anchor!r} not in the HTML")
        at += len(anchor)
        raw = _with_content(message, part, html[:at] + " " + sentence + html[at:], subtype)
        found.append(Case(entry["id"], label, f"after {anchor!r}", label == "Q", raw, None))
    return found


def sources_of(case: Case) -> list[Source]:
    if case.text is not None:
        return [Source(path=case.fixture, text=case.text)]
    return [s for s in read_message(case.fixture, case.message) if isinstance(s, Source)]


def flagged(linter, case: Case, sentence: str) -> bool:
    """Whether a finding falls on the placed sentence. A sentence the reader drops with
    its quote container (HTML blockquotes, Gmail's quote div) is not flagged."""
    for source in sources_of(case):
        at = source.text.find(sentence)
        if at != -1 and any(f.start < at + len(sentence) and at < f.end for f in linter.check(source).findings):
            return True
    return False


def fixture_seconds(linter, entry: dict) -> float:
    """Time to check the fixture as it is."""
    raw = (ROOT / entry["file"]).read_bytes()
    sources = ([Source(path=entry["id"], text=raw.decode("utf-8"))] if entry["format"] == "txt"
               else [s for s in read_message(entry["id"], raw) if isinstance(s, Source)])
    start = time.perf_counter()
    for source in sources:
        linter.check(source)
    return time.perf_counter() - start


@dataclass
class Figures:
    silent: int = 0
    quoted_total: int = 0
    flagged: int = 0
    reply_total: int = 0
    slowest: tuple[float, str] = (0.0, "")

    @property
    def silent_rate(self) -> float:
        return self.silent / self.quoted_total

    @property
    def flagged_rate(self) -> float:
        return self.flagged / self.reply_total


def measure(linter, entries: list[dict] | None = None, misses: list | None = None,
            by_group: dict | None = None) -> Figures:
    figures = Figures()
    for entry in entries if entries is not None else manifest():
        seconds = fixture_seconds(linter, entry)
        figures.slowest = max(figures.slowest, (seconds, entry["id"]))
        if entry.get("perf_only"):
            continue
        sentence = SENTENCES[entry["sentence_lang"]]
        for case in cases(entry):
            hit = flagged(linter, case, sentence)
            right = hit if case.label == "R" else not hit
            if case.label == "R":
                figures.reply_total += 1
                figures.flagged += hit
            else:
                figures.quoted_total += 1
                figures.silent += not hit
            if by_group is not None:
                key = (entry["source"], case.label if case.label == "R" else ("Q>" if case.quoted else "Q/S"))
                by_group.setdefault(key, Counter())[right] += 1
            if misses is not None and not right:
                misses.append(case)
    return figures


def main() -> None:
    import argparse
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from deadlint.config import load_policy
    from deadlint.engine import Linter
    from deadlint.rules.registry import RuleSet, plugin_manager

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong case")
    args = parser.parse_args()
    now = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    linter = Linter(RuleSet(plugin_manager(), load_policy(None)), now=now, min_severity="info")
    misses: list[Case] = []
    groups: dict = {}
    figures = measure(linter, misses=misses, by_group=groups)
    print(f"quoted/signature placements silent: {figures.silent}/{figures.quoted_total} "
          f"({figures.silent_rate:.1%})")
    print(f"reply placements flagged: {figures.flagged}/{figures.reply_total} ({figures.flagged_rate:.1%})")
    print(f"slowest fixture: {figures.slowest[1]} {figures.slowest[0]:.2f} s")
    for (source, kind), counts in sorted(groups.items()):
        print(f"  {source:32s} {kind:4s} {counts[True]}/{counts[True] + counts[False]}")
    if args.verbose:
        by_fixture = defaultdict(list)
        for case in misses:
            by_fixture[case.fixture].append(f"{case.label} {case.where}")
        for fixture, wrong in sorted(by_fixture.items()):
            print(fixture, "; ".join(wrong))


if __name__ == "__main__":
    main()
