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
from deadlint.regex_prefix import any_word

_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)

# A reply header followed by ">" lines introduces an inline or bottom-posted
# quote: the ">" lines are blanked one by one and the sender's text may follow.
_QUOTE_FOLLOWS = re.compile(r"\n(?:[ \t]*+\n)*+[ \t]*+>")

# Separator lines that start forwarded or quoted history, by language.
_HISTORY_WORDS = (
    "Original Message|Reply Message|Forwarded message|Forwarded Message|Antwort Nachricht"
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
    r"[*_]{0,2}-{2,}\s*(?:" + _HISTORY_WORDS + r")\s*-{2,}[*_]{0,2}"
    r"|Begin forwarded message:"
    r"|_{10,}"
    r")[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)

# A rule line just above a header belongs to it: any rule directly above it, or
# a long one (Outlook's, a webmail's) up to three lines above.
_RULE_ABOVE = re.compile(
    r"^[ \t]*[*_]{0,2}(?:(?:-{3,}|_{3,}|={3,}|\*{3,})[*_]{0,2}[ \t]*\r?\n(?:[ \t]*\r?\n)*"
    r"|(?:-{20,}|_{20,}|={20,})[*_]{0,2}[ \t]*\r?\n(?:[^\n]*\n){0,3})\Z", re.MULTILINE)
_SIGNATURE_DASHES = re.compile(r"^--[ \t]*\r?$", re.MULTILINE)

# What mail apps append under the text ("Sent from my iPhone"), by language. Such a
# line without a comma is the app's: what follows it is signature or quoted
# history. With one it may be a sentence ("Sent from my desk, is much easier"):
# then only the line itself is masked.
_FOOTER_WORDS = (
    r"Sent from my \w+|Sent from \w+ for|Sent via|Sent wirelessly from|Get Outlook for \w+"
    r"|Lähetetty (?:iPhonesta|iPadista|Android-laitteesta|\w+-laitteesta)|Lähetetty (?:\w+ ){1,3}-?\w*puhelimesta"
    r"|Hanki Outlook \S+"
    r"|Skickat från min \w+|(?:Skaffa|Hämta) Outlook för \w+|Sendt fra min \w+"
    r"|Von meinem \w+|Gesendet (?:von|mit) \w+|Diese Nachricht wurde von meinem|Verstuurd vanaf mijn|Verzonden (?:vanaf|met)"
    r"|Envoyé (?:de|depuis) mon|Envoyé à partir d(?:e |')|Obtenir Outlook pour|Enviado desde mi|Enviado do meu|Inviato da|Wysłane z|Wysłano z"
)
_MOBILE_FOOTER = re.compile(r"^[ \t]*(?:" + _FOOTER_WORDS + r")[^\n]*$", re.MULTILINE | re.IGNORECASE)
# Any app may name itself ("Sent from TypeApp<link>", "Sent with Spark", "Sent from a
# torch of pixels"): a few words without punctuation, standing alone as a paragraph.
_APP_FOOTER = re.compile(
    r"^[ \t]*(?:Sent (?:from|with|using)|Skickat (?:från|med)|Sendt (?:fra|med))"
    r"(?:[ \t]+[^\s.!?,:;<>]+){1,7}(?:<[^<>\n]*>)?[ \t]*$", re.MULTILINE)

# A rule line ("---", "—", "__", "=====") over a short block or a mailing list's
# footer starts the signature; "--" always does.
_RULE_LINE = re.compile(r"^[ \t]*(?:-{3,}|[—–]+|_{2,9}|={3,}|\*{3,}|~{3,})[ \t]*\r?$", re.MULTILINE)
_LIST_FOOTER = re.compile(
    r"mailing list|unsubscribe|listinfo|you received this|you are receiving this|abmelden|désabonner"
    r"|avregistrera|peruuta tilaus", re.IGNORECASE,
)

# A sign-off (or a closing wish: "Have a nice weekend!") alone on its line starts the
# signature block when only a few short lines follow it (name, title, phone) —
# taglines there are not promises.
_SIGN_OFF = re.compile(
    r"^[ \t]*+(?:(?:(?:best|kind|warm|warmest|many thanks and)[ \t]*)?(?:regards|wishes)|sincerely|yours sincerely"
    r"|yours truly|all the best|best|thanks|thank you|many thanks|cheers|thx|br|brgds|rgds|(?:best|kind) rgds"
    r"|(?:ystävällisin|parhain|lämpimin|hyvin)?[ \t]*terveisin|yst\.? ?terv\.?|t\.|terkuin|kiittäen|kiitos"
    r"|(?:med )?(?:vänliga|bästa|varma|många|hjärtliga) hälsningar|(?:med )?vänlig hälsning|hälsningar"
    r"|mvh|vh|bh|vänligen|tack"
    # A closing wish alone on its line closes the text as a sign-off does.
    r"|have a (?:nice|great|good|lovely) (?:day|weekend|evening|week)"
    r"|ha en (?:trevlig|fin|bra|skön) (?:dag|helg|kväll|vecka)|trevlig helg"
    r"|(?:mukavaa|hyvää|aurinkoista|rentouttavaa) (?:päivää|viikonloppua|iltaa|viikkoa|jatkoa)"
    r"|(?:med )?(?:venlig|kærlig|vennlig) hilsen|(?:venlige|bedste|mange) hilsner|hilsen|kh"
    r"|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|liebe grüße|grüße|gruß"
    r"|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten|groet"
    r"|cordialement|bien cordialement|bien à vous|saludos|un saludo|atentamente|cordiali saluti|saluti"
    r"|pozdrawiam|z poważaniem|atenciosamente)[ \t]*+[,.!]?[ \t]*+\r?$",
    re.MULTILINE | re.IGNORECASE,
)
# "-Jane Doe", "/John", "~roman": a name glued to a dash or slash signs off too.
_DASHED_NAME = re.compile(r"^[ \t]*[-~/][^\W\d_][\w.'-]*(?:[ \t]+[^\W\d_][\w.'-]*){0,3}[ \t]*\r?$", re.MULTILINE)
# "Pihla / Asiakaspalvelu", "Anna | Customer Care": a name and a team starting a paragraph
# sign off as well, at the foot of a draft: the lines under them are the
# team's tagline and contacts ("Status / Next steps" over a paragraph is a heading).
_NAME_AND_TEAM = re.compile(
    r"^[ \t]*[^\W\d_][\w.'-]*(?:[ \t]+[^\W\d_][\w.'-]*)?[ \t]+[/|][ \t]+"
    r"[^\W\d_][\w&.'-]*(?:[ \t]+[\w&.'-]+){0,3}[ \t]*\r?$", re.MULTILINE)
# "Ida" or "Lena Vik" over "Customer Happiness Team, Lumi Wear": a name alone (up to
# three capitalised words) over a team or company line starts a signature the same way.
_NAME_OVER_TEAM = re.compile(r"^[ \t]*([^\W\d_][\w'-]*(?:[ \t]+[^\W\d_][\w'-]*){0,2})[ \t]*\r?\n([^\n]+)$",
                             re.MULTILINE)
_TEAM_FOOT_MAX_LINES = 3
_SIGNATURE_MAX_LINES = 8
# Phone, fax, e-mail and web lines make a signature longer; two contacts make a block of
# short lines a signature even with no sign-off or rule above it (a name, then contacts).
_CONTACT_SIGNATURE_MAX_LINES = 12
_CONTACT = (
    r"(?:[^\W\d_][\w.-]{0,11}[ \t]*[:.][ \t]*)?"  # a label: "t.", "Tel:", "Puh.", "Mob:"
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s|·•]+|\+?[(\d][\d ()/-]{5,}\d)"
)
# A line of nothing but contacts, one or several ("jane@example.com | +358 40 123 4567").
_CONTACT_LINE = re.compile(r"[ \t]*" + _CONTACT + r"(?:[ \t]*[|·•][ \t]*" + _CONTACT + r")*[ \t]*$")
_MIN_CONTACTS = 2
_NAME_MAX_WORDS = 6
# A tagline with opening hours and a service promise runs past 80 characters;
# a paragraph of the sender's own text is longer still.
_SIGNATURE_MAX_WIDTH = 100
# Under a sign-off or a name it may run longer ("Jag läser mejl oregelbundet och svarar så
# snart jag kan. Vid akuta läckor, ring jouren 026-10 20 30."); under a rule line or in a
# block of contacts with no sign-off, a line that long is the sender's own text.
_TAGLINE_MAX_WIDTH = 130
# A sentence right after a sign-off ("Thanks!" then "We will fix it ASAP.") means
# the sign-off was a greeting, not the start of a signature. Below a name line a
# sentence is the company's tagline ("Service Desk – we fix it fast, guaranteed!"),
# unless it is a postscript, which the sender wrote now.
_SENTENCE_LINE = re.compile(r"^(?:\S+\s+){3,}\S*[.!?]\s*$")
# A company's confidentiality notice, in a paragraph of its own under the signature.
_LEGAL_NOTICE = re.compile(any_word((
    "confidential", "intended recipient", "intended solely", "luottamuksellis", "konfidentiell", "sekretessbelag",
    "fortrolig", "vertraulich", "vertrouwelijk", "confidentiel", "riservat", "poufn")), re.IGNORECASE)
