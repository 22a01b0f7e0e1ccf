"""Median cost of the deadline engine per expression, after warm-up.

Run:  PYTHONPATH=src:tests/deadlines python benchmarks/bench_deadlines.py
Prints: recognise+resolve per table row, and recognise on a typical sentence
with no time expression (the pre-check path every sentence of a draft takes).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "deadlines"))

from table import CALENDARS, REFERENCES, ROWS  # noqa: E402

from deadlint.deadlines import recognise, resolve  # noqa: E402

PLAIN_SENTENCES = {
    "fi": "Kiitos viestistäsi, selvitämme asiaa ja palaamme asiaan niin pian kuin mahdollista.",
    "sv": "Tack för ditt meddelande, vi undersöker saken och återkommer så snart som möjligt.",
    "en": "Thanks for your message, we are looking into it and will get back to you as soon as possible.",
}
REPEATS = 200


def _median_us(function, items) -> float:
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for item in items:
            function(*item)
        samples.append((time.perf_counter() - start) / len(items))
    return statistics.median(samples) * 1e6


def _recognise_and_resolve(text: str, lang: str) -> None:
    for expr in recognise(text, lang):
        if not expr.relative_phrase:  # dateparser rows measure dateparser, not us
            resolve(expr, REFERENCES[lang], CALENDARS[lang])


def main() -> None:
    rows = [(text, lang) for text, lang, _, _ in ROWS]
    for text, lang in rows:  # warm-up: holiday tables, dateparser, regex caches
        _recognise_and_resolve(text, lang)
    print(f"recognise+resolve, per table row ({len(rows)} rows): {_median_us(_recognise_and_resolve, rows):7.1f} µs")
    plain = [(text, lang) for lang, text in PLAIN_SENTENCES.items()]
    print(f"recognise, sentence without time expression:       {_median_us(recognise, plain):7.1f} µs")


if __name__ == "__main__":
    main()
