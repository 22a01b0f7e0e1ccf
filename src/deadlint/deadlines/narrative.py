"""Is a sentence reporting the past rather than promising? Deliberately small word lists:
a false "past" would hide a real past deadline, so only clear cues count."""

from __future__ import annotations

import functools
import re

from . import lexicon as lx

_WORD = re.compile(r"[\w']+")
_MIN_SUFFIX_WORD = 5  # "red", "bed", "sade" are too short to trust a suffix


def _phrases(words) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


_FUTURE = {lang: _phrases(lx.FUTURE_CUES[lang]) for lang in lx.LANGUAGES}
# After these a past-looking participle is an adjective: "den uppdaterade offerten", "the updated quote".
_ADJECTIVE_OPENERS = frozenset({"den", "det", "de", "en", "ett", "er", "ert", "era", "vår", "vårt", "våra",
                                "din", "ditt", "dina", "the", "a", "an", "your", "our"})
_PAST_PHRASES = {lang: _phrases([w for w in lx.PAST_WORDS[lang] if " " in w] or ["\0"]) for lang in lx.LANGUAGES}


def looks_past_narrative(sentence: str, lang: str) -> bool:
    """True when ``sentence`` reads as a report of the past ("The fix was deployed on Monday")."""
    lowered = sentence.lower()
    if _FUTURE[lang].search(lowered):
        return False
    past_words = lx.PAST_WORDS[lang]
    exceptions = lx.PAST_SUFFIX_EXCEPTIONS[lang]
    suffixes = lx.PAST_SUFFIXES[lang]
    previous = ""
    for word in _WORD.findall(lowered):
        if word in past_words and previous not in _ADJECTIVE_OPENERS:
            return True
        previous = word
        if suffixes and len(word) >= _MIN_SUFFIX_WORD and word not in exceptions and word.endswith(suffixes):
            return True
    return _PAST_PHRASES[lang].search(lowered) is not None


_SERVICE_HOURS = {lang: _phrases(lx.OPENING_HOURS[lang] + lx.VALIDITY_WORDS[lang] + lx.ANNOUNCEMENT_WORDS[lang]
                                 + lx.RECURRENCE_WORDS[lang] + lx.ABSENCE_WORDS[lang])
                  for lang in lx.LANGUAGES}


# A clause after a comma that says when, why or what for ("…, kun myymälä on kiinni",
# "…, när kontoret är stängt", "…, jotta kampanjahinta on voimassa") sets the scene
# for the main clause's promise.
_SCENE_CLAUSE = re.compile(r",\s*(?:kun|jolloin|koska|jotta|när|då|eftersom|så att|för att|when|while|as|since|because"
                           r"|so that|in order)\b.*", re.DOTALL)
# The same opening the sentence: "To keep the claim open, please send the receipt by …".
_LEADING_PURPOSE = re.compile(r"^\s*(?:to|in order to|so that|jotta|för att|så att)\b[^,]*,")


_HOLIDAYS_NAMED = {lang: _phrases([*lx.HOLIDAY_WORDS[lang], *lx.NAMED_DAYS[lang], *lx.EASTER_DAYS[lang]])
                   for lang in lx.LANGUAGES}
_MOVED = {lang: _phrases(lx.MOVE_WORDS[lang]) for lang in lx.LANGUAGES}


def moves_off_a_holiday(sentence: str, lang: str) -> bool:
    """True when ``sentence`` names a holiday as the reason a schedule moves ("Joulun
    pyhien vuoksi … poikkeuksellisesti", "Because of Christmas Day … will be done")."""
    lowered = sentence.lower()
    return _HOLIDAYS_NAMED[lang].search(lowered) is not None and _MOVED[lang].search(lowered) is not None


@functools.lru_cache(maxsize=64)  # asked once per date of a sentence: a long one is read once
def looks_like_service_hours(sentence: str, lang: str) -> bool:
    """True when ``sentence`` states opening hours, closures or when a term ends
    ("Toimistomme on suljettuna 24.–26.12.", "Din försäkringsperiod löper ut
    den 31 december"): a description of service, not a promise. Only the main
    clause counts: "Asentaja tulee su 6.12., kun myymälä on kiinni" is a visit."""
    main_clause = _LEADING_PURPOSE.sub("", _SCENE_CLAUSE.sub("", sentence.lower()))
    return any(not _describes_a_thing(main_clause, match) for match in _SERVICE_HOURS[lang].finditer(main_clause))


def _describes_a_thing(text: str, match: re.Match[str]) -> bool:
    """A one-word participle after an article names a thing, not a closure: "we will
    refund the cancelled tickets by 13 November", "den inställda resan"."""
    if " " in match.group():
        return False
    before = _WORD.findall(text[max(0, match.start() - 20):match.start()])
    return bool(before) and before[-1] in _ADJECTIVE_OPENERS


def is_promise(sentence: str, lang: str, *, clauses: tuple[str, ...] = (), ahead: bool = False) -> bool:
    """Whether the deadlines in ``sentence`` are promised: opening hours, closures
    and announcements (read in the whole sentence) and past narrative (read in any
    of the date's ``clauses`` when given, else in the sentence) state facts instead.
    A date still ``ahead`` is promised even in the past tense: "Jouduimme siirtämään
    asennuksen keskiviikolle 2.12. klo 8–16" sets a new appointment."""
    if looks_like_service_hours(sentence, lang):
        return False
    return ahead or not any(looks_past_narrative(clause, lang) for clause in clauses or (sentence,))
