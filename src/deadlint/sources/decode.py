"""Bytes to text: UTF-8 first, then the legacy encodings drafts really arrive in."""

from __future__ import annotations

import codecs

# Windows-1252 covers what Nordic Outlook and old webmail save; ISO-8859-15 adds
# the euro sign to Latin-1. Latin-1 itself is not tried: it decodes any bytes and
# would turn binary junk into "text".
LEGACY_ENCODINGS = ("cp1252", "iso-8859-15")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text we can read."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 100)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with a one-line reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after byte-order mark: {exc.reason}") from None
    if looks_binary(data):
        raise DecodeError("binary file, not a text draft")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        for encoding in LEGACY_ENCODINGS:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
        raise DecodeError(
            f"not valid UTF-8 (byte {utf8_error.start}) nor {', '.join(LEGACY_ENCODINGS)}"
        ) from None
