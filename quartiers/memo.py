"""Bounded memos: a result computed once and shared by every caller, least recently used first out.

Two uses: the cards of a page (components.state, per view) and, here, the results that depend only on the dataset
and on hashable arguments (a territory, the filters): a page asks for the same scope or pilot list several times in
a run, and the slides ask again for every slide.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

T = TypeVar("T")
P = ParamSpec("P")
DERIVED_SIZE = 1024  # results kept per dataset: a few per view, each small (a scope, a list of pilots); the
# start-up warm-up (components.warmup) alone keeps about 250


class Memo:
    """build(), computed once per key (thread-safe, bounded). Results are shared: callers must not modify them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = build()  # outside the lock: two sessions asking for one new view both build it, neither waits
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


class HasMemo(Protocol):
    derived: Memo


D = TypeVar("D", bound=HasMemo)


def per_dataset(fn: Callable[Concatenate[D, P], T]) -> Callable[Concatenate[D, P], T]:
    """fn(ds, *args), kept in the dataset's own memo (so a reloaded dataset starts afresh). Arguments must be
    hashable; the result is shared and must not be modified."""
    @functools.wraps(fn)
    def cached(ds: D, *args: P.args, **kwargs: P.kwargs) -> T:
        # keyed by the function itself: two modules may have functions of the same name
        return ds.derived.get((fn, args, tuple(sorted(kwargs.items()))), lambda: fn(ds, *args, **kwargs))
    return cached
