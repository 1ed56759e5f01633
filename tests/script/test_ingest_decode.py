"""Decoding: UTF-8 with or without BOM, Windows-1252 fallback, invisible characters, typographic spaces."""
from __future__ import annotations

import pytest

from articlecast.errors import InputError
from articlecast.script.decode import clean_text, decode_bytes


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Grüße aus Köln".encode(), "Grüße aus Köln"),
        (b"\xef\xbb\xbf" + "Grüße aus Köln".encode(), "Grüße aus Köln"),  # UTF-8 BOM
        ("Grüße aus Köln".encode("cp1252"), "Grüße aus Köln"),  # invalid UTF-8: Windows-1252
        ("„Zitat“ – 5 €".encode("cp1252"), "„Zitat“ – 5 €"),  # bytes 0x80-0x9f are cp1252, not Latin-1
        ("Grüße".encode("utf-16"), "Grüße"),  # UTF-16 with BOM (Windows Notepad)
        (b"line one\r\nline two\rline three", "line one\nline two\nline three"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "cp1252-quotes-euro", "utf16-bom", "newlines"],
)
def test_decode_bytes(data, expected):
    assert decode_bytes(data, "a.txt") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bundes\u00adregierung", "Bundesregierung"),  # soft hyphen
        ("Zero\u200bwidth\u200cnon\u200djoiner\u2060word\ufeff", "Zerowidthnonjoinerword"),
        ("5\u00a0km", "5 km"),  # no-break space
        ("10\u202f000 und 3\u2009%", "10 000 und 3 %"),  # narrow no-break and thin space
        ("a\u2000b\u2005c\u200ad\u205fe\u3000f", "a b c d e f"),
        ("Cafe\u0301", "Café"),  # NFC: one code point
        ("Zeile\u2028neu", "Zeile\nneu"),
    ],
    ids=["soft-hyphen", "zero-width", "nbsp", "narrow-and-thin", "space-range", "nfc", "line-separator"],
)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


def test_nfc_applies_after_removing_invisible_characters():
    # A zero-width space between a letter and its combining accent must not keep them apart.
    assert clean_text("Cafe\u200b\u0301") == "Café"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"text with a \x00 NUL byte",
        bytes(range(1, 32)) * 20,  # control characters, no NUL
    ],
    ids=["png", "nul", "controls"],
)
def test_binary_input_is_refused_naming_the_file(data):
    with pytest.raises(InputError, match=r"^photo\.txt: looks like a binary file"):
        decode_bytes(data, "photo.txt")
