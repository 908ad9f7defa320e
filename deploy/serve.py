"""`make serve`: N replicas of the dashboard on loopback, behind nginx on one port.

    python -m deploy.serve          # settings from the environment: REPLICAS, PORT, LISTEN, HOSTS, SESSION_RATE, …

nginx runs as a plain process with its own generated config and prefix (RUN_DIR), no system service. A watcher
checks each replica's /_stcore/health and restarts a replica whose process died (nginx skips it meanwhile, and its
visitors reconnect to another replica). Ctrl+C (or SIGTERM) stops nginx and every replica.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import streamlit

from navigation import URL_PATHS

ROOT = Path(__file__).resolve().parents[1]
DEPLOY_DIR = Path(__file__).resolve().parent
TEMPLATE = DEPLOY_DIR / "nginx.conf.template"
COOKIE = "qp_replica"
HEALTH = "/_stcore/health"
START_TIMEOUT_S = 90
# glibc gives each busy thread its own malloc arena and keeps their freed pages: with 2 arenas a replica's memory
# goes back near its start once the sessions close (measured by bench/load.py, README « Load and faults »).
REPLICA_ENV = {"MALLOC_ARENA_MAX": "2"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_port_free(address: str, port: int) -> None:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx does: TIME_WAIT leftovers are fine
        try:
            s.bind((address, port))
        except OSError as error:
            raise RuntimeError(f"port {port} of {address} is already in use ({error.strerror}): set PORT") from None


def nginx_binary() -> str:
    found = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(found):
        raise SystemExit("nginx est introuvable : installez le paquet Debian « nginx » (make serve l'installe).")
    return found


@dataclass(frozen=True)
class Settings:
    """One named setting per knob, each with a safe default (documented in the README)."""
    replicas: int = 2
    port: int = 8501
    listen: str = "0.0.0.0"
    hosts: tuple[str, ...] = ()        # Host names accepted besides localhost and this machine's names
    session_rate: int = 5              # new sessions per second and client address…
    session_burst: int = 50            # …with this many at once (a whole office opening the link together)
    run_dir: Path = ROOT / ".serve"    # nginx prefix: generated config, logs, temp files; replicas' logs
    app: Path = ROOT / "dashboard.py"
    replica_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | os._Environ = os.environ) -> Settings:
        return cls(replicas=int(env.get("REPLICAS", 2)), port=int(env.get("PORT", 8501)),
                   listen=env.get("LISTEN", "0.0.0.0"), hosts=tuple(env.get("HOSTS", "").split()),
                   session_rate=int(env.get("SESSION_RATE", 5)), session_burst=int(env.get("SESSION_BURST", 50)),
                   run_dir=Path(env.get("RUN_DIR", ROOT / ".serve")).resolve())

    def server_names(self) -> list[str]:
        names = ["localhost", "127.0.0.1", socket.gethostname(), socket.getfqdn(), *self.hosts]
        return list(dict.fromkeys(n for n in names if re.fullmatch(r"[A-Za-z0-9.\-]+", n)))


def inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts of Streamlit's index.html (computed from the installed version, so an
    upgrade of Streamlit keeps a working policy without 'unsafe-inline')."""
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]


def content_security_policy() -> str:
    # 'unsafe-eval': Vega compiles its chart expressions; inline styles: Streamlit's and plotly's own
    # styling; blob: workers: MapLibre's map tiles are drawn in a worker built from a blob.
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'unsafe-eval' {' '.join(inline_script_hashes())}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def render_config(settings: Settings, replica_ports: list[int]) -> str:
    # max_fails=0: never mark a replica down on a failed request (one, under load, sent a whole page's files to the
    # other replica, which does not hold them); each request that fails moves on alone, a dead replica refuses at
    # once on loopback, and the watcher restarts it.
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in replica_ports)
    values = {"LISTEN": settings.listen, "PORT": str(settings.port), "HOSTS": " ".join(settings.server_names()),
              "SESSION_RATE": str(settings.session_rate), "SESSION_BURST": str(settings.session_burst),
              "UPSTREAMS": upstreams, "COOKIE": COOKIE, "CSP": content_security_policy(),
              "DEPLOY_DIR": str(DEPLOY_DIR), "PAGE_PATHS": "|".join(URL_PATHS)}
    return re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))


def _upstream(log_line: str) -> str:
    """The replica that finally answered (after a failed one, nginx logs "a, b")."""
    return re.search(r"upstream=(\S+(?:, \S+)*) route=", log_line).group(1).split(", ")[-1]


def healthy(url: str, host: str = "localhost", timeout: float = 2) -> bool:
    try:
        request = urllib.request.Request(url + HEALTH, headers={"Host": host})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(url: str, proc: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} stopped at start (exit {proc.returncode}); its log: {log}\n"
                               + log.read_text(errors="replace")[-3000:])
        if healthy(url):
            return
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not answer {HEALTH} within {START_TIMEOUT_S} s; its log: {log}")


