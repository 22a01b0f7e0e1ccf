"""Find quoted history and signatures in fi/sv/en drafts.

Returns spans to blank out. Reply headers, Outlook header runs and forward
markers end the authored part: everything below them is someone else's text.
"""

from __future__ import annotations

import re

_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)

# "On Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:"
# "Ma 16.11.2026 klo 9.12 Matti <matti@example.fi> kirjoitti:"
# "Den mån 16 nov. 2026 kl 09:12 skrev Anna <anna@example.se>:"
# Headers wrap over two lines in many clients, hence the optional newline.
_REPLY_HEADER = re.compile(
    r"^[ \t]*(?:"
    r"On\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bwrote:"
    r"|[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bkirjoitti:"
    r"|(?:Den|På)\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bskrev\b[^\n]{0,200}?:"
    r"|[^\n]{0,120}\bskrev\b[^\n]{0,120}:"
    r")[ \t]*$",
    re.MULTILINE,
)

_HISTORY_MARKER = re.compile(
    r"^[ \t]*(?:"
    r"-{2,}\s*(?:Original Message|Alkuperäinen viesti|Ursprungligt meddelande|Forwarded message"
    r"|Välitetty viesti|Edelleenlähetetty viesti|Vidarebefordrat meddelande)\s*-{2,}"
    r"|Begin forwarded message:"
    r"|_{10,}"
    r")[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)

# Outlook's reply block: a "From:" line followed within a few lines by a "Sent:"/"Date:" line.
_OUTLOOK_HEADER = re.compile(
    r"^[ \t]*(?:\*\*)?(?:From|Lähettäjä|Från|Lähettäjä)(?:\*\*)?:[^\n]*\n"
    r"(?:[^\n]*\n){0,3}?[ \t]*(?:\*\*)?(?:Sent|Date|Lähetetty|Päivämäärä|Skickat|Datum)(?:\*\*)?:",
    re.MULTILINE | re.IGNORECASE,
)

_SIGNATURE_DASHES = re.compile(r"^-- ?$", re.MULTILINE)

_MOBILE_FOOTER = re.compile(
    r"^[ \t]*(?:Sent from my \w+|Get Outlook for \w+|Lähetetty (?:iPhonesta|iPadista|Android-laitteesta|\w+-laitteesta)"
    r"|Lähetetty \w+ -?puhelimesta|Skickat från min \w+)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)

# A sign-off alone on its line starts the signature block when only a few short
# lines follow it (name, title, phone) — taglines there are not promises.
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:best|kind|warm|many thanks and)?[ \t]*(?:regards|wishes|cheers|thanks|thank you|sincerely|yours sincerely"
    r"|ystävällisin terveisin|parhain terveisin|terveisin|yst\.? ?terv\.?|t\.|kiittäen|kiitos"
    r"|med vänliga hälsningar|vänliga hälsningar|med vänlig hälsning|hälsningar|mvh|vänligen|tack)[ \t]*[,.!]?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_SIGNATURE_MAX_LINES = 8


def history_start(text: str) -> int | None:
    """Offset where quoted history begins (reply header, Outlook block, forward)."""
    starts = [m.start() for pattern in (_REPLY_HEADER, _HISTORY_MARKER, _OUTLOOK_HEADER)
              if (m := pattern.search(text))]
    return min(starts) if starts else None


def quote_and_signature_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _QUOTED_LINE.finditer(text)]
    end = len(text)
    cut = history_start(text)
    if cut is not None:
        spans.append((cut, end))
        end = cut
    dashes = _SIGNATURE_DASHES.search(text, 0, end)
    if dashes:
        spans.append((dashes.start(), end))
        end = dashes.start()
    spans.extend(m.span() for m in _MOBILE_FOOTER.finditer(text, 0, end))
    for sign_off in _SIGN_OFF.finditer(text, 0, end):
        rest = [line for line in text[sign_off.end():end].splitlines() if line.strip()]
        if len(rest) <= _SIGNATURE_MAX_LINES and all(len(line) <= 80 for line in rest):
            spans.append((sign_off.start(), end))
            break
    return spans
