"""`articlecast follow` and `articlecast update`: a publication's feed becomes episodes by itself.

    add_sources(out_dir, "https://example.org/feed.xml")   # or an OPML file of feeds
    update_sources(options, keep=20)                      # from cron or a systemd timer

An update polls every followed feed with a conditional GET, builds the items it has not seen
(the article from the feed's content:encoded when the feed carries it whole, else from the item's
link), rebuilds items the feed changed, and keeps the newest N followed episodes in the feed.

It is safe to run unattended: the whole update holds the folder's lock (a second run waits,
then exits 8), it prints nothing but errors with --quiet, and one broken source or item never
stops the others. A feed's ETag is only remembered once every new item of it was built, so a
failed item is tried again on the next run instead of hiding behind a 304.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from articlecast.config import load_config, save_config
from articlecast.errors import ArticlecastError, InputError
from articlecast.follow import FeedItem, fetch_feed, looks_like_opml, read_opml
from articlecast.output.catalog import FollowedItem, canonical_source
from articlecast.pipeline import BuildOptions, BuildResult, Report, _silent, build_many, effective_config, open_folder
from articlecast.script.model import ArticleInput


@dataclass(frozen=True)
class UpdateOutcome:
    built: tuple[BuildResult, ...]
    unchanged: int  # items already built and not changed since
    removed: tuple[str, ...]  # slugs that left the feed because of --keep
    failed: tuple[tuple[str, ArticlecastError], ...]  # a feed's or an item's URL, and what went wrong
    not_modified: int = 0  # feeds that answered 304: their items were not even looked at


def add_sources(out_dir: Path, source: str, *, timeout_s: float = 20.0) -> list[str]:
    """Follow a feed URL, or every feed of an OPML file (path or URL); return the feeds newly added.

    A feed is fetched once before it is stored, so a typo fails now rather than at 3 a.m.
    """
    feeds = _feeds_named_by(source, timeout_s)
    config = load_config(out_dir)
    new = [url for url in feeds if url not in config.follow.sources]
    for url in new:
        fetch_feed(url, timeout_s=timeout_s)  # raises for what is no feed or cannot be reached
    if new:
        save_config(out_dir, replace(config, follow=replace(config.follow, sources=config.follow.sources + tuple(new))))
    return new


def _feeds_named_by(source: str, timeout_s: float) -> list[str]:
    if source.startswith(("http://", "https://")):
        if source.lower().split("?", 1)[0].endswith(".opml"):
            from articlecast.script.fetch import fetch_page

            return read_opml(fetch_page(source, timeout_s).body, source)
        return [source]
    path = Path(source)
    try:
        data = path.read_bytes() if path.is_file() else None
    except OSError as e:
        raise InputError(f"{source}: cannot read the file ({e.strerror or e})") from None
    if data is None:
        raise InputError(f"{source}: neither an http(s) feed URL nor an OPML file")
    if not looks_like_opml(data):
        raise InputError(f"{source}: not an OPML file; follow a feed by its http(s) URL")
    return read_opml(data, source)


def item_version(item: FeedItem) -> str:
    """What the feed says about an item; when it changes, the episode is built again."""
    parts = [item.title, item.link or "", item.published.isoformat() if item.published else "", item.content_html or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def update_sources(options: BuildOptions, *, keep: int | None = None, report: Report = _silent,
                   on_built: Callable[[BuildResult], None] | None = None,
                   on_failed: Callable[[str, ArticlecastError], None] | None = None,
                   timeout_s: float = 20.0) -> UpdateOutcome:
    """Poll every followed feed of options.out_dir and build what is new; see the module's docstring."""
    config = effective_config(options)
    if not config.follow.sources:
        raise InputError(f"{options.out_dir} follows no feeds yet; add one with "
                         f"`articlecast follow URL --out {options.out_dir}`")
    keep = keep or config.follow.keep or None
    failed: list[tuple[str, ArticlecastError]] = []

    def fail(what: str, error: ArticlecastError) -> None:
        failed.append((what, error))
        if on_failed:
            on_failed(what, error)

    with open_folder(options.out_dir, wait_s=options.lock_wait_s, report=report) as store:
        todo: list[tuple[str, FeedItem]] = []
        answered: dict[str, tuple[str | None, str | None]] = {}  # feed -> validators to remember
        unchanged = not_modified = 0
        for url in config.follow.sources:
            etag, modified = store.feed_validators(url)
            try:
                feed = fetch_feed(url, etag=etag, last_modified=modified, timeout_s=timeout_s)
            except ArticlecastError as e:
                fail(url, e)
                continue
            if feed.status == "not-modified":
                not_modified += 1
                continue
            answered[url] = (feed.etag, feed.last_modified)
            for item in feed.items[:keep] if keep else feed.items:  # what --keep drops at once is not built
                seen = store.followed_item(item.guid)
                if seen is None or (not seen.removed and seen.version != item_version(item)):
                    todo.append((url, item))
                else:
                    unchanged += 1
        built: tuple[BuildResult, ...] = ()
        if todo:
            report(f"{len(todo)} new or changed article(s) in the followed feeds")
            from articlecast.cluster import renderer_for  # Dask is imported only when a cluster is named

            with renderer_for(options) as render:
                outcome = build_many([ArticleInput(item.source, item.content_html, title=item.title or None,
                                                   author=item.author) for _, item in todo],
                                     options, report=report, on_built=on_built, on_failed=fail, held=True, render=render)
            built = outcome.built
            done = {canonical_source(r.source) for r in built}
            for url, item in todo:
                if canonical_source(item.source) in done:
                    store.record_followed(FollowedItem(item.guid, url, item.source, item_version(item),
                                                       item.published.isoformat() if item.published else None))
                else:  # its feed must be fetched again next time, or a 304 would hide the item for good
                    answered.pop(url, None)
        for url, (etag, modified) in answered.items():
            store.remember_validators(url, etag, modified)
        removed = _keep_newest(store, keep, config) if keep else []
    return UpdateOutcome(built, unchanged, tuple(removed), tuple(failed), not_modified)


def _keep_newest(store, keep: int, config) -> list[str]:
    """Take followed episodes beyond the newest `keep` out of the feed (their files stay, as with `remove`),
    all in one step: feed and page are published once, however many leave."""
    old = list(dict.fromkeys(episode.slug for episode in store.followed_episodes()[keep:]))
    if not old:
        return []
    from articlecast.output.publish import stage_publication

    store.remove_all(old, stage=stage_publication(store.root, config.show))
    return old


def remove_source(out_dir: Path, source: str) -> None:
    config = load_config(out_dir)
    if source not in config.follow.sources:
        raise InputError(f"{out_dir} does not follow {source} (see `articlecast follow --out {out_dir}`)")
    remaining = tuple(s for s in config.follow.sources if s != source)
    save_config(out_dir, replace(config, follow=replace(config.follow, sources=remaining)))
