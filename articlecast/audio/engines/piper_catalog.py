"""The public Piper voice catalogue, and installing a voice from it into the user's data folder.

Piper publishes its voices with a catalogue, voices.json: per voice its language, quality, number
of speakers and files, each file with its size and MD5 digest. `articlecast voices --engine piper
--available` lists it; `articlecast voices install NAME` downloads the model and its config.

Why so careful: a model is 20-120 MB and the network may drop. A download goes to a `.part` file
in a staging folder and resumes from where it stopped (HTTP Range) when the same command runs
again; every file is checked against the catalogue's size and digest, and a file the catalogue
gives no digest for is refused; only when every file of a voice is complete and verified is the
voice's folder renamed into place. So the voices folder only ever holds complete, verified voices,
and the piper engine finds them there without any setting. Nothing is downloaded unless asked.

Where: $XDG_DATA_HOME/articlecast/piper/<voice>/ (else ~/.local/share/...). The catalogue's address
can be changed with ARTICLECAST_PIPER_CATALOG (a mirror, or a local server in the tests); files
are fetched relative to it.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from articlecast.errors import EngineError, NetworkError, OutputError

CATALOG_ENV = "ARTICLECAST_PIPER_CATALOG"
DEFAULT_CATALOG = "https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/voices.json"
CHUNK_BYTES = 1 << 16
TIMEOUT_S = 30.0
Progress = Callable[[int, int], None]  # (bytes done, bytes in all)


@dataclass(frozen=True)
class CatalogFile:
    path: str  # relative to the catalogue: "de/de_DE/thorsten/medium/de_DE-thorsten-medium.onnx"
    size_bytes: int
    md5: str | None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class CatalogVoice:
    key: str  # "de_DE-thorsten-medium"
    language: str  # "de_DE"
    quality: str  # x_low, low, medium, high
    speakers: int
    files: tuple[CatalogFile, ...]  # the model and its config

    @property
    def size_bytes(self) -> int:
        return sum(f.size_bytes for f in self.files)


def data_dir() -> Path:
    """$XDG_DATA_HOME/articlecast/piper, else ~/.local/share/articlecast/piper."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "articlecast" / "piper"


def installed_voice_files() -> list[Path]:
    """The .onnx files of the installed voices (each in its own folder; only complete installs are there)."""
    root = data_dir()
    return sorted(root.glob("*/*.onnx")) if root.is_dir() else []


def catalog_url() -> str:
    return os.environ.get(CATALOG_ENV) or DEFAULT_CATALOG


def fetch_catalog(url: str | None = None) -> list[CatalogVoice]:
    """Every voice of the catalogue, sorted by name."""
    import requests

    url = url or catalog_url()
    try:
        response = requests.get(url, timeout=TIMEOUT_S)
        response.raise_for_status()
        data = response.json()
    except requests.RequestException as e:
        raise NetworkError(f"cannot read the Piper voice catalogue at {_host(url)} ({_reason(e)})") from None
    except ValueError:
        raise NetworkError(f"the Piper voice catalogue at {_host(url)} is not valid JSON") from None
    if not isinstance(data, dict):
        raise NetworkError(f"the Piper voice catalogue at {_host(url)} has an unknown format")
    return sorted((v for v in (_voice(k, e) for k, e in data.items()) if v is not None), key=lambda v: v.key)


def _voice(key: str, entry: object) -> CatalogVoice | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("files"), dict):
        return None
    files = tuple(CatalogFile(path, int(info.get("size_bytes") or 0), info.get("md5_digest") or None)
                  for path, info in sorted(entry["files"].items())
                  if isinstance(info, dict) and path.endswith((".onnx", ".onnx.json")))
    language = entry.get("language", {}).get("code") or key.split("-")[0]
    return CatalogVoice(str(entry.get("key") or key), str(language), str(entry.get("quality") or "?"),
                        int(entry.get("num_speakers") or 1), files)


def available(language: str | None = None, url: str | None = None) -> list[CatalogVoice]:
    """The catalogue's voices, those of one language ("de", "de_DE") when given."""
    voices = fetch_catalog(url)
    if language:
        lang = language.replace("-", "_").lower()
        voices = [v for v in voices if v.language.lower() == lang or v.language.lower().split("_")[0] == lang]
    return voices


