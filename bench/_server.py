"""What both benchmarks share: production-like settings, a throwaway database, gunicorn.

Nothing here runs on import; the benchmarks call these helpers from their main().
"""

import contextlib
import http.client
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://legplanner:legplanner@127.0.0.1:5432/legplanner"
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 30
STARTUP_TIMEOUT = 30


def production_env(*, database_url: str, static_root: Path) -> dict[str, str]:
    """The environment of a production deploy, minus TLS: plain HTTP on 127.0.0.1."""
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        DJANGO_SETTINGS_MODULE="legplanner.settings",
        LOG_LEVEL="WARNING",
    )
    return env


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the same environment gunicorn will get."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def migrate_and_collectstatic() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)


def bench_database_url(name: str) -> str:
    """DATABASE_URL (or the local default) with its database name swapped for `name`."""
    source = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urllib.parse.urlsplit(source)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"bench needs a PostgreSQL DATABASE_URL, not {parts.scheme}://")
    if parts.path.lstrip("/") == name:
        raise SystemExit(f"refusing to drop {name!r}: it is the database DATABASE_URL names")
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def connect_kwargs(url: str) -> dict:
    """psycopg.connect() arguments for a postgres:// URL, read the way settings.py reads it."""
    import dj_database_url

    db = dj_database_url.parse(url)
    return {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "connect_timeout": 5,
    }


def recreate_database(url: str) -> None:
    """Drop and create the bench database, connecting through the database DATABASE_URL names."""
    import psycopg
    from psycopg import sql

    source = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    name = connect_kwargs(url)["dbname"]
    with psycopg.connect(**connect_kwargs(source), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes  # as sent on the wire: still compressed when Content-Encoding says so


@dataclass
class Browser:
    """One phone: its own cookies, a fresh connection per request as gunicorn's sync
    workers close it after each answer anyway."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, *, form: dict | None = None, headers: dict | None = None
    ) -> Answer:
        sent = {"Host": f"{HOST}:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            conn.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return answer

    def log_in(self, username: str, password: str) -> None:
        self.request("GET", "/login/")
        answer = self.request(
            "POST",
            "/login/",
            form={
                "username": username,
                "password": password,
                # The unmasked secret from the cookie is a valid form token too.
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
        )
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login of {username} failed: HTTP {answer.status}")


@dataclass(frozen=True)
class Served:
    port: int
    pid: int  # gunicorn's master, leader of its own process group (its workers are in it)


@contextlib.contextmanager
def gunicorn(*, env: dict[str, str], workers: int, threads: int) -> Iterator["Served"]:
    """Serve the app on 127.0.0.1 at a free port; stop it however we leave.

    Whatever gunicorn or the app logged above INFO is echoed to stderr at the end."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "legplanner.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--timeout=30",
    ]
    with tempfile.TemporaryFile(mode="w+", prefix="legplanner-gunicorn-") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_up(process, port)
            yield Served(port=port, pid=process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                # Its own process group (start_new_session), so this reaches only its workers.
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            said = [line for line in _read(log).splitlines() if "[INFO]" not in line]
            if said:
                print("gunicorn logged:", *said[-40:], sep="\n", file=sys.stderr)


def _read(log) -> str:
    log.seek(0)
    return log.read()


def _wait_until_up(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode} (its log follows)")
        try:
            if Browser(port).request("GET", "/login/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {STARTUP_TIMEOUT}s (its log follows)")


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass(frozen=True)
class CpuSample:
    """CPU seconds so far, from /proc (Linux): where a phase's time went."""

    server: float  # gunicorn's master and workers
    client: float  # this process: the benchmark's own threads
    machine: float  # every core, every process: PostgreSQL, other users, ...

    @classmethod
    def take(cls, server_group: int) -> "CpuSample | None":
        try:
            with open("/proc/stat") as stat:
                fields = [int(value) for value in stat.readline().split()[1:]]
            tick = os.sysconf("SC_CLK_TCK")
            server = sum(
                _process_cpu(pid) for pid in _pids() if _process_group(pid) == server_group
            )
        except (OSError, ValueError):
            return None
        # user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
        busy = sum(fields[:3]) + sum(fields[5:8])
        return cls(server=server / tick, client=sum(os.times()[:2]), machine=busy / tick)

    def __sub__(self, earlier: "CpuSample") -> "CpuSample":
        return CpuSample(
            self.server - earlier.server,
            self.client - earlier.client,
            self.machine - earlier.machine,
        )


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _stat_fields(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # After "(comm)": state, ppid, pgrp, ..., utime (12th), stime (13th).
            return stat.read().rsplit(")", 1)[1].split()
    except OSError:  # gone in the meantime
        return []


def _process_group(pid: int) -> int | None:
    fields = _stat_fields(pid)
    return int(fields[2]) if fields else None


def _process_cpu(pid: int) -> int:
    fields = _stat_fields(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0
