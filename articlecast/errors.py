"""One root error class; each subclass carries the exit status the CLI returns (`ExitStatus`).

The exit statuses are one table, `ExitStatus` (documented in the README); with several articles, a
build exits with the number of articles that failed (at most `MAX_FAILED_EXIT`).
"""
from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    SUCCESS = 0
    INTERNAL = 1  # a bug: please report it with --debug output
    USAGE = 2  # wrong option or argument, an impossible option value (click's own code)
    INPUT = 3  # the article cannot be read, is no regular file, too large, holds no article; a bad articlecast.toml
    NETWORK = 4  # a URL or an online engine cannot be reached
    SCRIPT = 5  # an edited script file is invalid, or would be overwritten
    ENGINE = 6  # unknown voice, missing model, synthesis failed
    OUTPUT = 7  # a file cannot be written (disk full, permissions, the cache too; corrupt catalog)
    BUSY = 8  # another build holds the output folder's lock
    CHECK_FAILED = 9  # `articlecast check` found problems (it names each on a line of its own)
    INTERRUPTED = 130  # Ctrl-C; the cache stays consistent and the next run continues


MAX_FAILED_EXIT = 100  # a batch's exit status counts its failed articles up to here


class ArticlecastError(Exception):
    """Root of every error a user can cause or fix; the CLI prints it on one line."""

    exit_code = ExitStatus.INTERNAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InternalError(ArticlecastError):
    """A bug met while building one article of several: reported for that article, the others go on."""

    exit_code = ExitStatus.INTERNAL

    def __init__(self, original: Exception) -> None:
        super().__init__(f"internal error: {type(original).__name__}: {original} (run with --debug for the traceback)")
        self.original = original


class InputError(ArticlecastError):
    exit_code = ExitStatus.INPUT


class NetworkError(ArticlecastError):
    exit_code = ExitStatus.NETWORK


class ScriptError(ArticlecastError):
    exit_code = ExitStatus.SCRIPT


class EngineError(ArticlecastError):
    exit_code = ExitStatus.ENGINE


class OutputError(ArticlecastError):
    exit_code = ExitStatus.OUTPUT


class BusyError(ArticlecastError):
    exit_code = ExitStatus.BUSY


class CheckFailed(ArticlecastError):
    exit_code = ExitStatus.CHECK_FAILED
