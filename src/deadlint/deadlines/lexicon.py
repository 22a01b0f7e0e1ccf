"""Per-language word tables for the deadline grammar.

Pure data: ``grammar.py`` turns these into regexes once at import. Every table
is keyed by language code ("fi", "sv", "en"); word forms are lower case unless
a table says otherwise. Weekdays are numbered like ``date.weekday()`` (Mon=0).
"""

from __future__ import annotations

LANGUAGES = ("fi", "sv", "en")

# --- weekdays ---------------------------------------------------------------

# Finnish inflects the day word. Illative (-hin/-on) and translative (-ksi) mean
# "by/until that day", so those forms carry the deadline flag themselves.
_FI_WEEKDAY_STEMS = ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai")
_FI_NEUTRAL_ENDINGS = ("", "na", "n", "sta", "lle", "lta", "ssa")
_FI_DEADLINE_ENDINGS = ("ksi",)
# Consonant gradation: "keskiviikko" but "keskiviikon", "keskiviikolle", "keskiviikoksi".
_FI_WEAK_STEMS = {"keskiviikko": "keskiviiko"}
_FI_WEAK_ENDINGS = ("n", "sta", "lle", "lta", "ssa")


def _fi_weekday_forms() -> dict[str, tuple[int, str]]:
    forms: dict[str, tuple[int, str]] = {}
    for number, stem in enumerate(_FI_WEEKDAY_STEMS):
        partitive = stem + ("a" if stem.endswith("o") else "ta")
        illative = stem + ("on" if stem.endswith("o") else "hin")
        forms[partitive] = (number, "")
        forms[illative] = (number, "deadline")
        for ending in _FI_NEUTRAL_ENDINGS:
            forms[stem + ending] = (number, "")
        for ending in _FI_DEADLINE_ENDINGS:
            forms[stem + ending] = (number, "deadline")
        if stem in _FI_WEAK_STEMS:
            weak = _FI_WEAK_STEMS[stem]
            forms.update({weak + ending: (number, "") for ending in _FI_WEAK_ENDINGS})
            forms.update({weak + ending: (number, "deadline") for ending in _FI_DEADLINE_ENDINGS})
    return forms


def _sv_weekday_forms() -> dict[str, tuple[int, str]]:
    forms: dict[str, tuple[int, str]] = {}
    for number, stem in enumerate(("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")):
        forms[stem] = forms[stem + "en"] = (number, "")
        forms["i " + stem + "s"] = (number, "last")  # "i tisdags" = last Tuesday
    return forms


_EN_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

WEEKDAYS: dict[str, dict[str, tuple[int, str]]] = {
    "fi": _fi_weekday_forms(),
    "sv": _sv_weekday_forms(),
    "en": {name: (number, "") for number, name in enumerate(_EN_WEEKDAY_NAMES)},
}

# Abbreviations are ambiguous words ("to", "sun", "ons", "la"); grammar.py only
# accepts them directly before a date or a time.
WEEKDAY_ABBREVIATIONS: dict[str, dict[str, int]] = {
    "fi": {"ma": 0, "ti": 1, "ke": 2, "to": 3, "pe": 4, "la": 5, "su": 6},
    "sv": {"mån": 0, "tis": 1, "ons": 2, "tor": 3, "tors": 3, "fre": 4, "lör": 5, "sön": 6,
           "må": 0, "ti": 1, "on": 2, "to": 3, "fr": 4, "lö": 5, "sö": 6},  # calendar two-letter forms
    "en": {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
           "fri": 4, "sat": 5, "sun": 6},
}

# Abbreviations that are no other word of the language, so stand alone: Swedish
# "fre", "tors", "lör", "sön" (not "mån", "ons", "to"); English "Fri", "Thu" (not "sat", "sun").
STANDALONE_ABBREVIATIONS: dict[str, dict[str, int]] = {
    "fi": {},
    "sv": {"tors": 3, "fre": 4, "lör": 5, "sön": 6},
    "en": {"mon": 0, "tue": 1, "tues": 1, "thu": 3, "thur": 3, "thurs": 3, "fri": 4},
}

# Words before a weekday that pick which occurrence is meant.
WEEKDAY_RELATIONS: dict[str, dict[str, str]] = {
    "fi": {"ensi": "next", "tulevana": "next", "tänä": "this", "viime": "last"},
    # "inkommande": Finland-Swedish for the coming one ("inkommande måndag").
    "sv": {"nästa": "next", "kommande": "next", "inkommande": "next", "nu på": "this", "förra": "last"},
    "en": {"next": "next", "this coming": "next", "coming": "next", "this": "this", "last": "last"},
}

# After a weekday: "Friday after next" is the one a week after the coming one.
AFTER_NEXT: dict[str, tuple[str, ...]] = {"fi": (), "sv": (), "en": ("after next",)}
# Months named relative to this one: "the first Monday of next month".
RELATIVE_MONTHS: dict[str, dict[str, int]] = {
    "fi": {},
    "sv": {"denna månad": 0, "den här månaden": 0, "nästa månad": 1, "förra månaden": -1},
    "en": {"this month": 0, "the month": 0, "current month": 0, "next month": 1, "the next month": 1,
           "following month": 1, "last month": -1, "previous month": -1},
}
# Days of the month said as ordinal words: "the third of March", "den tredje mars".
ORDINAL_DAYS: dict[str, dict[str, int]] = {
    "fi": {},
    "sv": {w: n for n, w in enumerate(("första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde",
                                        "åttonde", "nionde", "tionde"), 1)} | {"förste": 1, "fjortonde": 14,
                                                                               "femtonde": 15, "tjugonde": 20},
    "en": {w: n for n, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                        "eighth", "ninth", "tenth"), 1)} | {"fifteenth": 15, "twentieth": 20},
}

# Habitual plurals and weekday spans: these describe opening hours, not dates.
RECURRING_DAYS: dict[str, tuple[str, ...]] = {
    "fi": ("arkisin", "arkipäivisin", "viikonloppuisin", "maanantaisin", "tiistaisin", "keskiviikkoisin",
           "torstaisin", "perjantaisin", "lauantaisin", "sunnuntaisin", "päivittäin", "joka päivä", "joka yö",
           "öisin", "aamuisin", "iltaisin", "joka arkipäivä"),
    "sv": ("vardagar", "på vardagar", "vardagsdagar", "helgfri vardag", "måndagar", "tisdagar", "onsdagar",
           "torsdagar", "fredagar", "lördagar", "söndagar", "dagligen", "varje dag", "varje natt", "varje vardag",
           "nattetid", "varje morgon", "varje kväll"),
    "en": ("weekdays", "on weekdays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays",
           "saturdays", "sundays", "daily", "every day", "every night", "every morning", "every evening",
           "every weekday", "nightly"),
}
# A space joins Finnish case-marked spans: "maanantaista perjantaihin" (Monday to Friday).
WEEKDAY_RANGE_JOINERS: dict[str, tuple[str, ...]] = {
    "fi": ("-", "–", "—", " "),
    "sv": ("-", "–", "—", "till"),
    "en": ("-", "–", "—", "to", "through", "thru"),
}

