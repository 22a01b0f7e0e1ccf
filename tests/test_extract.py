"""Authored text: quotes, reply headers, signatures, templates, URLs, quoted words and code are
blanked with offsets intact, and the linter flags only the author's own words on the right line."""

from __future__ import annotations

import pytest

from deadlint.extract import extract
from deadlint.report import locate
from deadlint.sources import Source


def authored(text: str, kind: str = "text") -> str:
    masked = extract(Source(path="draft.txt", text=text, kind=kind)).text
    # Offsets intact: same length, newlines where they were, every kept character unchanged.
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert all(m == t or m == " " for m, t in zip(masked, text))
    return masked


@pytest.fixture
def flagged(lint):
    """flagged(text, kind) -> [(line, match, rule)] for what the linter reports."""

    def run(text: str, kind: str = "text", lang: str | None = None):
        source = Source(path="draft.txt", text=text, kind=kind)
        return [(locate(source, f).line, f.match, f.rule) for f in lint(text, lang, kind)]

    return run


def own_asap(flagged, text, line, kind="text", match="ASAP"):
    assert flagged(text, kind) == [(line, match, "vague-deadline")], text


def masked_to_the_end(flagged, tail):
    """``tail`` under a reply of the sender's: all of it blanked, the reply's ASAP flagged."""
    text = "Hi,\n\nWe will fix it ASAP.\n\n" + tail
    assert authored(text)[text.index(tail):].strip() == ""
    own_asap(flagged, text, 3)


# --- quoted lines and reply headers ------------------------------------------------------------------

EN_REPLY = """Hi Jane,

We will fix it ASAP.

On Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:
> Please fix this ASAP, it is urgent.
> We need it soon.
"""

FI_REPLY = """Hei Matti,

Korjaamme vian mahdollisimman pian.

Ma 16.11.2026 klo 9.12 Matti <matti@example.fi> kirjoitti:
> Korjatkaa tämä pian!
> Tarvitsemme sen asap.
"""

SV_REPLY = """Hej Anna,

Vi återkommer snarast.

Den mån 16 nov. 2026 kl 09:12 skrev Anna <anna@example.se>:
> Fixa det snart, tack.
> Vi behöver det så snart som möjligt.
"""


@pytest.mark.parametrize(("text", "header", "match"), [
    (EN_REPLY, "On Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:", "ASAP"),
    (FI_REPLY, "Ma 16.11.2026 klo 9.12 Matti <matti@example.fi> kirjoitti:", "mahdollisimman pian"),
    (SV_REPLY, "Den mån 16 nov. 2026 kl 09:12 skrev Anna <anna@example.se>:", "snarast"),
], ids=["en", "fi", "sv"])
def test_reply_header_and_quote_are_masked(flagged, text, header, match):
    masked = authored(text)
    assert header not in masked
    assert ">" not in masked
    assert match in masked.splitlines()[2]
    assert masked.splitlines()[4:] == [" " * len(line) for line in text.splitlines()[4:]]
    assert flagged(text) == [(3, match, "vague-deadline")]


def test_bottom_posted_reply_keeps_the_answer_below_the_quote(flagged):
    text = ("Hi,\n\nOn Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:\n"
            "> Please fix this ASAP.\n> Thanks!\n\nWe will fix it ASAP.\n")
    masked = authored(text)
    assert "Please" not in masked and "wrote" not in masked
    assert masked.splitlines()[6] == "We will fix it ASAP."
    own_asap(flagged, text, 7)


def test_inline_reply_between_quoted_lines(flagged):
    text = ("> Can you fix it soon?\nWe will fix it ASAP.\n> And the invoice?\n"
            "It is attached.\n> Thanks, and please hurry, ASAP!\n")
    blank = [" " * len(line) for line in text.splitlines()]
    assert authored(text).splitlines() == [blank[0], "We will fix it ASAP.", blank[2], "It is attached.", blank[4]]
    own_asap(flagged, text, 2)


