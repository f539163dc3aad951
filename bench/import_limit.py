"""The largest file IMPORT_MAX_BYTES allows, uploaded, previewed and confirmed through the
real pages under gunicorn, against a bare bulk insert of the same rows.

    .venv/bin/python bench/import_limit.py [--db postgres|sqlite] [--bytes N] [--max-seconds 20]
    IMPORT_MAX_BYTES=20971520 .venv/bin/python bench/import_limit.py   # a larger limit

Production settings (DEBUG=false, collectstatic, gunicorn with one sync worker and
gunicorn's 30 s timeout, as bench/_server.py starts it) on a throwaway database: the
PostgreSQL database `legplanner_bench_import_limit` on DATABASE_URL's server (dropped and
created for the run, dropped after it) or a temporary SQLite file. The file is a Strong
CSV just under the limit (demo.samples.strong_csv_up_to: a workout every day, back
from today: some 73,000 rows in 5 MB, 290,000 in 20 MB), so every date is one the
importer accepts.

One athlete logs in and goes through the three steps a person does: the upload (the file
is read and checked), the preview page (read again, names matched, UUIDs looked up) and
the confirm (read again, written). Each step's wall time is printed, with the CPU seconds
the server spent in it (the machine may be shared). The baseline, in the same run: the
same sessions, prescriptions and sets bulk-inserted for a second athlete with Django's
bulk_create, everything built before the clock starts. Exit status 1 when a step fails or
takes longer than --max-seconds.
"""

import argparse
import datetime as dt
import http.client
import importlib
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._bare import bare_copy
from bench._server import (
    HOST,
    ROOT,
    Browser,
    CpuSample,
    bench_database_url,
    gunicorn,
    production_env,
    recreate_database,
    setup_django,
)

BENCH_DATABASE = "legplanner_bench_import_limit"
PASSWORD = "bench-import-limit-password"
LIMIT_SECONDS = 20
# gunicorn's own timeout is 30 s: a step slower than that is killed, so wait a little more.
STEP_TIMEOUT = 40


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--bytes", type=int, help="file size (default: IMPORT_MAX_BYTES)")
    parser.add_argument("--max-seconds", type=float, default=LIMIT_SECONDS)
    parser.add_argument("--child", choices=["setup", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    return parser.parse_args()


# ---------------------------------------------------------------------------------------
# In child processes (Django configured with the server's environment)


def _athlete(name: str, *, password: str | None):
    from accounts.models import User
    from programs.models import Assignment, Program

    user = User.objects.create_user(username=name, password=password, time_zone="UTC")
    Assignment.objects.create(
        athlete=user, program=Program.objects.get(is_default=True), start_date=dt.date.today()
    )
    return user


def child_setup(args) -> int:
    """Migrate, collect static files, make the athlete, write the file; report its size."""
    setup_django({})
    from django.conf import settings

    from bench._server import migrate_and_collectstatic
    from demo import samples

    migrate_and_collectstatic()
    _athlete("lifter", password=PASSWORD)
    limit = args.bytes or settings.IMPORT_MAX_BYTES
    content = samples.strong_csv_up_to(max_bytes=limit, last=dt.date.today()).encode()
    Path(args.file).write_bytes(content)
    Path(args.results).write_text(json.dumps({"limit": settings.IMPORT_MAX_BYTES}))
    return 0


def child_baseline(args) -> int:
    """The lifter's imported sessions, prescriptions and sets, bulk-inserted for another
    athlete; only the inserts are timed."""
    setup_django({})
    from django.db import connection

    from accounts.models import User

    bare = bare_copy(
        source=User.objects.get(username="lifter"), target=_athlete("bare", password=None)
    )
    version = ".".join(map(str, connection.get_database_version()))
    Path(args.results).write_text(
        json.dumps(
            {
                "database": f"{connection.display_name} {version}",
                "seconds": bare.seconds,
                "sessions": bare.sessions,
                "prescriptions": bare.prescriptions,
                "sets": bare.sets,
            }
        )
    )
    return 0


def run_child(kind: str, env: dict, **extra) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), f"--child={kind}"]
    command += [f"--{name}={value}" for name, value in extra.items() if value is not None]
    done = subprocess.run(command, cwd=ROOT, env=env)
    if done.returncode:
        raise SystemExit(f"the {kind} step failed (exit {done.returncode})")
    return json.loads(Path(extra["results"]).read_text())


# ---------------------------------------------------------------------------------------
# The three steps, over HTTP