# Keywords that turn the following weekday span or time into opening hours.
OPENING_HOURS: dict[str, tuple[str, ...]] = {
    "fi": ("avoinna", "auki", "aukioloajat", "aukioloaika", "palvelemme", "päivystämme", "päivystys",
           "puhelinaika", "tavoitettavissa", "suljettu", "suljettuna", "kiinni"),
    "sv": ("öppet", "öppettider", "öppettid", "telefontid", "har öppet", "nås", "stängt", "stängd", "stänger"),
    # Not "closed" alone: "keep pets in a closed room" states no closure.
    "en": ("open", "opens", "opening hours", "office hours", "business hours", "we are open", "we're open",
           "is closed", "are closed", "'re closed", "be closed", "closed on", "closed for", "closed from",
           "closed between", "closed until", "closed over"),
}

# --- months -----------------------------------------------------------------

_FI_MONTH_STEMS = ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu",
                   "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu")

# Finnish: "24. marraskuuta" (partitive after the day), "marraskuun 24." and
# "marraskuun loppuun" (genitive before the day or the end word).
MONTHS_AFTER_DAY: dict[str, dict[str, int]] = {
    "fi": {stem + "ta": number for number, stem in enumerate(_FI_MONTH_STEMS, 1)},
    "sv": {name: number for number, names in enumerate(
        (("januari", "jan"), ("februari", "feb"), ("mars", "mar"), ("april", "apr"), ("maj",),
         ("juni", "jun"), ("juli", "jul"), ("augusti", "aug"), ("september", "sep", "sept"),
         ("oktober", "okt"), ("november", "nov"), ("december", "dec")), 1) for name in names},
    "en": {name: number for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("May",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names},
}
MONTHS_BEFORE_DAY: dict[str, dict[str, int]] = {
    "fi": {stem + "n": number for number, stem in enumerate(_FI_MONTH_STEMS, 1)},
    # Swedish writes "18 februari", but "februari 18" and "Jul 18" are read the same.
    "sv": MONTHS_AFTER_DAY["sv"],
    "en": MONTHS_AFTER_DAY["en"],
}
# Words allowed in the "end of <month>" constructions.
MONTHS_FOR_MONTH_END: dict[str, dict[str, int]] = {
    "fi": MONTHS_BEFORE_DAY["fi"],
    "sv": MONTHS_AFTER_DAY["sv"],
    "en": MONTHS_AFTER_DAY["en"],
}
# Names that must keep their case to be a month: "May 5" yes, "we may 5" no.
CASE_SENSITIVE_MONTHS = frozenset({"May"})

# Ordinal decoration around a day number: "24:e", "3rd", "24." ...
DAY_SUFFIXES: dict[str, tuple[str, ...]] = {
    "fi": (".",),
    "sv": (":e", ":a", "."),
    "en": ("st", "nd", "rd", "th"),
}
DATE_GLUE: dict[str, tuple[str, ...]] = {  # may sit between day and month name
    "fi": (),
    "sv": (),
    "en": ("of", "of the"),
}
DAY_WORD_AFTER_DATE: dict[str, tuple[str, ...]] = {  # "marraskuun 24. päivänä"
    "fi": ("päivä", "päivänä", "päivään", "päiväksi", "päivää"),
    "sv": (),
    "en": (),
}

# --- times ------------------------------------------------------------------

TIME_PREFIXES: dict[str, tuple[str, ...]] = {
    "fi": ("klo", "klo.", "kello", "kl.", "aikavälillä", "aikaikkunassa", "välillä"),
    "sv": ("kl.", "kl", "klockan", "kloc.", "tidsfönster", "tidsfönstret", "tidsintervall", "under tiden"),
    # "klo"/"kl." too: Finns and Swedes carry them into the English they write, and
    # "during 8-14" is their "under 8-14".
    "en": ("at", "@", "time slot", "slot", "time window", "klo", "klo.", "kl.", "during"),
}
TIME_RANGE_JOINERS: dict[str, tuple[str, ...]] = {
    "fi": ("-", "–", "—", "ja"),
    "sv": ("-", "–", "—", "och", "o", "till"),  # "mellan 8 o 14"
    "en": ("-", "–", "—", "and", "to", "till", "until", "untill"),  # "untill": a common misspelling
}
TIME_RANGE_OPENERS: dict[str, tuple[str, ...]] = {"fi": (), "sv": ("mellan",), "en": ("between", "from")}
TIME_RANGE_CLOSERS: dict[str, tuple[str, ...]] = {"fi": ("välillä", "välisenä aikana"), "sv": (), "en": ()}
# Named times of day as (hour, minute); midnight means the end of that day.
NAMED_TIMES: dict[str, dict[str, tuple[int, int]]] = {
    "fi": {"keskipäivä": (12, 0), "keskipäivällä": (12, 0), "keskipäivään": (12, 0),
           "keskipäiväksi": (12, 0), "puoliltapäivin": (12, 0), "keskiyöllä": (23, 59),
           "keskiyöhön": (23, 59), "puoliltaöin": (23, 59)},
    "sv": {"mitt på dagen": (12, 0), "lunchtid": (12, 0), "midnatt": (23, 59)},
    "en": {"noon": (12, 0), "midday": (12, 0), "mid day": (12, 0), "12 noon": (12, 0), "midnight": (23, 59)},
}

# --- days relative to today --------------------------------------------------

RELATIVE_DAYS: dict[str, dict[str, tuple[int, str]]] = {
    "fi": {"tänään": (0, ""), "tänä päivänä": (0, ""), "tämän päivän aikana": (0, ""),
           "huomenna": (1, ""), "huomisen aikana": (1, ""), "huomiseen": (1, "deadline"),
           "huomiseksi": (1, "deadline"), "ylihuomenna": (2, ""), "ylihuomiseen": (2, "deadline"),
           "ylihuomiseksi": (2, "deadline"), "eilen": (-1, ""), "toissapäivänä": (-2, "")},
    "sv": {"i dag": (0, ""), "idag": (0, ""), "under dagen": (0, ""), "i morgon": (1, ""),
           "imorgon": (1, ""), "i morron": (1, ""), "imorron": (1, ""), "i övermorgon": (2, ""), "i överimorgon": (2, ""),
           "iövermorgon": (2, ""), "i går": (-1, ""), "igår": (-1, ""), "i förrgår": (-2, "")},
    "en": {"today": (0, ""), "tomorrow": (1, ""), "the day before yesterday": (-2, ""),
           "day before yesterday": (-2, ""), "the day after tomorrow": (2, ""),
           "day after tomorrow": (2, ""), "yesterday": (-1, "")},
}
# "End of the working day" phrases: the time is the policy's business end.
END_OF_BUSINESS: dict[str, tuple[str, ...]] = {
    "fi": ("päivän päätteeksi", "työpäivän päätteeksi", "työpäivän loppuun", "päivän loppuun",
           "virka-ajan loppuun", "virka-aikana"),
    "sv": ("dagens slut", "arbetsdagens slut", "innan dagen är slut", "under arbetsdagen"),
    "en": ("eod", "end of day", "end of the day", "end of business", "close of business", "cob",
           "end of the business day", "end of the working day"),
}

# --- weeks ------------------------------------------------------------------

# Phrases naming a week relative to this one; the value is the week offset.
RELATIVE_WEEKS: dict[str, dict[str, tuple[int, str]]] = {
    "fi": {"tällä viikolla": (0, ""), "tämän viikon aikana": (0, ""), "tämän viikon": (0, ""),
           "viikon loppuun": (0, "deadline"), "tämän viikon loppuun": (0, "deadline"),
           "ensi viikolla": (1, ""), "ensi viikon aikana": (1, ""), "ensi viikon": (1, ""),
           "ensi viikkoon": (1, "deadline"), "ensi viikon loppuun": (1, "deadline"),
           "viime viikolla": (-1, ""), "viime viikon": (-1, "")},
    "sv": {"denna vecka": (0, ""), "den här veckan": (0, ""), "i veckan": (0, ""), "under veckan": (0, ""),
           "i slutet av veckan": (0, ""), "veckans slut": (0, ""), "nästa vecka": (1, ""),
           "nästa veckas": (1, ""), "inkommande vecka": (1, ""), "inkommande veckas": (1, ""), "denna veckan": (0, ""), "i denna vecka": (0, ""), "under nästa vecka": (1, ""), "i slutet av nästa vecka": (1, ""),
           "förra veckan": (-1, "")},
    "en": {**{f"{end}{week}": (offset, "") for end in ("", "end of ", "end of the ")
              for offset, weeks in ((0, ("this week", "current week")),
                                    (1, ("next week", "coming week", "following week")),
                                    (-1, ("last week", "past week", "previous week"))) for week in weeks},
           "end of the week": (0, ""), "end of week": (0, ""), "eow": (0, "")},
}
# Words before an ISO week number; Finnish illative/translative are deadlines.
WEEK_NUMBER_PREFIXES: dict[str, dict[str, str]] = {
    "fi": {"viikolla": "", "viikko": "", "viikon": "", "viikkoon": "deadline", "viikoksi": "deadline",
           "vk": "", "vk.": "", "vko": "", "vko.": ""},
    "sv": {"vecka": "", "veckan": "", "v.": "", "v": "", "vecka nr": ""},
    "en": {"week": "", "wk": "", "wk.": "", "cw": "", "w": ""},
}

# --- month ends -------------------------------------------------------------

MONTH_END_BEFORE: dict[str, tuple[str, ...]] = {  # words before the month: "end of November"
    "fi": (),
    "sv": ("slutet av", "utgången av"),
    "en": ("end of", "the end of"),
}
MONTH_END_AFTER: dict[str, dict[str, str]] = {  # words after the month: "marraskuun loppuun"
    "fi": {"loppuun": "deadline", "lopussa": "", "lopulla": "", "loppuun mennessä": "deadline"},
    "sv": {},
    "en": {},
}
THIS_MONTH: dict[str, dict[str, int]] = {  # value: month offset from now
    "fi": {"kuun": 0, "kuukauden": 0, "tämän kuun": 0, "tämän kuukauden": 0, "ensi kuun": 1,
           "ensi kuukauden": 1},
    "sv": {"månaden": 0, "denna månad": 0, "den här månaden": 0, "nästa månad": 1},
    "en": {"the month": 0, "this month": 0, "month": 0, "next month": 1},
}
MONTH_BOUNDARY: dict[str, dict[str, int]] = {  # one-word month ends
    "fi": {"kuunvaihteeseen": 0, "kuunvaihteessa": 0},
    "sv": {"månadsskiftet": 0, "månadens slut": 0, "månadsslut": 0},
    "en": {"month-end": 0, "month end": 0, "eom": 0},
}

# --- business-day durations -----------------------------------------------------

NUMBER_WORDS: dict[str, dict[str, int]] = {
    "fi": {form: number for number, forms in enumerate((
        ("yksi", "yhden", "yhdessä"), ("kaksi", "kahden", "kahdessa"), ("kolme", "kolmen", "kolmessa"),
        ("neljä", "neljän", "neljässä"), ("viisi", "viiden", "viidessä"), ("kuusi", "kuuden", "kuudessa"),
        ("seitsemän", "seitsemässä"), ("kahdeksan", "kahdeksassa"), ("yhdeksän", "yhdeksässä"),
        ("kymmenen", "kymmenessä")), 1) for form in forms},
    "sv": {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
           "nio": 9, "tio": 10},
    "en": {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10},
}
BUSINESS_DAY_UNITS: dict[str, tuple[str, ...]] = {
    "fi": ("arkipäivä", "arkipäivän", "arkipäivää", "arkipäivässä", "arkipäivien", "työpäivä",
           "työpäivän", "työpäivää", "työpäivässä", "työpäivien", "arkipäivässä", "pankkipäivä", "pankkipäivän",
           "pankkipäivää", "pankkipäivässä", "pankkipäivien"),
    "sv": ("arbetsdag", "arbetsdagar", "arbetsdagars", "vardag", "vardagar", "bankdag", "bankdagar"),
    "en": ("business day", "business days", "working day", "working days", "workday", "workdays",
           "work day", "work days", "banking day", "banking days", "bank day", "bank days"),
}
BUSINESS_DAY_BEFORE: dict[str, tuple[str, ...]] = {
    "fi": (),
    "sv": ("inom", "om", "på"),
    "en": ("within", "in"),
}
BUSINESS_DAY_AFTER: dict[str, tuple[str, ...]] = {
    "fi": ("kuluessa", "sisällä", "sisään", "aikana", "päästä"),
    "sv": (),
    "en": (),
}

# --- durations from now: "om 7 dagar", "in 15 minutes", "7 päivän päästä" -----------

# Unit word -> minutes (a day or more counts whole days: "in 2 days" names a day).
DURATION_UNITS: dict[str, dict[str, int]] = {
    "fi": {"minuutin": 1, "vartin": 15, "tunnin": 60, "päivän": 1440, "vuorokauden": 1440, "viikon": 10080},
    "sv": {"minut": 1, "minuter": 1, "min": 1, "kvart": 15, "timme": 60, "timmar": 60, "t": 60, "dag": 1440, "dagar": 1440,
           "dygn": 1440, "vecka": 10080, "veckor": 10080},
    "en": {"minute": 1, "minutes": 1, "min": 1, "mins": 1, "hour": 60, "hours": 60, "h": 60, "day": 1440,
           "days": 1440, "week": 10080, "weeks": 10080, "fortnight": 20160},
}
# Months have no fixed length: "inom en månad" is the same day next month.
DURATION_MONTHS: dict[str, tuple[str, ...]] = {
    "fi": ("kuukauden", "kuun"),
    "sv": ("månad", "månader", "mån"),
    "en": (),  # English months go to dateparser (fallback.py)
}
# Words before the count ("om", "in", "within") and after the unit ("päästä", "from now").
DURATION_BEFORE: dict[str, tuple[str, ...]] = {
    "fi": (),
    "sv": ("om", "inom", "inom loppet av", "om cirka", "om ca.", "efter"),
    "en": ("in", "within", "in about", "in around", "after"),
}
DURATION_AFTER: dict[str, tuple[str, ...]] = {
    "fi": ("päästä", "kuluttua", "sisällä", "sisään", "kuluessa"),
    "sv": ("från nu", "från och med nu"),
    "en": ("from now", "from today"),
}
# Count words a duration may start with, beyond NUMBER_WORDS; Finnish needs none
# ("viikon kuluttua" is one week). Not "a couple of days": the vague-deadline rule's.
DURATION_COUNTS: dict[str, dict[str, float]] = {
    "fi": {"": 1, "puolen": 0.5},
    "sv": {"en halv": 0.5, "en": 1, "ett": 1},
    "en": {"half an": 0.5, "a": 1, "an": 1, "one": 1, "1/2": 0.5, "1/4": 0.25, "3/4": 0.75,
           "a quarter of an": 0.25, "three-quarters of an": 0.75, "three quarters of an": 0.75},
}

# "två och en halv timme": half a unit more.
AND_A_HALF: dict[str, tuple[str, ...]] = {"fi": ("ja puoli",), "sv": ("och en halv",),
                                          "en": ("and a half", "and an half")}

# --- parts of the day: "tonight at 8" is 20:00 ------------------------------------

# Phrase -> (day offset or None, part). A part after a clock time of 1-11 moves
# afternoon and evening hours past noon.
DAY_PARTS: dict[str, dict[str, tuple[int | None, str]]] = {
    "fi": {"tänä aamuna": (0, "morning"), "tänä iltapäivänä": (0, "afternoon"), "tänä iltana": (0, "evening"),
           "tänään illalla": (0, "evening"), "tänään iltapäivällä": (0, "afternoon"), "aamulla": (None, "morning"),
           "aamupäivällä": (None, "morning"), "iltapäivällä": (None, "afternoon"), "illalla": (None, "evening")},
    "sv": {"ikväll": (0, "evening"), "i kväll": (0, "evening"), "i eftermiddag": (0, "afternoon"),
           "i förmiddag": (0, "morning"), "kväll": (None, "evening"), "kvällen": (None, "evening"),
           "på kvällen": (None, "evening"), "eftermiddag": (None, "afternoon"), "eftermiddagen": (None, "afternoon"),
           "på eftermiddagen": (None, "afternoon"), "förmiddag": (None, "morning"), "förmiddagen": (None, "morning"),
           "på förmiddagen": (None, "morning"), "under eftermiddagen": (0, "afternoon")},
    "en": {"tonight": (0, "evening"), "tonite": (0, "evening"), "this evening": (0, "evening"),
           "this afternoon": (0, "afternoon"), "this morning": (0, "morning"), "today evening": (0, "evening"),
           "in the morning": (None, "morning"), "in the afternoon": (None, "afternoon"),
           "in the evening": (None, "evening"), "morning": (None, "morning"), "afternoon": (None, "afternoon"),
           "evening": (None, "evening"), "in the am": (None, "morning"), "in the pm": (None, "afternoon"),
           "in afternoon": (None, "afternoon"), "in evening": (None, "evening"), "early morning": (None, "morning"), "early in the morning": (None, "morning"),
           "late tonight": (0, "evening"), "late tonite": (0, "evening")},
}

# --- spoken clock times: "kvart i 12", "a quarter past 3pm", "puoli neljä" -----------

HOUR_WORDS: dict[str, dict[str, int]] = {
    # Finnish also in the ablative that says "at": "puoli kymmeneltä" is half past nine.
    "fi": {w: n for words in (("yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan",
                               "yhdeksän", "kymmenen", "yksitoista", "kaksitoista"),
                              ("yhdeltä", "kahdelta", "kolmelta", "neljältä", "viideltä", "kuudelta", "seitsemältä",
                               "kahdeksalta", "yhdeksältä", "kymmeneltä", "yhdeltätoista", "kahdeltatoista"))
           for n, w in enumerate(words, 1)},
    "sv": {w: n for n, w in enumerate(("ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
                                        "elva", "tolv"), 1)},
    "en": {**{w: n for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                           "ten", "eleven", "twelve"), 1)}, "noon": 12},
}
MINUTE_WORDS: dict[str, dict[str, int]] = {
    "fi": {"varttia": 15, "viisi": 5, "viittä": 5, "kymmenen": 10, "kymmentä": 10, "kaksikymmentä": 20},
    "sv": {"kvart": 15, "fem": 5, "tio": 10, "tjugo": 20},
    "en": {"a quarter": 15, "quarter": 15, "five": 5, "ten": 10, "twenty": 20, "twenty five": 25,
           "half": 30, "fifteen": 15},
}
# Word between minutes and hour -> +1 past the hour, -1 to it.
CLOCK_DIRECTIONS: dict[str, dict[str, int]] = {
    "fi": {"yli": 1, "vaille": -1},
    "sv": {"över": 1, "i": -1},
    "en": {"past": 1, "after": 1, "to": -1, "minutes from": 1},
}
# Words that alone make a sentence worth reading for a spoken time ("kvart i tolv").
SPOKEN_CLOCK_TRIGGERS: dict[str, tuple[str, ...]] = {
    "fi": ("varttia", "puoli", "vaille"), "sv": ("kvart", "halv"), "en": ("quarter", "half")}
