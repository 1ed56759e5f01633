"""Following sources: a publication's RSS or Atom feed (or an OPML list of feeds) becomes articles.

    fetch_feed(url, etag=…, last_modified=…) -> FetchedFeed   (conditional GET; 304 -> no items)
    read_opml(text) -> feed URLs

This stage only reads feeds; which items are new, building them and keeping the newest N
is decided one level up (articlecast/update.py), where the output folder's catalog is known.
"""
from articlecast.follow.feeds import FeedItem, FetchedFeed, fetch_feed, parse_feed
from articlecast.follow.opml import looks_like_opml, read_opml

__all__ = ["FeedItem", "FetchedFeed", "fetch_feed", "looks_like_opml", "parse_feed", "read_opml"]
