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
