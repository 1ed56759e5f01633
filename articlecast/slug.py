"""File names from titles: lowercase ASCII words joined by hyphens."""
from __future__ import annotations

import re
import unicodedata

_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
MAX_SLUG_CHARS = 60


def slugify(title: str, fallback: str = "episode") -> str:
    ascii_title = unicodedata.normalize("NFKD", title.translate(_SPELLED)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_SLUG_CHARS:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or fallback
