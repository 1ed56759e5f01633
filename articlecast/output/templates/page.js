"use strict";
// Seeks the player from chapter buttons and transcript lines, and highlights the cue being spoken.
(() => {
  const SAME_CUE_S = 0.05; // a cue's start as written in the HTML vs. as parsed from the .vtt

  for (const episode of document.querySelectorAll("article.episode")) {
    const audio = episode.querySelector("audio");
    const list = episode.querySelector(".cues");
    const cues = list ? Array.from(list.querySelectorAll("button[data-start]")) : [];
    const chapters = Array.from(episode.querySelectorAll(".chapters [data-start]"));
    let activeCue = null;

    const mark = (element, on) => {
      element.classList.toggle("active", on);
      if (on) element.setAttribute("aria-current", "true");
      else element.removeAttribute("aria-current");
    };

    const highlightCue = (startS) => {
      const item = cues.find((li) => Math.abs(parseFloat(li.dataset.start) - startS) < SAME_CUE_S) || null;
      if (item === activeCue) return;
      if (activeCue) mark(activeCue, false);
      activeCue = item;
      if (!item) return;
      mark(item, true);
      // Scroll inside the panel only: the page itself must not jump while someone reads elsewhere.
      const top = item.offsetTop;
      if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = Math.max(0, top - list.clientHeight / 3);
      }
    };

    const trackElement = audio.querySelector("track");
    let cuesFromTrack = Boolean(trackElement);
    if (trackElement) {
      const track = trackElement.track;
      track.mode = "hidden"; // load the cues and fire cuechange without drawing captions
      track.addEventListener("cuechange", () => {
        const active = track.activeCues;
        if (active && active.length) highlightCue(active[active.length - 1].startTime);
      });
      // Browsers refuse to load a .vtt from file://; the transcript in the page still follows along.
      trackElement.addEventListener("error", () => { cuesFromTrack = false; });
    }

    audio.addEventListener("timeupdate", () => {
      const t = audio.currentTime;
      if (!cuesFromTrack) {
        const item = cues.find((li) => t >= parseFloat(li.dataset.start) && t < parseFloat(li.dataset.end));
        if (item) highlightCue(parseFloat(item.dataset.start));
      }
      let current = null;
      for (const button of chapters) if (t >= parseFloat(button.dataset.start)) current = button;
      for (const button of chapters) mark(button, button === current);
    });

    audio.addEventListener("play", () => {
      for (const other of document.querySelectorAll("audio")) if (other !== audio) other.pause();
    });

    // The transcript is one tab stop; arrow keys, Home and End move between its lines (a roving tabindex),
    // Enter or Space plays from the line in focus (it is a button).
    cues.forEach((button, i) => button.setAttribute("tabindex", i === 0 ? "0" : "-1"));
    if (list) {
      list.addEventListener("keydown", (event) => {
        const at = cues.indexOf(document.activeElement);
        if (at < 0) return;
        const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: cues.length - 1 }[event.key];
        if (to === undefined || to < 0 || to >= cues.length) return;
        event.preventDefault();
        cues[at].setAttribute("tabindex", "-1");
        cues[to].setAttribute("tabindex", "0");
        cues[to].focus();
      });
    }

    episode.addEventListener("click", (event) => {
      const target = event.target.closest("[data-start]");
      if (!target || !episode.contains(target)) return;
      audio.currentTime = parseFloat(target.dataset.start);
      const playing = audio.play();
      if (playing) playing.catch(() => {}); // autoplay refused: the player waits, paused, at the chapter
    });
  }

  const copyButton = document.getElementById("copy-feed");
  const field = document.getElementById("feed-url");
  const status = document.getElementById("copy-status");
  if (copyButton && field) {
    copyButton.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        field.select(); // no clipboard API outside https and localhost
        document.execCommand("copy");
      }
      if (status) status.textContent = copyButton.dataset.copied;
    });
  }
})();