# "halv fyra", "puoli neljä", "half three": half an hour before (sv, fi) or after (en) the hour.
HALF_HOUR: dict[str, tuple[str, int]] = {"fi": ("puoli", -30), "sv": ("halv", -30), "en": ("half", 30)}

# A zone named after a clock time ("16 CET", "8:00 GMT"): minutes east of UTC. Not
# "IST" (India or Ireland) nor "CST" (China or Central US): ambiguous, so not understood.
ZONE_OFFSETS: dict[str, int] = {"utc": 0, "gmt": 0, "z": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60,
                                "cest": 120, "eet": 120, "eest": 180, "est": -300, "edt": -240, "pst": -480,
                                "pdt": -420}

# --- holidays named as days, month and day (Easter moves, so is not here) ----------

# Finnish holiday names in the nominative, essive, translative, illative and genitive.
_FI_HOLIDAYS = (
    (("jouluaatto", "jouluaattona", "jouluaatoksi", "jouluaattoon", "jouluaaton"), (24, 12)),
    (("joulupäivä", "joulupäivänä", "joulupäiväksi", "joulupäivään", "joulupäivän"), (25, 12)),
    (("tapaninpäivä", "tapaninpäivänä", "tapaninpäiväksi", "tapaninpäivään", "tapaninpäivän"), (26, 12)),
    (("uudenvuodenaatto", "uudenvuodenaattona", "uudenvuodenaatoksi", "uudenvuodenaattoon",
      "uudenvuodenaaton"), (31, 12)),
    (("uudenvuodenpäivä", "uudenvuodenpäivänä", "uudenvuodenpäiväksi", "uudenvuodenpäivään",
      "uudenvuodenpäivän"), (1, 1)),
    (("vappu", "vappuna", "vapuksi", "vappuun", "vapun"), (1, 5)),
    (("itsenäisyyspäivä", "itsenäisyyspäivänä", "itsenäisyyspäiväksi", "itsenäisyyspäivään",
      "itsenäisyyspäivän"), (6, 12)),
    (("loppiainen", "loppiaisena", "loppiaiseksi", "loppiaiseen", "loppiaisen"), (6, 1)),
)
# "Loppiaisen lehdet jaetaan torstaina": a holiday in the genitive owns a noun; it is no time.
HOLIDAY_GENITIVES: dict[str, frozenset[str]] = {"fi": frozenset(forms[-1] for forms, _ in _FI_HOLIDAYS),
                                               "sv": frozenset(), "en": frozenset()}

