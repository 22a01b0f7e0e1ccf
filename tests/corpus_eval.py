"""Score deadlint's phrase rules on the labelled corpus (tests/corpus/*.yaml).

Run as a script to see the table and every miss and false alarm:

    python tests/corpus_eval.py [en|fi|sv ...] [--set holdout]
    python tests/corpus_eval.py [en|fi|sv ...] --all     (every set, one line each, and pooled)

Scoring is per item and rule: a rule that fires on an item labelled with it is
a true positive, on an item not labelled with it a false positive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"
RULES = ("vague-deadline", "no-update-time", "overpromise", "hedged-commitment")
DEADLINE_RULES = ("weekday-mismatch", "deadline-past", "non-business-day", "wide-time-window")


def scored_rules(items: list[dict]) -> tuple[str, ...]:
    """The phrase rules, plus the deadline rules for a corpus that labels them
    (its texts are dated Friday 2026-11-20 10:00, the reference time)."""
    labelled = {rule for item in items for rule in item["rules"]}
    return RULES + DEADLINE_RULES if labelled & set(DEADLINE_RULES) else RULES


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 1.0


def load_items(lang: str, name: str | None = None) -> list[dict]:
    return yaml.safe_load((CORPUS / f"{name or lang}.yaml").read_text(encoding="utf-8"))


def evaluate(lint, lang: str, items: list[dict]) -> dict[str, Score]:
    """Scores per rule plus "all" for one language; ``lint(text, lang)`` returns findings."""
    rules = scored_rules(items)
    scores = {rule: Score() for rule in (*rules, "all")}
    for item in items:
        expected = set(item["rules"])
        fired = {f.rule for f in lint(item["text"], lang)} & set(rules)
        for rule in rules:
            for key in (rule, "all"):
                score = scores[key]
                if rule in fired and rule in expected:
                    score.tp += 1
                elif rule in fired:
                    score.fp += 1
                    score.errors.append(f"FP {rule}: {item['text']}") if key == rule else None
                elif rule in expected:
                    score.fn += 1
                    score.errors.append(f"FN {rule}: {item['text']}") if key == rule else None
    return scores


def table(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'lang':<5} {'rule':<18} {'P':>6} {'R':>6} {'F1':>6}  tp fp fn"]
    for lang, scores in results.items():
        for rule, s in scores.items():
            lines.append(f"{lang:<5} {rule:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp:>2} {s.fp:>2} {s.fn:>2}")
    return "\n".join(lines)


def set_names() -> list[str | None]:
    """None for the dev corpus, then holdout, holdout2, ... in number order."""
    names = {path.name.rsplit("-", 1)[0] for path in CORPUS.glob("holdout*-en.yaml")}
    return [None, *sorted(names, key=lambda name: int(name[len("holdout"):] or 1))]


def pooled(lint, langs: list[str]) -> str:
    """Each set scored on its own (a set scores the rules it labels), then summed."""
    lines = []
    for lang in langs:
        total = Score()
        for name in set_names():
            score = evaluate(lint, lang, load_items(lang, f"{name}-{lang}" if name else None))["all"]
            total.tp, total.fp, total.fn = total.tp + score.tp, total.fp + score.fp, total.fn + score.fn
            lines.append(f"{lang} {name or 'dev':<10} P {score.precision:.3f} R {score.recall:.3f}")
        lines.append(f"{lang} {'pooled':<10} P {total.precision:.3f} R {total.recall:.3f} F1 {total.f1:.3f}"
                     f"  tp {total.tp} fp {total.fp} fn {total.fn}")
    return "\n".join(lines)


def main() -> None:
    import argparse
    from datetime import datetime

    from deadlint.config import load_policy
    from deadlint.engine import Linter
    from deadlint.rules.registry import RuleSet, plugin_manager
    from deadlint.sources import Source

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("langs", nargs="*", metavar="LANG", help="en, fi, sv (default: all)")
    parser.add_argument("--set", default="", help="corpus file prefix, e.g. 'holdout' for holdout-LANG.yaml")
    parser.add_argument("--all", action="store_true", help="score every set; print each and the pooled sums")
    args = parser.parse_args()
    args.langs = args.langs or ["en", "fi", "sv"]

    ruleset = RuleSet(plugin_manager(), load_policy(None))
    now = datetime(2026, 11, 20, 10, 0)  # naive: 10:00 in each language's office time zone
    linters = {lang: Linter(ruleset, language=lang, now=now, min_severity="info") for lang in args.langs}

    def lint(text: str, lang: str):
        return linters[lang].check(Source(path="item", text=text)).findings

    if args.all:
        print(pooled(lint, args.langs))
        return
    results = {}
    for lang in args.langs:
        results[lang] = evaluate(lint, lang, load_items(lang, f"{args.set}-{lang}" if args.set else None))
        for rule, score in results[lang].items():
            for error in score.errors:
                print(f"{lang} {error}")
    print(table(results))


if __name__ == "__main__":
    main()
