"""Bytes to text: UTF-8 first, then the legacy encodings drafts really arrive in."""

from __future__ import annotations

import codecs

# Windows-1252 is what Nordic Outlook and old webmail save, and it reads every
# printable Latin-1 and Latin-9 text too. Latin-1 or Latin-9 as such are not
# tried: they decode any bytes, turning the five bytes cp1252 leaves undefined
# into control characters no draft contains.
LEGACY_ENCODINGS = ("cp1252",)

# Byte-order marks: the codec that reads what follows, and the BOM to write back.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


# Printable bytes and the controls text holds (tab, newline, form feed, carriage return, escape).
_NOT_CONTROL = bytes(range(32, 256)) + bytes((9, 10, 12, 13, 27))


class DecodeError(ValueError):
    """The bytes are not text we can read."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # what is left once the rest is deleted
    return controls > max(8, len(head) // 100)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with a one-line reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding.removesuffix("-sig")), encoding
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


def encode_text(text: str, encoding: str) -> bytes:
    """The inverse of ``decode_bytes``: the same encoding and byte-order mark."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return _BOM_OF.get(encoding, b"") + text.encode(encoding)
