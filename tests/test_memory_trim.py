"""The malloc_trim thread of components.memory starts once per process and stops on its event."""
from __future__ import annotations

import threading

from components import memory


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