def test_unquoted_history_after_a_reply_header_is_masked(flagged):
    text = ("Hi,\n\nWe will fix it ASAP.\n\nOn Mon, 16 Nov 2026 at 09:12, Jane Doe\n<jane@example.com> wrote:\n\n"
            "Please fix this ASAP.\nWe need it soon.\n")
    masked = authored(text)
    assert masked.rstrip(" \n").endswith("We will fix it ASAP.")
    own_asap(flagged, text, 3)


def test_thunderbird_finnish_header(flagged):
    text = ("Hei,\n\nKorjaamme vian pian.\n\nMatti Meikäläinen kirjoitti 16.11.2026 klo 9.12:\n\n"
            "Korjatkaa mahdollisimman pian.\n")
    assert flagged(text) == [(3, "pian", "vague-deadline")]


def test_prose_with_kirjoitti_is_not_a_header(flagged):
    text = "Kuten kirjoitti:\nKorjaamme vian mahdollisimman pian.\n"
    assert flagged(text) == [(2, "mahdollisimman pian", "vague-deadline")]


# --- Outlook history ----------------------------------------------------------------------------------

@pytest.mark.parametrize("history", [
    "-----Original Message-----\nFrom: Jane\nSent: Monday\nSubject: x\n\nPlease fix ASAP.\n",
    "From: Jane Doe <jane@example.com>\nSent: Monday, November 16, 2026 9:12 AM\nTo: Support\n"
    "Subject: Broken\n\nPlease fix ASAP.\n",
    "________________________________\nFrom: Jane\nPlease fix this ASAP, we need it soon.\n",
    "---------- Forwarded message ---------\nFrom: Jane\nPlease fix this ASAP.\n",
], ids=["original-message", "from-sent", "underscores", "forwarded"])
def test_outlook_history_is_masked_to_the_end(flagged, history):
    masked_to_the_end(flagged, history)


@pytest.mark.parametrize(("text", "line", "match"), [
    ("Hej,\n\nVi fixar det snarast.\n\nFrån: Anna <anna@example.se>\nSkickat: den 16 november 2026 09:12\n"
     "Till: Support\n\nFixa det snart.\n", 3, "snarast"),
    ("Hei,\n\nKorjaamme vian pian.\n\nLähettäjä: Matti <matti@example.fi>\n"
     "Lähetetty: maanantai 16. marraskuuta 2026 9.12\n\nKorjatkaa asap.\n", 3, "pian"),
    ("Hei,\n\nKorjaamme vian pian.\n\n-----Alkuperäinen viesti-----\nKorjatkaa asap.\n", 3, "pian"),
    ("Hej,\n\nVi fixar det snarast.\n\n-----Ursprungligt meddelande-----\nFixa det snart.\n", 3, "snarast"),
], ids=["sv-fran-skickat", "fi-lahettaja-lahetetty", "fi-alkuperainen", "sv-ursprungligt"])
def test_outlook_history_in_finnish_and_swedish(flagged, text, line, match):
    assert flagged(text) == [(line, match, "vague-deadline")]


