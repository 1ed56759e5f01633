"""Ctrl-C while worker pools run: a flag checked at safe points instead of an exception anywhere."""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
from collections.abc import Iterator

INTERRUPT_POLL_S = 0.1  # how often a waiting loop looks whether Ctrl-C was pressed


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[threading.Event]:
    """Ctrl-C sets a flag that the waiting loop checks, instead of raising wherever the main thread is.

    Raised inside concurrent.futures' `wait`, a KeyboardInterrupt can leave a future's lock held; the
    pool's manager thread then blocks on it forever and so does `shutdown` (seen as a hung build).
    Signal handlers belong to the main thread: elsewhere (a batch build's thread) nothing changes.
    """
    interrupted = threading.Event()
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield interrupted
        return
    signal.signal(signal.SIGINT, lambda signum, frame: interrupted.set())
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int) -> None:
    """Call first thing in a worker process: it is killed when the build that started it dies.

    Without this, workers of a build killed with SIGKILL idle on forever (their task queue's pipe stays
    open in themselves). Linux only; elsewhere nothing happens. The signal follows the thread that
    started the worker, and pools are always shut down before that thread ends.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)
