"""index.html in a real headless Chromium, served by our server: it loads cleanly, plays, seeks, follows along.

Needs the Debian packages chromium (and chromium-driver for selenium users); skipped without them.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import Browser, find_chromium
from podcast_fixtures import CHAPTER_S, EPISODE_S

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed (apt-get install chromium)")]

FIRST_EPISODE = "article.episode"
ERROR_LEVELS = {"error", "assert"}
NO_SEEK_AFTER_MS = 10_000  # bounds the wait of a test that fails, says nothing about speed


@pytest.fixture
def page(served, tmp_path: Path) -> Iterator[Browser]:
    """Chromium showing the served index.html, fully loaded."""
    _, base_url = served
    browser = Browser(find_chromium(), tmp_path / "chromium-profile")
    try:
        for domain in ("Page", "Runtime", "Log"):
            browser.page(f"{domain}.enable")
        browser.events.clear()
        browser.page("Page.navigate", url=base_url)
        browser.wait_for_event("Page.loadEventFired")
        yield browser
    finally:
        browser.close()


def console_errors(browser: Browser) -> list[str]:
    errors = []
    for event in browser.events:
        params = event.get("params", {})
        if event["method"] == "Runtime.consoleAPICalled" and params["type"] in ERROR_LEVELS:
            errors.append(json.dumps(params["args"]))
        elif event["method"] == "Runtime.exceptionThrown":
            errors.append(json.dumps(params["exceptionDetails"]))
        elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
            errors.append(f"{params['entry']['text']} {params['entry'].get('url', '')}")
    return errors


def metadata_loaded(browser: Browser) -> float:
    return browser.evaluate(f"""(async () => {{
        const audio = document.querySelector("{FIRST_EPISODE} audio");
        if (audio.readyState < 1) await new Promise(r => audio.addEventListener("loadedmetadata", r, {{once: true}}));
        const track = audio.textTracks[0];
        if (!track.cues || track.cues.length === 0)
            await new Promise(r => audio.querySelector("track").addEventListener("load", r, {{once: true}}));
        return audio.duration;
    }})()""")


def seek_promise(browser: Browser) -> None:
    """Arm a promise: currentTime at the first player's next `seeked` event, or null when none comes."""
    browser.evaluate(f"""window.seekedAt = Promise.race([
        new Promise(r => document.querySelector("{FIRST_EPISODE} audio")
            .addEventListener("seeked", e => r(e.target.currentTime), {{once: true}})),
        new Promise(r => setTimeout(() => r(null), {NO_SEEK_AFTER_MS}))]); true""")


def click(browser: Browser, selector: str) -> None:
    """A real mouse click at the element's centre (a user gesture, as a listener makes it)."""
    box = browser.evaluate(f"""(() => {{ const el = document.querySelector({json.dumps(selector)});
        el.scrollIntoView({{block: "center"}}); const r = el.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
    for kind in ("mousePressed", "mouseReleased"):
        browser.page("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)


def test_page_loads_without_console_errors_and_knows_the_duration(page):
    duration_s = metadata_loaded(page)
    assert duration_s == pytest.approx(EPISODE_S, abs=0.5)
    assert page.evaluate(f'document.querySelector("{FIRST_EPISODE} audio").textTracks[0].cues.length') == 4
    assert page.evaluate("document.documentElement.lang") == "de"
    assert console_errors(page) == []


def test_clicking_a_chapter_seeks_the_player(page):
    metadata_loaded(page)
    seek_promise(page)
    click(page, f'{FIRST_EPISODE} .chapters button[data-start="{CHAPTER_S:.3f}"]')
    assert page.evaluate("window.seekedAt") == pytest.approx(CHAPTER_S, abs=0.25)
    assert console_errors(page) == []


def test_a_chapter_button_works_from_the_keyboard(page):
    metadata_loaded(page)
    page.evaluate(f'document.querySelector(\'{FIRST_EPISODE} .chapters button[data-start="{CHAPTER_S:.3f}"]\').focus()')
    seek_promise(page)
    for kind in ("keyDown", "keyUp"):
        page.page("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                  text="\r" if kind == "keyDown" else "")
    assert page.evaluate("window.seekedAt") == pytest.approx(CHAPTER_S, abs=0.25)
    focus_style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_style != "none"  # a visible focus ring


def test_the_transcript_highlights_the_cue_being_spoken(page):
    metadata_loaded(page)
    start_s = page.evaluate(f"""(async () => {{
        const episode = document.querySelector("{FIRST_EPISODE}");
        const audio = episode.querySelector("audio");
        audio.pause();
        const changed = new Promise(r => audio.textTracks[0].addEventListener("cuechange", r, {{once: true}}));
        audio.currentTime = {CHAPTER_S / 2 + 0.2};
        await changed;
        await new Promise(r => setTimeout(r, 0));  // our listener ran first; let it finish
        const active = episode.querySelectorAll('.cues [aria-current="true"]');
        return active.length === 1 ? parseFloat(active[0].dataset.start) : -active.length;
    }})()""")
    assert start_s == pytest.approx(CHAPTER_S / 2)
    assert console_errors(page) == []