@pytest.mark.parametrize("history", [
    "-----Oprindelig meddelelse-----\nFra: Jens <jens@example.dk>\nSendt: 16. november 2026 09:12\n\nRet det ASAP.\n",
    "Fra: Jens <jens@example.dk>\nSendt: 16. november 2026 09:12\nTil: Support\n\nRet det ASAP.\n",
    "Von: Jan <jan@example.de>\nGesendet: Montag, 16. November 2026 09:12\nAn: Support\n\nBitte ASAP.\n",
    "*From:* Jane [mailto:jane@example.com]\n*Sent:* Monday, 16 November 2026 09:12\n\nPlease fix ASAP.\n",
    "Date: Mon, 16 Nov 2026 09:12:00 +0200\nTo: support@example.com\n\nPlease fix ASAP.\n",
    "From: Jane\n\nSent: Monday, 16 November 2026\n\nTo: Support\n\nPlease fix ASAP.\n",
    "Op 16 nov. 2026 om 09:12 heeft Jan <jan@example.nl> het volgende geschreven:\n\nGraag ASAP.\n",
    "Le lun. 16 nov. 2026 à 09:12, Jean <jean@example.fr>\na écrit :\n\nMerci de corriger ASAP.\n",
    "---- On Mon, 16 Nov 2026 09:12:36 +0200 Jane wrote ----\n\nPlease fix ASAP.\n",
    "-----Reply Message-----\nPlease fix ASAP.\n",
    "16.11.2026 9.12, \"Jane Doe\" <jane@example.com>:\n\nPlease fix ASAP.\n",
    "Jane Doe <jane@example.com> wrote:\n\nPlease fix ASAP.\n",
    " ------------------------------\n\n*From:* Jane\n*Sent:* 2026-11-16\n\nPlease fix ASAP.\n",
    "On Tue, 3 Nov 2026 at 14:05 Kim Berg\n\n<\nmailto:Kim Berg <kim@example.com>\n> wrote:\nPlease fix ASAP.\n",
    "Den 3 nov. 2026 kl. 14:05 Kim Berg <kim@example.com>\n\nskrev:\n\nFixa det ASAP.\n",
], ids=["da-separator", "da-fields", "de-fields", "starred-mailto", "date-first", "blank-separated",
        "nl-schreef", "fr-wrapped", "dashed-on-wrote", "reply-message", "date-address-colon", "name-address-wrote",
        "rule-above-block", "spaced-mailto", "spaced-address"])
def test_headers_of_other_clients_and_languages_start_history(flagged, history):
    masked_to_the_end(flagged, history)


@pytest.mark.parametrize("memo", [
    "Date: 5.12.2026\nTo: All residents\nSubject: Water outage\n\n",
    "From: Property management\nTo: All residents\nSubject: Water outage\n\n",
])
def test_a_memos_own_header_lines_are_not_quoted_history(flagged, memo):
    """No sender and date pair, no time of day: the sender's notice, not a reply header."""
    own_asap(flagged, memo + "We will fix it ASAP.\n", memo.count("\n") + 1)


def test_header_after_reply_text_on_one_line_masks_only_the_header(flagged):
    text = "We will fix it ASAP. On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:\n> Hi\n"
    assert authored(text).startswith("We will fix it ASAP.  ")
    assert "wrote" not in authored(text)
    own_asap(flagged, text, 1)  # and no deadline-past on the header's 2012 date


@pytest.mark.parametrize("above", ["We will fix it ASAP", "Please call me at 040 123 4567"])
def test_the_line_above_a_wrapped_header_stays_the_senders(above):
    text = f"Hi,\n\n{above}\nOn Mon, 16 Nov 2026 at 09:12, Jane Doe\n<jane@example.com> wrote:\n\nOld text.\n"
    assert above in authored(text)


@pytest.mark.parametrize("above", ["On Mon 7 Dec we will visit ASAP.", "On 7 Dec at 10 we visit, ASAP"])
def test_the_paragraph_above_a_header_stays_the_senders(above):
    text = f"Hi,\n\n{above}\n\nJane Doe <jane@example.com> wrote:\nOld text.\n"
    assert above in authored(text)


@pytest.mark.parametrize("signature", [
    "---\nJane Doe\nSupport, answers ASAP\n",
    "—\nJane Doe\nCEO at Example – we reply ASAP\n",
    "__\nriak-users mailing list\nriak-users@lists.example.com\nhttp://lists.example.com/listinfo/riak-users\n",
    "-Jane Doe\nWe reply ASAP.\n",
])
def test_rules_dashed_names_and_list_footers_start_the_signature(flagged, signature):
    masked_to_the_end(flagged, signature)


def test_rules_between_sections_of_the_senders_text_are_not_a_signature(flagged):
    text = "Here is my plan:\n----\n\n1. Fix the login\n2. Deploy ASAP\n\n----\n\nThat is all.\n"
    own_asap(flagged, text, 5)


