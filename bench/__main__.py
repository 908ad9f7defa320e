"""Benchmark: the dashboard against Streamlit's floor (one page, one plotly chart), on this machine, in one run.

    python -m bench [--runs 5] [--reruns 20]

Prints, for each page and for the floor page: time from navigation to the page settled with its charts drawn
(median), server-side script time of a rerun after a filter change (via AppTest: warm p50/p95 for a view already
computed once, cold median/max for the first time a view is asked for), bytes received over the
websocket per page load, and the server's memory (RSS) with 1, 10 and 25 open sessions and after they close.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time

import psutil
from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

from bench.serving import CHARTS, LAUNCH, ROOT, settle, start_server, stop_server

# url path -> (page file, charts it draws at least: the page is settled once they are drawn)
PAGES = {"": ("views/accueil.py", 3), "territoires": ("views/territoires.py", 3), "pilotes": ("views/pilotes.py", 5),
         "budget": ("views/budget.py", 6), "presentation": ("views/presentation.py", 0),
         "sources": ("views/sources.py", 0)}
FLOOR = ROOT / "bench" / "floor_app.py"
TARGETS = {"settle_ratio": 1.5, "rerun_p95_ms": 100, "ws_bytes": 1.5e6, "rss_25_mib": 350}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def page_load(browser, url: str, runs: int, min_charts: int = 1) -> tuple[float, int, int]:
    """Median seconds to settled, websocket bytes received on the first load, charts drawn."""
    times, ws_bytes, charts = [], 0, 0
    for i in range(runs + 1):  # the first load warms the server's caches and is not timed
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        received: list[int] = []
        page.on("websocket", lambda ws, received=received: ws.on(
            "framereceived", lambda payload: received.append(len(payload))))
        start = time.perf_counter()
        page.goto(url)
        settle(page, min_charts)
        elapsed = time.perf_counter() - start
        if i:
            times.append(elapsed)
        else:
            page.wait_for_timeout(500)
            ws_bytes, charts = sum(received), page.locator(CHARTS).count()
        page.close()
    return statistics.median(times), ws_bytes, charts


REGIONS = ["76", "11", "84", "93", "32", "44", "75", "28"]  # filter values the rerun benchmark switches between


def rerun_times(app: str, page: str | None, reruns: int) -> tuple[list[float], list[float]]:
    """Script time (ms) of reruns after a change of the région filter: (cold, warm). Cold: the first time a
    région is shown since the server started (the page computes its cards); warm: the same régions again (the
    cards come from components.state.memo, as for any later visitor of that view)."""
    at = AppTest.from_file(str(app), default_timeout=120).run()
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed page loads per page")
    parser.add_argument("--reruns", type=int, default=20, help="timed reruns per page")
    args = parser.parse_args()
    print(f"machine: {platform.node()} — {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}, {platform.platform()}")
    with sync_playwright() as p:
        browser = p.chromium.launch(**LAUNCH)
        rows = {}
        proc, base = start_server(FLOOR)
        rows["floor"] = page_load(browser, base, args.runs)
        floor_mem = memory(browser, base, proc)
        stop_server(proc)
        proc, base = start_server(ROOT / "dashboard.py")
        for path, (_, min_charts) in PAGES.items():
            rows[path or "/"] = page_load(browser, f"{base}/{path}", args.runs, min_charts)
        app_mem = memory(browser, base, proc)
        log = stop_server(proc)
        browser.close()
    _, floor_rerun = rerun_times(FLOOR, None, args.reruns)
    print("\n| page | settled (median s) | × floor | websocket bytes | charts | rerun warm p50 ms | warm p95 ms | "
          "cold median ms | cold max ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| floor | {rows['floor'][0]:.2f} | 1.00 | {rows['floor'][1]:,} | {rows['floor'][2]} | "
          f"{percentile(floor_rerun, .5):.0f} | {percentile(floor_rerun, .95):.0f} | – | – |")
    for path, (page_file, _) in PAGES.items():
        settled, ws, charts = rows[path or "/"]
        cold, warm = rerun_times(ROOT / "dashboard.py", page_file, args.reruns)
        print(f"| /{path} | {settled:.2f} | {settled / rows['floor'][0]:.2f} | {ws:,} | {charts} | "
              f"{percentile(warm, .5):.0f} | {percentile(warm, .95):.0f} | {statistics.median(cold):.0f} | "
              f"{max(cold):.0f} |")
    print("\n| server RSS (MiB) | " + " | ".join(app_mem) + " |")
    print("|---|" + "---|" * len(app_mem))
    print("| floor | " + " | ".join(f"{v:.0f}" for v in floor_mem.values()) + " |")
    print("| dashboard | " + " | ".join(f"{v:.0f}" for v in app_mem.values()) + " |")
    print(f"\ntargets: home settled ≤ {TARGETS['settle_ratio']}× floor; rerun p95 ≤ {TARGETS['rerun_p95_ms']} ms; "
          f"≤ {TARGETS['ws_bytes'] / 1e6:.1f} MB per page load; ≤ {TARGETS['rss_25_mib']} MiB at 25 sessions")
    if "Traceback" in log:
        print("the dashboard server logged a traceback:\n" + log[log.find("Traceback"):][:2000])
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
