"""One root error class; each subclass carries the exit code the CLI returns.

Exit codes (documented in the README):
    0  success
    1  internal error (a bug: please report it with --debug output)
    2  usage error (wrong option or argument, an impossible option value; click's own code)
    3  input error: the article cannot be read, is no regular file, too large, or holds no article;
       an invalid articlecast.toml
    4  network error: a URL or an online engine cannot be reached
    5  script error: an edited script file is invalid
    6  engine error: unknown voice, missing model, synthesis failed
    7  output error: a file cannot be written (disk full, permissions, the cache too; corrupt catalog)
    8  busy: another build holds the output folder's lock
    9  `articlecast check` found problems (it names each on a line of its own)
  130  interrupted (Ctrl-C); the cache stays consistent and the next run continues
With several articles, a build exits with the number of articles that failed (at most 100).
"""
from __future__ import annotations


class ArticlecastError(Exception):
    """Root of every error a user can cause or fix; the CLI prints it on one line."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InternalError(ArticlecastError):
    """A bug met while building one article of several: reported for that article, the others go on."""

    exit_code = 1

    def __init__(self, original: Exception) -> None:
        super().__init__(f"internal error: {type(original).__name__}: {original} (run with --debug for the traceback)")
        self.original = original


class InputError(ArticlecastError):
    exit_code = 3


class NetworkError(ArticlecastError):
    exit_code = 4


class ScriptError(ArticlecastError):
    exit_code = 5


class EngineError(ArticlecastError):
    exit_code = 6


class OutputError(ArticlecastError):
    exit_code = 7


class BusyError(ArticlecastError):
    exit_code = 8


class CheckFailed(ArticlecastError):
    exit_code = 9
