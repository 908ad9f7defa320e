"""The dataset and the current filters, shared by every page, and a bounded memo of computed cards.

Both are module-level holders, not st.cache_*: any client can send Streamlit's « clear cache » message, which empties
those caches for every user. The dataset is reloaded when a file of the data folder changes (a cheap stat of the
folder on each run), so `make data` or a repaired folder needs no restart.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from quartiers.data import DataError, Dataset, data_dir, load_dataset
from quartiers.filters import Filters
from quartiers.memo import Memo
from quartiers.metrics import Scope
from quartiers.metrics import scope as scope_of

T = TypeVar("T")
MEMO_SIZE = 1000  # cards kept (the start-up warm-up alone keeps about 290); least recently used first out

log = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict = {"signature": None, "result": None, "generation": 0}  # result: a Dataset or the DataError it gave
_memo = Memo(MEMO_SIZE)


def _signature(folder: Path) -> tuple:
    """Name, kind, size and modification time of every entry of the folder: changes when a file is rewritten."""
    try:
        with os.scandir(folder) as entries:
            return (str(folder), tuple(sorted((e.name, e.is_file(), e.stat().st_size, e.stat().st_mtime_ns)
                                              for e in entries)))
    except OSError:
        return (str(folder), None)


def _current() -> Dataset | DataError:
    folder = data_dir()
    signature = _signature(folder)
    with _lock:
        if _loaded["signature"] != signature:
            try:
                with st.spinner("Chargement des données…"):
                    _loaded["result"] = load_dataset(folder)
            except DataError as exc:
                log.error("data folder %s: %s (%s)", folder, exc.problem, exc.path)
                _loaded["result"] = exc
            _loaded["signature"] = signature
            _loaded["generation"] += 1
            _memo.clear()  # cards computed on the previous dataset
        return _loaded["result"]


def dataset() -> Dataset:
    """The validated dataset; on a data problem, a French explanation and the page stops (no traceback)."""
    result = _current()
    if isinstance(result, DataError):
        st.error("**Les données du tableau de bord ne peuvent pas être chargées.**", icon="⚠️")
        st.text(str(result))  # plain text: the message quotes cells of the file
        st.stop()
    return result


def filters() -> Filters:
    """The filters chosen in the sidebar (set by dashboard.py before the page runs)."""
    return st.session_state.get("_filters", Filters())


def view(build: Callable[..., T], *args: Hashable) -> T:
    """build(dataset, *args), computed once per (build, args) and shared by every session: the cards of a page, which
    depend only on the dataset (loaded once) and on `args` (the filters, a year, a choice). A filter change then
    costs a rerun only the first time anybody asks for that view, and the start-up warm-up (components.warmup) asks
    for the common views before anybody does. `build` is a module-level function (its identity is the key: a
    function defined in a page script is a new object on every run). Bounded, least recently used first out. The
    result is shared: callers must not modify it."""
    ds = dataset()  # first: it reloads changed data, and the generation read next is then that of `ds`
    return cached(_loaded["generation"], ds, build, args)


def cached(generation: int, ds: Dataset, build: Callable[..., T], args: tuple) -> T:
    """view() for a given dataset and generation: also called by the warm-up thread, which has no session."""
    if "<" in build.__qualname__:  # a lambda or a nested function: a new key on every run, never found again
        raise ValueError(f"{build.__qualname__}: pass a module-level function")
    # a card built while the data reloads is never served afterwards
    return _memo.get((generation, build, args), lambda: build(ds, *args))


def loaded() -> tuple[int, Dataset] | None:
    """The generation and the dataset now loaded, None before the first load or on a data problem."""
    with _lock:
        result = _loaded["result"]
        return None if not isinstance(result, Dataset) else (_loaded["generation"], result)


def forget() -> None:
    """Forget every card and every per-dataset result computed so far: the benchmark's view of a fresh server."""
    _memo.clear()
    current = loaded()
    if current:
        current[1].derived.clear()


def scope() -> Scope:
    """The territory the current filters select (régions, départements, their codes and label), shared."""
    return scope_of(dataset(), filters())


def once(source: object, name: str, build: Callable[[], T]) -> T:
    """build(), kept on `source` itself under `name`: for what a page derives from a figure or table of a memoised
    card (the same object comes back on every rerun and for every session, and is never modified), computed on the
    first rerun only. An object built afresh on each run just carries its value away with it."""
    value = source.__dict__.get(name)
    if value is None:
        value = build()
        object.__setattr__(source, name, value)  # past pandas' and plotly's attribute checks
    return value