# --- signatures, mobile footers, sign-offs -----------------------------------------------------------

def test_dash_dash_space_signature(flagged):
    text = "Hi,\n\nWe will fix it ASAP.\n\n-- \nSupport team - we answer ASAP\nhttps://example.com\n"
    masked = authored(text)
    assert "answer" not in masked
    own_asap(flagged, text, 3)


@pytest.mark.parametrize(("text", "line", "match"), [
    ("We will fix it ASAP.\n\nSent from my iPhone\n", 1, "ASAP"),
    ("Korjaamme vian pian.\n\nLähetetty iPhonesta\n", 1, "pian"),
    ("Vi fixar det snart.\n\nSkickat från min iPhone\n", 1, "snart"),
    ("We will fix it ASAP.\n\nGet Outlook for Android\n", 1, "ASAP"),
    ("Korjaamme vian pian.\n\nLähetetty Samsung Galaxy -älypuhelimesta\n", 1, "pian"),
], ids=["en", "fi", "sv", "outlook-android", "fi-samsung"])
def test_mobile_footers(flagged, text, line, match):
    footer = text.splitlines()[-1]
    assert footer not in authored(text)
    assert flagged(text) == [(line, match, "vague-deadline")]


@pytest.mark.parametrize("footer", ["Sent with Spark", "Sent from BlueMail<https://bluemail.me>",
                                    "Sent from a very small keyboard", "Envoyé à partir d'Outlook pour Android",
                                    "Skickat från Outlook för Android"])
def test_footers_of_any_app_mask_what_follows(flagged, footer):
    masked_to_the_end(flagged, f"{footer}\nNew features soon – guaranteed!\n")


@pytest.mark.parametrize("text", [
    "Hi,\n\nSent from the warehouse on Monday the parcel will\narrive ASAP.\n",  # a wrapped sentence
    "Hi,\nSent from our office\nWe will call you ASAP.\n",  # no blank line above: the reply goes on
    "Hi,\n\nSent from the warehouse yesterday. It arrives ASAP.\n",
    "\nSent from our office in Oulu\nWe will call you ASAP.\n",  # the draft's first line
])
def test_a_sentence_that_starts_like_an_app_footer_is_linted(flagged, text):
    assert "ASAP" in authored(text)


@pytest.mark.parametrize("sign_off", ["Best regards,", "Ystävällisin terveisin", "Med vänliga hälsningar", "Thanks,",
                                      "Bästa hälsningar", "Lämpimin terveisin", "Kh", "Vh", "Bedste hilsner", "Br,", "Rgds",
                                      "Have a nice weekend!", "Ha en trevlig helg!", "Mukavaa viikonloppua!"])
def test_sign_off_block_is_masked(flagged, sign_off):
    text = (f"Hi,\n\nWe will fix it ASAP.\n\n{sign_off}\nJane Doe\nSupport - replies ASAP, guaranteed\n"
            "+358 40 123 4567\n")
    masked = authored(text)
    assert "Jane Doe" not in masked and "guaranteed" not in masked
    own_asap(flagged, text, 3)


def test_a_long_tagline_under_a_phone_line_is_part_of_the_signature():
    text = ("Hej,\n\nVi byter pannorna tisdag 24 november kl. 8.\n\nMed vänlig hälsning\nPatrik Hedlund\n070-318 54 20\n"
            "Jag läser mejl oregelbundet under dagen och svarar så snart jag kan. Vid akuta läckor, ring jouren 026-10 20 30.\n")
    assert "snart" not in authored(text)


@pytest.mark.parametrize("name", ["Jane Doe", "%AGENT_NAME%", "{{current_user.name}}"])
def test_tagline_under_the_name_is_part_of_the_signature(flagged, name):
    text = f"Hi,\n\nWe will fix it ASAP.\n\nKind regards,\n{name}\nService Desk – we fix it fast, guaranteed!\n"
    assert "guaranteed" not in authored(text)
    own_asap(flagged, text, 3)


