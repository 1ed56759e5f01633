"""The page as people use it: keyboard only, a phone's first screen, another language, axe-core's rules.

Headless Chromium over the DevTools protocol (cdp.py); skipped where chromium is not installed.
axe-core comes from npm (`make test-clients` puts it in .venv/node) or, older, from axe-core-python.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cdp import Browser, find_chromium
from podcast_fixtures import CHAPTER_S, FIRST_BUILD, make_mp3, write_companions

from articlecast.output.catalog import NewEpisode
from articlecast.output.page import write_page

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed (apt-get install chromium)")]

PHONE = {"width": 375, "height": 667, "deviceScaleFactor": 2, "mobile": True}  # a small phone's first screen
MAX_TABS = 200  # bounds a test that fails; the page needs far fewer


def axe_source() -> str | None:
    npm = Path(sys.prefix) / "node" / "node_modules" / "axe-core" / "axe.min.js"
    if npm.is_file():
        return npm.read_text(encoding="utf-8")
    try:
        from importlib import resources

        return resources.files("axe_core_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None


@pytest.fixture
def mixed(served) -> tuple:
    """The served German show with an English episode on top."""
    podcast, base_url = served
    mp3 = make_mp3(podcast.out_dir / "episodes" / "night-library.mp3", frequencies_hz=(350, 520))
    write_companions(podcast.out_dir, "night-library", chapter_titles=("Opening", "Second part"))
    podcast.catalog.record(NewEpisode(slug="night-library", title="The Library That Never Sleeps", author="Ann Lee",
                                      source="https://example.org/night", description="A night among books.",
                                      language="en", duration_s=2 * CHAPTER_S, script_hash="h", mp3_path=mp3),
                           now=FIRST_BUILD + timedelta(days=2))
    write_page(podcast.out_dir, podcast.show, podcast.catalog.episodes())
    return podcast, base_url


def open_page(base_url: str, profile: Path, *, device: dict | None = None) -> Browser:
    browser = Browser(find_chromium(), profile)
    for domain in ("Page", "Runtime"):
        browser.page(f"{domain}.enable")
    if device:
        browser.page("Emulation.setDeviceMetricsOverride", **device)
    browser.events.clear()
    browser.page("Page.navigate", url=base_url)
    browser.wait_for_event("Page.loadEventFired")
    return browser


@pytest.fixture
def page(mixed, tmp_path) -> Iterator[Browser]:
    browser = open_page(mixed[1], tmp_path / "chromium")
    try:
        yield browser
    finally:
        browser.close()


def press(browser: Browser, key: str, code: int) -> None:
    """A real key press; Enter types its character, which is what makes a focused button click."""
    for kind in ("keyDown", "keyUp"):
        text = {"text": "\r"} if key == "Enter" and kind == "keyDown" else {}
        browser.page("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code, **text)


FOCUSED = """(() => { const el = document.activeElement;
    const ep = el.closest("article.episode");
    return el.dataset.start === undefined ? null
        : [ep ? ep.id : "", el.classList.contains("cue") ? "cue" : "chapter", el.dataset.start]; })()"""


def test_the_keyboard_reaches_every_chapter_and_every_transcript_line(page):
    expected = page.evaluate("""Array.from(document.querySelectorAll("[data-start]")).map(el =>
        [el.closest("article.episode").id, el.classList.contains("cue") ? "cue" : "chapter", el.dataset.start])""")
    reached = []
    for _ in range(MAX_TABS):
        press(page, "Tab", 9)
        focused = page.evaluate(FOCUSED)
        if focused is None:
            if page.evaluate("document.activeElement === document.body") and reached:
                break
            continue
        if focused[1] == "cue":  # the transcript is one tab stop: its lines are walked with the arrow keys
            lines = page.evaluate("document.activeElement.closest('.cues').querySelectorAll('.cue').length")
            reached.append(focused)
            for _ in range(lines - 1):
                press(page, "ArrowDown", 40)
                reached.append(page.evaluate(FOCUSED))
        else:
            reached.append(focused)
    assert len(expected) == 3 * (2 + 4)  # three episodes of two chapters and four lines each
    assert reached == expected

    # Enter on a transcript line plays from there
    page.evaluate("document.querySelectorAll('article.episode')[1].querySelectorAll('.cue')[2].focus()")
    page.evaluate("""window.seekedAt = Promise.race([new Promise(r => document.querySelectorAll('article.episode')[1]
        .querySelector('audio').addEventListener('seeked', e => r(e.target.currentTime), {once: true})),
        new Promise(r => setTimeout(() => r(null), 10000))]); true""")
    press(page, "Enter", 13)
    assert page.evaluate("window.seekedAt") == pytest.approx(CHAPTER_S, abs=0.25)


def test_each_episode_speaks_its_own_language(page):
    episodes = page.evaluate("""Array.from(document.querySelectorAll("article.episode")).map(a =>
        [a.id, a.lang, a.querySelector(".chapters h3").textContent, a.querySelector("track").srclang])""")
    assert episodes[0] == ["episode-night-library", "en", "Chapters", "en"]
    assert [e[1:3] for e in episodes[1:]] == [["de", "Kapitel"], ["de", "Kapitel"]]
    assert page.evaluate("document.documentElement.lang") == "de"


def test_the_length_does_not_read_like_a_time_of_day(page):
    meta = page.evaluate("""Array.from(document.querySelectorAll("article.episode .meta time"))
        .map(t => [t.textContent, t.getAttribute("datetime")])""")
    lengths = meta[1::2]  # date, length; date, length ...
    assert lengths == [["6 s", "PT6S"], ["6 Sek.", "PT6S"], ["6 Sek.", "PT6S"]]  # each in its episode's language
    assert all(":" not in text for text, _ in lengths)


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_current_chapter_stands_out(page):
    colours = page.evaluate(f"""(async () => {{
        const episode = document.querySelector("article.episode");
        const audio = episode.querySelector("audio");
        if (audio.readyState < 1) await new Promise(r => audio.addEventListener("loadedmetadata", r, {{once: true}}));
        audio.currentTime = {CHAPTER_S + 0.5};
        await new Promise(r => audio.addEventListener("timeupdate", r, {{once: true}}));
        const active = episode.querySelector(".chapters button.active");
        const style = getComputedStyle(active);
        const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
        return {{start: active.dataset.start, bar: rgb(style.boxShadow), background: rgb(style.backgroundColor),
                 page: rgb(getComputedStyle(document.body).backgroundColor || "rgb(255,255,255)"),
                 text: rgb(style.color)}};
    }})()""")
    assert float(colours["start"]) == CHAPTER_S
    page_background = colours["page"] if any(colours["page"]) else [255, 255, 255]
    assert contrast(colours["bar"], page_background) >= 3  # WCAG 1.4.11: a visible indicator
    assert contrast(colours["text"], colours["background"]) >= 4.5  # the title stays readable on the tint


def test_on_a_phone_the_first_player_is_on_the_first_screen(mixed, tmp_path):
    browser = open_page(mixed[1], tmp_path / "phone", device=PHONE)
    try:
        bottom = browser.evaluate("document.querySelector('article.episode audio').getBoundingClientRect().bottom")
        assert 0 < bottom <= PHONE["height"]
    finally:
        browser.close()


def test_axe_core_finds_no_violations(page):
    source = axe_source()
    if source is None:
        pytest.skip("axe-core is not installed (make test-clients, or pip install axe-core-python)")
    page.evaluate(source + "; true")
    violations = page.evaluate("""axe.run(document, {resultTypes: ["violations"]}).then(r =>
        r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))})))""")
    assert violations == [], json.dumps(violations, indent=1)
    assert page.evaluate("axe.version").split(".")[0] == "4"
