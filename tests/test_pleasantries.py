"""Wishes and near-misses that share a word with a vague promise stay silent."""

import pytest


@pytest.mark.parametrize(("text", "lang"), [
    ("Hope Rex recovers soon!", "en"),
    ("We have managed housing companies in Hakaniemi for soon twenty years.", "en"),
    ("toivottavasti Musti toipuu pian! 🐶 terkkuja koko perheelle", "fi"),
    ("Toivottavasti voit pian paremmin!", "fi"),
    ("Kiitos tilauksesta ja tervetuloa pian uudelleen!", "fi"),
    ("Valpen har snart fått alla sina vaccinationer.", "sv"),
])
def test_wishes_and_almosts_are_not_deadlines(lint, text, lang):
    assert [f.rule for f in lint(text, lang)] == []


@pytest.mark.parametrize(("text", "lang"), [
    ("We will recover the data soon.", "en"),
    ("Korjaamme vian pian.", "fi"),
    ("Vi har snart en lösning.", "sv"),
])
def test_the_same_words_in_a_promise_are_flagged(lint, text, lang):
    assert [f.rule for f in lint(text, lang)] == ["vague-deadline"]


@pytest.mark.parametrize(("text", "lang"), [
    ("We cannot promise that it will never happen again, but we have added a check.", "en"),
    ("Vi kan tyvärr inte lova att det aldrig uppstår läckor någon annanstans.", "sv"),
    ("Emme voi luvata, että vika ei koskaan uusiudu.", "fi"),
])
def test_a_disclaimer_is_not_an_overpromise(lint, text, lang):
    assert [f.rule for f in lint(text, lang)] == []


@pytest.mark.parametrize(("text", "lang"), [
    ("I promise this will never happen again.", "en"),
    ("Vi lovar att det aldrig händer igen.", "sv"),
    ("Lupaamme, että uudet ikkunat eivät huurru sisäpuolelta koskaan.", "fi"),
])
def test_the_promise_itself_is_an_overpromise(lint, text, lang):
    assert {f.rule for f in lint(text, lang)} == {"overpromise"}


@pytest.mark.parametrize(("text", "lang"), [
    ("We install it in the test environment on Tuesday 8 December and in production a week later.", "en"),
    ("Asennamme sen testiin tiistaina 8.12. ja tuotantoon viikkoa myöhemmin.", "fi"),
    ("Vi installerar den i testmiljön tisdag 8.12. och i produktion en vecka senare.", "sv"),
])
def test_later_after_a_span_is_exact(lint, text, lang):
    assert [f.rule for f in lint(text, lang)] == []
