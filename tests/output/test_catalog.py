"""The catalog: GUIDs that never change, versions that bump, removal, and damage that is reported, not hidden."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from podcast_fixtures import FIRST_BUILD, add_episode, make_mp3

from articlecast.errors import InputError, OutputError
from articlecast.output.catalog import SCHEMA_VERSION, Catalog, catalog_path, file_sha256, open_catalog, podcast_guid

LATER = FIRST_BUILD + timedelta(days=2)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return open_catalog(tmp_path)


def rebuild(tmp_path: Path, catalog: Catalog, slug: str, title: str, *, source: str, frequencies_hz=(440, 660),
            when=LATER):
    return add_episode(tmp_path, catalog, slug, title, source=source, when=when, frequencies_hz=frequencies_hz)


def test_a_new_episode_gets_a_guid_version_1_and_the_files_hash(tmp_path, catalog):
    ep = add_episode(tmp_path, catalog, "strom", "Strom", source="https://example.org/a", when=FIRST_BUILD)
    mp3 = tmp_path / "episodes" / "strom.mp3"
    assert uuid.UUID(ep.guid)
    assert (ep.version, ep.removed, ep.pub_date) == (1, False, FIRST_BUILD)
    assert (ep.size_bytes, ep.sha256) == (mp3.stat().st_size, file_sha256(mp3))
    assert ep.enclosure_path == "episodes/strom.mp3"
    assert catalog.get("strom") == ep


def test_rebuild_of_an_edited_script_keeps_guid_and_date_bumps_version(tmp_path, catalog):
    first = add_episode(tmp_path, catalog, "strom", "Strom", source="https://example.org/a", when=FIRST_BUILD)
    edited = rebuild(tmp_path, catalog, "strom-vom-dach", "Strom vom Dach", source="https://example.org/a",
                     frequencies_hz=(440, 880))
    assert edited.guid == first.guid
    assert edited.pub_date == first.pub_date
    assert (edited.version, edited.title, edited.slug) == (2, "Strom vom Dach", "strom-vom-dach")
    assert edited.sha256 != first.sha256
    assert edited.enclosure_path == "episodes/strom-vom-dach.mp3?v=2"
    assert catalog.get("strom") is None
    assert [e.guid for e in catalog.episodes(include_removed=True)] == [first.guid]


def test_rebuild_with_an_identical_file_keeps_the_version(tmp_path, catalog):
    first = add_episode(tmp_path, catalog, "strom", "Strom", source="a.txt", when=FIRST_BUILD)
    again = rebuild(tmp_path, catalog, "strom", "Strom", source="a.txt")
    assert (again.guid, again.version, again.sha256) == (first.guid, 1, first.sha256)


@pytest.mark.parametrize("source", ["", "-"])
def test_without_a_source_the_slug_identifies_the_article(tmp_path, catalog, source):
    first = add_episode(tmp_path, catalog, "strom", "Strom", source=source, when=FIRST_BUILD)
    same = rebuild(tmp_path, catalog, "strom", "Strom!", source=source, frequencies_hz=(500, 600))
    other = rebuild(tmp_path, catalog, "wind", "Wind", source=source)
    assert same.guid == first.guid and same.version == 2
    assert other.guid != first.guid


def test_episodes_are_listed_newest_first(tmp_path, catalog):
    for n, slug in enumerate(["eins", "zwei", "drei"]):
        add_episode(tmp_path, catalog, slug, slug, source=f"{slug}.txt", when=FIRST_BUILD + timedelta(hours=n))
    assert [e.slug for e in catalog.episodes()] == ["drei", "zwei", "eins"]


def test_remove_keeps_the_row_and_a_rebuild_brings_the_episode_back(tmp_path, catalog):
    first = add_episode(tmp_path, catalog, "strom", "Strom", source="a.txt", when=FIRST_BUILD)
    add_episode(tmp_path, catalog, "wind", "Wind", source="b.txt", when=LATER)
    removed = catalog.remove("strom")
    assert removed.removed and removed.guid == first.guid
    assert [e.slug for e in catalog.episodes()] == ["wind"]
    assert [e.slug for e in catalog.episodes(include_removed=True)] == ["wind", "strom"]
    back = rebuild(tmp_path, catalog, "strom", "Strom", source="a.txt")
    assert (back.removed, back.guid) == (False, first.guid)


def test_removing_an_unknown_episode_names_the_published_ones(tmp_path, catalog):
    add_episode(tmp_path, catalog, "strom", "Strom", source="a.txt", when=FIRST_BUILD)
    with pytest.raises(InputError, match="no published episode 'wind'") as e:
        catalog.remove("wind")
    assert "strom" in str(e.value)


def test_another_article_with_the_same_slug_replaces_the_old_one(tmp_path, catalog):
    old = add_episode(tmp_path, catalog, "strom", "Strom", source="a.txt", when=FIRST_BUILD)
    assert catalog.unique_slug("b.txt", "strom") == "strom-2"
    assert catalog.unique_slug("a.txt", "strom") == "strom"
    new = rebuild(tmp_path, catalog, "strom", "Strom", source="b.txt")
    assert new.guid != old.guid
    assert [e.guid for e in catalog.episodes()] == [new.guid]  # the old one's file was overwritten
    assert catalog.get("strom") == new


def test_a_removed_episodes_slug_stays_taken(tmp_path, catalog):
    add_episode(tmp_path, catalog, "strom", "Strom", source="a.txt", when=FIRST_BUILD)
    add_episode(tmp_path, catalog, "strom-2", "Strom", source="b.txt", when=LATER)
    catalog.remove("strom")
    assert catalog.unique_slug("c.txt", "strom") == "strom-3"


def test_feed_guid_follows_the_podcast_namespace_and_is_kept(catalog):
    # The worked example of the podcast namespace's <podcast:guid> documentation.
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    first = catalog.feed_guid("http://localhost:8000/feed.xml")
    assert first == podcast_guid("localhost:8000/feed.xml")
    assert catalog.feed_guid("https://podcast.example.org/feed.xml") == first  # the show moved: same podcast


def test_schema_is_versioned_and_a_newer_one_is_refused(tmp_path, catalog):
    path = catalog_path(tmp_path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(OutputError, match="newer articlecast"):
        Catalog(path)


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database, it is a note\n" * 200)


def _malformed(path: Path) -> None:
    """A real catalog with its tables' pages overwritten."""
    data = bytearray(path.read_bytes())
    page_bytes = int.from_bytes(data[16:18], "big")
    for offset in range(page_bytes, len(data), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _malformed], ids=["not-a-database", "malformed"])
