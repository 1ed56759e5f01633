"""Apple Podcasts' categories and their subcategories (https://podcasters.apple.com/support/1691).

A table rather than free text because Apple, Spotify and the directories accept only these names,
spelled exactly so; a subcategory is only valid inside its own category, so a feed names both.
"""
from __future__ import annotations

import difflib

SEPARATOR = ">"

APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden",
                "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News",
             "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences",
                "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running",
               "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}
_TOP = {name.casefold(): name for name in APPLE_CATEGORIES}
_SUB = {sub.casefold(): (top, sub) for top, subs in APPLE_CATEGORIES.items() for sub in subs}


def category_path(text: str) -> tuple[str, ...]:
    """("News",) or ("News", "Tech News") in Apple's spelling, from "news", "Tech News" or "News > Tech News".

    A subcategory named alone is put under its category. Raises ValueError naming the closest valid name.
    """
    parts = [p.strip() for p in text.split(SEPARATOR) if p.strip()]
    if not parts or len(parts) > 2:
        raise ValueError(f"category {text!r}: use one of Apple's categories, e.g. \"News\" or \"News > Tech News\"")
    if len(parts) == 1:
        name = parts[0].casefold()
        if name in _TOP:
            return (_TOP[name],)
        if name in _SUB:
            return _SUB[name]
        raise ValueError(f"category {parts[0]!r} is not one of Apple's{_suggest(parts[0])}")
    top = _TOP.get(parts[0].casefold())
    if top is None:
        raise ValueError(f"category {parts[0]!r} is not one of Apple's{_suggest(parts[0])}")
    subs = {s.casefold(): s for s in APPLE_CATEGORIES[top]}
    sub = subs.get(parts[1].casefold())
    if sub is None:
        where = _SUB.get(parts[1].casefold())
        hint = (f"; it belongs under {where[0]!r}" if where else
                f"; {top!r} has " + (", ".join(APPLE_CATEGORIES[top]) if APPLE_CATEGORIES[top] else "no subcategories"))
        raise ValueError(f"{parts[1]!r} is not a subcategory of {top!r}{hint}")
    return (top, sub)


def normalize_category(text: str) -> str:
    """The category as articlecast.toml stores it: "News" or "News > Tech News"."""
    return f" {SEPARATOR} ".join(category_path(text))


def _suggest(name: str) -> str:
    names = list(APPLE_CATEGORIES) + [sub for subs in APPLE_CATEGORIES.values() for sub in subs]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else " (see `articlecast init --help`)"
