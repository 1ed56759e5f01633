"""Fetching an article page over HTTP(S)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from articlecast import __version__
from articlecast.errors import InputError, NetworkError

# Many news sites refuse the default python-requests agent; this is how a browser introduces itself.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    f"Chrome/124.0 Safari/537.36 articlecast/{__version__}"
)
MAX_PAGE_BYTES = 10 * 1024 * 1024  # as for files (ingest.MAX_FILE_BYTES): what extraction handles in bounded memory
CHUNK_BYTES = 64 * 1024
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml")
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    content_type: str  # "text/html", lowercase, without parameters
    charset: str | None  # as the server declared it
    body: bytes


def fetch_page(url: str, timeout_s: float) -> Page:
    import requests  # here: `articlecast update` polls feeds (follow/feeds.py) without paying for it

    try:
        with requests.get(url, headers={"User-Agent": USER_AGENT}, timeout=timeout_s, stream=True) as response:
            if response.status_code >= 400:
                raise NetworkError(f"{url}: HTTP {response.status_code} {response.reason or ''}".rstrip())
            body = read_limited(response.iter_content(CHUNK_BYTES), url, max_bytes=MAX_PAGE_BYTES, what="page")
            content_type = response.headers.get("Content-Type", "")
            final_url = response.url
    except requests.exceptions.InvalidURL as e:  # a typo, not the network: the user's input (exit 3)
        raise InputError(f"{url}: not a valid URL{_url_problem(e, url)}") from None
    except requests.Timeout as e:
        raise NetworkError(f"{url}: no answer within {timeout_s:g} s") from e
    except requests.ConnectionError as e:
        raise NetworkError(f"{url}: cannot connect ({_reason(e)})") from e
    except requests.RequestException as e:
        raise NetworkError(f"{url}: {_reason(e)}") from e
    mime, _, parameters = content_type.partition(";")
    mime = mime.strip().lower()
    if mime and not mime.startswith(_TEXT_TYPES):
        raise InputError(f"{url}: not an article page (content type {mime})")
    charset = parameters.partition("charset=")[2].strip().strip('"') or None
    return Page(final_url, mime, charset, body)


def read_limited(chunks: Iterable[bytes], url: str, *, max_bytes: int, what: str) -> bytes:
    """A streamed answer's body (its chunks as they arrive), refused (input error) as soon as it passes
    `max_bytes`: never held whole.

    Pages and followed feeds both come from servers we do not control; one of them answering
    without end must cost a bounded read, not the machine's memory.
    """
    body, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: {what} larger than {max_bytes // (1024 * 1024)} MB")
        body.append(chunk)
    return b"".join(body)


def _url_problem(error: Exception, url: str) -> str:
    """requests' own words for what is wrong with a URL ("No host supplied"), without the URL repeated."""
    detail = re.sub(r"^(Invalid URL '.*?': |Failed to parse: )", "", str(error)).strip()
    return f" ({detail})" if detail and detail != url else ""


def _reason(error: Exception) -> str:
    """The useful part of urllib3's nested message ("Connection refused"), else the error's kind."""
    match = _ERRNO.search(str(error))
    return match.group(1).strip() if match else type(error).__name__
