"""Build the e-mail fixtures of tests/mail with the standard library, into tmp_path.

Every message carries the same story in its own language: the sender's own
vague promise, a signature, and the customer's quoted "ASAP", which must stay silent.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

# The --now of the CLI tests: Friday 2026-11-20 10:00 in Helsinki.
REFERENCE = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Helsinki"))

OWN = {
    "en": "We will fix the gateway as soon as possible.",
    "fi": "Korjaamme yhdyskäytävän mahdollisimman pian.",
    "sv": "Vi åtgärdar gatewayen så snart som möjligt.",
}
GREETING = {"en": "Hi Jane,", "fi": "Hei Matti,", "sv": "Hej Anna,"}
SIGN_OFF = {"en": "Best regards,\nSupport", "fi": "Ystävällisin terveisin\nTuki", "sv": "Med vänlig hälsning\nSupport"}
REPLY_HEADER = {
    "en": "On Mon, 16 Nov 2026 at 09:12, Jane <jane@example.com> wrote:",
    "fi": "Ma 16.11.2026 klo 9.12 Matti <matti@example.fi> kirjoitti:",
    "sv": "Den mån 16 nov. 2026 kl 09:12 skrev Anna <anna@example.se>:",
}
CUSTOMER = "> Our whole office is offline. Fix it ASAP!\n> We need the report as soon as possible."


def reply_text(lang: str) -> str:
    """Line 3 holds the sender's own promise; the quote below holds the customer's."""
    return (f"{GREETING[lang]}\n\n{OWN[lang]}\n\n{SIGN_OFF[lang]}\n\n"
            f"{REPLY_HEADER[lang]}\n{CUSTOMER}\n")


def headers(message, subject: str = "Re: Ticket 4711", *, date: str = "Fri, 20 Nov 2026 09:00:00 +0200",
            in_reply_to: str | None = "<customer-1@example.com>"):
    message["From"] = "Support <support@example.fi>"
    message["To"] = "Customer <customer@example.com>"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = "<reply-1@example.fi>"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    return message


def plain_message(text: str, *, cte: str = "8bit", charset: str = "utf-8", **header_options) -> EmailMessage:
    message = headers(EmailMessage(), **header_options)
    message.set_content(text, cte=cte, charset=charset)
    return message


def alternative_message(text: str, html: str) -> EmailMessage:
    message = plain_message(text)
    message.add_alternative(html, subtype="html", cte="8bit")
    return message


def html_only_message(html: str, cte: str = "8bit") -> EmailMessage:
    message = headers(EmailMessage())
    message.set_content(html, subtype="html", cte=cte)
    return message


def line_of(data: bytes | str, needle: str) -> int:
    """1-based line of the first occurrence of needle in a file's content."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return text[: text.index(needle)].count("\n") + 1


def mislabelled_message(text: str, declared: str) -> bytes:
    """UTF-8 bytes under a Content-Type that claims another charset (clients do this)."""
    head = bytes(headers(EmailMessage())).rstrip(b"\n")
    mime = f'\nMIME-Version: 1.0\nContent-Type: text/plain; charset="{declared}"\nContent-Transfer-Encoding: 8bit\n\n'
    return head + mime.encode("ascii") + text.encode("utf-8")
