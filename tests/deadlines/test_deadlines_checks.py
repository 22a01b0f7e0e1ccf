"""Each rule id of check(), plus looks_past_narrative()."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from deadlint.deadlines import (
    check,
    is_promise,
    looks_like_service_hours,
    looks_past_narrative,
    recognise,
    resolve,
)


def findings(text, lang, now, calendar, **kwargs):
    (expr,) = recognise(text, lang)
    res = resolve(expr, now, calendar)
    return {c.rule_id: c for c in check(res, now, calendar, **kwargs)}


@pytest.mark.parametrize(("text", "lang", "recognised"), [
    ("din router levereras ons 24.11", "sv", True),  # after a day's name "24.11" is a date
    ("toimitetaan ke 24.11", "fi", True),
    ("priset är 24.11 euro", "sv", False),  # alone it may be a price or a version
    ("version 2.11 släpps", "sv", False),
])
def test_bare_day_month_needs_a_day_name(text, lang, recognised):
    assert bool([e for e in recognise(text, lang) if e.day is not None]) is recognised


def test_a_duration_and_a_day_are_two_expressions():
    expressions = recognise("Installationen tar två arbetsdagar, onsdag 2.12. och torsdag 3.12.", "sv")
    assert [(e.weekday, e.day, e.business_days) for e in expressions if e.day] == [(2, 2, None), (3, 3, None)]



def test_weekday_mismatch_names_the_real_weekday(fi):
    found = findings("maanantaina 24.11.", "fi", *fi)
    assert found["weekday-mismatch"].severity == "warning"
    assert found["weekday-mismatch"].message == "24.11.2026 is a Tuesday, not a Monday"


def test_matching_weekday_is_fine(fi):
    assert "weekday-mismatch" not in findings("tiistaina 24.11. klo 12 mennessä", "fi", *fi)


@pytest.mark.parametrize(("text", "lang", "fixture"), [
    ("10.11. mennessä", "fi", "fi"), ("senast 10/11", "sv", "sv"), ("by 10 November", "en", "en"),
    ("by 9:00", "en", "en"),  # a bare passed time rolls to tomorrow: no error
])
def test_deadline_past(text, lang, fixture, request):
    now, calendar = request.getfixturevalue(fixture)
    found = findings(text, lang, now, calendar)
    if text == "by 9:00":
        assert "deadline-past" not in found
    else:
        assert found["deadline-past"].severity == "error"


def test_past_narrative_is_not_a_broken_promise(en):
    assert "deadline-past" not in findings("on 10 November", "en", *en, promised=False)


def test_a_past_deadline_is_not_also_a_weekend_slip(fi):
    found = findings("Palauttakaa lomake su 15.11.2026 mennessä.", "fi", *fi)
    assert "deadline-past" in found and "non-business-day" not in found


def test_today_is_not_past_for_a_day_level_deadline(fi):
    assert "deadline-past" not in findings("tänään", "fi", *fi)


@pytest.mark.parametrize(("text", "lang", "fixture", "holiday"), [
    ("24.12. klo 12", "fi", "fi", "Christmas Eve"),
    ("25.6.2027", "fi", "fi", "Midsummer Eve"),
    ("6.12.2027 mennessä", "fi", "fi", "Independence Day"),
    ("senast 24/12", "sv", "sv", "Christmas Eve"),
    ("31/12", "sv", "sv", "New Year's Eve"),  # de facto holiday in Sweden
    ("by 25 December", "en", "en", "Christmas Day"),
])
def test_non_business_day_names_the_holiday(text, lang, fixture, holiday, request):
    found = findings(text, lang, *request.getfixturevalue(fixture))
    assert holiday in found["non-business-day"].message


def test_weekend_is_not_a_business_day(fi):
    assert "weekend" in findings("lauantaina", "fi", *fi)["non-business-day"].message


def test_finnish_new_years_eve_is_a_working_day(fi):
    assert "non-business-day" not in findings("31.12. mennessä", "fi", *fi)


@pytest.mark.parametrize(("text", "lang", "fixture"), [
    ("maanantaina klo 8-15", "fi", "fi"), ("måndag mellan kl. 8 och 15", "sv", "sv"),
    ("Monday between 8 am and 3 pm", "en", "en"),
    ("Thursday 26.11. during 8-14", "en", "en"),  # Nordic English for "under 8-14"
])
def test_wide_time_window(text, lang, fixture, request):
    assert findings(text, lang, *request.getfixturevalue(fixture))["wide-time-window"].severity == "warning"


def test_narrow_window_is_fine(fi):
    assert "wide-time-window" not in findings("maanantaina klo 9–10", "fi", *fi)


@pytest.mark.parametrize(("text", "lang"), [
    ("Our engineers are on site every weekday from 7:00 to 15:30.", "en"),
    ("The sync runs at 02:00 every night.", "en"),
    ("Asentajat ovat paikalla joka arkipäivä klo 7–15.30.", "fi"),
])
def test_recurring_hours_describe_service_not_a_promise(text, lang):
    expressions = recognise(text, lang)
    assert expressions and all(e.is_opening_hours for e in expressions)


def test_opening_hours_are_never_checked(fi):
    (expr,) = recognise("Olemme avoinna ma–pe klo 8–16.", "fi")
    assert expr.is_opening_hours
    now, calendar = fi
    assert check(resolve(expr, now, calendar), now, calendar) == []


def test_start_marker_is_not_a_deadline(fi):
    (expr,) = recognise("10.11. alkaen", "fi")
    assert expr.is_start and not expr.is_deadline
    assert "deadline-past" not in findings("10.11. alkaen", "fi", *fi)


def test_weekday_is_today_info(fi):
    found = findings("perjantaina", "fi", *fi)
    assert found["weekday-is-today"].severity == "info"
    assert "27 November 2026" in found["weekday-is-today"].message
    assert "today" in findings("perjantaina klo 14", "fi", *fi)["weekday-is-today"].message


@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    ("The fix was deployed on Monday.", "en", True),
    ("We shipped it on 10 November.", "en", True),
    ("We will deploy it on Monday.", "en", False),
    ("The meeting is scheduled for Monday.", "en", False),
    ("Korjaus oli tuotannossa maanantaina.", "fi", True),
    ("Lähetimme laskun 10.11.", "fi", True),
    ("Palaan asiaan maanantaina.", "fi", False),
    ("Vi skickade fakturan i tisdags.", "sv", True),
    ("Leveransen var klar den 10 november.", "sv", True),
    ("Vi skickar offerten senast tisdag.", "sv", False),
    ("Please return the completed questionnaire no later than 17/11.", "en", False),  # a request
    ("Asennus tehtiin tiistaina 17.11.", "fi", True),  # passive past "-tiin"
    ("Ersättning för varorna som förstördes den 12 november.", "sv", True),  # passive past "-des"
])
def test_looks_past_narrative(sentence, lang, expected):
    assert looks_past_narrative(sentence, lang) is expected


@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    ("Toimistomme on suljettuna 24.–26.12.", "fi", True),
    ("Asentaja tulee su 6.12. klo 10, kun myymälä on kiinni.", "fi", False),
    ("Kontoret är stängt 24–26 december, när vi firar jul.", "sv", True),
    ("We will install it on Sunday, while the office is closed.", "en", False),
    ("The office is closed on Sunday.", "en", True),
    # A participle after an article names a thing: these are promises, not closures.
    ("Your visit on Tuesday 24.11. is cancelled.", "en", True),
    ("We will refund the cancelled tickets to your card by 13 November.", "en", False),
    ("Den inställda resan återbetalas senast 13.11.", "sv", False),
    # A clause saying what for sets the scene too.
    ("Palauttakaa lomake torstaihin 26.11. mennessä, jotta kampanjahinta on voimassa.", "fi", False),
])
def test_service_hours_count_only_in_the_main_clause(sentence, lang, expected):
    assert looks_like_service_hours(sentence, lang) is expected


def test_this_week_is_not_past_until_the_week_is_over(fi):
    _, calendar = fi
    sunday = datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert "deadline-past" not in findings("tällä viikolla", "fi", sunday, calendar)
    next_monday = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert "deadline-past" in findings("viikolla 47", "fi", next_monday, calendar)


def test_last_weekday_is_never_a_promise(sv):
    assert "deadline-past" not in findings("i torsdags", "sv", *sv)


@pytest.mark.parametrize(("clauses", "expected"), [
    (("We received it on 18 November and your refund will be processed", "We received it on 18 November"), False),
    (("Leveransen lämnade lagret tisdag 17.11 och kvitterades dagen efter", "Leveransen lämnade lagret tisdag 17.11"),
     False),
    (("We will deliver it on Monday 23 November",), True),
])
def test_past_narrative_in_any_of_the_dates_clauses_makes_it_a_fact(clauses, expected):
    assert is_promise(clauses[0], "en" if clauses[0].startswith("We") else "sv", clauses=clauses) is expected


# A weekday named without a week is the coming one in a promise and the last one in
# a report: the past verb decides (Fri 20.11. reference, so "Sunday" reads as 22.11.).
@pytest.mark.parametrize(("text", "lang"), [
    ("Vika ilmeni pian sunnuntain päivityksen jälkeen, ja yritimme käynnistää laitteen uudelleen.", "fi"),
    ("Asentaja vaihtoi laitteen sunnuntaina.", "fi"),
    ("Laite hajosi lauantaina, ja asentaja tulee maanantaina 30.11.", "fi"),
    ("Technician visited on Sunday and replaced the unit.", "en"),
    ("Shortly after Sunday's upgrade the gateway lost its tunnel.", "en"),
    ("The courier delivered the parcel on Saturday.", "en"),
    ("Teknikern kom på söndagen och bytte enheten.", "sv"),
    ("Felet uppstod strax efter söndagens uppdatering.", "sv"),
])
def test_a_weekday_in_a_report_of_the_past_is_no_promise(lint, text, lang):
    assert not [f for f in lint(text, lang) if f.rule == "non-business-day"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Asentaja tulee sunnuntaina.", "fi"),
    ("Siirsimme käynnin sunnuntaille klo 9.", "fi"),
    ("We moved your visit to Sunday at 9.", "en"),
    ("The technician will come on Sunday.", "en"),
    ("Vi flyttade besöket till söndag kl. 9.", "sv"),
])
def test_a_weekday_promised_or_moved_to_is_still_checked(lint, text, lang):
    assert [f for f in lint(text, lang) if f.rule == "non-business-day"]


# A holiday named as the reason a schedule moves to a working day is the day moved
# from; a holiday promised for work, named or not, is still worth flagging.
@pytest.mark.parametrize(("text", "lang"), [
    ("Because of Christmas Day on Friday 25 December, collection moves to Monday 28 December.", "en"),
    ("Joulupäivän (pe 25.12.) jätteenkuljetukset ajetaan poikkeuksellisesti maanantaina 28.12.", "fi"),
    ("Hämtningen fredag 25.12. (juldagen) görs i stället måndag 28.12.", "sv"),
    ("Koska 25.12. on joulupäivä ja 26.12. tapaninpäivä, palkat maksetaan jo keskiviikkona 23.12.", "fi"),
])
def test_a_schedule_moved_off_a_holiday_is_no_slip(lint, text, lang):
    assert not [f for f in lint(text, lang) if f.rule == "non-business-day"]


@pytest.mark.parametrize(("text", "lang"), [
    ("We will deliver the parts on Friday 25 December.", "en"),
    ("Toimitamme osat perjantaina 25.12.", "fi"),
    ("Vi levererar delarna fredag 25.12.", "sv"),
    ("Loppulasku on valmiina teille joulupäivänä pe 25.12.", "fi"),  # named, but still the day promised
    ("Lähetämme sopimuksen loppiaisena ke 6.1.2027, ja avaimet saa ma 11.1.2027 klo 10.", "fi"),
    ("We'll deliver the sofa on Christmas Day.", "en"),
])
def test_a_holiday_promised_for_work_is_flagged(lint, text, lang):
    assert [f for f in lint(text, lang) if f.rule == "non-business-day"]


@pytest.mark.parametrize(("text", "lang"), [
    ("This is a reminder that invoice 40213 fell due on Friday 13 November 2026.", "en"),
    ("Muistutamme, että lasku 40213 erääntyi perjantaina 13.11.2026.", "fi"),
    ("Vi påminner om att faktura 40213 förföll fredag 13.11.2026.", "sv"),
])
def test_a_due_date_that_fell_is_reported_not_promised(lint, text, lang):
    assert not [f for f in lint(text, lang) if f.rule == "deadline-past"]


def test_klo_in_english_is_a_clock_time(lint):
    text = "The bulky waste truck will visit your address on Wednesday 2 December, klo 7–15."
    assert [f for f in lint(text, "en") if f.rule == "wide-time-window"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Vattnet var avstängt i hela huset tisdagen den 17.11. kl. 8–15 på grund av ett rörbrott.", "sv"),
    ("Fakturadatum: 16.11.2026", "sv"),
    ("We will update the servers of the customer portal on Sunday 29 November.", "en"),
    ("Please note: I'm on annual leave 21.12.2026–6.1.2027.", "en"),
    ("FYI: the city will close Aleksanterinkatu on Sunday 22 November from 12 to 18.", "en"),
    ("Kuljetusauto hajosi keskiviikkona 18.11. matkalla.", "fi"),
    ("Käynti tehty to 19.11. klo 9.30, venttiili vaihdettu.", "fi"),
    ("Yritetty soittaa asiakkaalle 19.11. klo 15, ei vastannut.", "fi"),  # a ticket note's participle
    ("Takuuaika alkaa asennuspäivästä 12.11.2026, joten korjaamme vian.", "fi"),  # a reference date
    ("The guarantee period is 5 years from the installation date (12 March 2024), so we will fix it.", "en"),
])
def test_facts_notices_and_others_events_are_not_promises(lint, text, lang):
    assert [f.rule for f in lint(text, lang)] == []


def test_a_number_glued_to_a_letter_is_an_identifier_not_part_of_a_date(lint):
    text = "Our caretaker will check the radiator in flat B12 on Tuesday 17 November between 10 and 12."
    assert "deadline-past" in [f.rule for f in lint(text, "en")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Perjantaille 25.12. osuvat tyhjennykset tehdään maanantaina 28.12.", "fi"),
    ("Loppiaisen lehdet jaetaan torstaina 7.1.", "fi"),
    ("Collections falling on Friday 25 December will be done on Monday 28 December.", "en"),
    ("Joulupäivän pe 25.12. tyhjennykset tehdään ma 28.12.", "fi"),  # a holiday in the genitive owns them
])
def test_the_slot_a_service_moves_from_is_not_promised(lint, text, lang):
    assert "non-business-day" not in [f.rule for f in lint(text, lang)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("We guarantee the parcel reaches you before 24 December.", "en", []),
    ("Vi levererar före lördag 28/11.", "sv", []),
    ("Toimitamme ennen lauantaita 28.11.", "fi", []),
    ("We will deliver the parcel by Saturday 28 November.", "en", ["non-business-day"]),
    # A payment term's due date falls on whatever day it falls.
    ("Din faktura skickas ut senast måndag 30.11. med förfallodag 31.12.", "sv", []),
    ("Laskun eräpäivä on su 6.12.", "fi", []),
    ("The invoice is due on Sunday 31 January 2027.", "en", []),
    # The day a state ends: an offer, a service in use, a store open until then.
    ("Som tack får du 20 % rabatt till och med 31 december.", "sv", []),
    ("Erbjudandet gäller t.o.m. söndag 29.11.", "sv", []),
    ("Sauna on käytössä sunnuntaihin 29.11. asti.", "fi", []),
    ("The old portal stays open until Sunday 29 November.", "en", []),
    ("Vi levererar senast lördag 28.11.", "sv", ["non-business-day"]),
    # A day excepted from the service is not worked: "utom", "except", "paitsi".
    ("Från måndag 4.1 kör vi som vanligt igen, utom på trettondagen onsdag 6.1.", "sv", []),
    ("We deliver as usual from Monday 4 January, except on Wednesday 6 January.", "en", []),
    ("Vi flyttar era servrar till datacentret på nyårsdagen.", "sv", ["non-business-day"]),  # "flyttar" commits
])
def test_a_limit_a_due_date_a_period_end_or_an_exception_is_no_day_of_work(lint, text, lang, expected):
    assert [f.rule for f in lint(text, lang) if f.rule == "non-business-day"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Written on Friday 20 November: the 17th just gone was a Tuesday, the coming one a Thursday.
    ("I'll have the revised quote to you by tues 17th.", ["deadline-past"]),
    ("I'll have the revised quote to you by Thursday 17th.", []),
    ("I'll have the revised quote to you by Monday 17th.", ["weekday-mismatch"]),
])
def test_a_weekday_with_a_bare_day_of_month_picks_the_month_it_fits(lint, text, expected):
    assert [f.rule for f in lint(text, "en")] == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Entries made on 19 November will need to be re-entered.", "en", []),
    ("Orders placed on Saturday 28 November are shipped on Monday 30 November.", "en", []),
    ("Your order will be delivered on Saturday 28 November.", "en", ["non-business-day"]),
])
def test_a_participle_after_a_noun_dates_the_thing_not_a_promise(lint, text, lang, expected):
    assert [f.rule for f in lint(text, lang)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Du kan hämta nycklarna lördag 28.11 efter kl. 10.", []),
    ("Vi återkommer söndag 29.11 med besked om när du kan hämta bilen.", ["non-business-day"]),
])
def test_the_customers_permission_covers_the_dates_after_it(lint, text, expected):
    assert [f.rule for f in lint(text, "sv") if f.rule == "non-business-day"] == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Liitteenä lasku perjantain 13.11. keikasta.", "fi", []),
    ("Toimitamme tilauksen perjantaina 13.11.", "fi", ["deadline-past"]),
])
def test_a_weekday_in_the_genitive_owns_a_noun(lint, text, lang, expected):
    assert [f.rule for f in lint(text, lang)] == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Uusi asennusaika on lauantaina 5.12. klo 8 alkaen.", "fi", ["non-business-day"]),
    ("Uudet hinnat ovat voimassa 1.1.2027 alkaen.", "fi", []),
])
def test_an_appointment_starting_on_a_weekend_is_on_a_weekend(lint, text, lang, expected):
    assert [f.rule for f in lint(text, lang)] == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Vi skickar räkningen på nytt, int senare än måndag 16.11.", "sv"),  # Finland-Swedish speech
    ("Vi skickar räkningen på nytt, inte senare än måndag 16.11.", "sv"),
    ("Lähetämme laskun uudelleen, ei myöhemmin kuin maanantaina 16.11.", "fi"),
])
def test_no_later_than_marks_a_deadline(lint, text, lang):
    assert "deadline-past" in [f.rule for f in lint(text, lang)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # A request holds what is still to be done, whatever participles it holds.
    ("Kindly submit the completed form no later than Wednesday 18 November 2026.", "en", ["deadline-past"]),
    ("Provet som togs vid ditt besök den 13 november visade ingen växt.", "sv", []),
])
def test_requests_and_reports_of_past_samples(lint, text, lang, expected):
    assert [f.rule for f in lint(text, lang)] == expected


def test_a_service_out_of_use_in_a_window_is_no_visit(lint):
    text = "The lift will be out of service on Monday 7 December from 8:00 to 16:00 while the unit is installed."
    assert [f.rule for f in lint(text, "en")] == []
