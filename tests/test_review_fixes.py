"""Regressions found in review: CRLF drafts, week phrases with a date, symlinks under --fix."""

from __future__ import annotations

from clirun import check_json, run, write


def test_crlf_draft_splits_languages_like_an_lf_one(tmp_path):
    text = ("Hei,\n\nPalaamme asiaan mahdollisimman pian. Kiitos kärsivällisyydestä.\n\n"
            "Thanks, and we will send the report ASAP as well.\n")
    lf = write(tmp_path / "lf.txt", text)
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    _, lf_report, _ = check_json(lf)
    _, crlf_report, _ = check_json(crlf)
    assert [(f["line"], f["language"], f["match"]) for f in crlf_report["findings"]] == \
        [(f["line"], f["language"], f["match"]) for f in lf_report["findings"]]
    assert {f["language"] for f in crlf_report["findings"]} == {"fi", "en"}


def test_next_week_with_a_date_is_a_day_not_a_week(tmp_path):
    draft = write(tmp_path / "d.txt", "We will deliver the parts next week on 5 December.\n")
    _, report, _ = check_json(draft)
    assert "non-business-day" in {f["rule"] for f in report["findings"]}  # 5 December 2026 is a Saturday


def test_fix_through_a_symlink_keeps_the_link(tmp_path):
    real = write(tmp_path / "real.txt", "We will fix it ASAP.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, _, _ = run("--fix", link)
    assert link.is_symlink()
    assert "ASAP" not in real.read_text(encoding="utf-8")


def test_a_visit_moved_in_the_past_tense_is_still_a_promise(tmp_path):
    draft = write(tmp_path / "d.txt", "Jouduimme siirtämään asennuksen keskiviikolle 2.12. klo 8–16.\n"
                                      "Asennus tehtiin tiistaina 17.11. klo 8–16.\n")
    _, report, _ = check_json(draft, "--now", "2026-11-20T10:00")
    # The window ahead is a promise; the one already over is history.
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(1, "wide-time-window")]


def test_dates_the_customer_reported_or_named_as_past_are_not_promised(tmp_path):
    draft = write(tmp_path / "d.txt",
                  "Kerroitte olevanne mökillä lauantaina 28.11., joten sovitaan käynti maanantaille 30.11. klo 8–10.\n"
                  "Toimitamme lauantaina 28.11., kuten pyysitte.\n"
                  "Kerromme eilen alkaneen katkon syyt, kun selvitys valmistuu.\n"
                  "Kirjasin ylös, että olette mökillä lauantaina 28.11., joten käynti on siirretty maanantaille 30.11.\n")
    _, report, _ = check_json(draft, "--now", "2026-11-20T10:00", "--select", "non-business-day,deadline-past")
    # The cottage Saturday is the customer's; our own Saturday delivery is flagged; "eilen" is history.
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(2, "non-business-day")]


def test_each_clause_of_a_long_sentence_speaks_for_itself(tmp_path):
    draft = write(tmp_path / "d.txt",
                  "Your car came in on Monday 16 November for its service, the technician replaced the pads, "
                  "and the car will be ready for collection on Tuesday 24 November at 15:00.\n\n"
                  "The finance quote you requested is ready, and the dealer will confirm the slot early next week.\n\n"
                  "The parcel was scanned on Wednesday 18 November, so we have filed a claim and will keep you posted.\n")
    _, report, _ = check_json(draft, "--now", "2026-11-20T10:00")
    # No past date is read as a broken promise; the reported request and the past
    # weekday stay in their own clauses.
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(3, "vague-deadline"), (5, "no-update-time")]


def test_a_period_ending_on_a_weekend_is_not_a_weekend_promise(tmp_path):
    draft = write(tmp_path / "d.txt", "Vahvistan mökin varauksen ajalle pe 27.11.–su 29.11.2026.\n"
                                      "Asennamme laitteen su 29.11.\n")
    _, report, _ = check_json(draft, "--now", "2026-11-20T10:00", "--select", "non-business-day")
    # The stay runs over the weekend; the installation is promised for a Sunday.
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(2, "non-business-day")]


def test_a_weekend_the_customer_may_use_is_not_a_weekend_promise(tmp_path):
    draft = write(tmp_path / "d.txt", "You can collect the new keys on Saturday 28 November, they will be ready at the office.\n"
                                      "We will deliver the parcel on Saturday 28 November.\n")
    _, report, _ = check_json(draft, "--now", "2026-11-20T10:00", "--select", "non-business-day")
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(2, "non-business-day")]


def test_a_holiday_named_or_restated_is_not_a_second_weekend_promise(tmp_path):
    notice = write(tmp_path / "notice.txt", "Please note that Sunday 6 December is Finnish Independence Day.\n"
                                            "We deliver on Saturday 26 December on route 4.\n")
    moved = write(tmp_path / "moved.txt", "Hej! Vi tömmer ditt kärl onsdag 6/1 (trettondedag jul) i stället för "
                                          "tisdag 5/1. Ställ ut kärlet senast kl. 6.\n")
    _, report, _ = check_json(notice, moved, "--now", "2026-11-20T10:00", "--select", "non-business-day")
    # The notice says what the Sunday is ("on" is no copula in English); the bin is emptied
    # on a holiday, flagged once.
    assert [(f["path"].endswith("moved.txt"), f["match"]) for f in report["findings"]] == [
        (False, "Saturday 26 December"), (True, "onsdag 6/1")]


def test_a_day_without_work_is_no_weekend_promise(tmp_path):
    draft = write(tmp_path / "d.txt", "We will not deliver on Saturday 28 November.\n"
                                      "We won't come on Sunday 29 November.\n"
                                      "We will deliver on Saturday 28 November.\n")
    _, report, _ = check_json(draft, "--now", "2026-11-20T10:00", "--select", "non-business-day")
    assert [f["line"] for f in report["findings"]] == [3]


def test_a_holiday_named_as_the_reason_is_not_the_new_slot(tmp_path):
    moved = write(tmp_path / "moved.txt", "Hej! På grund av julafton töms ditt kärl onsdag 23/12 i stället för "
                                          "torsdag 24/12. Vi levererar inga paket lördag 26/12.\n")
    _, report, _ = check_json(moved, "--now", "2026-11-20T10:00", "--select", "non-business-day")
    assert report["findings"] == []