NAMED_DAYS: dict[str, dict[str, tuple[int, int]]] = {
    "fi": {form: day for forms, day in _FI_HOLIDAYS for form in forms},
    "sv": {"julafton": (24, 12), "juldagen": (25, 12), "juldag": (25, 12), "annandag jul": (26, 12),
           "nyårsafton": (31, 12), "nyårsdagen": (1, 1), "nyårsdag": (1, 1), "nationaldagen": (6, 6),
           "första maj": (1, 5), "trettondagen": (6, 1), "trettondedag jul": (6, 1), "trettondedagen": (6, 1)},
    "en": {"christmas eve": (24, 12), "christmas": (25, 12), "christmas day": (25, 12), "xmas": (25, 12),
           "boxing day": (26, 12), "new year's eve": (31, 12), "new years eve": (31, 12),
           "new year's day": (1, 1), "new years day": (1, 1), "epiphany": (6, 1)},
}
# Holiday names that also name a season ("before Christmas", "över påsk", "pääsiäisenä"
# as the whole Easter): they point at no single day of work.
SEASONS: dict[str, frozenset[str]] = {
    "fi": frozenset({"pääsiäisenä", "pääsiäiseen"}),
    "sv": frozenset({"påsk"}),
    "en": frozenset({"christmas", "xmas", "easter"}),
}
# Easter and the days it carries: phrase -> days from Easter Sunday.
EASTER_DAYS: dict[str, dict[str, int]] = {
    "fi": {"pitkäperjantaina": -2, "pitkäperjantai": -2, "pitkäperjantaihin": -2, "pääsiäisenä": 0,
           "pääsiäiseen": 0, "pääsiäispäivänä": 0, "toisena pääsiäispäivänä": 1, "toiseen pääsiäispäivään": 1},
    "sv": {"långfredag": -2, "långfredagen": -2, "påsk": 0, "påskdagen": 0, "påskafton": -1,
           "annandag påsk": 1},
    "en": {"good friday": -2, "easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1,
           "easter mon": 1},
}
# "by the end of the year": the year's last business day.
YEAR_END: dict[str, tuple[str, ...]] = {
    "fi": ("vuoden loppuun", "vuoden lopussa", "vuodenvaihteeseen", "vuoden vaihteeseen", "tämän vuoden loppuun"),
    "sv": ("årets slut", "slutet av året", "årsskiftet", "vid årsskiftet", "utgången av året"),
    "en": ("end of the year", "end of year", "eoy", "year-end", "year end", "end of this year"),
}

