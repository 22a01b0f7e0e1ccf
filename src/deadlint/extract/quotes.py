"""Find quoted history and signatures in fi/sv/en drafts.

Returns spans to blank out. Outlook header runs, forward markers and reply
headers followed by unquoted history end the authored part: everything below
them is someone else's text. A reply header followed by ">" lines only
introduces that quote, so inline and bottom-posted replies keep their text.
"""

from __future__ import annotations

import re

from deadlint.extract.masking import mask_spans

_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)

# "On Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:"
# "Ma 16.11.2026 klo 9.12 Matti <matti@example.fi> kirjoitti:"
# "Matti Meikäläinen kirjoitti 16.11.2026 klo 9.12:" (Thunderbird, Apple Mail)
# "Den mån 16 nov. 2026 kl 09:12 skrev Anna <anna@example.se>:"
# Headers wrap over two lines in many clients, hence the optional newline. The
# Finnish and Swedish verbs also occur in prose ("Som jag skrev igår:"), so
# those headers must carry a digit of their date or time on the first line.
_REPLY_HEADER = re.compile(
    r"^[ \t]*+(?:"
    r"On\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bwrote:"
    r"|(?=[^\n]*\d)[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bkirjoitti\b[^\n]{0,60}?:"
    r"|(?=[^\n]*\d)[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bskrev\b[^\n]{0,200}?:"
    r")[ \t]*\r?$",
    re.MULTILINE,
)
# A reply header followed by ">" lines introduces an inline or bottom-posted
# quote: the ">" lines are blanked one by one and the sender's text may follow.
_QUOTE_FOLLOWS = re.compile(r"\n(?:[ \t]*+\n)*+[ \t]*+>")

_HISTORY_MARKER = re.compile(
    r"^[ \t]*(?:"
    r"-{2,}\s*(?:Original Message|Alkuperäinen viesti|Ursprungligt meddelande|Forwarded message"
    r"|Välitetty viesti|Edelleenlähetetty viesti|Vidarebefordrat meddelande)\s*-{2,}"
    r"|Begin forwarded message:"
    r"|_{10,}"
    r")[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)

# Outlook's reply block: a "From:" line followed within a few lines by a "Sent:"/"Date:" line.
_OUTLOOK_HEADER = re.compile(
    r"^[ \t]*(?:\*\*)?(?:From|Lähettäjä|Från|Lähettäjä)(?:\*\*)?:[^\n]*\n"
    r"(?:[^\n]*\n){0,3}?[ \t]*(?:\*\*)?(?:Sent|Date|Lähetetty|Päivämäärä|Skickat|Datum)(?:\*\*)?:",
    re.MULTILINE | re.IGNORECASE,
)

_SIGNATURE_DASHES = re.compile(r"^--[ \t]*\r?$", re.MULTILINE)

_MOBILE_FOOTER = re.compile(
    r"^[ \t]*(?:Sent from my \w+|Get Outlook for \w+|Lähetetty (?:iPhonesta|iPadista|Android-laitteesta|\w+-laitteesta)"
    r"|Lähetetty \w+ -?puhelimesta|Skickat från min \w+|Hanki Outlook \S+|(?:Skaffa|Hämta) Outlook för \w+)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)

# A sign-off alone on its line starts the signature block when only a few short
# lines follow it (name, title, phone) — taglines there are not promises.
_SIGN_OFF = re.compile(
    r"^[ \t]*+(?:(?:best|kind|warm|many thanks and)[ \t]*)?(?:regards|wishes|cheers|thanks|thank you|sincerely|yours sincerely"
    r"|ystävällisin terveisin|parhain terveisin|terveisin|yst\.? ?terv\.?|t\.|kiittäen|kiitos"
    r"|med vänliga hälsningar|vänliga hälsningar|med vänlig hälsning|hälsningar|mvh|vänligen|tack)[ \t]*+[,.!]?[ \t]*+\r?$",
    re.MULTILINE | re.IGNORECASE,
)
_SIGNATURE_MAX_LINES = 8
# A sentence right after a sign-off ("Thanks!" then "We will fix it ASAP.") means
# the sign-off was a greeting, not the start of a signature. Below a name line a
# sentence is the company's tagline ("Service Desk – we fix it fast, guaranteed!"),
# unless it is a postscript, which the sender wrote now.
_SENTENCE_LINE = re.compile(r"^(?:\S+\s+){3,}\S*[.!?]\s*$")
_POSTSCRIPT = re.compile(r"^\s*P\.?\s?S\b", re.IGNORECASE)


def _split_reply_headers(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Reply headers directly followed by ">" lines (inline and bottom posting:
    they only introduce that quote), and the starts of the others (history follows)."""
    introductions, history = [], []
    for m in _REPLY_HEADER.finditer(text):
        if _QUOTE_FOLLOWS.match(text, m.end()):
            introductions.append(m.span())
        else:
            history.append(m.start())
    return introductions, history


def _history_start(text: str, reply_history: list[int]) -> int | None:
    """Offset where quoted history begins and runs to the end (reply header
    followed by unquoted history, Outlook block, forward marker)."""
    starts = [m.start() for pattern in (_HISTORY_MARKER, _OUTLOOK_HEADER) if (m := pattern.search(text))]
    starts += reply_history[:1]
    return min(starts) if starts else None


def _is_signature(lines: list[str]) -> bool:
    return (len(lines) <= _SIGNATURE_MAX_LINES and not (lines and _SENTENCE_LINE.match(lines[0]))
            and all(len(line) <= 80 and not _POSTSCRIPT.match(line) for line in lines))


def quote_and_signature_spans(text: str, written: str | None = None) -> list[tuple[int, int]]:
    """Spans of quoted history and signatures in ``text`` (markup already blanked).
    ``written`` is the same text before blanking, when there is one: signature
    lines are judged there, where "%AGENT_NAME%" under a sign-off is a name line."""
    introductions, reply_history = _split_reply_headers(text)
    spans = [m.span() for m in _QUOTED_LINE.finditer(text)] + introductions
    end = len(text)
    cut = _history_start(text, reply_history)
    if cut is not None:
        spans.append((cut, end))
        end = cut
    dashes = _SIGNATURE_DASHES.search(text, 0, end)
    if dashes:
        spans.append((dashes.start(), end))
        end = dashes.start()
    spans.extend(m.span() for m in _MOBILE_FOOTER.finditer(text, 0, end))
    # Quotes below a sign-off ("Best regards, Jane" over "> ...") are not part of
    # the signature; judge the lines after the sign-off with them blanked.
    unquoted = mask_spans(written if written is not None else text, spans)
    for sign_off in _SIGN_OFF.finditer(text, 0, end):
        rest = [line for line in unquoted[sign_off.end():end].splitlines() if line.strip()]
        if _is_signature(rest):
            spans.append((sign_off.start(), end))
            break
    return spans