@pytest.mark.parametrize("signature", [
    "Maija Mäkinen\nmaija.makinen@example.fi\n+358 40 123 4567\nSupport – we fix it fast, guaranteed!\n",
    "Jon Berg | Fastighetsservice\nTel: 08-123 45 67\nwww.example.se\n",
    "Jane Doe | Support\njane@example.com | +358 40 123 4567\nSupport hours Mon-Fri 8-16, we answer ASAP\n",
    "----\n\nJon Berg\n\nService Manager\n\nExample AB\n\nStockholm\n\nTel. 08-123 45 67\n\nFax. 08-123 45 68\n\nSkype: jon.berg\n\n"
    "https://example.se\n\nWe answer ASAP.\n",
    # A name and a team at the foot, then the team's tagline.
    "Pihla / Asiakaspalvelu\nVillasukka.fi – vastaamme viesteihin mahdollisimman pian\n",
    "Anna Berg | Customer Care\nWe answer ASAP, guaranteed!\n",
    "Ida\nCustomer Happiness Team, Lumi Wear\nWe answer all messages as soon as we can\n",
    "Lena Vik\nKundservice, Spårresor\nVi besvarar alla mejl så snart vi kan – i regel inom ett par dagar.\n",
], ids=["name-and-contacts", "title-phone-web", "contacts-on-one-line", "long-sparse-under-rule",
        "name-slash-team", "name-pipe-team", "name-over-team", "full-name-over-team"])
def test_name_and_contact_lines_are_a_signature_without_a_sign_off(flagged, signature):
    masked_to_the_end(flagged, signature)


@pytest.mark.parametrize(("text", "line"), [
    ("Hi,\n\nStatus / next steps\nWe will fix it ASAP.\n", 4),  # a heading, not a name and team
    ("Hi,\n\nAnna / Support\nWe will fix it ASAP.\nThen we test.\nThen we ship.\nThen we bill.\n", 4),  # a section
    ("Hi,\n\nThanks\nWe will fix it ASAP.\n", 4),  # one word over a sentence, not over a team
])
def test_a_heading_with_a_slash_stays_linted(flagged, text, line):
    own_asap(flagged, text, line)


@pytest.mark.parametrize(("text", "line"), [
    ("Please call the technician:\n\nMatti Virtanen\n040 123 4567\nmatti@example.fi\n\nHe will come ASAP.\n", 7),
    ("Thanks!\nWe will fix it ASAP.\n\nJane\n+358 40 123 4567\njane@example.com\n", 2),
    ("Jane Doe\njane@example.com\n+358 40 123 4567\nWe will fix it ASAP.\n", 4),  # no reply above: not a signature
    ("Hi,\n\nWe will call you back ASAP\n+358 40 123 4567\njane@example.com\n", 3),  # a sentence, not a name
], ids=["contacts-in-the-reply", "reply-above-contacts", "contacts-only", "sentence-over-contacts"])
def test_contact_lines_in_the_senders_text_stay_linted(flagged, text, line):
    own_asap(flagged, text, line)


@pytest.mark.parametrize("notice", [
    "This message and its attachments are confidential and meant only for the addressee. If it reached you by "
    "mistake, tell the sender and delete it.",
    "Tämä viesti voi sisältää luottamuksellista tietoa.\nJos sait sen vahingossa, ilmoita lähettäjälle\n"
    "ja poista viesti.\nKiitos.",
    "Detta e-postmeddelande kan vara konfidentiellt. Har du fått det av misstag, meddela avsändaren och radera det.",
], ids=["en", "fi-wrapped", "sv"])
def test_confidentiality_notice_under_a_signature_keeps_it_a_signature(flagged, notice):
    for signature in ("Best regards,\nJane Doe", "Jane Doe\njane@example.com\n+358 40 123 4567"):
        text = f"Hi,\n\nWe will fix it ASAP.\n\n{signature}\nSupport – we reply ASAP, guaranteed\n\n{notice}\n"
        assert "guaranteed" not in authored(text)
        own_asap(flagged, text, 3)