_POSTSCRIPT = re.compile(r"^\s*P\.?\s?S\b", re.IGNORECASE)


def _split_reply_headers(text: str, written: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Reply headers directly followed by ">" lines (inline and bottom posting:
    they only introduce that quote), and the starts of the others (history follows)."""
    introductions, history = [], []
    for start, end, kind in reply_headers(text, written):
        # Above the first header stands the sender's text; with none, the header only
        # introduces what follows (the sender answers below it, as in a forum reply).
        if kind == "attribution" and (_QUOTE_FOLLOWS.match(text, end) or not text[:start].strip()):
            introductions.append((start, end))
        else:
            history.append(start)
            break  # everything below is history
    return introductions, history


def _history_start(text: str, reply_history: list[int]) -> int | None:
    """Offset where quoted history begins and runs to the end (reply header
    followed by unquoted history, header block, forward marker)."""
    starts = [m.start() for m in (_HISTORY_MARKER.search(text),) if m]
    if reply_history:
        above = _RULE_ABOVE.search(text, 0, reply_history[0])
        starts.append(above.start() if above else reply_history[0])
    return min(starts) if starts else None


def _lines_below(text: str, start: int, end: int) -> list[str]:
    """The non-blank lines of text[start:end], but no more than one over what a signature
    may hold: reading to the end from every candidate line would be quadratic."""
    lines: list[str] = []
    paragraph_start = False
    while start < end and len(lines) <= _CONTACT_SIGNATURE_MAX_LINES:
        stop = text.find("\n", start, end)
        stop = end if stop == -1 else stop
        line = text[start:stop]
        if line.strip():
            if lines and paragraph_start and _LEGAL_NOTICE.search(line) and not _POSTSCRIPT.match(line):
                break  # a confidentiality notice under a signature is boilerplate too, however long
            lines.append(line)
        paragraph_start = not line.strip()
        start = stop + 1
    return lines


def _stands_alone(text: str, line: re.Match) -> bool:
    """Whether a line is a paragraph of its own: blank above, no lowercase line continuing it below."""
    above = text.rfind("\n", 0, max(line.start() - 1, 0))
    below = text[line.end() + 1:line.end() + 200].lstrip(" \t")
    return not text[above + 1:max(line.start() - 1, 0)].strip() and not below[:1].islower()


def _footers(text: str, end: int) -> list[re.Match]:
    """App footer lines above ``end``: the known ones, and others' standing alone under
    the sender's text (a draft's first line is the sender's)."""
    first_line = len(text) - len(text.lstrip())
    apps = [m for m in _APP_FOOTER.finditer(text, 0, end) if m.start() > first_line and _stands_alone(text, m)]
    return sorted([*_MOBILE_FOOTER.finditer(text, 0, end), *apps], key=lambda m: m.start())


def _is_contact_line(line: str) -> bool:
    return len(line) <= _SIGNATURE_MAX_WIDTH and bool(_CONTACT_LINE.match(line))


def _has_contacts(lines: list[str]) -> bool:
    contacts = [line for line in lines if _is_contact_line(line)]
    return sum(1 + sum(map(line.count, "|·•")) for line in contacts) >= _MIN_CONTACTS


def _is_name_line(line: str) -> bool:
    """A name, title or company ("Jane Doe | Support", "Head of Customer Success"): a few
    words, most of them capitalised; "We'll call you back ASAP" is a sentence."""
    words = line.split()
    return len(words) <= _NAME_MAX_WORDS and 2 * sum(word[0].islower() for word in words) < len(words)


def _contact_block_start(text: str, end: int) -> int | None:
    """Start of the last paragraph above ``end`` (or above a confidentiality notice) when
    it is a signature of a name and contact lines with no sign-off: a paragraph under
    the sender's text, its first line a name or title, two contacts in it."""
    block: list[tuple[int, str]] = []
    stop, notice = end, None
    while len(block) <= _CONTACT_SIGNATURE_MAX_LINES:
        start = text.rfind("\n", 0, stop) + 1
        if text[start:stop].strip():
            block.append((start, text[start:stop]))
        elif block and notice is None and any(_LEGAL_NOTICE.search(line) for _, line in block):
            notice, block = block, []  # a confidentiality notice under the signature: read above it
        elif block:
            break  # the blank line above the paragraph
        if start == 0:
            return None  # no text of the sender's above it
        stop = start - 1
    else:
        return None
    lines = [line for _, line in reversed(block)]
    if not _is_name_line(lines[0]) or _is_contact_line(lines[0]) or not _has_contacts(lines):
        return None
    return block[-1][0] if _is_signature(lines) else None


def _names_a_team(match: re.Match) -> bool:
    """"Pihla / Asiakaspalvelu": the name and the team's first word both capitalised;
    "Ida" over "Customer Happiness Team, Lumi Wear": a name of capitalised words over a
    name line that is no sentence (a phone number under a name is a contact in the text)."""
    if match.re is _NAME_OVER_TEAM:
        name, team = match.group(1, 2)
        return all(word[:1].isupper() for word in name.split()) and team.lstrip()[:1].isalpha() \
            and _is_name_line(team) and not _SENTENCE_LINE.match(team)
    name, team = re.split(r"[ \t]+[/|][ \t]+", match.group().strip(), maxsplit=1)
    return name[:1].isupper() and team[:1].isupper()


def _is_signature(lines: list[str], after_name: bool = False, width: int = _SIGNATURE_MAX_WIDTH) -> bool:
    """Whether the lines below a sign-off are a signature. A sentence right below
    a sign-off word makes that word a greeting; below a name it is a tagline."""
    longest = _CONTACT_SIGNATURE_MAX_LINES if _has_contacts(lines) else _SIGNATURE_MAX_LINES
    return (len(lines) <= longest and (after_name or not (lines and _SENTENCE_LINE.match(lines[0])))
            and all(len(line) <= width and not _POSTSCRIPT.match(line) for line in lines))


def _is_rule_signature(lines: list[str]) -> bool:
    """Below a rule line, a signature with no further rule: a rule between sections
    of the sender's own text is followed by more rules or headings."""
    return _is_signature(lines) and not any(_RULE_LINE.match(line) for line in lines)


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
    for footer in _footers(text, end):
        spans.append(footer.span())
        if "," not in footer.group():
            spans.append((footer.start(), end))
            end = footer.start()
            break
    # Quotes below a sign-off ("Best regards, Jane" over "> ...") are not part of
    # the signature; judge the lines after the sign-off with them blanked.
    unquoted = mask_spans(written, spans)
    for rule in _RULE_LINE.finditer(text, 0, end):
        rest = _lines_below(unquoted, rule.end(), end)
        if rest and (_is_rule_signature(rest) or any(_LIST_FOOTER.search(line) for line in rest)):
            spans.append((rule.start(), end))
            end = rule.start()
            break
    named = [m for m in (*_NAME_AND_TEAM.finditer(text, 0, end), *_NAME_OVER_TEAM.finditer(text, 0, end))
             if text.endswith(("\n\n", "\n\r\n"), 0, m.start()) and _names_a_team(m)
             and len(_lines_below(unquoted, m.end(), end)) <= _TEAM_FOOT_MAX_LINES]
    sign_offs = sorted([*_SIGN_OFF.finditer(text, 0, end), *_DASHED_NAME.finditer(text, 0, end), *named],
                       key=lambda m: m.start())
    for sign_off in sign_offs:
        rest = _lines_below(unquoted, sign_off.end(), end)
        if _is_signature(rest, after_name=sign_off.re is not _SIGN_OFF, width=_TAGLINE_MAX_WIDTH):
            spans.append((sign_off.start(), end))
            end = sign_off.start()
            break
    # Above what was found, or with none: a name and contacts, no sign-off.
    contacts = _contact_block_start(unquoted, end)
    if contacts is not None:
        spans.append((contacts, end))
    return spans
