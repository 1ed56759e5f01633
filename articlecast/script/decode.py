"""Bytes as a user's file holds them -> clean text every later rule can rely on."""
from __future__ import annotations

import codecs
import unicodedata

from articlecast.errors import InputError

# Invisible characters a web page hides in words (hyphenation hints, joiners, BOMs):
# a TTS engine would stumble over them and a regex would miss the word.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Typographic spaces fold to a plain space so that word splitting is one rule.
TYPOGRAPHIC_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
LINE_BREAKS = "\u0085\u2028\u2029"

_TRANSLATION = (
    {ord(c): None for c in INVISIBLE}
    | {ord(c): " " for c in TYPOGRAPHIC_SPACES}
    | {ord(c): "\n" for c in LINE_BREAKS}
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Controls that occur in real text files; any other C0 control hints at a binary file.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
BINARY_SAMPLE_CHARS = 65536
MAX_CONTROL_SHARE = 0.05


def clean_text(text: str) -> str:
    """One newline style, no invisible characters, plain spaces, NFC (so "ü" is one code point)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATION)
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is refused.

    Windows-1252 is the fallback because it is what older German and English pages and
    Word exports use when they are not UTF-8; its few undefined bytes fall back to Latin-1.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return clean_text(data.decode("utf-16"))
        except UnicodeDecodeError as e:  # an odd number of bytes, a lone surrogate: cut or damaged
            raise InputError(f"{source}: starts as UTF-16 text but is damaged at byte {e.start} ({e.reason})") from None
    if b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file, not an article (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if _control_share(text[:BINARY_SAMPLE_CHARS]) > MAX_CONTROL_SHARE:
        raise InputError(f"{source}: looks like a binary file, not an article (control characters)")
    return clean_text(text)


def _control_share(sample: str) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if (c < " " or c == "\x7f") and c not in _TEXT_CONTROLS)
    return controls / len(sample)
