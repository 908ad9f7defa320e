"""The start-up warm-up (components.warmup): it computes exactly what the pages then ask for, waits while a page
runs, and leaves nothing for a visitor of a warmed view to compute."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components import state, warmup
from navigation import PAGES
from quartiers.filters import Filters
from tests.conftest import ROOT


def _fresh_app() -> AppTest:
    """The dashboard run once (data loaded), with nothing computed yet."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    state.forget()
    return at


@pytest.mark.parametrize("regions", [(), ("76",), ("11",), ("03",)],
                         ids=["national", "occitanie", "ile-de-france", "guyane"])
def test_a_page_finds_every_card_of_a_warmed_view_ready(regions):
    at = _fresh_app()
    generation, ds = state.loaded()
    chosen = Filters(regions=regions)
    for build, args in warmup.first_views(ds, chosen):
        state.cached(generation, ds, build, args)
    warmed = set(state._memo._values)
    assert len(warmed) >= 15
    at.sidebar.multiselect(key="f_region").set_value(list(regions)).run()
    for view, title, *_ in PAGES:
        at.switch_page(view).run()
        assert not at.exception, (title, at.exception)
        computed = [key[1].__qualname__ for key in set(state._memo._values) - warmed]
        assert computed == [], f"{title}: computed on its visit {computed}"


def _missing() -> list[tuple]:
    """(filters, card) of every first view of France and the régions not computed yet."""
    generation, ds = state.loaded()
    return [(chosen, build.__qualname__)
            for chosen in [Filters(), *(Filters(regions=(code,)) for code in ds.regions["reg_code"])]
            for build, args in warmup.first_views(ds, chosen) if (generation, build, args) not in state._memo._values]


def test_the_warm_up_covers_france_and_every_region():
    _fresh_app()
    assert len(_missing()) > 300
    count = warmup.warm(*state.loaded())
    assert _missing() == []
    assert count > 300


def test_the_warm_up_waits_while_a_page_runs(monkeypatch):
    _fresh_app()
    monkeypatch.setenv(warmup.ENV, "1")
    generation, _ = state.loaded()
    monkeypatch.setattr(warmup, "_started", {})
    with warmup.script_run():
        done = warmup.start()
        assert done is not None
        assert not done.wait(0.5)  # a page runs: nothing computed meanwhile
        assert len(state._memo) == 0
    assert done.wait(120)  # the page is over: the warm-up runs to its end
    assert _missing() == []
    assert warmup.start() is done  # once per data generation


def test_the_warm_up_waits_until_no_page_has_ended_for_a_while(monkeypatch):
    _fresh_app()
    monkeypatch.setenv(warmup.ENV, "1")
    monkeypatch.setattr(warmup, "_started", {})
    monkeypatch.setattr(warmup, "QUIET_S", 3600.0)
    with warmup.script_run():
        pass  # a page has just been drawn: its browser still loads the code of its charts
    done = warmup.start()
    assert not done.wait(0.5)
    assert len(state._memo) == 0
    monkeypatch.setattr(warmup, "QUIET_S", 0.0)
    with warmup._idle:
        warmup._idle.notify_all()
    assert done.wait(120)
    assert _missing() == []


def test_the_warm_up_is_off_with_qp_warmup_0(monkeypatch):
    _fresh_app()
    monkeypatch.setenv(warmup.ENV, "0")
    monkeypatch.setattr(warmup, "_started", {})
    assert warmup.start() is None
    assert len(state._memo) == 0


def test_a_view_is_keyed_by_a_module_level_function_only():
    _fresh_app()
    generation, ds = state.loaded()
    with pytest.raises(ValueError, match="module-level"):
        state.cached(generation, ds, lambda d: 1, ())
