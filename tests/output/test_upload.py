"""`articlecast publish --to URL` against real targets: a folder (file://), OpenSSH (sftp://), SeaweedFS (s3://).

Every test runs on all three; what arrived is read back from the target itself (its folder on disk for
file:// and sftp://, which live on this machine, and the S3 API for s3://).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree
from podcast_fixtures import FIRST_BUILD, SHOW, Podcast, add_episode
from upload_servers import S3Server, Sshd

from articlecast.cli import cli
from articlecast.config import CONFIG_NAME, load_config
from articlecast.errors import InputError, NetworkError
from articlecast.output.feed import write_feed
from articlecast.output.page import write_page
from articlecast.output.upload import (
    CACHE_MEDIA,
    CACHE_PAGES,
    MANIFEST_NAME,
    Remote,
    feed_urls,
    open_remote,
    plan_upload,
    upload,
)

PUBLIC_URL = "https://example.org/pod/"


@dataclass
class Target:
    kind: str
    url: str
    endpoint_url: str
    folder: Path | None  # where the files land on this machine (file://, sftp://)
    s3: S3Server | None = None
    prefix: str = ""

    def files(self) -> dict[str, bytes]:
        """Everything at the target, by path (hidden files too: nothing private may hide there)."""
        if self.folder is not None:
            return {p.relative_to(self.folder).as_posix(): p.read_bytes()
                    for p in self.folder.rglob("*") if p.is_file()}
        client = self.s3.client()
        listing = client.list_objects_v2(Bucket=self.s3.bucket, Prefix=self.prefix + "/").get("Contents", [])
        return {o["Key"][len(self.prefix) + 1:]: client.get_object(Bucket=self.s3.bucket, Key=o["Key"])["Body"].read()
                for o in listing}

    def remote(self) -> Remote:
        return open_remote(self.url, endpoint_url=self.endpoint_url)


@pytest.fixture(params=["file", "sftp", "s3"])
def target(request, tmp_path, monkeypatch) -> Iterator[Target]:
    name = request.node.name.split("[")[0][-40:]
    if request.param == "file":
        folder = tmp_path / "docroot"
        yield Target("file", folder.as_uri(), "", folder)
    elif request.param == "sftp":
        server: Sshd = request.getfixturevalue("sshd")
        monkeypatch.setenv("HOME", str(server.home))  # ~/.ssh/config, the key and known_hosts of the test
        yield Target("sftp", server.url(name), "", server.root / name)
    else:
        s3: S3Server = request.getfixturevalue("s3_server")
        yield Target("s3", f"s3://{s3.bucket}/{name}", s3.endpoint_url, None, s3, name)


def public_podcast(podcast: Podcast) -> Podcast:
    """The fixture's folder with a public base URL and the private state a real folder has."""
    show = replace(SHOW, base_url=PUBLIC_URL)
    republish(podcast.out_dir, podcast, show)
    (podcast.out_dir / CONFIG_NAME).write_text('[show]\ntitle = "Lesestunde"\n')
    (podcast.out_dir / ".articlecast").mkdir(exist_ok=True)
    (podcast.out_dir / ".articlecast" / "voices.json").write_text("{}")
    (podcast.out_dir / "episodes" / "strom-vom-dach.script.json").write_text('{"source": "/home/rita/strom.txt"}')
    return replace(podcast, show=show)


def republish(out_dir: Path, podcast: Podcast, show=None) -> None:
    show = show or podcast.show
    episodes = podcast.catalog.episodes()
    write_feed(out_dir, show, episodes, feed_guid=podcast.catalog.feed_guid(show.feed_url))
    write_page(out_dir, show, episodes)


def local_public(out_dir: Path) -> dict[str, bytes]:
    names = ["feed.xml", "index.html", "cover.jpg"]
    for mp3 in (out_dir / "episodes").glob("*.mp3"):
        names += [f"episodes/{mp3.stem}{s}" for s in (".mp3", ".vtt", ".chapters.json")]
    return {n: (out_dir / n).read_bytes() for n in names}


def publish(target: Target, out_dir: Path, *, dry_run: bool = False, remote: Remote | None = None):
    remote = remote or target.remote()
    lines: list[str] = []
    try:
        plan = plan_upload(out_dir, remote)
        outcome = upload(plan, remote, report=lines.append, dry_run=dry_run)
    finally:
        remote.close()
    return outcome, lines


def referenced_paths(feed_bytes: bytes) -> set[str]:
    tmp = etree.fromstring(feed_bytes)
    urls = [e.get("url") for e in tmp.iter("enclosure", "{*}transcript", "{*}chapters")]
    urls += [e.get("href") for e in tmp.iter("{http://www.itunes.com/dtds/podcast-1.0.dtd}image")]
    return {u[len(PUBLIC_URL):].split("?")[0] for u in urls if u}


