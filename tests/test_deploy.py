"""The production configuration: Django's deployment checks, and gunicorn serving the app."""

import gzip
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest

from legplanner.csp import POLICY

BASE_DIR = Path(__file__).resolve().parent.parent
SETTINGS_VARIABLES = re.findall(
    r"^([A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), flags=re.MULTILINE
)

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "legplanner.settings",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.com",
    "BEHIND_TLS_PROXY": "true",
}
ONE_YEAR = 365 * 24 * 3600
# A proxy from the machine's environment must not stand between the test and gunicorn.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Response(NamedTuple):
    status: int
    headers: dict[str, str]
    body: bytes


def production_env(**variables: str) -> dict[str, str]:
    # Only the given variables: neither the machine's nor tests.settings' DEBUG=true leak in.
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    return env | PRODUCTION | variables


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def fetch(url: str, headers: dict[str, str] | None = None) -> Response:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with DIRECT.open(request, timeout=10) as response:
            return Response(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers), error.read())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited:\n{log.read_text()}"
        try:
            fetch(url)
        except OSError:
            time.sleep(0.2)
        else:
            return
    pytest.fail(f"gunicorn did not answer {url} within 30 s:\n{log.read_text()}")


def test_check_deploy_finds_no_issues():
    result = manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_gunicorn_serves_login_and_compressed_hashed_static_files(tmp_path):
    static_root = tmp_path / "static"
    env = production_env(
        STATIC_ROOT=str(static_root),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on the loopback: no TLS proxy here to answer a redirect to https.
        SECURE_SSL_REDIRECT="false",
    )
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"]):
        result = manage(env, *command)
        assert result.returncode == 0, result.stderr
    stylesheet = json.loads((static_root / "staticfiles.json").read_text())["paths"]["css/app.css"]
    address = f"127.0.0.1:{free_port()}"
    base = f"http://{address}"
    log = tmp_path / "gunicorn.log"

    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "legplanner.wsgi", "-b", address],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(server, f"{base}/login/", log)
            # As the TLS proxy would pass it on, which BEHIND_TLS_PROXY=true trusts.
            login = fetch(f"{base}/login/", {"X-Forwarded-Proto": "https"})
            static = fetch(f"{base}/static/{stylesheet}", {"Accept-Encoding": "gzip"})
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    html = login.body.decode()
    assert login.status == 200, log.read_text()
    assert re.search(r'<form [^>]*method="post"', html)
    assert 'name="username"' in html
    assert 'name="password"' in html
    assert stylesheet != "css/app.css"
    assert f'href="/static/{stylesheet}"' in html
    assert login.headers["Strict-Transport-Security"].startswith(f"max-age={ONE_YEAR}")
    assert login.headers["Content-Security-Policy"] == POLICY

    assert static.status == 200, log.read_text()
    assert static.headers["Content-Encoding"] == "gzip"
    assert static.headers["Content-Security-Policy"] == POLICY
    assert gzip.decompress(static.body) == (static_root / stylesheet).read_bytes()
    max_age = re.search(r"max-age=(\d+)", static.headers["Cache-Control"])
    assert max_age, static.headers["Cache-Control"]
    assert int(max_age[1]) >= ONE_YEAR
