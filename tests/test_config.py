"""articlecast.toml: written, read back, and refused with a clear message when wrong."""
from __future__ import annotations

import pytest

from articlecast.config import CONFIG_NAME, BuildSettings, Config, Show, load_config, save_config
from articlecast.errors import InputError


def test_missing_file_means_defaults(tmp_path):
    assert load_config(tmp_path) == Config()


def test_round_trip_with_unicode_and_quotes(tmp_path):
    config = Config(show=Show(title='Dorf "Funk" – Geschichten', owner_email="a@b.de", explicit=True),
                    build=BuildSettings(engine="gtts", bitrate_kbps=96, intro=False),
                    voices={"narrator": "espeak:de", "Jörg Übel": "espeak:de+m3"},
                    lexicon={"NATO": "Nato"}, boilerplate=(r"^Anzeige$", r"\bWerbung\b"))
    save_config(tmp_path, config)
    assert load_config(tmp_path) == config


@pytest.mark.parametrize("toml, message", [
    ("[show]\ntitel = 'x'\n", "unknown setting(s) in [show]: titel"),
    ("[build]\nbitrate_kbps = 'fast'\n", "bitrate_kbps must be int"),
    ("[build]\nintro = 1\n", "intro must be bool"),
    ("[show\n", "not valid TOML"),
])
def test_wrong_settings_are_named(tmp_path, toml, message):
    (tmp_path / CONFIG_NAME).write_text(toml, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_config(tmp_path)
    assert message in str(err.value)


def test_feed_url_follows_base_url():
    assert Show(base_url="https://example.org/pod").feed_url == "https://example.org/pod/feed.xml"
    assert Show().feed_url == "http://localhost:8000/feed.xml"
