"""Sentence boundaries where drafts differ from edited prose: every rule's cues
look within one sentence, so a wrong split hides a cue or a phrase."""

from __future__ import annotations

import pytest

from deadlint.nlp import get_nlp


def sentences(lang: str, text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp(lang)(text).sents if s.text.strip()]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fi", "Hei Jane,\n\nKiitos viestistä.", ["Hei Jane,", "Kiitos viestistä."]),  # a blank line ends one
    ("sv", "Tänk på:\n- Dela aldrig lösenordet.\n- Logga ut.",
     ["Tänk på:", "- Dela aldrig lösenordet.", "- Logga ut."]),  # so does a list item
    ("fi", "Asentaja tulee tiistaina 17.11. klo 9.", ["Asentaja tulee tiistaina 17.11. klo 9."]),
    ("fi", "Toivoitte asennusta mahd. pian, joten varasimme ajan.",
     ["Toivoitte asennusta mahd. pian, joten varasimme ajan."]),
    ("sv", "Din nya tid är:\n\nTisdag 17 november kl. 14.30", ["Din nya tid är:\n\nTisdag 17 november kl. 14.30"]),
    ("en", "It takes approx. two days. Then we call.", ["It takes approx. two days.", "Then we call."]),
    ("en", "Delivery: Tuesday 24.11., 09:00–11:00. The driver calls.",
     ["Delivery: Tuesday 24.11., 09:00–11:00.", "The driver calls."]),
    # In chat an emoji ends a sentence: "idag" in the question is not the report-back's time.
    ("sv", "dom hör av sig till dig 🙂 är det något mer jag kan hjälpa till med idag?",
     ["dom hör av sig till dig 🙂", "är det något mer jag kan hjälpa till med idag?"]),
    ("en", "Thanks 👍 We'll fix it.", ["Thanks 👍", "We'll fix it."]),
])
def test_sentence_boundaries(lang, text, expected):
    assert sentences(lang, text) == expected
