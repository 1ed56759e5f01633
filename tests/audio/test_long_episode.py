"""Memory stays bounded whatever the episode's length: stitching, mastering and encoding go in blocks."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

CHILD = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from episode_fixtures import speech_like, write_wav
    from articlecast.audio.encode import encode_mp3
    from articlecast.audio.master import master
    from articlecast.audio.stitch import stitch
    from articlecast.audio.timeline import RenderedSegment
    from articlecast.script.model import CastMember, Script, Segment

    folder, minutes = Path(sys.argv[2]), float(sys.argv[3])
    wavs = [write_wav(folder / f"p{i}.wav", speech_like(6000, 22050, seed=i, pitch_hz=100 + 15 * i), 22050)
            for i in range(4)]
    segments, rendered = [], {}
    for n in range(round(minutes * 60 / 6.45)):  # 6 s of speech and a 450 ms pause each
        segment = Segment(f"s{n:05d}", "quote" if n % 4 else "narration", f"speaker{n % 4}", "Satz.")
        segments.append(segment)
        rendered[segment.id] = RenderedSegment(segment.id, wavs[n % 4], 6000.0)
    script = Script("Lang", None, "de", "test", {f"speaker{i}": CastMember(f"speaker{i}") for i in range(4)},
                    tuple(segments))
    stitched = stitch(script, rendered)
    encode_mp3(master(stitched), folder / "episode.mp3", cache_dir=folder / "cache")
    print(json.dumps({"audio_s": stitched.duration_ms / 1000,
                      "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def _build(tmp_path: Path, minutes: float) -> dict:
    folder = tmp_path / f"m{minutes:g}"
    folder.mkdir()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(Path(__file__).parent), str(folder), str(minutes)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert (folder / "episode.mp3").stat().st_size > minutes * 60 * 64000 / 8 * 0.9  # all of it was encoded
    return result


def test_a_long_episode_needs_no_more_memory_than_a_short_one(tmp_path):
    # both long enough to be encoded in several parts side by side (which has its own fixed cost)
    short, long = _build(tmp_path, 5), _build(tmp_path, 25)
    assert long["audio_s"] > 4.5 * short["audio_s"]
    # held in memory, the 25-minute episode alone would be 66 MB of int16 (and more as floats)
    assert long["maxrss_mb"] - short["maxrss_mb"] < 15
