"""Function-word language identification for fi, sv and en.

Why not a general detector: drafts are short (one line is common), only three
languages matter, and the three differ most in exactly their function words
and a few letter patterns. A weighted vote over those is deterministic, needs
no model file, runs in microseconds and, on our corpus, beats general-purpose
detectors on one-sentence texts (see tests/test_language.py for the figures).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

LANGUAGES = ("fi", "sv", "en")

# Frequent words that are rare or absent in the other two languages.
_FUNCTION_WORDS = {
    "fi": """ja on ei että se oli ovat olla kun mutta tai jos niin myös vielä kanssa sitten nyt jo
        me te he hän minä sinä meidän teidän heidän sen siitä sitä tämä tämän tässä tätä nämä
        mitä mikä miten koska kuin mukaan ole olemme olen olet voi voimme voitte saat saatte
        kiitos hei moi terveisin ystävällisin asiaan asian asiasta teille meille sinulle
        klo kello mennessä viimeistään huomenna tänään viikolla pian heti vain kaikki
        mahdollista mahdollisimman palaan palaamme otamme lähetämme ilmoitamme toivottavasti
        lähetän lähetetään korjaus korjauksen lasku laskun tilaus tilauksen aikana tulee tulevat
        maanantaina tiistaina keskiviikkona torstaina perjantaina lauantaina sunnuntaina viikolla
        piakkoin lähipäivinä lähiaikoina hoidetaan asiakas vika vian teillä meillä sinulla""",
    "sv": """och att det är som en ett av för med till på inte har jag vi du ni de den detta
        här där vad hur när om men eller så också bara redan nu sedan kan ska skulle
        vill blir blev var hade har våra vår ert er din dig mig oss er
        tack hej hälsningar vänliga mvh kl klockan senast imorgon idag morgon snart snarast
        återkommer återkomma vecka veckan nästa möjligt förhoppningsvis
        efter gick bra hoppas strax kort inom skickas skickar felet började uppstod resan
        måndag tisdag onsdag torsdag fredag lördag söndag fakturan ärendet ditt din dina era""",
    "en": """the and is are was were to of in for with that this it we you they he she i be
        have has had will would shall should can could not do does did at by from as or but
        if so our your their my me us them an a about please thanks thank regards hi hello
        dear soon possible week next get let know update hopefully try
        monday tuesday wednesday thursday friday saturday sunday""",
}


def _hints(anywhere: str, endings: str) -> re.Pattern[str]:
    """Letters found anywhere, or only at a word's end, as one flat alternation of
    literals: ``re`` then skips ahead to their first letters, which nested groups defeat."""
    return re.compile("|".join([*anywhere.split(), *(rf"{ending}\b" for ending in endings.split())]))


# Letter patterns that give a language away even in words we do not list.
_LETTER_HINTS = {
    "fi": _hints("ää öö yy uu ii aa", "ssa ssä sta stä lla llä lta ltä mme tte ksi ine"),
    "sv": _hints("å", "tion arna orna erna heten ning"),
    "en": _hints("w th", "ing ly tion ed"),
}

_WORD = re.compile(r"[^\W\d_]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in set(_words.split()):
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)
_MIN_PARAGRAPH_EVIDENCE = 2.0
_ANY_EVIDENCE = 0.25  # one letter hint


def scores(text: str) -> dict[str, float]:
    """Evidence per language: 1 per function word, 0.25 per letter hint."""
    lowered = text.lower()
    result = {lang: 0.0 for lang in LANGUAGES}
    for word in _WORD.findall(lowered):
        for lang in _LANGUAGES_OF.get(word, ()):
            result[lang] += 1.0
    for lang, hint in _LETTER_HINTS.items():
        result[lang] += 0.25 * len(hint.findall(lowered))
    return result


def detect(text: str, default: str = "en") -> str:
    """The most likely of fi/sv/en; ``default`` when the text gives no evidence."""
    return _best(scores(text), default, _ANY_EVIDENCE)


def _best(evidence: dict[str, float], fallback: str, minimum: float) -> str:
    best = max(LANGUAGES, key=lambda lang: evidence[lang])
    return best if evidence[best] >= minimum else fallback


def split_by_language(text: str, default: str = "en") -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, lang) runs of paragraphs, merging neighbours of one language.

    A paragraph with too little evidence of its own (a greeting, a sign-off)
    takes the language of the paragraph before it, or for an opening greeting
    the one after it, else that of the draft as a whole.
    """
    paragraphs: list[tuple[int, int, dict[str, float]]] = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        if text[start:end].strip():
            paragraphs.append((start, end, scores(text[start:end])))
        if brk:
            start = brk.end()
    # The draft's overall evidence is the sum of its paragraphs'.
    overall = _best({lang: sum(p[2][lang] for p in paragraphs) for lang in LANGUAGES}, default, _ANY_EVIDENCE)
    own = [_best(evidence, None, _MIN_PARAGRAPH_EVIDENCE) for _, _, evidence in paragraphs]
    first_known = next((lang for lang in own if lang), overall)
    runs: list[list] = []
    for i, (start, end, _) in enumerate(paragraphs):
        lang = own[i] or (runs[-1][2] if runs else first_known)
        if runs and runs[-1][2] == lang:
            runs[-1][1] = end
        else:
            runs.append([start, end, lang])
    for run_start, run_end, lang in runs:
        yield run_start, run_end, lang
