"""Start a Streamlit app on a free local port and drive Debian's chromium: shared by the benchmark and the
browser tests."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

from deploy.serve import free_port  # one free-port helper for the bench, the tests and `make serve`
from quartiers.figures.svg import CHART_CLASS

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAUNCH = {"executable_path": CHROMIUM, "headless": True, "args": LAUNCH_ARGS}
CHARTS = f".js-plotly-plot, [data-testid='stVegaLiteChart'], svg.{CHART_CLASS}"
SETTLE_MS = 60_000


def start_server(app: Path, env: dict | None = None, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Run `streamlit run app` headless on 127.0.0.1 and wait for its health check; returns (process, base URL).
    Without a port, a free one; if another program takes it before Streamlit binds it, another free one."""
    for _ in range(1 if port else 3):
        proc, base, log = _start(app, env or {}, port or free_port())
        if proc:
            return proc, base
        if "already in use" not in log:
            break
    raise RuntimeError(f"the server did not start: {log}")


def _start(app: Path, env: dict, port: int) -> tuple[subprocess.Popen | None, str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            return None, base, proc.stdout.read()
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
            return proc, base, ""
        except OSError:
            time.sleep(0.3)  # polling interval of the health check
    proc.kill()
    return None, base, "no answer to the health check in 60 s"


def stop_server(proc: subprocess.Popen) -> str:
    """Stop the server; returns what it logged."""
    proc.terminate()
    try:
        return proc.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[0]


def settle(page, min_charts: int = 0) -> None:
    """Wait until the script run is over, every element's code is loaded and at least `min_charts` charts are
    drawn. Streamlit loads the code of most elements (a multiselect, a chart) on first use and shows a placeholder
    (stSkeleton) meanwhile: on a busy machine, the run can be over while the sidebar's filters are still
    placeholders that the keyboard cannot reach."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=SETTLE_MS)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", timeout=SETTLE_MS)
    if min_charts:
        page.wait_for_function(f"document.querySelectorAll(\"{CHARTS}\").length >= {min_charts}", timeout=SETTLE_MS)
    # plotly draws its SVG after the container appears: wait for the main plot layer of each chart
    page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))",
                           timeout=SETTLE_MS)
    # a map is drawn once its shapes are: plotly geo draws them after loading its base topology
    page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.geo'))"
                           ".every(p => p.querySelector('path.choroplethlocation, .scattergeo path.point'))",
                           timeout=SETTLE_MS)


def wait_until_idle(pid: int, still_s: float = 2.0, timeout_s: float = 120.0) -> float:
    """Wait until the server process `pid` has used no CPU (under 50 ms) for `still_s`: its start-up warm-up
    (components.warmup) is over. Returns the seconds waited."""
    server, start = psutil.Process(pid), time.perf_counter()
    used = lambda: sum(server.cpu_times()[:2])  # noqa: E731
    last, still_since = used(), time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        time.sleep(0.25)  # a poll of the condition, not a fixed delay
        now = used()
        if now - last > 0.05:
            last, still_since = now, time.perf_counter()
        elif time.perf_counter() - still_since >= still_s:
            break
    return time.perf_counter() - start