# --- "the first Tuesday of October", "sista fredagen i mars" ------------------------

ORDINALS: dict[str, dict[str, int]] = {
    "fi": {"ensimmäisenä": 1, "toisena": 2, "kolmantena": 3, "neljäntenä": 4, "viimeisenä": -1},
    "sv": {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "sista": -1},
    "en": {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1},
}
# Word joining the weekday to the month: "of", "in", "i"; Finnish puts the month first.
ORDINAL_JOINERS: dict[str, tuple[str, ...]] = {"fi": (), "sv": ("i",), "en": ("of", "in")}
# "dagen"/"day": "the third day of October", "sista dagen i oktober".
DAY_NOUNS: dict[str, tuple[str, ...]] = {"fi": ("päivänä", "päivä"), "sv": ("dagen", "dag"), "en": ("day",)}

# --- words that change a neighbouring expression's meaning --------------------------

# An expression touching one of these, unconsumed, is part of a longer phrase the
# grammar does not understand ("the day before yesterday", "beginning of next week",
# "3 days ago", "at 8 in the evening", "16 CET"): the engine answers nothing rather
# than a date for a fragment. Matched on the text just before / just after it.
_EN_WEEKDAY_WORDS = "|".join(_EN_WEEKDAY_NAMES)
_EN_MONTH_WORDS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
MODIFIED_BEFORE: dict[str, str] = {
    "fi": r"(?:\b(?:päivää|viikkoa|tuntia|minuuttia|varttia|puoli|alku|loppu|keski)\s*)$",
    "sv": r"(?:\b(?:dagen|dagar|dag|veckor|vecka|timmar|timme|minuter|minut|år|månader)\s+(?:före|efter|innan|från)?\s*"
          r"|\b(?:kvart|halv|tjugo|tio|fem|(?<![\d.,])\d{1,2})\s+(?:över|i|före|efter)\s*"
          r"|\b(?:början|mitten|början på|veckan|sista|första|andra|tredje|påsk|pingst|lång|skär)\s*(?:av|på|i)?\s*)$",
    "en": r"(?:\b(?:day|days|week|weeks|hours?|minutes?|mins?|months?|years?|fortnight)\s+"
          r"(?:before|after|from|past|to|till|since|prior to)?\s*"
          r"|\b(?:quarter|half|twenty|ten|five|fifteen|\d{1,2})\s+(?:before|after|from|past|to|till|since)\s*"
          r"|\b(?:beginning|start|middle|mid|early|late|begin|first|second|third|fourth|fifth|last|closest"
          r"|nearest|ides|days?|weeks?|rest|\d+(?:st|nd|rd|th))\s*(?:of|in|the|-)?\s*(?:the\s*)?(?:around\s*)?"
          r"|\b(?:morning|afternoon|evening|night)\s+of\s+(?:the\s+|this\s+)?"
          r"|\b(?:easter|palm|black|good|holy|whit|white|maundy|clean|mothering|trinity|lazarus|branch|orthodox"
          r"|great|cyber|shrove|ash|covenant|chinese|lunar|islamic|parsi|jewish|thanksgiving|halloween|hanukkah"
          r"|diwali|ramadan|passover|eid)\s*"
          rf"|\b(?:{_EN_WEEKDAY_WORDS})\s+(?:after|before)?\s*"
          r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*)$",
}
# A number right before an expression that has no deadline word of its own: "9
# tomorrow", "4/25 at 4pm", "Fri, Jul 18, 2014 19:00"; not "version 4.2" nor a
# number after a word or glued to one ("Ticket 4521 Friday", "Room 12, Monday at 10",
# "flat B12 on Tuesday"): an identifier.
NUMBER_BEFORE = r"(?<![\d.,])(?<![^\W\d_])(?<![^\W\d_]\s)\d{1,4}(?:st|nd|rd|th|ish|:e|\.)?\s*[-–,]?(?:\s+(?:on|at|the|den|på))?\s*$"
# A number right after: "Thursday 8h00", "tonight 815", "at 3 15", "for 9am".
_DIGIT_AFTER = r"(?:from|to|till|until|-|at|@|for|kl\.?|klockan|klo|kello)?\s*\d"
MODIFIED_AFTER: dict[str, str] = {
    "fi": r"\s*(?:(?:sitten|aikaisemmin|myöhemmin|alussa|alkupuolella|puolivälissä|loppupuolella"
          rf"|[a-zåäö]*päivänä|tuntia|minuuttia)\b|{_DIGIT_AFTER})",
    "sv": r"\s*(?:(?:sedan|tidigare|senare|(?:efter|före)(?!\s+(?:kl|\d))"
          r"|i\s+(?:förra|nästa|denna|den\s+här)\s+(?!vecka)\w+"
          rf"|cst|ist|igen|timmar|timme|minuter)\b|{_DIGIT_AFTER}"
          r"|,?\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.?\s*\d)",
    "en": r"\s*(?:(?:ago|back|hence|(?:before|after)(?!\s+(?:\d|noon|midnight))|earlier|later|ish|of"
          r"|from\s+(?:now|today|last|next|this)|in\s+(?:\d|a|an|one|two|three)\s|in\s+between|between"
          r"|in\s+(?:the\s+)?(?:morning|afternoon|evening|night|early|late)|early|late|-?\s*ends?|h|hours?|mins?"
          r"|minutes?|[ap]\.?\s?m|(?:to|till|until|-)\s*(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
          rf"|twelve)|two\s+thousand|(?:{_EN_MONTH_WORDS})[a-z]*|cst|ist)\b|{_DIGIT_AFTER}"
          r"|(?<=\S)'s\b|\(\w{3}\))",
}

