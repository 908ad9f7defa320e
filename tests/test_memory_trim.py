"""components.memory: the malloc_trim thread starts once per process and stops on its event; the cycle collector's
thresholds are the server's."""
from __future__ import annotations

import gc
import threading

from components import memory
from tests.conftest import open_page


def test_trimming_starts_once_and_trims(monkeypatch):
    monkeypatch.setattr(memory, "_started", threading.Lock())
    monkeypatch.setattr(memory, "TRIM_EVERY_S", 0.01)
    before = set(threading.enumerate())   # the app tests may have started this process's own trimmer
    stop = memory.start_trimming()
    assert stop is not None   # glibc on the CI machines
    assert memory.start_trimming() is None
    [thread] = [t for t in set(threading.enumerate()) - before if t.name == "malloc-trim"]
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_trim_loop_calls_trim_until_stopped(monkeypatch):
    monkeypatch.setattr(memory, "TRIM_EVERY_S", 0.001)
    stop, calls = threading.Event(), []

    def trim(pad: int) -> None:
        calls.append(pad)
        if len(calls) == 3:
            stop.set()

    memory._trim_forever(trim, stop)
    assert calls == [0, 0, 0]


def test_the_server_collects_cycles_less_often_than_python_by_default():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        open_page("views/sources.py")  # dashboard.py sets them on every run (a cheap call)
        assert gc.get_threshold() == memory.GC_THRESHOLDS
        young, _, full = memory.GC_THRESHOLDS
        assert young > 700 and full > 10
    finally:
        gc.set_threshold(*before)