def test_publishes_exactly_the_public_files_and_then_only_what_changed(podcast, target):
    podcast = public_podcast(podcast)
    outcome, lines = publish(target, podcast.out_dir)
    remote = target.files()
    expected = local_public(podcast.out_dir)
    assert {k: v for k, v in remote.items() if k != MANIFEST_NAME} == expected  # byte for byte, nothing private
    assert outcome.uploaded == len(expected) and outcome.deleted == 0
    manifest = json.loads(remote[MANIFEST_NAME])
    assert manifest["base_url"] == PUBLIC_URL and set(manifest["files"]) == set(expected)
    # media first, the page next, the feed last
    order = [line.split()[1] for line in lines]
    assert order[-2:] == ["index.html", "feed.xml"] and set(order) == set(expected)

    again, lines = publish(target, podcast.out_dir)
    assert (again.uploaded, again.deleted, again.unchanged, lines) == (0, 0, len(expected), [])

    # One episode rebuilt with other audio: its MP3, the feed and the page go, nothing else.
    strom = next(e for e in podcast.episodes if e.slug == "strom-vom-dach")
    add_episode(podcast.out_dir, podcast.catalog, strom.slug, strom.title, source=strom.source,
                when=FIRST_BUILD, frequencies_hz=(500, 700))
    republish(podcast.out_dir, podcast)
    third, lines = publish(target, podcast.out_dir)
    assert [line.split()[1] for line in lines] == ["episodes/strom-vom-dach.mp3", "index.html", "feed.xml"]
    assert target.files()["episodes/strom-vom-dach.mp3"] == podcast.mp3("strom-vom-dach").read_bytes()


def test_a_removed_episode_is_deleted_there_and_foreign_files_stay(podcast, target):
    podcast = public_podcast(podcast)
    publish(target, podcast.out_dir)
    if target.folder is not None:
        (target.folder / "robots.txt").write_text("User-agent: *\n")
    else:
        target.s3.client().put_object(Bucket=target.s3.bucket, Key=f"{target.prefix}/robots.txt", Body=b"x")
    podcast.catalog.remove("strom-vom-dach")
    republish(podcast.out_dir, podcast)
    outcome, lines = publish(target, podcast.out_dir)
    assert lines[-3:] == [f"delete episodes/strom-vom-dach{s}" for s in (".chapters.json", ".mp3", ".vtt")]
    remote = target.files()
    assert not any(p.startswith("episodes/strom-vom-dach") for p in remote)
    assert "robots.txt" in remote  # not ours: never deleted
    assert referenced_paths(remote["feed.xml"]) <= set(remote)


def test_dry_run_changes_nothing(podcast, target):
    podcast = public_podcast(podcast)
    outcome, lines = publish(target, podcast.out_dir, dry_run=True)
    assert outcome.uploaded == len(local_public(podcast.out_dir))
    assert lines and all(line.startswith("would upload ") for line in lines)
    assert target.files() == {}


class FailingRemote(Remote):
    """A real target whose connection breaks after `puts` uploads (as a network does mid-upload)."""

    def __init__(self, inner: Remote, puts: int) -> None:
        self.inner, self.left, self.url = inner, puts, inner.url

    def put(self, local):
        if self.left == 0:
            raise NetworkError("connection lost (simulated)")
        self.left -= 1
        self.inner.put(local)

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def list(self):
        return self.inner.list()

    def delete(self, path):
        return self.inner.delete(path)

    def read(self, path):
        return self.inner.read(path)

    def write(self, path, data, content_type):
        return self.inner.write(path, data, content_type)

    def close(self):
        self.inner.close()


def test_a_failure_mid_upload_leaves_a_feed_whose_files_are_all_there(podcast, target):
    podcast = public_podcast(podcast)
    publish(target, podcast.out_dir)
    old_feed = target.files()["feed.xml"]
    for n in range(2):
        add_episode(podcast.out_dir, podcast.catalog, f"neu-{n}", f"Neu {n}", source=f"https://example.org/neu{n}",
                    when=FIRST_BUILD + timedelta(days=1 + n), frequencies_hz=(300 + n, 600))
    podcast.catalog.remove("strom-vom-dach")
    republish(podcast.out_dir, podcast)
    for puts in (1, 4):  # within the media, and after them
        with pytest.raises(NetworkError):
            publish(target, podcast.out_dir, remote=FailingRemote(target.remote(), puts))
        remote = target.files()
        assert remote["feed.xml"] == old_feed
        assert referenced_paths(remote["feed.xml"]) <= set(remote)
    outcome, _ = publish(target, podcast.out_dir)
    remote = target.files()
    assert remote["feed.xml"] == (podcast.out_dir / "feed.xml").read_bytes()
    assert referenced_paths(remote["feed.xml"]) <= set(remote)
    assert not any(p.startswith("episodes/strom-vom-dach") for p in remote)