# --- English relative phrases handed to dateparser ---------------------------

RELATIVE_UNITS_EN = ("minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months")

# --- markers ----------------------------------------------------------------

DEADLINE_BEFORE: dict[str, tuple[str, ...]] = {
    "fi": ("viimeistään", "ennen", "ei myöhemmin kuin"),
    "sv": ("senast", "senast på", "före", "innan", "till", "tills", "senast till", "fram till", "till och med",
           "t.o.m.", "t o m", "ända till", "inte senare än", "int senare än", "ej senare än"),  # "int": Finland-Swedish
    "en": ("by", "no later than", "not later than", "before", "until", "till", "due", "due by",
           "at latest", "at the latest", "latest"),  # "at latest on Tuesday", "latest 13 November": the Nordic order
}
DEADLINE_AFTER: dict[str, tuple[str, ...]] = {
    "fi": ("mennessä", "viimeistään", "asti", "saakka", "ennen"),
    "sv": ("senast", "som senast"),
    "en": ("at the latest", "latest"),
}
# A day something is moved to lies ahead, whatever the tense: "we moved your visit
# to Sunday", "siirsimme käynnin sunnuntaille". Words before the day, and Finnish
# case endings of the day itself.
TARGET_BEFORE: dict[str, tuple[str, ...]] = {"fi": (), "sv": ("till",), "en": ("to",)}
TARGET_ENDINGS: dict[str, tuple[str, ...]] = {"fi": ("lle", "ksi"), "sv": (), "en": ()}
START_BEFORE: dict[str, tuple[str, ...]] = {
    "fi": ("alkaen",),
    "sv": ("från och med", "fr.o.m.", "fr o m", "from", "från", "efter"),
    "en": ("from", "starting", "starting from", "as of", "beginning", "effective", "after"),
}
START_AFTER: dict[str, tuple[str, ...]] = {
    "fi": ("alkaen", "lähtien", "eteenpäin", "jälkeen"),
    "sv": ("och framåt",),
    "en": ("onwards", "onward"),
}
# A day something is moved away from is no promise: "on Monday 28 December instead of
# Friday 25 December", "perjantain 25.12. sijaan", "i stället för fredag 25.12.".
REPLACED_BEFORE: dict[str, tuple[str, ...]] = {
    "fi": (),
    "sv": ("i stället för", "istället för", "i stället för den", "istället för den", "som infaller", "som infaller på"),
    "en": ("instead of", "rather than", "in place of", "falling on", "that fall on", "which fall on"),
}
REPLACED_AFTER: dict[str, tuple[str, ...]] = {"fi": ("sijaan", "sijasta", "asemesta", "osuvat", "osuva", "osuvien"),
                                              "sv": ("infallande",), "en": ()}
# "lasku perjantain 13.11. keikasta": a weekday in the genitive owns the noun after
# it (the invoice of Friday's job); before a postposition it is a time ("perjantain
# aikana", "maanantain jälkeen").
WEEKDAY_GENITIVES: dict[str, tuple[str, ...]] = {
    "fi": ("maanantain", "tiistain", "keskiviikon", "torstain", "perjantain", "lauantain", "sunnuntain"),
    "sv": (), "en": (),
}
POSTPOSITIONS: dict[str, tuple[str, ...]] = {
    "fi": ("aikana", "kuluessa", "mennessä", "jälkeen", "ajan", "alusta", "loppuun", "asti", "saakka", "välillä",
           "ja", "tai", "klo", "kello"),
    "sv": (), "en": (),
}
# Short words allowed between two parts of one expression: "on Monday, the 23rd at 9".
GLUE_WORDS: dict[str, tuple[str, ...]] = {
    "fi": (),
    "sv": ("den", "på", "i"),  # "onsdag i nästa vecka"
    "en": ("the", "on", "of"),
}

