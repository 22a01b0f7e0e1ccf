"""Find quoted history and signatures in fi/sv/en drafts.

Returns spans to blank out. Outlook header runs, forward markers and reply
headers followed by unquoted history end the authored part: everything below
them is someone else's text. A reply header followed by ">" lines only
introduces that quote, so inline and bottom-posted replies keep their text.
"""

from __future__ import annotations

import re

from deadlint.extract.headers import reply_headers
from deadlint.extract.masking import mask_spans

_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)

# A reply header followed by ">" lines introduces an inline or bottom-posted
# quote: the ">" lines are blanked one by one and the sender's text may follow.
_QUOTE_FOLLOWS = re.compile(r"\n(?:[ \t]*+\n)*+[ \t]*+>")

# Separator lines that start forwarded or quoted history, by language.
_HISTORY_WORDS = (
    "Original Message|Reply Message|Forwarded message|Forwarded Message"
    "|Alkuperäinen viesti|Välitetty viesti|Edelleenlähetetty viesti"
    "|Ursprungligt meddelande|Vidarebefordrat meddelande"
    "|Oprindelig meddelelse|Oprindelig besked|Videresendt meddelelse|Opprinnelig melding|Videresendt melding"
    "|Ursprüngliche Nachricht|Originalnachricht|Weitergeleitete Nachricht"
    "|Oorspronkelijk bericht|Origineel bericht|Doorgestuurd bericht"
    "|Message d'origine|Message original|Message transféré"
    "|Mensaje original|Mensaje reenviado|Messaggio originale|Messaggio inoltrato"
    "|Wiadomość oryginalna|Oryginalna wiadomość|Przekazana wiadomość|Mensagem original|Mensagem encaminhada"
    "|Исходное сообщение|Пересылаемое сообщение"
)
_HISTORY_MARKER = re.compile(
    r"^[ \t]*(?:"
    r"-{2,}\s*(?:" + _HISTORY_WORDS + r")\s*-{2,}"
    r"|Begin forwarded message:"
    r"|_{10,}"
    r")[ \t]*\r?$",
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


def _split_reply_headers(text: str, written: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Reply headers directly followed by ">" lines (inline and bottom posting:
    they only introduce that quote), and the starts of the others (history follows)."""
    introductions, history = [], []
    for start, end, kind in reply_headers(text, written):
        if kind == "attribution" and _QUOTE_FOLLOWS.match(text, end):
            introductions.append((start, end))
        else:
            history.append(start)
            break  # everything below is history
    return introductions, history


def _history_start(text: str, reply_history: list[int]) -> int | None:
    """Offset where quoted history begins and runs to the end (reply header
    followed by unquoted history, header block, forward marker)."""
    starts = [m.start() for m in (_HISTORY_MARKER.search(text),) if m]
    starts += reply_history[:1]
    return min(starts) if starts else None


def _is_signature(lines: list[str]) -> bool:
    return (len(lines) <= _SIGNATURE_MAX_LINES and not (lines and _SENTENCE_LINE.match(lines[0]))
            and all(len(line) <= 80 and not _POSTSCRIPT.match(line) for line in lines))


def quote_and_signature_spans(text: str, written: str | None = None) -> list[tuple[int, int]]:
    """Spans of quoted history and signatures in ``text`` (markup already blanked).
    ``written`` is the same text before blanking, when there is one: signature
    lines are judged there, where "%AGENT_NAME%" under a sign-off is a name line."""
    written = written if written is not None else text
    introductions, reply_history = _split_reply_headers(text, written)
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
    unquoted = mask_spans(written, spans)
    for sign_off in _SIGN_OFF.finditer(text, 0, end):
        rest = [line for line in unquoted[sign_off.end():end].splitlines() if line.strip()]
        if _is_signature(rest):
            spans.append((sign_off.start(), end))
            break
    return spans
