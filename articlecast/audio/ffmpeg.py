"""The ffmpeg bundled with imageio-ffmpeg, for our own calls and for pydub (no system ffmpeg needed)."""
from __future__ import annotations

import functools
import warnings


@functools.cache
def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


@functools.cache
def audio_segment_class():
    """pydub's AudioSegment, pointed at the bundled ffmpeg."""
    with warnings.catch_warnings():
        # pydub searches the PATH for ffmpeg on import and warns when there is none; we set it below
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)  # pydub imports audioop (deprecated in 3.11+)
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    return AudioSegment
