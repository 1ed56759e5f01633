"""The three kinds of upload target; each turns its library's errors into one-line articlecast errors.

Credentials come from where each protocol's tools look: for S3 the AWS environment variables and
~/.aws/ files (boto3's chain), for SFTP ~/.ssh/config, the SSH agent and ~/.ssh keys, with the server's
key checked against ~/.ssh/known_hosts. None is ever written to articlecast.toml.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
import uuid
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from articlecast.errors import InputError, NetworkError, OutputError
from articlecast.output.catalog import file_sha256
from articlecast.output.upload import LocalFile, Remote, RemoteFile, is_public_path

SCHEMES = ("s3", "sftp", "file")
CONNECT_TIMEOUT_S = 30.0


def open_remote(url: str, *, endpoint_url: str = "") -> Remote:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise InputError(f"cannot publish to {url!r}: use s3://bucket/prefix, sftp://user@host/path or file:///path")
    if parts.password:
        raise InputError(f"{parts.scheme}:// URL with a password: leave credentials out of the URL "
                         "(they would end up in articlecast.toml and your shell history)",
                         hint="SFTP uses ~/.ssh keys and the agent, S3 the AWS environment variables or ~/.aws/credentials")
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise InputError(f"{url}: a file:// URL names a local folder, e.g. file:///srv/www/podcast")
        return FileRemote(url, Path(unquote(parts.path)))
    if parts.scheme == "sftp":
        if not parts.hostname:
            raise InputError(f"{url}: name the server, e.g. sftp://user@example.org/var/www/podcast")
        return SftpRemote(url, parts.hostname, parts.port, unquote(parts.username or ""), unquote(parts.path))
    if not parts.hostname:
        raise InputError(f"{url}: name the bucket, e.g. s3://my-bucket/podcast")
    return S3Remote(url, parts.netloc, unquote(parts.path).strip("/"), endpoint_url)


# ── file:// ──────────────────────────────────────────────────────────────────────

class FileRemote(Remote):
    """A local folder: each file is written under a temporary name and renamed, as a web server needs."""

    def __init__(self, url: str, root: Path) -> None:
        self.url = url
        self.root = root
        if not root.is_absolute():
            raise InputError(f"{url}: give an absolute path, e.g. file:///srv/www/podcast")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"cannot create {root}: {e.strerror or e}") from None

    def list(self) -> dict[str, RemoteFile]:
        found = {}
        for path in self.root.rglob("*"):
            relative = path.relative_to(self.root).as_posix()
            if path.is_file() and is_public_path(relative):
                found[relative] = RemoteFile(path.stat().st_size, sha256=file_sha256(path))
        return found

    def put(self, local: LocalFile) -> None:
        target = self.root / local.path
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(local.source, tmp)
            os.chmod(tmp, 0o644)  # a web server running as another user must read it
            os.replace(tmp, target)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"cannot write {target}: {e.strerror or e}") from None

    def delete(self, path: str) -> None:
        try:
            (self.root / path).unlink(missing_ok=True)
        except OSError as e:
            raise OutputError(f"cannot delete {self.root / path}: {e.strerror or e}") from None

    def read(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise OutputError(f"cannot read {self.root / path}: {e.strerror or e}") from None

    def write(self, path: str, data: bytes, content_type: str) -> None:
        target = self.root / path
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
        try:
            tmp.write_bytes(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"cannot write {target}: {e.strerror or e}") from None


# ── sftp:// ──────────────────────────────────────────────────────────────────────

class SftpRemote(Remote):
    """An SSH server, through paramiko's SFTP client. Uploads go to a temporary name, then are renamed."""

    def __init__(self, url: str, host: str, port: int | None, user: str, path: str) -> None:
        try:
            import paramiko
        except ImportError:
            raise InputError("publishing over SFTP needs paramiko: pip install 'articlecast[upload]'") from None
        self.url = url
        ssh_config = paramiko.SSHConfig()
        config_path = Path("~/.ssh/config").expanduser()
        if config_path.is_file():
            with contextlib.suppress(OSError), open(config_path) as f:
                ssh_config.parse(f)
        settings = ssh_config.lookup(host)
        hostname = settings.get("hostname", host)
        port = port or int(settings.get("port", 22))
        user = user or settings.get("user") or os.environ.get("USER") or "root"
        client = paramiko.SSHClient()
        with contextlib.suppress(OSError, paramiko.SSHException):
            client.load_system_host_keys()
        for known in settings.get("userknownhostsfile", "").split():
            with contextlib.suppress(OSError, paramiko.SSHException):
                client.load_host_keys(os.path.expanduser(known))
        client.set_missing_host_key_policy(paramiko.RejectPolicy())  # never trust an unknown server silently
        where = f"{user}@{hostname}:{port}"
        try:
            client.connect(hostname, port=port, username=user, key_filename=settings.get("identityfile"),
                           timeout=CONNECT_TIMEOUT_S, banner_timeout=CONNECT_TIMEOUT_S, auth_timeout=CONNECT_TIMEOUT_S)
            self.sftp = client.open_sftp()
        except paramiko.AuthenticationException as e:
            client.close()
            raise NetworkError(f"sftp {where}: login refused ({e})",
                               hint="load your key into ssh-agent or name it as IdentityFile in ~/.ssh/config") from None
        except paramiko.SSHException as e:
            client.close()
            hint = "connect once with ssh to check and accept its key" if "known_hosts" in str(e) else None
            raise NetworkError(f"sftp {where}: {e}", hint=hint) from None
        except OSError as e:  # TimeoutError included
            client.close()
            raise NetworkError(f"sftp {where}: cannot connect ({e.strerror if isinstance(e, OSError) and e.strerror else e})") from None
        self.client = client
        # sftp://host/~/podcast: below the login folder; sftp://host/srv/www: that absolute folder
        self.root = path[3:] if path.startswith("/~/") else (path or ".")
        self._mkdirs(self.root)

    def _call(self, what: str, fn, *args):
        try:
            return fn(*args)
        except OSError as e:
            raise OutputError(f"sftp {self.url}: cannot {what}: {e.strerror or e}") from None
        except EOFError:
            raise NetworkError(f"sftp {self.url}: the connection was lost while trying to {what}") from None

    def _path(self, relative: str) -> str:
        return str(PurePosixPath(self.root) / relative)

    def _mkdirs(self, folder: str) -> None:
        parts = PurePosixPath(folder).parts
        for i in range(1, len(parts) + 1):
            current = str(PurePosixPath(*parts[:i]))
            try:
                self.sftp.stat(current)
            except FileNotFoundError:
                self._call(f"create {current}", self.sftp.mkdir, current)
            except OSError as e:
                raise OutputError(f"sftp {self.url}: cannot use {current}: {e.strerror or e}") from None

    def list(self) -> dict[str, RemoteFile]:
        found: dict[str, RemoteFile] = {}
        pending = [""]
        while pending:
            relative = pending.pop()
            for entry in self._call(f"list {self._path(relative) or '.'}", self.sftp.listdir_attr, self._path(relative)):
                child = f"{relative}/{entry.filename}" if relative else entry.filename
                if not is_public_path(child):
                    continue
                if stat.S_ISDIR(entry.st_mode or 0):
                    pending.append(child)
                elif stat.S_ISREG(entry.st_mode or 0):
                    found[child] = RemoteFile(entry.st_size or 0)
        return found

    def put(self, local: LocalFile) -> None:
        target = self._path(local.path)
        self._mkdirs(str(PurePosixPath(target).parent))
        tmp = str(PurePosixPath(target).parent / f".{PurePosixPath(target).name}.{uuid.uuid4().hex}.part")
        self._call(f"upload {target}", self.sftp.put, str(local.source), tmp)
        self._call(f"set the mode of {target}", self.sftp.chmod, tmp, 0o644)
        self._rename(tmp, target)

    def _rename(self, tmp: str, target: str) -> None:
        try:
            self.sftp.posix_rename(tmp, target)  # OpenSSH's atomic replace
        except OSError:
            with contextlib.suppress(OSError):  # servers without the extension: plain SFTP rename does not replace
                self.sftp.remove(target)
            self._call(f"rename {tmp} to {target}", self.sftp.rename, tmp, target)

    def delete(self, path: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._call(f"delete {self._path(path)}", self.sftp.remove, self._path(path))

    def read(self, path: str) -> bytes | None:
        try:
            with self.sftp.open(self._path(path), "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise OutputError(f"sftp {self.url}: cannot read {path}: {e.strerror or e}") from None

    def write(self, path: str, data: bytes, content_type: str) -> None:
        target = self._path(path)
        tmp = str(PurePosixPath(target).parent / f".{PurePosixPath(target).name}.{uuid.uuid4().hex}.part")
        try:
            with self.sftp.open(tmp, "wb") as f:
                f.write(data)
        except OSError as e:
            raise OutputError(f"sftp {self.url}: cannot write {path}: {e.strerror or e}") from None
        self._rename(tmp, target)

    def close(self) -> None:
        self.client.close()


# ── s3:// ────────────────────────────────────────────────────────────────────────

class S3Remote(Remote):
    """An S3-compatible bucket through boto3; objects get their Content-Type and Cache-Control.

    Each file is one PUT (not a multipart upload), so its ETag is its MD5 and a later publish can see
    without the manifest that it is unchanged; one PUT takes files up to 5 GB, far beyond an episode.
    """

    def __init__(self, url: str, bucket: str, prefix: str, endpoint_url: str) -> None:
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            raise InputError("publishing to S3 needs boto3: pip install 'articlecast[upload]'") from None
        self.url = url
        self.bucket = bucket
        self.prefix = f"{prefix}/" if prefix else ""
        # Checksums only where required: S3-compatible stores (R2, B2, older MinIO) refuse the newer default.
        config = Config(connect_timeout=CONNECT_TIMEOUT_S, retries={"max_attempts": 3},
                        request_checksum_calculation="when_required", response_checksum_validation="when_required")
        try:
            self.s3 = boto3.client("s3", endpoint_url=endpoint_url or None, config=config)
        except Exception as e:  # botocore raises many kinds for a bad configuration
            raise InputError(f"s3: cannot set up the client: {e}") from None

    def _call(self, what: str, fn, **kwargs):
        from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError, NoCredentialsError

        try:
            return fn(**kwargs)
        except NoCredentialsError:
            raise NetworkError(f"s3 {self.url}: no credentials",
                               hint="set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials") from None
        except EndpointConnectionError as e:
            raise NetworkError(f"s3 {self.url}: cannot connect: {e}") from None
        except ClientError as e:
            error = e.response.get("Error", {})
            raise NetworkError(f"s3 {self.url}: cannot {what}: {error.get('Code', '')} {error.get('Message', '')}".rstrip()) from None
        except BotoCoreError as e:
            raise NetworkError(f"s3 {self.url}: cannot {what}: {e}") from None

    def list(self) -> dict[str, RemoteFile]:
        found: dict[str, RemoteFile] = {}
        token = None
        while True:
            kwargs = {"Bucket": self.bucket, "Prefix": self.prefix, **({"ContinuationToken": token} if token else {})}
            page = self._call("list the bucket", self.s3.list_objects_v2, **kwargs)
            for obj in page.get("Contents", []):
                relative = obj["Key"][len(self.prefix):]
                if is_public_path(relative):
                    etag = obj.get("ETag", "").strip('"')
                    found[relative] = RemoteFile(obj.get("Size", 0), md5=etag if "-" not in etag and etag else None)
            if not page.get("IsTruncated"):
                return found
            token = page.get("NextContinuationToken")

    def put(self, local: LocalFile) -> None:
        import base64

        with open(local.source, "rb") as body:
            self._call(f"upload {local.path}", self.s3.put_object, Bucket=self.bucket, Key=self.prefix + local.path,
                       Body=body, ContentType=local.content_type, CacheControl=local.cache_control,
                       ContentMD5=base64.b64encode(bytes.fromhex(local.md5)).decode("ascii"))

    def delete(self, path: str) -> None:
        self._call(f"delete {path}", self.s3.delete_object, Bucket=self.bucket, Key=self.prefix + path)

    def read(self, path: str) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            return self.s3.get_object(Bucket=self.bucket, Key=self.prefix + path)["Body"].read()
        except ClientError as e:
            error = e.response.get("Error", {})
            if error.get("Code") in ("NoSuchKey", "404"):
                return None
            raise NetworkError(f"s3 {self.url}: cannot read {path}: {error.get('Code', '')} {error.get('Message', '')}") from None
        except Exception as e:  # botocore's connection and credential errors
            raise NetworkError(f"s3 {self.url}: cannot read {path}: {e}") from None

    def write(self, path: str, data: bytes, content_type: str) -> None:
        self._call(f"write {path}", self.s3.put_object, Bucket=self.bucket, Key=self.prefix + path, Body=data,
                   ContentType=content_type, CacheControl="no-cache")
