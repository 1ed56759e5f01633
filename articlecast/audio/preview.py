"""`articlecast preview`: one voice, one short text, one MP3 at the episodes' loudness."""
from __future__ import annotations

from pathlib import Path

from articlecast.audio.encode import encode_preview
from articlecast.audio.engines import get_engine
from articlecast.audio.normalize import speakable
from articlecast.errors import InputError
from articlecast.script.model import Voice

MAX_PREVIEW_CHARS = 2000  # a preview is a sample; whole articles go through `build`


def render_preview(text: str, voice: Voice, language: str, output: Path) -> float:
    """Speak `text` with `voice` into `output`; returns the sample's length in seconds."""
    if not text.strip():
        raise InputError("nothing to say: the preview text is empty")
    if len(text) > MAX_PREVIEW_CHARS:
        raise InputError(f"the preview text has {len(text)} characters; use at most {MAX_PREVIEW_CHARS} "
                         "(for a whole article use articlecast build)")
    pcm = get_engine(voice.engine).synthesize(speakable(text, language), voice, language)
    encode_preview(pcm, output)
    return pcm.duration_ms / 1000
