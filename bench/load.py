"""Load and faults on loopback: browser-like sessions through nginx (`make serve`'s stack) against one process.

    python -m bench.load [--compare-sessions 50] [--compare-duration 60] [--sessions 100] [--duration 120]
                         [--chromium 3] [--downloads 20] [--downloads-only]

1. The same 50 sessions on one Streamlit process, then through nginx on 2 replicas: each session loads a page
   (HTML + websocket + first run) and changes the région filter every 5-15 s (the two changes of the scenario,
   repeated until the end of the phase). Settled = the server's script_finished for that run.
2. 100 sessions (plus a few real Chromium pages, each its own browser profile) through nginx on 3 replicas for
   `--duration` s; half-way, one replica is killed (SIGKILL): its sessions reconnect like the front end (same
   cookie, old session id) and the time from the kill to their websocket open again is measured (Streamlit's
   front end keeps the drawn page and reruns only a run that was in flight, with its widget states; the next
   click goes to the new replica), with a check that the URL holds the view. The spread of sessions over
   replicas and each replica's RSS (before: after a warm-up visit; peak; 30 s after the closed sessions expired) are
   reported.
3. `--downloads` sessions download the pack (.pptx) at once while as many others change filters: their rerun
   times against the same without downloads; each file is checked to be a valid pptx.
Loops are bounded by the phase durations; everything runs on 127.0.0.1.
"""
from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import random
import tempfile
import threading
import time
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from bench.serving import CHARTS, LAUNCH, ROOT, settle, start_server, stop_server, wait_until_idle
from bench.wsclient import ConnectionLost, Session, SessionError
from deploy.serve import Cluster, Settings, free_port

PAGES = ["", "territoires", "pilotes", "budget"]   # where the simulated people land, in turn
REGIONS = ["Occitanie", "Île-de-France", "Bretagne", "Hauts-de-France", "Grand Est", "Normandie",
           "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur"]
THINK_S = (5, 15)
RAMP_PER_S = 4            # new sessions per second: under the rate limit of `make serve` (5/s, burst 50)
SESSION_TTL_S = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["disconnectedSessionTTL"]
RECONNECT_EVERY_S = 1.0   # the front end retries about every second


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Stats:
    opens: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnections: list[float] = field(default_factory=list)   # kill -> websocket open again (s)
    replayed: list[float] = field(default_factory=list)        # kill -> the run in flight settled again (s)
    same_view: list[bool] = field(default_factory=list)        # after it, the URL holds the last change
    cookies: list[str] = field(default_factory=list)


class Memory:
    """RSS of each server process, sampled every second (a replica restarted after a kill is its new process)."""

    def __init__(self, procs):
        self.procs = procs            # callable -> list of pids
        self.peak: list[float] = []
        self._stop = threading.Event()

    def now(self) -> list[float]:
        out = []
        for pid in self.procs():
            try:
                out.append(psutil.Process(pid).memory_info().rss / 2**20)
            except psutil.Error:
                out.append(float("nan"))
        return out

    def __enter__(self):
        self.peak = self.now()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(1):
            self.peak = [max(p, n) if n == n else p for p, n in zip(self.peak, self.now())]

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


async def person(base: str, index: int, until: float, stats: Stats, kill: asyncio.Event | None) -> None:
    """One simulated tab: a page load, then région changes every 5-15 s until `until`; reconnects after a kill."""
    rng = random.Random(index)
    session = Session(base, PAGES[index % len(PAGES)])
    try:
        stats.opens.append(await session.open())
        stats.cookies.append(session.cookie)
        shown = session.widgets["f_region"].selected   # the filters of the view, as its URL holds them
        chosen, url_before = shown, session.query
        while time.monotonic() < until:
            alive = await session.idle(rng.uniform(*THINK_S))
            if time.monotonic() >= until:
                break
            try:
                if not alive:
                    raise ConnectionLost("websocket closed while idle")
                chosen, url_before = [rng.choice(REGIONS)], session.query
                stats.reruns.append(await session.set_filter("f_region", chosen))
                shown = chosen
            except ConnectionLost:
                # as the front end: reconnect; a run that was in flight is asked again with the same widget
                # states; a tab that was idle keeps its drawn page and its next click goes to the new replica
                await reconnect(session, stats, kill)
                if session.query == url_before:
                    stats.reruns.append(await session.set_filter("f_region", chosen))
                    if kill is not None:
                        stats.replayed.append(time.monotonic() - kill.killed_at)
                stats.same_view.append(session.query != url_before or chosen == shown)
    except SessionError as error:
        stats.errors.append(f"session {index}: {error}")
    except OSError as error:
        stats.errors.append(f"session {index}: {type(error).__name__}: {error}")
    finally:
        await session.close()


