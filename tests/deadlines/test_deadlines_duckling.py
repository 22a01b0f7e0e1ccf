"""The engine on a peer's corpus: Duckling's Swedish and English time phrases, and
our Finnish mirror of every Duckling kind (written with the grammar, not held out).

Floors per language on the deadline-relevant kinds; exotic kinds never wrong;
dateparser right where we are not only for known, stated reasons; and whole phrase
or nothing: a phrase answers for all of it or not at all, alone, inside a longer
corpus phrase and inside an e-mail sentence. Run benchmarks/score_duckling.py for
the table.
"""

import pytest
from duckling import CORPUS_DIR, KNOWN_LOSSES, dateparser_answer, engine_answer, load, verdict
from finnish_mirror import load_finnish

FLOORS = {"exact": 0.90, "wrong": 0.02}
# A sentence around each phrase, as a draft would have it.
FRAMES = {
    "fi": "Palaamme asiaan {} ja kerromme lisää.",
    "sv": "Vi återkommer {} med besked.",
    "en": "We will get back to you {} with an answer.",
}

needs_corpus = pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="shared Duckling corpus not present")


def _cases(lang):
    return load_finnish() if lang == "fi" else load(lang)


@pytest.fixture(scope="module")
def scored():
    """lang -> [(case, our verdict)] for every case, computed once."""
    cache = {}

    def get(lang):
        if lang not in cache:
            cache[lang] = [(case, verdict(case, engine_answer(case.text, lang))) for case in _cases(lang)]
        return cache[lang]

    return get


LANGS = [pytest.param("fi"), pytest.param("sv", marks=needs_corpus), pytest.param("en", marks=needs_corpus)]


@pytest.mark.parametrize("lang", LANGS)
def test_floors_on_deadline_relevant_kinds(scored, lang):
    verdicts = [v for case, v in scored(lang) if not case.exotic]
    assert len(verdicts) >= 80
    exact, wrong = verdicts.count("exact") / len(verdicts), verdicts.count("wrong") / len(verdicts)
    assert exact >= FLOORS["exact"] and wrong <= FLOORS["wrong"], (lang, exact, wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_exotic_kinds_are_never_wrong(scored, lang):
    assert [case.text for case, v in scored(lang) if case.exotic and v == "wrong"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_what_dateparser_gets_right_we_get_right_or_know_why(scored, lang):
    lost = {case.text for case, v in scored(lang)
            if not case.exotic and v != "exact" and verdict(case, dateparser_answer(case)) == "exact"}
    assert lost <= set(KNOWN_LOSSES[lang]), lost - set(KNOWN_LOSSES[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_a_longer_phrase_holding_a_recognised_one_is_right_or_unresolved(scored, lang):
    results = scored(lang)
    recognised = {case.text.lower() for case, v in results if v != "missed" and case.accept}
    longer = [(case, v) for case, v in results
              if any(short != case.text.lower() and short in case.text.lower() for short in recognised)]
    assert len(longer) >= 20
    assert [case.text for case, v in longer if v == "wrong"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_phrase_inside_a_sentence_answers_as_alone_or_not_at_all(scored, lang):
    wrong, kept, exact_alone = [], 0, 0
    for case, alone in scored(lang):
        framed = verdict(case, engine_answer(FRAMES[lang].format(case.text), lang))
        if framed == "wrong":
            wrong.append(case.text)
        if alone == "exact" and case.accept:
            exact_alone += 1
            kept += framed == "exact"
    assert wrong == []
    assert kept >= 0.97 * exact_alone


@pytest.mark.parametrize(("text", "lang"), [
    ("Toimitus on perillä 3 viikon päästä maanantaina.", "fi"),
    ("Vi levererar om 7 dagar på fredag.", "sv"),
    ("The parts arrive in 2 weeks on Monday.", "en"),
    ("We sent it 3 days ago.", "en"),
    ("We will call you the day after tomorrow's meeting.", "en"),
])
def test_a_phrase_the_grammar_reads_only_in_part_gets_no_date(text, lang):
    assert engine_answer(text, lang) == (None, None)
