"""Benchmark: the dashboard against Streamlit's floor (one page, one plotly chart), on this machine, in one run.

    python -m bench [--runs 5] [--reruns 20]

Page loads are interleaved (floor, then each page, round after round) so that a change of the machine's load hits
the floor and the pages alike; they start once the server is idle after the first load (its start-up warm-up over);
each page's ratio to the floor of the same round is reported as min / median / max. A page is settled when the
script run is over and its charts and maps have drawn. Also printed: CPU seconds per load (browser and servers), the
first load after a server start against a warm load, server-side script time of a rerun after a filter change (via
AppTest: warm p50/p95 for a view already computed once, cold median/max for the first time a view is asked for,
after the start-up warm-up and with nothing computed), the warm-up's CPU time, bytes received over the websocket
per page load, the server's memory (RSS) with 1, 10 and 25 open sessions and after they close, and the machine's
load average.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import psutil
from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

from bench.serving import CHARTS, LAUNCH, ROOT, settle, start_server, stop_server, wait_until_idle
from components import state, warmup

# url path -> (page file, charts it draws at least: the page is settled once they are drawn)
PAGES = {"": ("views/accueil.py", 3), "territoires": ("views/territoires.py", 3), "qpv": ("views/qpv.py", 3),
         "pilotes": ("views/pilotes.py", 5),
         "budget": ("views/budget.py", 6), "presentation": ("views/presentation.py", 0),
         "sources": ("views/sources.py", 0)}
FLOOR = ROOT / "bench" / "floor_app.py"
TARGETS = {"home_ratio": 1.2, "page_ratio": 2.0, "first_load_ratio": 2.0, "rerun_p95_ms": 100, "ws_bytes": 1.5e6,
           "rss_25_mib": 350}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def cpu_seconds() -> float:
    """CPU time used so far by this benchmark's children: the browser and the servers."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def load_once(browser, url: str, min_charts: int) -> tuple[float, float, int, int]:
    """One page load in a new tab: (seconds to settled, CPU seconds, websocket bytes received, charts drawn)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    cpu, start = cpu_seconds(), time.perf_counter()
    page.goto(url)
    settle(page, min_charts)
    elapsed, used = time.perf_counter() - start, cpu_seconds() - cpu
    charts = page.locator(CHARTS).count()
    page.close()
    return elapsed, used, sum(received), charts


def interleaved(browser, targets: dict[str, tuple[str, int]], runs: int) -> dict[str, list[tuple]]:
    """`runs` timed rounds over every target in turn (after one untimed round that warms the servers' caches)."""
    out: dict[str, list[tuple]] = {name: [] for name in targets}
    for round_ in range(runs + 1):
        for name, (url, min_charts) in targets.items():
            result = load_once(browser, url, min_charts)
            if round_:
                out[name].append(result)
    return out


REGIONS = ["76", "11", "84", "93", "32", "44", "75", "28"]  # filter values the rerun benchmark switches between


def rerun_times(app: str, page: str | None, reruns: int, warmed: bool = True) -> tuple[list[float], list[float]]:
    """Script time (ms) of reruns after a change of the région filter: (cold, warm). Cold: the first time a région
    is shown — with `warmed`, after the start-up warm-up (components.warmup) has computed France and every région, as
    a visitor finds the server once it has run for a few seconds; without, with nothing computed yet (what a view
    the warm-up leaves out costs, e.g. two régions or a département). Warm: the same régions again (the cards come
    from components.state.view, as for any later visitor of that view). The warm-up runs here in the foreground,
    before the timing, never beside it."""
    os.environ[warmup.ENV] = "0"  # no background warm-up in this process: warmed or not, the timing is alone
    at = AppTest.from_file(str(app), default_timeout=120).run()
    state.forget()
    if warmed and page:
        warmup.warm(*state.loaded())
    if page:
        at.switch_page(page).run()
    cold, warm = [], []
    for i in range(max(reruns, len(REGIONS))):
        if page:
            at.sidebar.multiselect(key="f_region").set_value([REGIONS[i % len(REGIONS)]])
        start = time.perf_counter()
        at.run()
        (cold if i < len(REGIONS) and page else warm).append((time.perf_counter() - start) * 1000)
    return cold, warm


def warm_up_time(app: str) -> tuple[int, float]:
    """(cards, CPU seconds) of the start-up warm-up of the dashboard, measured alone in this process."""
    os.environ[warmup.ENV] = "0"
    AppTest.from_file(str(app), default_timeout=120).run()
    state.forget()
    cpu = time.process_time()
    cards = warmup.warm(*state.loaded())
    return cards, time.process_time() - cpu


def memory(browser, url: str, proc) -> dict[str, float]:
    """Server RSS (MiB) with 1, 10 and 25 open sessions, and 10 s after they all close."""
    rss = lambda: psutil.Process(proc.pid).memory_info().rss / 2**20  # noqa: E731
    out, pages = {}, []
    for n in (1, 10, 25):
        while len(pages) < n:
            page = browser.new_page()
            page.goto(url)
            settle(page, 1)
            pages.append(page)
        out[f"{n} sessions"] = rss()
    for page in pages:
        page.close()
    time.sleep(10)
    out["after closing"] = rss()
    return out


def load_average() -> str:
    return " / ".join(f"{v:.1f}" for v in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed rounds of page loads (floor and every page)")
    parser.add_argument("--reruns", type=int, default=20, help="timed reruns per page")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory measure (25 sessions)")
    parser.add_argument("--pages", default=",".join(PAGES),
                        help="comma-separated page paths to measure besides the home page, e.g. 'qpv,budget'")
    args = parser.parse_args()
    pages = {path: PAGES[path] for path in PAGES if path == "" or path in args.pages.split(",")}
    print(f"machine: {platform.node()} — {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}, {platform.platform()}")
    print(f"load average (1 / 5 / 15 min) at start: {load_average()}")
    with sync_playwright() as p:
        browser = p.chromium.launch(**LAUNCH)
        floor_proc, floor_base = start_server(FLOOR)
        proc, base = start_server(ROOT / "dashboard.py", env={warmup.ENV: "1"})  # warms up as deployed
        first = load_once(browser, base, PAGES[""][1])  # the first visitor after a start
        idle_after = wait_until_idle(proc.pid)  # the timed rounds measure a settled server, not its warm-up
        targets = {"floor": (floor_base, 1), **{f"/{path}": (f"{base}/{path}", n) for path, (_, n) in pages.items()}}
        rows = interleaved(browser, targets, args.runs)
        floor_mem = {} if args.no_memory else memory(browser, floor_base, floor_proc)
        app_mem = {} if args.no_memory else memory(browser, base, proc)
        stop_server(floor_proc)
        log = stop_server(proc)
        browser.close()
    print(f"load average at the end of the page loads: {load_average()}")
    floor = [r[0] for r in rows["floor"]]
    _, floor_rerun = rerun_times(FLOOR, None, args.reruns)
    print(f"\n{args.runs} interleaved rounds; × floor = page / floor of the same round, min / median / max")
    print("\n| page | settled (median s) | × floor min / median / max | CPU s per load | websocket bytes | charts | "
          "rerun warm p50 ms | warm p95 ms | cold median / max ms, warmed at start-up | "
          "cold median / max ms, nothing computed |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| floor | {statistics.median(floor):.2f} | 1.00 | {statistics.median(r[1] for r in rows['floor']):.2f} | "
          f"{rows['floor'][0][2]:,} | {rows['floor'][0][3]} | {percentile(floor_rerun, .5):.0f} | "
          f"{percentile(floor_rerun, .95):.0f} | – | – |")
    for path, (page_file, _) in pages.items():
        loads = rows[f"/{path}"]
        ratios = [load[0] / f for load, f in zip(loads, floor)]
        cold, warm = rerun_times(ROOT / "dashboard.py", page_file, args.reruns)
        unwarmed, _ = rerun_times(ROOT / "dashboard.py", page_file, len(REGIONS), warmed=False)
        print(f"| /{path} | {statistics.median(r[0] for r in loads):.2f} | {min(ratios):.2f} / "
              f"{statistics.median(ratios):.2f} / {max(ratios):.2f} | {statistics.median(r[1] for r in loads):.2f} | "
              f"{loads[0][2]:,} | {loads[0][3]} | {percentile(warm, .5):.0f} | {percentile(warm, .95):.0f} | "
              f"{statistics.median(cold):.0f} / {max(cold):.0f} | "
              f"{statistics.median(unwarmed):.0f} / {max(unwarmed):.0f} |")
    cards, cpu = warm_up_time(ROOT / "dashboard.py")
    print(f"\nstart-up warm-up (France and each région, every page): {cards} cards, {cpu:.1f} s of CPU alone")
    warm_home = statistics.median(r[0] for r in rows["/"])
    print(f"\nfirst load after a server start: {first[0]:.2f} s = {first[0] / warm_home:.2f} × a warm load of the "
          f"home page ({warm_home:.2f} s); CPU {first[1]:.2f} s; the server was idle {idle_after:.1f} s later "
          "(start-up warm-up over; the timed rounds start then)")
    if app_mem:
        print("\n| server RSS (MiB) | " + " | ".join(app_mem) + " |")
        print("|---|" + "---|" * len(app_mem))
        print("| floor | " + " | ".join(f"{v:.0f}" for v in floor_mem.values()) + " |")
        print("| dashboard | " + " | ".join(f"{v:.0f}" for v in app_mem.values()) + " |")
    print(f"\nload average at the end: {load_average()}")
    print(f"targets: home ≤ {TARGETS['home_ratio']} × floor (median), every page ≤ {TARGETS['page_ratio']} ×; first "
          f"load ≤ {TARGETS['first_load_ratio']} × a warm one; rerun p95 ≤ {TARGETS['rerun_p95_ms']} ms cold and warm; "
          f"≤ {TARGETS['ws_bytes'] / 1e6:.1f} MB per page load; ≤ {TARGETS['rss_25_mib']} MiB at 25 sessions")
    if "Traceback" in log:
        print("the dashboard server logged a traceback:\n" + log[log.find("Traceback"):][:2000])
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
