"""Give the memory of closed sessions back to the system (glibc keeps freed heap pages otherwise)."""
from __future__ import annotations

import ctypes
import ctypes.util
import threading

TRIM_EVERY_S = 30.0
_started = threading.Lock()


def _trim_forever(trim, stop: threading.Event) -> None:
    while not stop.wait(TRIM_EVERY_S):
        trim(0)


def start_trimming() -> threading.Event | None:
    """Start, once per process, a thread calling glibc's malloc_trim every TRIM_EVERY_S (a few ms each).
    Returns the thread's stop event the first time, None afterwards or without glibc (macOS, musl)."""
    if not _started.acquire(blocking=False):
        return None
    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if trim is None:
        return None
    stop = threading.Event()
    threading.Thread(target=_trim_forever, args=(trim, stop), name="malloc-trim", daemon=True).start()
    return stop
