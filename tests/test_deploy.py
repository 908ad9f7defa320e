"""`make serve`'s stack, without a browser: nginx from Debian in front of two replicas, started by the same code
as `make serve` (deploy.serve.Cluster), driven over HTTP and by the websocket client of the load bench."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import http.client
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import streamlit
import websockets

from bench.wsclient import Session
from deploy.serve import COOKIE, Cluster, Settings, free_port, healthy, render_config


def run_async(coro):
    """asyncio.run in a thread of its own: in the whole suite, the browser tests' Playwright keeps an event loop
    running in the main thread, where asyncio.run refuses to start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()

SESSION_BURST = 3


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    settings = Settings(replicas=2, port=free_port(), listen="127.0.0.1", session_rate=1,
                        session_burst=SESSION_BURST, run_dir=tmp_path_factory.mktemp("serve"))
    with Cluster(settings) as running:
        yield running
        assert not running.failed.is_set()
    for replica in running.replicas:
        log = running.log_path(replica).read_text(errors="replace")
        assert "Traceback" not in log, log[log.find("Traceback"):][:3000]


def get(cluster: Cluster, path: str, host: str = "localhost", cookie: str = "",
        headers: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", cluster.settings.port, timeout=30)
    conn.request("GET", path, headers={"Host": host, **({"Cookie": f"{COOKIE}={cookie}"} if cookie else {}),
                                       **(headers or {})})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def new_cookie(cluster: Cluster) -> str:
    _, headers, _ = get(cluster, "/_stcore/health")
    return re.match(rf"{COOKIE}=([0-9a-f]+);", headers["set-cookie"]).group(1)


def test_config_has_no_placeholder_left_and_hashes_streamlits_inline_script():
    conf = render_config(Settings(replicas=3), [1001, 1002, 1003])
    assert not re.search(r"@[A-Z_]+@", conf)
    assert conf.count("server 127.0.0.1:100") == 3
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in conf


def test_one_failed_request_does_not_mark_a_replica_down():
    """A replica marked down sends its visitors' media requests to another replica, which answers 404."""
    conf = render_config(Settings(replicas=2), [1001, 1002])
    assert re.findall(r"server 127\.0\.0\.1:\d+ (.*);", conf) == ["max_fails=0", "max_fails=0"]


def test_pages_carry_security_headers_and_the_affinity_cookie(cluster):
    status, headers, body = get(cluster, "/territoires?region=76")
    assert status == 200 and b'id="root"' in body
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["set-cookie"].startswith(f"{COOKIE}=") and "HttpOnly" in headers["set-cookie"]
    # a browser that has its cookie keeps it: nginx does not hand out another one
    cookie = new_cookie(cluster)
    assert COOKIE not in get(cluster, "/", cookie=cookie)[1].get("set-cookie", "")


def test_unknown_host_gets_no_answer(cluster):
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        get(cluster, "/", host="evil.example")
    assert get(cluster, "/", host="127.0.0.1")[0] == 200


@pytest.mark.parametrize("path", ["/territoires/extra", "/a/b", "/pilotes/x/y"])
def test_unknown_multi_segment_paths_get_the_french_page(cluster, path):
    status, headers, body = get(cluster, path)
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert "Page introuvable" in body.decode() and 'href="/territoires"' in body.decode()


@pytest.mark.parametrize("path", ["/inconnue", "/Territoires", "/index"])
def test_unknown_single_segment_paths_get_the_french_page(cluster, path):
    status, _, body = get(cluster, path)
    assert status == 404 and "Page introuvable" in body.decode()


@pytest.mark.parametrize("path", ["/", "/qpv", "/territoires", "/favicon.png"])
def test_pages_and_root_files_pass_through(cluster, path):
    assert get(cluster, path)[0] == 200


def test_metrics_are_closed_and_health_open(cluster):
    assert get(cluster, "/_stcore/metrics")[0] == 404
    assert get(cluster, "/_stcore/health")[2] == b"ok"


def test_static_files_are_gzipped(cluster):
    html = get(cluster, "/")[2].decode()
    script = re.search(r'src="\./(static/js/[^"]+\.js)"', html).group(1)
    status, headers, _ = get(cluster, f"/{script}", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"


def test_affinity_is_per_cookie_and_spreads_browsers(cluster):
    cookies = [new_cookie(cluster) for _ in range(30)]
    first = {c: cluster.upstream_of(c) for c in cookies}
    assert {cluster.upstream_of(c) for c in cookies[:5] for _ in range(3)} <= set(first.values())
    assert all(cluster.upstream_of(c) == first[c] for c in cookies[:10])
    # 30 browsers (e.g. one préfecture behind one address) land on both replicas
    assert set(first.values()) == {f"127.0.0.1:{r.port}" for r in cluster.replicas}


def test_a_session_runs_and_downloads_the_pack_through_nginx(cluster):
    async def scenario():
        session = Session(cluster.url, "territoires", "region=76")
        await session.open()
        assert session.widgets["f_region"].selected == ["Occitanie"]
        await session.set_filter("f_region", ["Bretagne"])
        assert session.query == "region=53"
        pack = await session.download("sidebar_pack_pptx")  # a file kept in the memory of the session's replica
        await session.close()
        return pack
    assert run_async(scenario())[:2] == b"PK"


def test_killed_replica_sessions_come_back_with_the_same_view(cluster):
    async def scenario():
        session = Session(cluster.url, "territoires", "region=76")
        await session.open()
        await session.set_filter("f_region", ["Bretagne", "Occitanie"])
        before = cluster.upstream_of(session.cookie)
        victim = next(i for i, r in enumerate(cluster.replicas) if before.endswith(f":{r.port}"))
        cluster.kill_replica(victim)
        await asyncio.wait_for(session.wait_closed(), 30)
        await session.connect()           # as the front end does: same cookie, old session id
        await session.rerun_from_url()
        view = session.widgets["f_region"].selected
        await session.close()
        return victim, before, session.cookie, view
    victim, before, cookie, view = run_async(scenario())
    # nginx logs a websocket when it closes: the first session on the victim, then the one after the kill,
    # on the other replica or on the victim's port once the watcher has restarted it
    deadline = time.monotonic() + 10
    while len(cluster.sessions_of(cookie)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cluster.sessions_of(cookie)[0] == before and len(cluster.sessions_of(cookie)) == 2
    assert sorted(view) == ["Bretagne", "Occitanie"]
    # the watcher restarts the dead replica on its port
    replica = cluster.replicas[victim]
    deadline = time.monotonic() + 90
    while not healthy(replica.url) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert healthy(replica.url) and cluster.restarts >= 1


def test_a_click_in_flight_when_the_session_is_lost_is_kept_by_the_new_session(cluster):
    """A tab whose replica died sends its widgets again to a new session, with the URL of before the click: the
    widgets, not the URL, say the view (the URL alone gave back the view before the click)."""
    async def scenario():
        session = Session(cluster.url, "territoires", "region=76")
        await session.open()
        await session.close()
        other = next(r for r in cluster.replicas if cluster.upstream_of(session.cookie) != r.url.removeprefix("http://"))
        session.base = other.url          # a replica that does not know this session: a new one starts there
        await session.connect()
        await session.set_filter("f_region", ["Bretagne"])
        query = session.query
        await session.close()
        return query
    assert run_async(scenario()) == "region=53"


def test_one_client_cannot_open_sessions_in_a_burst(cluster):
    """Last in this module: it spends the rate limit's burst of this client address."""
    async def opens(n: int) -> list[int]:
        statuses = []
        for _ in range(n):
            try:
                ws = await websockets.connect(f"ws://127.0.0.1:{cluster.settings.port}/_stcore/stream",
                                              subprotocols=["streamlit"])
                statuses.append(101)
                await ws.close()
            except websockets.InvalidStatus as error:
                statuses.append(error.response.status_code)
        return statuses
    statuses = run_async(opens(SESSION_BURST + 5))
    assert 101 in statuses and statuses.count(429) >= 3