def upload(browser: Browser, content: bytes) -> tuple[int, str]:
    """POST the file as the upload form does (multipart); the status and Location."""
    boundary = uuid.uuid4().hex
    token = browser.cookies["csrftoken"]
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
            f"\r\n\r\n{token}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="strong.csv"\r\nContent-Type: text/csv\r\n\r\n'.encode(),
            content,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    headers = {
        "Host": f"{HOST}:{browser.port}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items()),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(len(body)),
    }
    conn = http.client.HTTPConnection(HOST, browser.port, timeout=STEP_TIMEOUT)
    try:
        conn.request("POST", "/account/import/", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.headers.get("Location", "")
    finally:
        conn.close()


def timed(step, server_pid: int):
    before, began = CpuSample.take(server_pid), time.perf_counter()
    try:
        result = step()
    except (TimeoutError, OSError) as error:  # gunicorn killed the worker, or we gave up
        result = error
    seconds = time.perf_counter() - began
    after = CpuSample.take(server_pid)
    cpu = (after - before).server if before and after else float("nan")
    return result, seconds, cpu


def main() -> int:
    args = parse_args()
    if args.child == "setup":
        return child_setup(args)
    if args.child == "baseline":
        return child_baseline(args)

    with tempfile.TemporaryDirectory(prefix="legplanner-import-limit-") as temp:
        temp = Path(temp)
        if args.db == "postgres":
            url = bench_database_url(BENCH_DATABASE)
            recreate_database(url)
        else:
            url = f"sqlite:///{temp / 'bench.sqlite3'}"
        env = production_env(database_url=url, static_root=temp / "static")
        try:
            return _run(args, env=env, temp=temp)
        finally:
            if args.db == "postgres":
                _drop(url)


def _drop(url: str) -> None:
    """Drop the bench database; a worker killed mid-confirm leaves its backend (or an
    autovacuum of the rows it wrote) running for a moment, so try again a few times."""
    import psycopg

    drop = importlib.import_module("bench.import")._drop
    for attempt in range(10):
        try:
            drop(url)
            return
        except psycopg.Error as error:
            if attempt == 9:
                print(f"could not drop the bench database ({error}); drop it by hand")
            time.sleep(2)


def _run(args, *, env: dict, temp: Path) -> int:
    file = temp / "strong.csv"
    setup = run_child("setup", env, file=file, results=temp / "setup.json", bytes=args.bytes)
    content = file.read_bytes()
    rows = content.count(b"\n")
    print(
        f"Legplanner import at its limit, {dt.date.today()}: a Strong CSV of {rows:,} rows, "
        f"{len(content) / 1e6:.1f} MB (IMPORT_MAX_BYTES {setup['limit'] / 1e6:.1f} MB), "
        f"{args.db}, gunicorn 1 sync worker, timeout 30 s. Wall time per step; 'server cpu' "
        "is gunicorn's own CPU time (the machine may be shared)."
    )
    steps = {}
    with gunicorn(env=env, workers=1, threads=1) as served:
        browser = Browser(served.port)
        browser.log_in("lifter", PASSWORD)
        browser.request("GET", "/account/import/")

        steps["upload"] = timed(lambda: upload(browser, content), served.pid)
        status, location = steps["upload"][0] if isinstance(steps["upload"][0], tuple) else (0, "")
        ok = status == 302 and location.startswith("/account/import/")
        if ok:
            steps["preview"] = timed(lambda: browser.request("GET", location).status, served.pid)
            ok = steps["preview"][0] == 200
        if ok:
            form = {"unit": "kg", "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
            steps["confirm"] = timed(
                lambda: browser.request("POST", location, form=form).status, served.pid
            )
            ok = steps["confirm"][0] == 302
    failed = not ok
    for name, (result, seconds, cpu) in steps.items():
        answer = result[0] if isinstance(result, tuple) else result
        over = seconds > args.max_seconds
        failed = failed or over
        print(
            f"  {name:<8} {seconds:6.2f} s  (server cpu {cpu:5.2f} s)  answer {answer}"
            + ("  OVER THE LIMIT" if over else "")
        )
    if failed:
        print(f"FAILED: a step did not answer as expected within {args.max_seconds:.0f} s")
        return 1
    base = run_child("baseline", env, results=temp / "baseline.json")
    confirm = steps["confirm"][1]
    print(
        f"  bare bulk insert {base['seconds']:6.2f} s  ({base['sessions']:,} sessions, "
        f"{base['prescriptions']:,} prescriptions, {base['sets']:,} sets; {base['database']})"
    )
    print(
        f"  the confirm (read, check and write) takes {confirm / base['seconds']:.2f}x "
        "the bare insert of its rows"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
