"""Start-up warm-up: after the data loads, a background thread computes the cards of the views most asked for
(France entière and each région, on every page, with the choices a page first shows), so that the first visitor of
such a view finds it ready instead of waiting for its tables and figures (100-180 ms on a 2-core machine).

The thread works only when the server is quiet: before each card it waits until no page script runs and none has
ended for QUIET_S (a page just drawn still fetches the code of its charts from this process), so a visitor's run
shares the processor with at most the end of one card (10-40 ms); under steady traffic it waits. A view it has not
reached yet, or one it never computes (two régions, a département, a pilot, a priority), is computed on its first
visit as before. QP_WARMUP=0 turns it off (the benchmark's measure of a view nobody has asked for yet).
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from streamlit.logger import get_logger

from components import state
from components.controls import DEFAULT_MEASURE
from quartiers import budget, catalogue, credits, qpv, slides, territories
from quartiers.data import Dataset
from quartiers.filters import Filters, options
from quartiers.metrics import headline, scope
from quartiers.page_cards import budget as budget_cards
from quartiers.page_cards import home as home_cards
from quartiers.page_cards import pilots as pilot_cards
from quartiers.page_cards import qpv as qpv_cards
from quartiers.page_cards import territories as territory_cards
from quartiers.pilots import selected_pilots

ENV = "QP_WARMUP"
# after a page's script, its browser loads the code of its charts for about a second: with the warm-up beside it, the
# first load after a start took 3,7-4,0 s instead of 3,4-3,6 (bench first-load measure, 3 starts each)
QUIET_S = 1.5
log = get_logger(__name__)  # Streamlit's: its INFO lines reach the server's log
_idle = threading.Condition()
_running = {"scripts": 0, "ended": 0.0}  # scripts running now, time.monotonic() when the last one ended
_started: dict[int, threading.Event] = {}  # data generation -> set when its warm-up is over
_lock = threading.Lock()


@contextmanager
def script_run() -> Iterator[None]:
    """Around a session's script run: the warm-up waits while any runs."""
    with _idle:
        _running["scripts"] += 1
    try:
        yield
    finally:
        with _idle:
            _running["scripts"] -= 1
            _running["ended"] = time.monotonic()
            _idle.notify_all()


def _wait_quiet() -> None:
    """Until no script runs and none has ended for QUIET_S."""
    with _idle:
        while True:
            _idle.wait_for(lambda: _running["scripts"] == 0)
            left = _running["ended"] + QUIET_S - time.monotonic()
            if left <= 0:
                return
            _idle.wait(left)


def first_views(ds: Dataset, chosen: Filters) -> Iterator[tuple[Callable, tuple]]:
    """The cards that the pages draw first under these filters, as (function, arguments) of components.state.view,
    page after page. tests/test_warmup.py checks that a page finds every one of them ready."""
    sc = scope(ds, chosen)
    yield from [(options, ()), (headline, (chosen,)), (home_cards.home_map, (chosen, DEFAULT_MEASURE)),
                (home_cards.home_others, (chosen,)), (territory_cards.territories_map, (chosen, DEFAULT_MEASURE)),
                (territory_cards.territories_drill, (chosen,))]
    occitanie = territories.occitanie_deps(ds, sc)
    if occitanie:
        yield territory_cards.occitanie_cards, (occitanie, territories.OCCITANIE_DEFAULT)
    if sc.level != "national":
        yield slides.comparison_slide, (chosen,)
    yield territories.qpv2024_table, (sc,)
    if not qpv.selection(ds, chosen).empty:
        yield from [(qpv_cards.qpv_cards, (chosen,)), (qpv_cards.selection_map, (chosen, qpv.poverty_column(ds)))]
    if not selected_pilots(ds, chosen).empty:
        yield from [(pilot_cards.pilots_overview, (chosen,)), (pilot_cards.pilots_qpv_list, (chosen,)),
                    (pilot_cards.pilot_profile, (chosen, pilot_cards.profile_pilot_default(ds, chosen)))]
        compared = pilot_cards.compared_pilots_default(ds, chosen)
        if len(compared) >= 2:
            yield pilot_cards.pilots_comparison, (compared,)
    yield from [(budget.budget_kpis, ()), (budget_cards.budget_national, ()),
                (budget_cards.budget_credits, (chosen, credits.credit_years(ds)[-1])), (slides.build_slides, (chosen,)),
                (slides.pack_name, (chosen,)), (catalogue.find_sources, ("",))]


def warm(generation: int, ds: Dataset) -> int:
    """Compute the first views of France entière and of each région (waiting, before each card, until the server is
    quiet); stop early if other data is loaded meanwhile. Returns the number of cards asked for."""
    count = 0
    for chosen in [Filters(), *(Filters(regions=(code,)) for code in ds.regions["reg_code"])]:
        _wait_quiet()
        for build, args in list(first_views(ds, chosen)):
            _wait_quiet()
            if (state.loaded() or (None,))[0] != generation:
                return count  # the data changed: the warm-up of the new data takes over
            state.cached(generation, ds, build, args)
            count += 1
    return count


def _run(generation: int, ds: Dataset, done: threading.Event) -> None:
    start = time.perf_counter()
    try:
        log.info("warm-up: %d cards in %.1f s", warm(generation, ds), time.perf_counter() - start)
    except Exception:  # a card that fails here fails again on its page, which says so; keep serving
        log.exception("warm-up stopped")
    finally:
        done.set()


def start() -> threading.Event | None:
    """Start the warm-up of the data now loaded, once per data generation (a cheap check on every run). Returns the
    event set when it is over, None when off or when the data is not loaded."""
    current = state.loaded()
    if current is None or os.environ.get(ENV, "1") == "0":
        return None
    generation, ds = current
    with _lock:
        if generation in _started:
            return _started[generation]
        done = _started[generation] = threading.Event()
    threading.Thread(target=_run, args=(generation, ds, done), name="warm-up", daemon=True).start()
    return done