# --- rendering and explaining --------------------------------------------------

WEEKDAY_NAMES: dict[str, tuple[str, ...]] = {
    "fi": ("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina", "lauantaina", "sunnuntaina"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")

# --- past narrative ------------------------------------------------------------

# "Sunday 6 December is Finnish Independence Day": a date followed by these says what the day is.
COPULAS: dict[str, tuple[str, ...]] = {"fi": ("on", "oli"), "sv": ("är", "var", "blir"), "en": ("is", "was", "will be")}
# A clause that says no work happens on a day ("joulupäivänä maksut eivät liiku",
# "we do not deliver on Sundays") promises nothing for it.
# Words that make the date after them a payment term's due date.
DUE_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("eräpäivä", "eräpäivä on", "eräpäivänä", "eräpäivällä", "eräpäivään"),
    "sv": ("förfallodag", "förfallodagen", "förfallodatum", "förfallodatumet", "förfaller", "förfallodag är",
           "förfallodagen är"),
    "en": ("due date", "due date is", "due on", "falls due on", "is due"),
}
# Deadline words that end a period on the day they name ("the offer is valid until
# Sunday", "käytössä sunnuntaihin asti", "gäller t.o.m. 31 december"): a state lasts
# until then, and nobody works on that day for it.
UNTIL_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("asti", "saakka"),
    "sv": ("tills", "fram till", "till och med", "t.o.m.", "t o m", "ända till"),
    "en": ("until", "till"),
}
# Deadline words that put the work before the day they name.
BEFORE_WORDS: dict[str, tuple[str, ...]] = {"fi": ("ennen",), "sv": ("före", "innan"), "en": ("before",)}
NEGATION_WORDS: dict[str, tuple[str, ...]] = {
    # "except" too: "as usual again from Monday 4.1, except on Epiphany, Wednesday 6.1".
    "fi": ("ei", "eivät", "emme", "en", "ette", "eikä", "paitsi"),  # not "et": in puhekieli it is "että"
    "sv": ("inte", "ej", "icke", "inga", "ingen", "inget", "utom", "förutom"),
    "en": ("not", "never", "cannot", "except"),
}
# Small, high-precision cues that a sentence reports the past rather than promises.
PAST_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("oli", "olivat", "olimme", "olin", "tapahtui", "toimitettiin", "lähetettiin", "lähetimme",
           "lähetin", "toimitimme", "toimitin", "saimme", "sain", "sovimme", "pidettiin", "eilen", "viime",
           "ilmeni", "yritimme", "yritin", "kaatui", "katkesi", "alkoi", "loppui", "huomasimme", "huomasin",
           "tuli", "tulivat", "kävi", "kävimme", "teimme", "tein", "jäi", "jäivät", "saapui", "saapuivat",
           "myöhästyi", "myöhästyivät", "viivästyi", "peruuntui", "unohtui", "epäonnistui", "kesti", "kestivät",
           "päättyi", "valmistui", "onnistui", "sai", "saivat", "sattui", "sattunut", "sattuneen", "sattunutta",
           "tapahtunut", "tapahtuneen", "tapahtunutta", "toitte", "toit", "kävitte", "kävit", "olitte", "soititte",
           "soitit", "lähetitte", "lähetit", "tilasitte", "tilasit", "ostitte", "ostit", "maksoitte", "maksoit",
           "vaihtoi", "korjasi", "asensi", "toimitti", "lähetti", "soitti", "tarkisti", "teki", "vastasi", "huomasi",
           "erääntyi", "erääntyivät", "yritti", "yrittivät", "tavoitti", "päästy", "hajosi", "hajosivat",
           "rikkoutui", "rikkoutuivat", "tehty",
           # a ticket note's bare participles: "Yritetty soittaa asiakkaalle 19.11. klo 15"
           "yritetty", "soitettu", "jätetty", "tarkistettu", "vaihdettu"),
    "sv": ("var", "hade", "skickade", "skickades", "levererade", "levererades", "fick", "igår", "i går", "ägde",
           "lovade",
           "förra", "uppstod", "försökte", "kom", "gick", "gjorde", "blev", "installerade", "åtgärdade",
           "kontrollerade", "uppdaterade", "startade", "ringde", "svarade", "bytte", "började", "slutade",
           "kraschade", "märkte", "upptäckte", "inträffade", "uteblev", "missade", "glömde", "försenades",
           "ställdes", "förföll", "förföllo", "tack för", "togs"),
    "en": ("was", "were", "had", "did", "sent", "deployed", "delivered", "shipped", "received", "thank you for",
           "thanks for",
           "yesterday", "last", "ago", "took", "lasted", "ran", "went", "came", "began", "ended", "happened",
           "fell", "left", "arrived"),
}
# Regular past-tense endings, used only on words long enough to make them reliable.
PAST_SUFFIXES: dict[str, tuple[str, ...]] = {
    "fi": ("tiin",),  # passive past: korjattiin, asennettiin, tehtiin, saatiin
    # Not "-ade" alone: it also ends adjectives ("det signerade avtalet"). The
    # passive "-des"/"-tes" (förstördes, köptes) is past only.
    "sv": ("ades", "des", "tes"),
    "en": ("ed",),
}
# Words ending like a past tense that are not one.
PAST_SUFFIX_EXCEPTIONS: dict[str, tuple[str, ...]] = {
    # Illatives of nouns in -ti ("sähköpostiin" = to the e-mail), not passive pasts.
    "fi": ("sähköpostiin", "postiin", "tekstiin", "projektiin", "budjettiin", "kontaktiin", "raporttiin",
           "dokumenttiin", "konserttiin", "kommenttiin", "tikettiin"),
    "sv": ("sade", "mercedes"),
    "en": ("need", "needed", "scheduled", "planned", "expected", "required", "based", "proposed",
           "detailed", "red", "bed", "feed", "speed", "seed", "indeed", "limited", "dedicated",
           "interested", "related", "agreed", "promised", "guaranteed", "intended", "advanced",
           "preferred", "updated", "estimated", "fixed", "extended", "allowed", "supposed", "confirmed",
           "booked", "reserved", "arranged"),
}
# A date a term or a validity ends on is a fact of the contract, not a promise.
VALIDITY_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("päättyy", "päättyvät", "vanhenee", "vanhenevat", "erääntyy", "erääntyvät", "voimassa",
           "laskun päivämäärä", "laskupäivä", "tilauspäivä", "päiväys", "takuuaika", "asennuspäivästä",
           "ostopäivästä", "toimituspäivästä"),
    "sv": ("löper ut", "går ut", "upphör", "förfaller", "gäller till", "gäller t.o.m.", "giltig", "giltigt",
           "omfattas", "gällde", "fakturadatum", "orderdatum", "beställningsdatum", "garantitiden", "garantitid",
           "installationsdatum", "inköpsdatum", "köpdatum"),
    "en": ("invoice date", "order date", "date of invoice", "guarantee period", "warranty period",
           "purchase date", "date of purchase",
           "expires", "expire", "valid until", "valid through", "runs out", "contract ends", "subscription ends",
           "agreement ends", "period ends", "term ends", "trial ends", "renews", "renews automatically",
           "rate is fixed", "price is fixed", "is fixed for", "fixed until"),
}
# A term that repeats ("the report is sent monthly, by the 5th of the following month")
# states a rule of service; its dates are examples, not one promise.
RECURRENCE_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("kuukausittain", "viikoittain", "vuosittain", "neljännesvuosittain", "joka kuukausi", "joka viikko",
           "kuukauden välein"),
    "sv": ("månadsvis", "varje månad", "varannan månad", "veckovis", "varje vecka", "årligen", "varje år",
           "kvartalsvis"),
    "en": ("monthly", "every month", "each month", "weekly", "every week", "each week", "annually", "every year",
           "quarterly"),
}
# The writer's own absence ("I'm on annual leave 21.12.–6.1.") is a notice, not a promise.
ABSENCE_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("lomalla", "vuosilomalla", "talvilomalla", "joululomalla", "lomailen", "poissa toimistolta", "olen poissa",
           "en ole tavoitettavissa"),
    "sv": ("på semester", "är ledig", "är tjänstledig", "är frånvarande", "är inte på plats", "inte anträffbar"),
    "en": ("annual leave", "on leave", "on holiday", "on vacation", "out of office", "out of the office", "i'm away",
           "i am away", "out of service", "out of use", "out of order"),
}
# Words for holidays in general: a notice naming one ("Joulun pyhien vuoksi", "Because of
# the Christmas holidays") moves a schedule off the holiday.
HOLIDAY_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("joulu", "joulun", "joulunpyhät", "joulunpyhien", "pyhät", "pyhien", "pyhinä", "pyhän", "pyhäpäivä",
           "pyhäpäivän", "pyhäpäivien", "arkipyhä", "arkipyhän", "juhlapyhä", "juhlapyhän", "juhlapyhien",
           "uudenvuoden", "pääsiäisen", "juhannuksen", "loppiaisen", "helatorstain"),
    "sv": ("jul", "julen", "julhelgen", "julhelgerna", "helgdag", "helgdagen", "helgdagar", "helgdagarna",
           "röd dag", "röda dagar", "nyår", "nyåret", "påsken", "midsommar", "trettondagen", "trettondedag jul"),
    "en": ("christmas", "holiday", "holidays", "bank holiday", "public holiday", "new year", "easter", "midsummer",
           "epiphany"),
}
# Words of a schedule moved off a holiday: "Joulun pyhien vuoksi … tehdään poikkeuksellisesti".
MOVE_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("koska", "vuoksi", "takia", "johdosta", "poikkeuksellisesti", "siirtyy", "siirtyvät", "siirretään"),
    "sv": ("eftersom", "på grund av", "p.g.a.", "pga", "med anledning av", "i stället", "istället", "flyttas",
           "undantagsvis"),
    "en": ("because", "due to", "owing to", "instead", "moves to", "is moved", "will be moved", "exceptionally"),
}
# Announced operations (maintenance breaks, a supply or service switched off for a
# while) are schedules, not promises to the customer: their hours are an outage's
# length, not a window someone promised to arrive in.
ANNOUNCEMENT_WORDS: dict[str, tuple[str, ...]] = {
    "fi": ("palvelinpäivitys", "palvelinpäivityksen", "päivitämme palvelimet", "järjestelmäpäivitys",
           "järjestelmäpäivityksen", "palvelinhuolto", "huoltotyöt", "huoltotöiden",
           "huoltokatko", "huoltokatkon", "huoltotauko", "palvelukatko", "huoltoikkuna", "järjestetään",
           "pidetään", "huoltotöitä", "huoltotyötä", "muutospyyntö", "muutosikkuna", "katkaistaan", "suljetaan", "pois käytöstä", "ei ole käytettävissä",
           "eivät ole käytettävissä", "vesikatko", "vesikatkon", "sähkökatko", "sähkökatkon", "peruttu",
           "peruutettu", "perutaan", "peruuntuu", "peruuntui"),
    "sv": ("serveruppdatering", "serveruppdateringen", "uppdaterar servrarna", "systemuppdatering",
           "systemuppdateringen", "serverunderhåll", "planerat underhåll", "underhållsfönster", "servicefönster", "underhållsarbete", "arrangeras",
           "äger rum", "hålls", "ändringsbegäran", "ändringsfönster", "stängs av", "bryts", "är avstängd", "är avstängt", "ur drift", "ligger nere",
           "inte tillgänglig", "inte tillgängligt", "vattenavstängning", "strömavbrott", "inställd", "inställt",
           "inställda", "ställs in", "avbokad", "avbokat"),
    "en": ("update the servers", "upgrade the servers", "server update", "server upgrade", "server maintenance",
           "system update", "system upgrade", "scheduled maintenance", "planned maintenance", "maintenance window",
           "maintenance break",
           "takes place", "will be held", "is held", "change request", "change window", "shut off", "shut down", "switched off", "turned off",
           "cut off", "be unavailable", "be offline", "be interrupted", "cancelled", "canceled", "called off"),
}
FUTURE_CUES: dict[str, tuple[str, ...]] = {  # a promise wins over a past-looking word
    "fi": ("lupaan", "lupaamme", "palaan", "palaamme", "toimitan", "toimitamme", "lähetän", "lähetämme",
           "ilmoitan", "ilmoitamme", "tulee", "tulen", "tulemme", "pyrimme"),
    "sv": ("ska", "skall", "kommer att", "kommer", "lovar", "återkommer", "skickar", "levererar"),
    "en": ("will", "i'll", "we'll", "you'll", "they'll", "shall", "going to", "promise", "expect to",
           "plan to", "should be", "must be", "needs to be", "has to be",
           # An appointment confirmed for a date: "booked" is not a report of the past here.
           # Not "scheduled for": change windows and maintenance are scheduled, not promised.
           *(f"{aux} {done} for" for aux in ("is", "are", "has been", "have been")
             for done in ("booked", "confirmed", "reserved")),
           "have booked", "'ve booked", "has booked", "have reserved", "'ve reserved",
           # A request is about what is still to be done, whatever participles it holds.
           *(f"{ask}{also} {verb}" for ask in ("please", "kindly") for also in ("", " also", " kindly")
             for verb in ("return", "send", "submit", "pay", "reply", "respond", "sign", "complete", "confirm",
                          "provide", "deliver"))),
}