def test_postscript_under_the_name_is_the_senders_own(flagged):
    text = "Hi,\n\nThe invoice is attached.\n\nBest regards,\nJane\nP.S. We will send the receipt ASAP.\n"
    assert "P.S." in authored(text)
    own_asap(flagged, text, 7)


def test_thanks_followed_by_a_sentence_is_a_greeting_not_a_signature(flagged):
    text = "Thanks!\nWe will fix the invoice ASAP and send it to you.\n"
    assert authored(text) == text
    own_asap(flagged, text, 2)


# --- templates, URLs, quoted words -------------------------------------------------------------------

def test_template_placeholders_are_masked_but_the_branch_text_is_linted(flagged):
    text = ("Hi {{customer.name}},\n\nTicket {{ticket.id}} is noted.\n"
            "{% if urgent %}We will fix it ASAP.{% endif %}\n{{ 'ASAP' | upper }}\n")
    masked = authored(text)
    assert "{{" not in masked and "{%" not in masked and "endif" not in masked and "upper" not in masked
    assert "We will fix it ASAP." in masked.splitlines()[3]
    own_asap(flagged, text, 4)


@pytest.mark.parametrize("placeholder", ["${deadline_asap}", "%{soon}", "[[asap_text]]", "{eta_asap}", "%ASAP_DATE%"])
def test_other_placeholder_syntaxes(flagged, placeholder):
    text = f"Hi,\nYour ticket: {placeholder}.\nWe will fix it ASAP.\n"
    assert placeholder not in authored(text)
    own_asap(flagged, text, 3)


def test_urls_and_addresses_are_masked(flagged):
    text = ("See https://example.com/asap-soon?when=asap and www.example.fi/pian.\n"
            "Mail asap@example.com or mailto:soon@example.com.\nWe will fix it ASAP.\n")
    masked = authored(text)
    assert "example" not in masked and "pian" not in masked
    own_asap(flagged, text, 3)


@pytest.mark.parametrize("quoted", ["“ASAP”", '"ASAP"', "'ASAP'", "«ASAP»", "„ASAP“", "»ASAP«", "”ASAP”"])
def test_quoted_words_are_masked(flagged, quoted):
    text = f"Hi,\nyou wrote {quoted} in your mail.\nWe will fix it ASAP.\n"
    assert quoted not in authored(text)
    own_asap(flagged, text, 3)


def test_apostrophes_do_not_open_quotes(flagged):
    text = "We'll fix it ASAP, and we'll call you.\n"
    assert authored(text) == text
    own_asap(flagged, text, 1)


def test_the_option_name_in_quotes_is_silent(flagged):
    assert flagged("Choose the 'Deliver ASAP' option in the shop.\n") == []


# --- Markdown -----------------------------------------------------------------------------------------

MARKDOWN = """---
title: ASAP reply
---
# Update

```text
We will fix it ASAP.
```

~~~
soon soon
~~~

Inline `ASAP` code and a [link](https://example.com/asap).

<span class="soon">We will fix it **ASAP**.</span>
"""


def test_markdown_code_front_matter_and_markup_are_masked(flagged):
    masked = authored(MARKDOWN, "markdown")
    lines = masked.splitlines()
    blank = [" " * len(line) for line in MARKDOWN.splitlines()]
    assert lines[0:3] == blank[0:3]  # front matter
    assert lines[3] == "# Update"  # headings are prose
    assert lines[5:8] == blank[5:8]  # ``` fence
    assert lines[9:12] == blank[9:12]  # ~~~ fence
    assert "`" not in masked and "https" not in masked and "span" not in masked
    line = lines[15]
    assert line.strip() == "We will fix it   ASAP  ." and line.index("ASAP") == MARKDOWN.splitlines()[15].index("ASAP")
    own_asap(flagged, MARKDOWN, 16, "markdown")