def test_a_corrupt_catalog_is_reported_and_copied_aside(tmp_path, damage):
    catalog = open_catalog(tmp_path)
    add_episode(tmp_path, catalog, "strom", "Strom", source="a.txt", when=FIRST_BUILD)
    path = catalog_path(tmp_path)
    damage(path)
    damaged = path.read_bytes()
    with pytest.raises(OutputError, match="is damaged") as e:
        open_catalog(tmp_path).episodes()
    backups = list(path.parent.glob("catalog.sqlite.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == damaged
    assert str(backups[0]) in str(e.value)
    assert path.read_bytes() == damaged  # never silently replaced: the GUIDs inside may still be rescued


def test_a_build_killed_mid_write_leaves_the_previous_catalog(tmp_path):
    catalog = open_catalog(tmp_path)
    first = add_episode(tmp_path, catalog, "strom", "Strom", source="a.txt", when=FIRST_BUILD)
    other_mp3 = make_mp3(tmp_path / "episodes" / "strom-neu.mp3", frequencies_hz=(300, 400))
    # The child records a rebuild and is SIGKILLed after the writes, before the COMMIT.
    child = textwrap.dedent(f"""
        import contextlib, os, signal
        from pathlib import Path
        from articlecast.output.catalog import Catalog, NewEpisode

        class DiesBeforeCommit(Catalog):
            @contextlib.contextmanager
            def _transaction(self):
                with super()._transaction() as db:
                    yield db
                    if db.in_transaction and db.total_changes:
                        os.kill(os.getpid(), signal.SIGKILL)

        DiesBeforeCommit(Path({str(catalog_path(tmp_path))!r})).record(NewEpisode(
            slug="strom-neu", title="Halb geschrieben", author="", source="a.txt", description="",
            language="de", duration_s=6.0, script_hash="x", mp3_path=Path({str(other_mp3)!r})))
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    assert list(catalog_path(tmp_path).parent.glob("catalog.sqlite-journal"))  # the hot journal the next open rolls back
    after = open_catalog(tmp_path).episodes()
    assert after == [first]


def test_a_catalog_of_an_older_articlecast_moves_into_the_private_folder(tmp_path):
    """Schema 1 lay in DIR/ itself (published by any web server) beside JSON state files: both move in."""
    import json

    from click.testing import CliRunner

    from articlecast.cli import cli
    from articlecast.output.catalog import MIGRATIONS

    legacy = tmp_path / "catalog.sqlite"
    with sqlite3.connect(legacy) as db:
        db.execute("BEGIN")
        MIGRATIONS[0](None, db)
        db.execute("INSERT INTO episodes VALUES ('g-1', 'a.txt', 'strom', 'Strom', '', 'a.txt', '', 'de',"
                   " '2024-05-06T07:08:09+00:00', 6.0, 10, 'x', 'h', 1, 0, '2024-05-06T07:08:09+00:00')")
        db.execute("PRAGMA user_version = 1")
    state = tmp_path / ".articlecast"
    state.mkdir()
    (state / "builds.json").write_text(json.dumps({"strom": {"fingerprint": "f1", "mastering": {"gain_db": 1.5},
                                                              "sizes": {"strom.mp3": 10, "strom.script.json": 5}}}))
    (state / "written.json").write_text(json.dumps({"strom.script.json": "abc"}))
    result = CliRunner().invoke(cli, ["episodes", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "strom  Strom" in result.output
    assert not legacy.exists() and (state / "catalog.sqlite").is_file()
    assert sorted(p.name for p in state.iterdir() if p.suffix == ".json") == []
    built = open_catalog(tmp_path).build_state("strom")
    assert built.fingerprint == "f1" and built.mastering == {"gain_db": 1.5}
    assert built.files == {"strom.mp3": (10, ""), "strom.script.json": (5, "abc")}
    with sqlite3.connect(state / "catalog.sqlite") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT article_key FROM episodes").fetchone()[0] == str(Path("a.txt").resolve())