def install(name: str, *, url: str | None = None, progress: Progress | None = None) -> Path:
    """Download, verify and install the voice `name`; returns its folder. Raises a one-line error
    (NetworkError, EngineError, OutputError) and leaves no half-installed voice behind."""
    import requests

    url = url or catalog_url()
    voice = next((v for v in fetch_catalog(url) if v.key == name), None)
    if voice is None:
        raise EngineError(f"the Piper catalogue has no voice {name!r}; "
                          "`articlecast voices --engine piper --available` lists them")
    model = [f for f in voice.files if f.name.endswith(".onnx")]
    config = [f for f in voice.files if f.name.endswith(".onnx.json")]
    if len(model) != 1 or len(config) != 1:
        raise EngineError(f"the Piper catalogue lists no model and config for {name!r}; nothing installed")
    for f in voice.files:
        if not f.md5 or not f.size_bytes:
            raise NetworkError(f"the Piper catalogue gives no checksum for {f.name}; refusing to install {name}")
    root = data_dir()
    staging = root / ".partial" / voice.key
    final = root / voice.key
    total = voice.size_bytes
    try:
        staging.mkdir(parents=True, exist_ok=True)
        done = 0
        with requests.Session() as session:
            for f in voice.files:
                _download(session, urljoin(url, f.path), f, staging, done, total, progress)
                done += f.size_bytes
        if final.exists():
            shutil.rmtree(final)
        os.replace(staging, final)
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            shutil.rmtree(staging, ignore_errors=True)  # give the space back; nothing was installed
            raise OutputError(f"disk full while installing {name} into {root}; nothing installed") from None
        raise OutputError(f"cannot install {name} into {root}: {e.strerror or e}") from None
    return final


def _download(session, url: str, f: CatalogFile, staging: Path, done_before: int, total: int,
              progress: Progress | None) -> None:
    """One file into staging/NAME: resumed from NAME.part, verified, then renamed."""
    import requests

    target = staging / f.name
    if target.exists() and target.stat().st_size == f.size_bytes and _md5(target) == f.md5:
        if progress:
            progress(done_before + f.size_bytes, total)
        return
    part = staging / (f.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    if have > f.size_bytes:
        part.unlink()
        have = 0
    if have < f.size_bytes:
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with session.get(url, headers=headers, stream=True, timeout=TIMEOUT_S) as response:
                if response.status_code == 200:
                    have = 0  # the server sends the whole file again
                elif response.status_code != 206:
                    raise NetworkError(f"downloading {f.name} failed: HTTP {response.status_code}; nothing installed")
                with open(part, "ab" if have else "wb") as out:
                    for chunk in response.iter_content(CHUNK_BYTES):
                        out.write(chunk)
                        have += len(chunk)
                        if progress:
                            progress(done_before + min(have, f.size_bytes), total)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as e:
            if not part.exists() or part.stat().st_size == 0:
                raise NetworkError(f"cannot download {f.name} from {_host(url)} ({_reason(e)}); nothing installed") from None
            raise NetworkError(f"download of {f.name} interrupted after {part.stat().st_size / 1e6:.1f} of "
                               f"{f.size_bytes / 1e6:.1f} MB; run the same command again to resume") from None
        if part.stat().st_size < f.size_bytes:
            raise NetworkError(f"download of {f.name} interrupted after {part.stat().st_size / 1e6:.1f} of "
                               f"{f.size_bytes / 1e6:.1f} MB; run the same command again to resume")
    digest = _md5(part)
    if part.stat().st_size != f.size_bytes or digest != f.md5:
        part.unlink()
        raise NetworkError(f"{f.name} does not match the catalogue's checksum (MD5 {digest}, expected {f.md5}); "
                           "the download was discarded and nothing installed")
    os.replace(part, target)


def _md5(path: Path) -> str:
    h = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _reason(e: Exception) -> str:
    text = str(e)
    if "Connection refused" in text or "NewConnectionError" in text or "Name or service" in text:
        return "no connection"
    if isinstance(e, json.JSONDecodeError):
        return "not JSON"
    status = getattr(getattr(e, "response", None), "status_code", None)
    return f"HTTP {status}" if status else type(e).__name__


def _host(url: str) -> str:
    return url.split("/")[2] if "//" in url else url
