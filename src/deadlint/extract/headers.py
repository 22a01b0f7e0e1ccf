"""Reply headers in the many languages a Nordic inbox receives, found by their structure.

Two shapes start quoted history when no ">" marks it (Outlook, webmail):

- a header block: consecutive "Field: value" lines naming the sender and a date,
  recipient or subject ("From:/Sent:/To:", "Von:/Gesendet:", "Fra:/Sendt:/Til:",
  a "Date:" line first), fields possibly starred ("*From:*") or spaced ("De :");
- an attribution: one to three lines ending in a verb of writing ("wrote",
  "kirjoitti", "skrev", "schrieb", "a écrit"...), with a date or an address in
  it ("On Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:"), or a
  date-first line ending in an address and a colon.

The words are data (the tables below); the structure decides. A line only
starts a multi-line attribution when the lines after it are not a whole header
on their own, so the sender's last line above a header is never taken for one.
Every check reads at most three lines of bounded length: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Header fields that name the sender, and the others of a reply header block.
_SENDER_FIELDS = (
    "from", "sender", "lähettäjä", "från", "fra", "von", "van", "de", "od", "da", "от"
)
_OTHER_FIELDS = (
    "sent", "date", "to", "cc", "subject", "reply-to",
    "lähetetty", "päivämäärä", "päiväys", "vastaanottaja", "kopio", "aihe",
    "skickat", "datum", "till", "kopia", "ämne",
    "sendt", "dato", "til", "emne", "kopi",
    "gesendet", "an", "betreff",
    "verzonden", "aan", "onderwerp", "verstuurd",
    "envoyé", "envoyé le", "objet", "à", "a", "copie à", "message du", "date d'envoi",
    "enviado", "enviada", "fecha", "para", "asunto", "assunto",
    "inviato", "data", "oggetto",
    "wysłano", "do", "temat", "wysłane",
    "отправлено", "дата", "кому", "тема",
)
_FIELD = re.compile(
    r"[ \t]*+[*_]{0,2}(" + "|".join(sorted(map(re.escape, _SENDER_FIELDS + _OTHER_FIELDS), key=len, reverse=True))
    + r")[*_]{0,2}[ \t]?:", re.IGNORECASE,
)
_SENDERS = frozenset(_SENDER_FIELDS)
_DATES = frozenset({"sent", "date", "lähetetty", "päivämäärä", "päiväys", "skickat", "datum", "sendt", "dato",
                    "gesendet", "verzonden", "verstuurd", "envoyé", "envoyé le", "message du", "date d'envoi",
                    "enviado", "enviada", "fecha", "inviato", "data", "wysłano", "wysłane", "отправлено", "дата"})

# Verbs of a reply attribution, and words that open one ("On", "Am", "Le", "Den"...).
_VERBS = (
    r"wrote|writes|kirjoitti|skrev|schrieb|schreef|geschreven|a écrit|escribió|escreveu|ha scritto|scrisse"
    r"|napisał\(a\)|napisała|napisał|написал\(а\)|написала|написал|написав|写道"
)
_ENDS_WITH_VERB = re.compile(r"(?:^|[\s,])(?:" + _VERBS + r")[ \t]*:?[ \t]*-*[ \t]*$", re.IGNORECASE)
_HAS_VERB = re.compile(r"(?:^|[\s,\"'>])(?:" + _VERBS + r")(?=[\s:]|$)", re.IGNORECASE)
_NORDIC_VERBS = frozenset({"kirjoitti", "skrev"})
_OPENER = re.compile(r"[ \t]*(?:-{2,}[ \t]*)?(?:On|Am|Op|Le|El|Il|Em|W dniu|Den|Dne|Dnia|Il giorno)\b")
_DATE_FIRST = re.compile(r"[ \t]*\d")
_NUMERIC_DATE_FIRST = re.compile(r"[ \t]*(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\b")
_ADDRESS_LAST = re.compile(r"<[^\s<>@]+@[^\s<>]+>[ \t]*$")
_ADDRESS_COLON = re.compile(r"@[^\s<>]+>[ \t]*:[ \t]*$")
# The first line of a wrapped header holds its date or the sender's address.
_HEADER_START = re.compile(r"[\d@<]")
_SENTENCE_END = re.compile(r"[.!?][ \t]*$")
_TIME_OF_DAY = re.compile(r"(?<![\d.])\d{1,2}(?::\d{2}|\.\d{2}(?![.\d]))(?!\d)")  # 9:12, 9.12, not 5.12.2026
_MAX_HEADER = 400  # characters of an attribution, over all its lines
_MAX_FIELD_GAP = 1  # wrapped value lines allowed between two fields of a block
_MAX_BLOCK_LINES = 12
_MAX_SPACED_LINES = 6  # lines of an attribution with blank lines inside, blank ones included
_BARE_VERB = re.compile(r"[ \t]*>[ \t]*(?:" + _VERBS + r")[ \t]*:[ \t]*$", re.IGNORECASE)


def _is_attribution(block: str, written: str) -> bool:
    """Whether joined lines (masked ``block``, the same before masking ``written``) are a reply header."""
    if len(block) > _MAX_HEADER:
        return False
    has_digit, has_address = any(map(str.isdigit, written)), "@" in written
    if not (has_digit or has_address):
        return False  # every kind of header below names a date or an address
    opens = bool(_OPENER.match(block) or _DATE_FIRST.match(block))
    stripped = block.rstrip()
    if stripped.endswith(":") and (verb := _HAS_VERB.search(block)):
        # "As Jane wrote on 3 March:" is prose: an address, an opener with a date, or the
        # Finnish and Swedish third-person verbs with a date make it a header.
        return has_address or has_digit and (opens or verb.group().strip(" ,\"'>").lower() in _NORDIC_VERBS)
    if _ENDS_WITH_VERB.search(block):  # "---- On Tue, 22 Dec 2015 ... wrote ----"
        return has_digit and bool(_OPENER.match(block))
    if _NUMERIC_DATE_FIRST.match(block) and _ADDRESS_LAST.search(written):
        return True  # "2013/7/20 sam via Discourse Meta <info@discourse.org>" (older Gmail)
    # Date first, or any date with the sender's <address> right before the colon.
    return stripped.endswith(":") and has_address and has_digit and bool(
        _DATE_FIRST.match(block) or _ADDRESS_COLON.search(written))


def attribution_lines(lines: list[str], written: list[str], i: int) -> int:
    """How many lines from line i form an attribution; 0 when none does."""
    return _wrapped_attribution_lines(lines, written, i) or _spaced_attribution_lines(lines, written, i)


def _wrapped_attribution_lines(lines: list[str], written: list[str], i: int) -> int:
    """How many consecutive lines (1-3) from line i form an attribution; 0 when none does."""
    # Blank and quoted lines are judged as written: a masked address leaves a line blank.
    if not written[i].strip() or written[i].lstrip().startswith(">"):
        return 0
    if _is_attribution(lines[i], written[i]):
        return 1
    for count in (2, 3):
        last = i + count
        if (last > len(lines) or not written[last - 1].strip() or written[last - 1].lstrip().startswith(">")
                or _SENTENCE_END.search(lines[last - 2])):
            return 0
        if _HEADER_START.search(written[i]) and _is_attribution(" ".join(lines[i:last]), " ".join(written[i:last])):
            # A whole header that opens on the next line leaves line i to the sender.
            later = any((_OPENER.match(lines[i + 1]) or _DATE_FIRST.match(lines[i + 1])) and _is_attribution(
                " ".join(lines[i + 1:end]), " ".join(written[i + 1:end])) for end in range(i + 2, last + 1))
            return 0 if later else count
    return 0


def _spaced_attribution_lines(lines: list[str], written: list[str], i: int) -> int:
    """How many lines from line i form an attribution wrapped with blank lines inside
    (Polymail: "On Thu, 31 Mar 2016 at 11:16 Jane" / "" / "<" / "mailto:Jane <jane@x>" /
    "> wrote:"): an opening word and a date first, the verb and a colon last, no line
    ending a sentence before it and no whole header starting below line i."""
    if len(lines[i]) > _MAX_HEADER or not _OPENER.match(lines[i]) or not any(map(str.isdigit, written[i])):
        return 0
    for last in range(i + 1, min(len(lines), i + _MAX_SPACED_LINES)):
        if _SENTENCE_END.search(lines[last - 1]):
            return 0
        if written[last].lstrip().startswith(">") and not _BARE_VERB.match(written[last]):
            return 0  # a quote, unless it is the verb a wrapped "<mailto:...>" pushed down
        if not _ENDS_WITH_VERB.search(lines[last]) or not lines[last].rstrip().endswith(":"):
            continue
        kept = [k for k in range(i, last + 1) if written[k].strip()]
        if any(_wrapped_attribution_lines(lines, written, k) for k in kept[1:]):
            return 0
        block, original = (" ".join(rows[k].strip().lstrip(">") for k in kept) for rows in (lines, written))
        return last - i + 1 if _is_attribution(block, original) else 0
    return 0


def _field(line: str) -> str | None:
    match = _FIELD.match(line)
    return match.group(1).lower() if match else None


def header_block_at(lines: list[str], i: int) -> bool:
    """Whether a header block starts at line i: the sender and the date on nearby field
    lines, or a date with a time of day first and another field. A memo's own
    "From:/To:/Subject:" or "Date: 5.12./To: all residents" lines are no reply header."""
    if _field(lines[i]) is None:
        return False
    fields, gap, j = [], 0, i
    while j < min(len(lines), i + _MAX_BLOCK_LINES) and gap <= _MAX_FIELD_GAP:
        field = _field(lines[j])
        if field is None:
            gap += bool(lines[j].strip())  # blank lines part fields in text made from HTML
        else:
            fields.append(field)
            gap = 0
        j += 1
    found = set(fields)
    if found & _SENDERS and found & _DATES:
        return True
    return len(found) >= 2 and fields[0] in _DATES and bool(_TIME_OF_DAY.search(lines[i]))


# A header after reply text on the same line: "Thanks! On Wed, Apr 4, 2012, bob@example.com wrote:".
_MID_LINE_OPENER = re.compile(r"(?<=\S)[ \t]*(?:-{2,}[ \t]*)?(?=On\b)")


def reply_headers(text: str, written: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each reply header, kind "block" or "attribution".
    ``text`` has markup blanked; ``written`` is the same text before, offsets equal."""
    lines, originals = text.split("\n"), written.split("\n")
    start = 0
    for i, line in enumerate(lines):
        if header_block_at(lines, i):
            yield start, start + len(line), "block"
        elif column := _mid_line_header(line, originals[i]):
            yield start + column, start + len(line), "attribution"
        elif count := attribution_lines(lines, originals, i):
            yield start, start + sum(len(x) + 1 for x in lines[i:i + count]) - 1, "attribution"
        start += len(line) + 1


def _mid_line_header(line: str, written: str) -> int:
    """Column where a header that follows reply text on its line begins; 0 when none does."""
    if "On" not in line or _OPENER.match(line):  # most lines: no "On" to open one
        return 0
    for opener in _MID_LINE_OPENER.finditer(line, max(0, len(line) - _MAX_HEADER)):
        if _is_attribution(line[opener.end():], written[opener.end():]):
            return opener.start()
    return 0