def test_a_missing_or_altered_remote_file_is_sent_again(podcast, target):
    podcast = public_podcast(podcast)
    publish(target, podcast.out_dir)
    remote = target.remote()
    try:
        remote.delete("episodes/strom-vom-dach.vtt")
    finally:
        remote.close()
    _, lines = publish(target, podcast.out_dir)
    assert lines == ["upload episodes/strom-vom-dach.vtt (1 kB)"]


@pytest.mark.parametrize("target", ["s3"], indirect=True)
def test_s3_objects_carry_content_type_and_cache_control(podcast, target):
    podcast = public_podcast(podcast)
    publish(target, podcast.out_dir)
    client = target.s3.client()
    headers = {}
    for name in ("feed.xml", "index.html", "cover.jpg", "episodes/strom-vom-dach.mp3", "episodes/strom-vom-dach.vtt",
                 "episodes/strom-vom-dach.chapters.json"):
        head = client.head_object(Bucket=target.s3.bucket, Key=f"{target.prefix}/{name}")
        headers[name] = (head["ContentType"], head["CacheControl"])
    assert headers == {
        "feed.xml": ("application/rss+xml; charset=utf-8", CACHE_PAGES),
        "index.html": ("text/html; charset=utf-8", CACHE_PAGES),
        "cover.jpg": ("image/jpeg", CACHE_MEDIA),
        "episodes/strom-vom-dach.mp3": ("audio/mpeg", CACHE_MEDIA),
        "episodes/strom-vom-dach.vtt": ("text/vtt; charset=utf-8", CACHE_MEDIA),
        "episodes/strom-vom-dach.chapters.json": ("application/json; charset=utf-8", CACHE_MEDIA),
    }


def test_the_cli_remembers_the_target_but_no_credentials(podcast, target, runner):
    podcast = public_podcast(podcast)
    args = ["publish", str(podcast.out_dir), "--to", target.url]
    if target.endpoint_url:
        args += ["--endpoint-url", target.endpoint_url]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert "uploaded" in result.stdout
    saved = load_config(podcast.out_dir).publish
    assert (saved.to, saved.endpoint_url) == (target.url, target.endpoint_url)
    toml = (podcast.out_dir / CONFIG_NAME).read_text()
    assert "articlecast-test-secret" not in toml and "SECRET" not in toml.upper().replace("ENDPOINT", "")
    again = runner.invoke(cli, ["publish", str(podcast.out_dir)])  # the remembered target
    assert again.exit_code == 0, again.stderr
    assert "0 uploaded" in again.stdout


def test_a_local_feed_does_not_replace_a_public_one_without_force(podcast, target, runner):
    podcast = public_podcast(podcast)
    publish(target, podcast.out_dir)
    republish(podcast.out_dir, podcast, replace(SHOW, base_url="http://localhost:8000/"))
    args = ["publish", str(podcast.out_dir), "--to", target.url, "--endpoint-url", target.endpoint_url]
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 3
    assert "localhost" in refused.stderr and PUBLIC_URL in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert b"localhost" not in target.files()["feed.xml"]
    forced = runner.invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0 and "warning" in forced.stderr


@pytest.mark.parametrize("url, message", [
    ("ftp://example.org/pod", "use s3://bucket/prefix"),
    ("sftp://rita:geheim@example.org/pod", "password"),
    ("s3:///nobucket", "name the bucket"),
    ("file://server/share", "local folder"),
])
def test_bad_targets_are_one_line_errors(podcast, runner, url, message):
    result = runner.invoke(cli, ["publish", str(podcast.out_dir), "--to", url])
    assert result.exit_code == 3
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_an_unknown_ssh_host_key_is_refused(podcast, sshd, tmp_path, monkeypatch, runner):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "config").write_text((sshd.home / ".ssh" / "config").read_text())  # the key, no known_hosts
    monkeypatch.setenv("HOME", str(home))
    result = runner.invoke(cli, ["publish", str(podcast.out_dir), "--to", sshd.url("unknown-host")])
    assert result.exit_code == 4
    assert "known_hosts" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (sshd.root / "unknown-host" / "feed.xml").exists()


def test_feed_urls_are_what_subscribers_fetch(podcast):
    urls = feed_urls(podcast.out_dir / "feed.xml")
    assert "http://127.0.0.1:8000/cover.jpg" in urls
    assert {u.rsplit("/", 1)[1] for u in urls} >= {"strom-vom-dach.mp3", "strom-vom-dach.vtt",
                                                    "strom-vom-dach.chapters.json"}


def test_a_link_into_private_state_is_not_published(podcast, tmp_path):
    podcast = public_podcast(podcast)
    vtt = podcast.out_dir / "episodes" / "strom-vom-dach.vtt"
    vtt.unlink()
    vtt.symlink_to(podcast.out_dir / ".articlecast" / "voices.json")
    target = tmp_path / "docroot"
    with pytest.raises(InputError, match="links outside the folder or into its private state"):
        publish(Target("file", target.as_uri(), "", target), podcast.out_dir)
    assert list(target.rglob("*")) == []  # refused before anything was sent