async def reconnect(session: Session, stats: Stats, kill: asyncio.Event | None) -> None:
    """As the front end: retry the websocket about every second (same cookie, old session id)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            await session.connect()
            break
        except OSError as error:
            if time.monotonic() > deadline:
                raise SessionError(f"no reconnection in 120 s: {error}") from None
            await asyncio.sleep(RECONNECT_EVERY_S)
    if kill is not None and kill.is_set():
        stats.reconnections.append(time.monotonic() - kill.killed_at)


async def crowd(base: str, n: int, duration: float, stats: Stats, kill: asyncio.Event | None = None) -> None:
    until = time.monotonic() + n / RAMP_PER_S + duration
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(person(base, i, until, stats, kill)))
        await asyncio.sleep(1 / RAMP_PER_S)
    await asyncio.gather(*tasks)


def warm_up(base: str) -> None:
    async def visit():
        s = Session(base, "territoires", "region=76")
        await s.open()
        await s.close()
    asyncio.run(visit())


def row(name: str, stats: Stats, before: list[float], peak: list[float], after: list[float]) -> str:
    mem = " ; ".join(f"{b:.0f} → {p:.0f} → {a:.0f}" for b, p, a in zip(before, peak, after))
    return (f"| {name} | {len(stats.opens)} | {len(stats.errors)} | {percentile(stats.opens, .5):.1f} / "
            f"{percentile(stats.opens, .95):.1f} | {len(stats.reruns)} | {percentile(stats.reruns, .5):.2f} / "
            f"{percentile(stats.reruns, .95):.2f} | {mem} |")


HEADER = ("| setup | sessions opened | errors | page load p50 / p95 (s) | reruns | rerun p50 / p95 (s) | "
          "RSS MiB per process: before → peak → 30 s after the sessions expired |\n|---|---|---|---|---|---|---|")


def settle_after(pids) -> list[float]:
    """RSS 30 s after the closed sessions expire (server.disconnectedSessionTTL)."""
    time.sleep(SESSION_TTL_S + 30)
    return [psutil.Process(p).memory_info().rss / 2**20 for p in pids()]


def phase_one_process(n: int, duration: float) -> tuple[str, Stats]:
    proc, base = start_server(ROOT / "dashboard.py")
    try:
        warm_up(base)
        wait_until_idle(proc.pid)  # its start-up warm-up over: memory is measured from a settled server
        pids = lambda: [proc.pid]  # noqa: E731
        stats = Stats()
        with Memory(pids) as memory:
            before = list(memory.peak)
            asyncio.run(crowd(base, n, duration, stats))
        return row(f"1 process, {n} sessions", stats, before, memory.peak, settle_after(pids)), stats
    finally:
        stop_server(proc)


def cluster_settings(replicas: int, run_dir: Path) -> Settings:
    return Settings(replicas=replicas, port=free_port(), listen="127.0.0.1", run_dir=run_dir)


def spread(cluster: Cluster) -> str:
    return " / ".join(map(str, cluster.sessions_per_replica()))


def phase_cluster(n: int, duration: float, replicas: int, run_dir: Path) -> tuple[str, Stats, str]:
    with Cluster(cluster_settings(replicas, run_dir)) as cluster:
        for r in cluster.replicas:
            warm_up(r.url)
        for r in cluster.replicas:
            wait_until_idle(r.proc.pid)
        pids = lambda: [r.proc.pid for r in cluster.replicas]  # noqa: E731
        stats = Stats()
        with Memory(pids) as memory:
            before = list(memory.peak)
            asyncio.run(crowd(cluster.url, n, duration, stats))
        line = row(f"nginx + {replicas} replicas, {n} sessions", stats, before, memory.peak,
                   settle_after(pids))
        return line, stats, spread(cluster)


def chromium_pages(url: str, count: int, ready: threading.Event, killed: threading.Event, victim_port: list,
                   result: dict, upstream_of) -> None:
    """Real browsers (one profile each, so one affinity cookie each) on /territoires?region=76: time to settled,
    then, for those on the killed replica, time from the kill to the page run again on its new websocket."""
    with sync_playwright() as p:
        browser = p.chromium.launch(**LAUNCH)
        pages = []
        for i in range(count):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            opened: list[float] = []   # when each websocket of this page opened
            page.on("websocket", lambda ws, o=opened: o.append(time.monotonic()))
            start = time.perf_counter()
            page.goto(f"{url}/territoires?region={['76', '11', '53'][i % 3]}")
            settle(page, 3)
            result.setdefault("open", []).append(time.perf_counter() - start)
            cookie = next(c["value"] for c in context.cookies() if c["name"] == "qp_replica")
            pages.append((page, upstream_of(cookie), opened))
        result["upstreams"] = [u for _, u, _ in pages]
        ready.set()
        killed.wait(timeout=600)
        for page, upstream, opened in pages:
            if not upstream.endswith(f":{victim_port[0]}"):
                continue
            url_before, charts = page.url, page.locator(CHARTS).count()
            deadline = time.monotonic() + 120
            while not any(t > killed.killed_at for t in opened) and time.monotonic() < deadline:
                page.wait_for_timeout(100)  # lets playwright deliver the page's events
            back = [t for t in opened if t > killed.killed_at]
            result.setdefault("reconnect", []).append(back[0] - killed.killed_at if back else float("nan"))
            result.setdefault("same_view", []).append(page.url == url_before
                                                      and page.locator(CHARTS).count() == charts)
        browser.close()


def phase_faults(n: int, duration: float, chromium: int, downloads: int, run_dir: Path) -> list[str]:
    out = []
    with Cluster(cluster_settings(3, run_dir)) as cluster:
        for r in cluster.replicas:
            warm_up(r.url)
        for r in cluster.replicas:
            wait_until_idle(r.proc.pid)
        pids = lambda: [r.proc.pid for r in cluster.replicas]  # noqa: E731

        ready, killed, victim_port, browsers = threading.Event(), threading.Event(), [], {}
        thread = threading.Thread(target=chromium_pages, args=(cluster.url.replace("127.0.0.1", "localhost"),
                                  chromium, ready, killed, victim_port, browsers, cluster.upstream_of))
        thread.start()
        ready.wait(timeout=300)
        stats = Stats()
        kill = asyncio.Event()

        async def run():
            task = asyncio.create_task(crowd(cluster.url, n, duration, stats, kill))
            await asyncio.sleep(n / RAMP_PER_S + duration / 2)
            # the victim: the replica of the first Chromium page, so a real browser goes through the failover
            port = int(browsers["upstreams"][0].rsplit(":", 1)[1]) if browsers.get("upstreams") \
                else cluster.replicas[0].port
            victim = next(i for i, r in enumerate(cluster.replicas) if r.port == port)
            victim_port.append(port)
            kill.killed_at = killed.killed_at = time.monotonic()
            cluster.kill_replica(victim)
            kill.set()
            killed.set()
            await task
            return victim

        with Memory(pids) as memory:
            before = list(memory.peak)
            victim = asyncio.run(run())
        thread.join(timeout=300)
        after = settle_after(pids)
        out.append(HEADER)
        out.append(row(f"nginx + 3 replicas, {n} sessions + {chromium} Chromium (replica {victim + 1} killed "
                       f"half-way, restarted by the watcher)", stats, before, memory.peak, after))
        out.append(f"\nsessions per replica (websocket opens, reconnections included): {spread(cluster)}")
        out.append(f"killed replica {victim + 1}: {len(stats.reconnections)} websocket sessions lost, kill → "
                   f"reconnected p50 {percentile(stats.reconnections, .5):.1f} s, max "
                   f"{max(stats.reconnections, default=float('nan')):.1f} s; {len(stats.replayed)} had a run in "
                   f"flight, settled again after p50 {percentile(stats.replayed, .5):.1f} s, max "
                   f"{max(stats.replayed, default=float('nan')):.1f} s; URL holding the last change: "
                   f"{sum(stats.same_view)}/{len(stats.same_view)}")
        out.append(f"Chromium pages: opened in {', '.join(f'{t:.1f}' for t in browsers.get('open', []))} s; "
                   f"on the killed replica: {len(browsers.get('reconnect', []))}, websocket back after "
                   f"{', '.join(f'{t:.1f}' for t in browsers.get('reconnect', []))} s, same URL and charts: "
                   f"{browsers.get('same_view')}")
        if stats.errors:
            out.append("errors: " + "; ".join(stats.errors[:10]))
        out.extend(pack_downloads(cluster.url, downloads))
    return out


def pack_downloads(base: str, n: int) -> list[str]:
    """`n` sessions download the pack at once while `n` others change filters: their rerun times vs without."""
    async def run():
        rng = random.Random(0)
        others = [Session(base, "territoires") for _ in range(n)]
        downloaders = [Session(base, "", f"region={code}") for code in ["76", "11", "53", "32", "84"] * (n // 5)]
        for s in others + downloaders:
            await s.open()
            await asyncio.sleep(1 / RAMP_PER_S)

        async def rerun_loop(session: Session, until: float, out: list[float]):
            while time.monotonic() < until:
                out.append(await session.set_filter("f_region", [rng.choice(REGIONS)]))
                await asyncio.sleep(rng.uniform(0.5, 1.5))

        quiet, busy = [], []
        await asyncio.gather(*(rerun_loop(s, time.monotonic() + 20, quiet) for s in others))
        until = time.monotonic() + 20
        loops = asyncio.gather(*(rerun_loop(s, until, busy) for s in others))
        start = time.perf_counter()
        files = await asyncio.gather(*(s.download("sidebar_pack_pptx") for s in downloaders),
                                     return_exceptions=True)
        elapsed = time.perf_counter() - start
        await loops
        for s in others + downloaders:
            await s.close()
        valid = sum(1 for f in files if isinstance(f, bytes) and valid_pptx(f))
        return quiet, busy, valid, elapsed, [str(f) for f in files if not isinstance(f, bytes)]

    quiet, busy, valid, elapsed, failures = asyncio.run(run())
    lines = [f"\n{n} pack downloads at once: {valid}/{n} valid .pptx in {elapsed:.1f} s; the {n} other sessions' "
             f"reruns p50 / p95: {percentile(quiet, .5):.2f} / {percentile(quiet, .95):.2f} s without, "
             f"{percentile(busy, .5):.2f} / {percentile(busy, .95):.2f} s during the downloads "
             f"(× {percentile(busy, .5) / percentile(quiet, .5):.1f} p50)"]
    if failures:
        lines.append("download errors: " + "; ".join(failures[:5]))
    return lines


def valid_pptx(data: bytes) -> bool:
    try:
        return "ppt/presentation.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare-sessions", type=int, default=50)
    parser.add_argument("--compare-duration", type=float, default=60)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--chromium", type=int, default=3)
    parser.add_argument("--downloads", type=int, default=20)
    parser.add_argument("--downloads-only", action="store_true",
                        help="only the pack downloads, through nginx on 3 replicas (a short check)")
    args = parser.parse_args()
    print(f"machine: {platform.node()} — {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at start, Python "
          f"{platform.python_version()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="qp-load-") as tmp:
        if args.downloads_only:
            with Cluster(cluster_settings(3, Path(tmp) / "three")) as cluster:
                for line in pack_downloads(cluster.url, args.downloads):
                    print(line, flush=True)
            return 0
        one, one_stats = phase_one_process(args.compare_sessions, args.compare_duration)
        two, two_stats, two_spread = phase_cluster(args.compare_sessions, args.compare_duration, 2, Path(tmp) / "two")
        print(HEADER, one, two, sep="\n")
        ratio = percentile(two_stats.reruns, .95) / percentile(one_stats.reruns, .95)
        print(f"\nrerun p95, 2 replicas / 1 process: {ratio:.2f} (target ≤ 0.5); sessions per replica: {two_spread}\n",
              flush=True)
        for line in phase_faults(args.sessions, args.duration, args.chromium, args.downloads, Path(tmp) / "three"):
            print(line, flush=True)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