def test_same_text_as_plain_text_does_not_mask_code(flagged):
    text = "```\nWe will fix it ASAP.\n```\n"
    assert flagged(text, "text") == [(2, "ASAP", "vague-deadline")]
    assert flagged(text, "markdown") == []


def test_markdown_indented_code_block_is_masked(flagged):
    text = "# Logs\n\nThe job printed:\n\n    retry ASAP: queue soon full\n\nWe will fix it ASAP.\n"
    assert "retry" not in authored(text, "markdown")
    own_asap(flagged, text, 7, "markdown")


def test_markdown_html_comment_and_suppression_directive_are_masked(flagged):
    text = "<!-- TODO: say ASAP -->\nWe will fix it ASAP.\n"
    assert "TODO" not in authored(text, "markdown")
    own_asap(flagged, text, 2, "markdown")


# --- offsets of a full draft --------------------------------------------------------------------------

def test_everything_at_once_flags_only_the_authors_phrases(flagged):
    text = (
        "Hi {{customer.first_name}},\n"
        "\n"
        "thanks for the logs (see https://support.example.com/t/4711?asap). You wrote “ASAP” in the ticket.\n"
        "We will fix it ASAP.\n"
        "\n"
        "Best regards,\n"
        "Jane\n"
        "Support – we reply ASAP\n"
        "\n"
        "On Mon, 16 Nov 2026 at 09:12, Kim <kim@example.com> wrote:\n"
        "> It broke again. Fix it ASAP, and keep me posted.\n"
    )
    assert flagged(text) == [(4, "ASAP", "vague-deadline")]


def test_sign_off_block_above_a_quoted_reply_is_masked(flagged):
    """Top posting: answer, sign-off and signature, then the header and the ">" quote."""
    text = ("Hi,\n\nWe will fix it ASAP.\n\nBest regards,\nJane\nSupport – we reply ASAP\n\n"
            "On Mon, 16 Nov 2026 at 09:12, Kim <kim@example.com> wrote:\n"
            "> It broke again. Fix it ASAP, and keep me posted.\n")
    assert "we reply" not in authored(text)
    own_asap(flagged, text, 3)


CRLF_CASES = {
    "reply-header": "Hi,\n\nWe will fix it ASAP.\n\nOn Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:\n"
                    "> Please fix it soon.\n",
    "history-header": "Hi,\n\nWe will fix it ASAP.\n\nOn Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:\n\n"
                      "Please fix it soon.\n",
    "signature-dashes": "Hi,\n\nWe will fix it ASAP.\n\n-- \nSupport team - we answer ASAP\n",
    "original-message": "Hi,\n\nWe will fix it ASAP.\n\n-----Original Message-----\nPlease fix ASAP.\n",
    "sign-off": "Hi,\n\nWe will fix it ASAP.\n\nBest regards,\nJane\nSupport - we reply ASAP\n",
    "contacts": "Hi,\n\nWe will fix it ASAP.\n\nJane Doe\njane@example.com\n+358 40 123 4567\nSupport - we reply ASAP\n",
    "app-footer": "Hi,\n\nWe will fix it ASAP.\n\nSent with Spark\nSupport - we reply ASAP\n",
    "spaced-header": "Hi,\n\nWe will fix it ASAP.\n\nOn Tue, 3 Nov 2026 at 14:05 Kim\n\n<\nmailto:Kim <kim@example.com>\n"
                     "> wrote:\nPlease fix it soon.\n",
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", CRLF_CASES)
def test_windows_line_endings_are_handled_like_unix_ones(flagged, name, newline):
    text = CRLF_CASES[name].replace("\n", newline)
    authored(text)
    own_asap(flagged, text, 3)


def test_phrases_match_across_extra_spaces_and_indented_wraps(flagged):
    assert flagged("We will fix it as soon as  possible.\n") == [(1, "as soon as  possible", "vague-deadline")]
    # "inom två arbetsdagar" is an exact time: the wrapped, indented list line must still read as one.
    text = "- Svara på mejlet så återkommer vi inom två\n  arbetsdagar.\n"
    assert flagged(text, lang="sv") == []