@dataclass
class Replica:
    index: int
    port: int
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Cluster:
    """The replicas and nginx, as a context manager: `with Cluster(settings) as c: …` (c.url is nginx's)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.replicas = [Replica(i + 1, free_port()) for i in range(settings.replicas)]
        self.nginx: subprocess.Popen | None = None
        self.restarts = 0
        self.failed = threading.Event()  # set when nginx itself dies: the whole service is down
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.settings.listen in ("0.0.0.0", "127.0.0.1") else self.settings.listen
        return f"http://{host}:{self.settings.port}"

    def log_path(self, replica: Replica) -> Path:
        return self.settings.run_dir / "logs" / f"replica-{replica.index}.log"

    def _spawn(self, replica: Replica) -> None:
        log = self.log_path(replica).open("ab")
        replica.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.settings.app), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(replica.port),
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, **REPLICA_ENV, **self.settings.replica_env}, stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True)  # Ctrl+C reaches this supervisor only, which then stops everything in order
        log.close()

    def start(self) -> Cluster:
        run_dir = self.settings.run_dir
        check_port_free(self.settings.listen, self.settings.port)
        for sub in ("logs", "tmp"):
            (run_dir / sub).mkdir(parents=True, exist_ok=True)
        run_dir.chmod(0o755)  # nginx's workers (user nobody when started as root) read and write under it
        for replica in self.replicas:
            self._spawn(replica)
        for replica in self.replicas:
            wait_healthy(replica.url, replica.proc, f"replica {replica.index}", self.log_path(replica))
        conf = run_dir / "nginx.conf"
        conf.write_text(render_config(self.settings, [r.port for r in self.replicas]), encoding="utf-8")
        nginx_log = run_dir / "logs" / "nginx.log"
        with nginx_log.open("ab") as log:
            self.nginx = subprocess.Popen([nginx_binary(), "-p", str(run_dir), "-c", str(conf), "-e",
                                           "logs/error.log", "-g", "daemon off;"], stdout=log, stderr=log,
                                          start_new_session=True)
        wait_healthy(self.url, self.nginx, "nginx", run_dir / "logs" / "error.log")
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._watcher.start()
        return self

    def _watch(self) -> None:
        """Active health: restart a replica whose process died; report one that stops answering its health check."""
        unhealthy: set[int] = set()
        while not self._stopping.wait(1.0):
            if self.nginx.poll() is not None:
                print(f"nginx stopped (exit {self.nginx.returncode}); see {self.settings.run_dir / 'logs'}", flush=True)
                self.failed.set()
                return
            for replica in self.replicas:
                if replica.proc.poll() is not None and not self._stopping.is_set():
                    print(f"replica {replica.index} stopped (exit {replica.proc.returncode}): restarting it",
                          flush=True)
                    self.restarts += 1
                    self._spawn(replica)
                elif not healthy(replica.url, timeout=5):
                    if replica.index not in unhealthy:
                        print(f"replica {replica.index} does not answer {HEALTH}", flush=True)
                    unhealthy.add(replica.index)
                else:
                    unhealthy.discard(replica.index)

    def upstream_of(self, cookie: str) -> str:
        """The replica (127.0.0.1:port) that nginx sends this affinity cookie to, read from its access log."""
        marker = f"{HEALTH}?probe={time.monotonic_ns()}"
        headers = {"Host": "localhost", "Cookie": f"{COOKIE}={cookie}"}
        urllib.request.urlopen(urllib.request.Request(self.url + marker, headers=headers), timeout=30).close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # nginx writes the log line just after the answer
            found = [_upstream(line) for line in reversed(self._access_log()) if marker in line]
            if found:
                return found[0]
            time.sleep(0.05)
        raise RuntimeError(f"no access log line for {marker}")

    def sessions_per_replica(self) -> list[int]:
        """Websocket sessions each replica accepted (in the order of self.replicas), from nginx's access log."""
        opened = [_upstream(line) for line in self._websocket_opens()]
        return [opened.count(replica.url.removeprefix("http://")) for replica in self.replicas]

    def sessions_of(self, cookie: str) -> list[str]:
        """The replicas that accepted this browser's websocket sessions, in order (logged when each one closes)."""
        return [_upstream(line) for line in self._websocket_opens() if f"route={cookie} " in line]

    def _websocket_opens(self) -> list[str]:
        return [line for line in self._access_log() if '"GET /_stcore/stream' in line and " 101 " in line]

    def _access_log(self) -> list[str]:
        return (self.settings.run_dir / "logs" / "access.log").read_text().splitlines()

    def kill_replica(self, index: int) -> None:
        """SIGKILL one replica (fault injection for the bench); the watcher restarts it."""
        self.replicas[index].proc.kill()

    def stop(self) -> None:
        self._stopping.set()
        if self._watcher:
            self._watcher.join(timeout=10)
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish the requests in flight
        for replica in self.replicas:
            if replica.proc and replica.proc.poll() is None:
                replica.proc.terminate()
        for proc in [self.nginx, *(r.proc for r in self.replicas)]:
            if proc is None:
                continue
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main() -> int:
    settings = Settings.from_env()
    for signum in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: a background job starts with it ignored
        signal.signal(signum, _interrupt)
    print(f"starting {settings.replicas} replicas and nginx (logs in {settings.run_dir / 'logs'})…", flush=True)
    cluster = Cluster(settings)
    try:
        cluster.start()
        print(f"serving on port {settings.port} of {settings.listen} — {cluster.url} "
              f"(host names: {' '.join(settings.server_names())}); Ctrl+C stops everything", flush=True)
        while not cluster.failed.wait(1):
            pass
        return 1
    except KeyboardInterrupt:
        print("stopping…", flush=True)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
