"""Text from articles, pages and HTTP clients made safe to print on a terminal or into a log.

An article's title or a request line may hold control characters (ESC, BEL, CR, DEL, C1
codes); printed raw they could move the cursor, retitle the window or forge log lines. They
are shown as escapes instead (ESC -> \\x1b), the way Python's own http.server does it.
"""
from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; tab and newline only where the caller allows them
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with every control character (and bidi override) written as a visible escape."""
    text = str(text)

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(escape, text)


def counted(number: int, noun: str) -> str:
    """ "1 segment", "2 segments", "0 segments": the command line's own English, not an article's language."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
