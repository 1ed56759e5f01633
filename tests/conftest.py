"""Shared test helpers: paths to the project's samples and to ../shared, and a CLI runner."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "fixtures" / "china-tech-de.txt"
SEED_GOLD = SHARED / "fixtures" / "china-tech-de.expected.json"


def cli_runner() -> CliRunner:
    """stdout and stderr apart, on every click version (8.2 dropped mix_stderr and always separates)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


@pytest.fixture
def runner() -> CliRunner:
    return cli_runner()


@pytest.fixture
def seed_article() -> Path:
    if not SEED_ARTICLE.exists():
        pytest.skip("the user's sample article (../shared/fixtures) is not here")
    return SEED_ARTICLE


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read or fill the user's synthesis cache (~/.cache/articlecast)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def english_podcast(tmp_path_factory):
    """A podcast folder holding one finished episode of the English sample, built once per test run,
    and what `articlecast build` said while building it. Copy it before changing it (`podcast_copy`)."""
    from articlecast.cli import cli

    out = tmp_path_factory.mktemp("english-podcast") / "out"
    result = cli_runner().invoke(cli, ["build", str(SAMPLES / "library-night-en.md"), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out, result


@pytest.fixture
def podcast_copy(english_podcast, tmp_path):
    """A private copy of the English podcast folder, for a test that changes it."""
    import shutil

    copy = tmp_path / "out"
    shutil.copytree(english_podcast[0], copy)
    return copy
