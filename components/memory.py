"""Memory of a long-running server: give the memory of closed sessions back to the system (glibc keeps freed heap
pages otherwise), and collect reference cycles less often."""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading

TRIM_EVERY_S = 30.0
# Python's cycle collector with its defaults (700, 10, 10) made a full pass over the server's large, long-lived heap
# (the dataset, the cards of every view) every few reruns, which paused the rerun it fell in: 109-188 ms pauses in 5
# of 84 cold reruns of /pilotes, /territoires and /qpv (gc.callbacks); with these thresholds, none over 44 ms.
GC_THRESHOLDS = (10_000, 20, 100)
_started = threading.Lock()


def collect_less_often() -> None:
    """Young collections every 10 000 allocations, full ones 10 times rarer than Python's default."""
    gc.set_threshold(*GC_THRESHOLDS)


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
