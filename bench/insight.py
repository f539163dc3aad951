"""The insight pages' server time on a long history, against the week page's, on PostgreSQL
and SQLite.

    .venv/bin/python bench/insight.py [--athletes 1000] [--years 5] [--db both]
                                      [--runs 7] [--warmups 2] [--keep] [--reuse]
                                      [--sqlite-analyze]

Seeds one athlete with `--years` of training (two sessions a week, about nine sets each)
among `--athletes` others with a year each, through the normal weekly generation; then
times the progress, exercise progress (back squat) and balance pages in-process (Django's
test client, production settings), with the week page of this week as the baseline measured
in the same run. Prints each page's median time, its query count and its ratio to the week
page, and whether the aim (no page slower than 3x the week page) is met. Timings are
reported, never asserted: see bench/README.md.

The databases are the benchmark's own: a temporary SQLite file, and the PostgreSQL database
`legplanner_bench_insight_<pid>` (DATABASE_URL's server and role, or the local default),
created for the run and dropped after it. With --keep they are `legplanner_bench_insight`
and /tmp/legplanner_bench_insight.sqlite3, left behind; --reuse times the pages again on
those, without seeding.
"""

import argparse
import contextlib
import datetime as dt
import functools
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import (
    ROOT,
    bench_database_url,
    connect_kwargs,
    production_env,
    recreate_database,
    setup_django,
)

BENCH_DATABASE = "legplanner_bench_insight"
KEPT_SQLITE = f"{BENCH_DATABASE}.sqlite3"  # in the system's temporary directory
AIM_RATIO = 3.0
WEEKS_PER_YEAR = 52
# The lifelong athlete's loads start again every twelve weeks (a block, then a deload),
# so five years of double progression stay within plausible loads.
BLOCK_WEEKS = 12
SETLOG_COLUMNS = (
    "uuid",
    "prescription_id",
    "exercise_id",
    "set_number",
    "reps",
    "reps_left",
    "reps_right",
    "load_kg",
    "rir",
    "logged_at",
    "note",
)
SQLITE_CHUNK = 50_000
LIFER = "lifer"
HOST_HEADER = "127.0.0.1"  # production_env's ALLOWED_HOSTS


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    median_ms: float | None = None
    queries: int | None = None
    status: int | None = None
    missing: str = ""


@dataclass(frozen=True)
class Result:
    database: str
    seeding: dict[str, float]
    counts: dict[str, int]
    pages: list[Page]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--athletes", type=int, default=1000, help="others, a year each (default 1000)"
    )
    parser.add_argument(
        "--years", type=int, default=5, help="the timed athlete's years (default 5)"
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page (default 7)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help=f"seed {BENCH_DATABASE} (and /tmp/{KEPT_SQLITE}) and leave them behind",
    )
    parser.add_argument(
        "--sqlite-analyze",
        action="store_true",
        help="run ANALYZE on SQLite too after seeding (apps rarely do; the default does not)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"time the pages on a {BENCH_DATABASE} kept by --keep instead of seeding again",
    )
    # Internal: one database per child process, since Django is configured once per process.
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    parser.add_argument("--seeded", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.athletes < 0 or args.years < 1 or args.runs < 1 or args.warmups < 0:
        parser.error("need --athletes >= 0, --years >= 1, --runs >= 1, --warmups >= 0")
    return args


# --- seeding (in the child) -------------------------------------------------------------


def create_athletes(*, others: int, years: int, this_week) -> None:
    """The lifelong athlete and the others, on the guide's program, Monday and Thursday."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from programs.models import Assignment, Program

    unusable = make_password(None)  # force_login needs no password; none is hashed
    lifer = User.objects.create(username=LIFER, password=unusable)
    athletes = User.objects.bulk_create(
        (User(username=f"athlete{n:05d}", password=unusable) for n in range(others)),
        batch_size=5000,
    )
    program = Program.objects.get(is_default=True)
    Assignment.objects.bulk_create(
        [
            Assignment(
                athlete=lifer,
                program=program,
                start_date=this_week.shifted(-WEEKS_PER_YEAR * years).monday,
            ),
            *(
                Assignment(
                    athlete=athlete,
                    program=program,
                    start_date=this_week.shifted(-WEEKS_PER_YEAR).monday,
                )
                for athlete in athletes
            ),
        ],
        batch_size=5000,
    )


def generate_history(*, years: int, this_week) -> None:
    """Every past week through the generate_week command, as the weekly job would have."""
    from django.core.management import call_command

    for ago in range(WEEKS_PER_YEAR * years, 0, -1):
        call_command("generate_week", week=str(this_week.shifted(-ago)), stdout=io.StringIO())


@functools.cache
def _sets(slug, per_leg, sets, reps_min, reps_max, increment_kg, step, weeks_ago):
    from demo.history import demo_sets

    return demo_sets(
        slug=slug,
        per_leg=per_leg,
        sets=sets,
        reps_min=reps_min,
        reps_max=reps_max,
        increment_kg=increment_kg,
        step=step,
        weeks_ago=weeks_ago,
    )


def history_copies(*, this_week) -> list[tuple]:
    """The prescriptions of every session before this week, with what their sets depend on."""
    from programs.models import Exercise, SessionPrescription

    exercises = {exercise.pk: exercise for exercise in Exercise.objects.all()}
    copies = SessionPrescription.objects.filter(session__date__lt=this_week.monday).values_list(
        "pk",
        "exercise_id",
        "swapped_to_id",
        "per_leg",
        "sets_max",
        "reps_min",
        "reps_max",
        "order",
        "session__date",
        "session__day_number",
        "session__assignment__start_date",
    )
    return [(exercises[swapped or exercise], pk, *rest) for pk, exercise, swapped, *rest in copies]


def set_log_rows(*, copies: list[tuple], this_week, adapt):
    """Rows of SETLOG_COLUMNS for the copies, as seed_demo makes them (progression in blocks,
    a lagging left leg, easy squat sets, a skipped leg curl). Reads nothing from the
    database, so it can feed a COPY on the same connection."""
    from demo.history import is_skipped, logged_at, weeks_between

    today = this_week.monday
    for exercise, pk, per_leg, sets, lo, hi, order, date, day, start in copies:
        weeks_ago = weeks_between(date, today)
        if is_skipped(day_number=day, muscle=exercise.primary_muscle, weeks_ago=weeks_ago):
            continue
        step = weeks_between(start, date) % BLOCK_WEEKS
        for made in _sets(
            exercise.slug, per_leg, sets, lo, hi, exercise.increment_kg, step, weeks_ago
        ):
            yield adapt(
                (
                    uuid.uuid4(),
                    pk,
                    exercise.pk,
                    made.set_number,
                    made.reps,
                    made.reps_left,
                    made.reps_right,
                    made.load_kg,
                    made.rir,
                    logged_at(date=date, order=order, set_number=made.set_number, zone=dt.UTC),
                    "",
                )
            )


def load_set_logs(*, this_week) -> int:
    """COPY on PostgreSQL; on SQLite, executemany of one prepared INSERT in large chunks."""
    from django.db import connection, transaction

    table = "tracking_setlog"
    columns = ", ".join(SETLOG_COLUMNS)
    copies = history_copies(this_week=this_week)
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in set_log_rows(copies=copies, this_week=this_week, adapt=lambda row: row):
                    copy.write_row(row)
                    written += 1
            return written

        ops = connection.ops

        def adapt(row):
            # As the ORM stores them on SQLite: uuid as 32 hex digits, naive UTC datetimes.
            return (row[0].hex, *row[1:9], ops.adapt_datetimefield_value(row[9]), row[10])

        insert = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 11)})"
        chunk = []
        for row in set_log_rows(copies=copies, this_week=this_week, adapt=adapt):
            chunk.append(row)
            if len(chunk) == SQLITE_CHUNK:
                cursor.executemany(insert, chunk)
                written += len(chunk)
                chunk = []
        cursor.executemany(insert, chunk)
        return written + len(chunk)


def seed(*, others: int, years: int, this_week, analyze_sqlite: bool) -> dict[str, float]:
    from django.db import connection

    from accounts.models import User
    from programs.models import Assignment, Session, SessionPrescription
    from tracking.models import SetLog

    timings = {}
    began = time.perf_counter()
    create_athletes(others=others, years=years, this_week=this_week)
    generate_history(years=years, this_week=this_week)
    timings["athletes and sessions (generate_week)"] = time.perf_counter() - began
    began = time.perf_counter()
    load_set_logs(this_week=this_week)
    timings["set logs"] = time.perf_counter() - began
    if connection.vendor == "postgresql" or analyze_sqlite:
        # As autovacuum would soon after such a load; SQLite is left as apps leave it.
        began = time.perf_counter()
        tables = [
            model._meta.db_table
            for model in (User, Assignment, Session, SessionPrescription, SetLog)
        ]
        with connection.cursor() as cursor:
            # Our tables only: a plain ANALYZE on PostgreSQL also tries the shared catalogs,
            # which only a superuser may, and logs a warning for each.
            is_postgres = connection.vendor == "postgresql"
            cursor.execute(f"ANALYZE {', '.join(tables)}" if is_postgres else "ANALYZE")
        timings["ANALYZE"] = time.perf_counter() - began
    return timings


def counts() -> dict[str, int]:
    from accounts.models import User
    from programs.models import Session, SessionPrescription
    from tracking.models import SetLog

    return {
        "athletes": User.objects.count(),
        "sessions": Session.objects.count(),
        "prescriptions": SessionPrescription.objects.count(),
        "set logs": SetLog.objects.count(),
        f"set logs of {LIFER}": SetLog.objects.filter(
            prescription__session__athlete__username=LIFER
        ).count(),
    }


# --- timing (in the child) --------------------------------------------------------------


def pages_to_time(this_week) -> list[tuple[Page, dict]]:
    from programs.models import Exercise

    squat = Exercise.objects.get(slug="back-squat")
    return [
        (Page(f"week {this_week}", "week"), {"iso_week": str(this_week)}),
        (Page("progress", "progress"), {}),
        (Page("exercise_progress (Back squat)", "exercise_progress"), {"exercise_id": squat.pk}),
        (Page("balance", "balance"), {}),
    ]


def time_pages(*, this_week, runs: int, warmups: int) -> list[Page]:
    """Median wall time of GET through the whole Django stack, pages interleaved run by run
    so that a busy moment of the machine falls on all of them alike."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from accounts.models import User

    client = Client(HTTP_HOST=HOST_HEADER)
    client.force_login(User.objects.get(username=LIFER))
    found, missing = [], {}
    for page, kwargs in pages_to_time(this_week):
        try:
            found.append((page, reverse(page.url_name, kwargs=kwargs)))
        except NoReverseMatch:
            missing[page.label] = f"missing: no URL named {page.url_name!r} yet"

    failing, statuses = {}, {}
    for page, url in list(found):
        # A page still being built may fail: report it and time the others.
        try:
            statuses[page.label] = client.get(url).status_code
        except Exception as error:
            failing[page.label] = f"failing: {type(error).__name__}: {error}"[:120]
            found.remove((page, url))
            continue
        if statuses[page.label] != 200:
            failing[page.label] = f"failing: HTTP {statuses[page.label]}"
            found.remove((page, url))
    for _ in range(warmups):
        for page, url in found:
            statuses[page.label] = client.get(url).status_code
    times: dict[str, list[float]] = {page.label: [] for page, _ in found}
    for _ in range(runs):
        for page, url in found:
            began = time.perf_counter()
            statuses[page.label] = client.get(url).status_code
            times[page.label].append(time.perf_counter() - began)
    queries = {}
    for page, url in found:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[page.label] = len(captured)

    timed = []
    for page, _ in pages_to_time(this_week):
        if page.label in missing or page.label in failing:
            reason = missing.get(page.label) or failing[page.label]
            timed.append(Page(page.label, page.url_name, missing=reason))
            continue
        timed.append(
            Page(
                page.label,
                page.url_name,
                median_ms=1000 * statistics.median(times[page.label]),
                queries=queries[page.label],
                status=statuses[page.label],
            )
        )
    return timed


def child(args: argparse.Namespace) -> int:
    setup_django({})
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from programs.weeks import IsoWeek

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    this_week = IsoWeek.of(timezone.now().date())
    seeding = {}
    if not args.seeded:
        seeding = seed(
            others=args.athletes,
            years=args.years,
            this_week=this_week,
            analyze_sqlite=args.sqlite_analyze,
        )
    version = ".".join(map(str, connection.get_database_version()))
    result = Result(
        database=f"{connection.display_name} {version}",
        seeding=seeding,
        counts=counts(),
        pages=time_pages(this_week=this_week, runs=args.runs, warmups=args.warmups),
    )
    Path(args.results).write_text(json.dumps(asdict(result)))
    return 0


# --- the parent: one child per database, then the report -----------------------------


def run_child(
    args: argparse.Namespace, *, database: str, database_url: str, temp: Path, seeded: bool = False
) -> Result | None:
    env = production_env(database_url=database_url, static_root=temp / "static")
    results = temp / f"{database}.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--child={database}",
        f"--results={results}",
        f"--athletes={args.athletes}",
        f"--years={args.years}",
        f"--runs={args.runs}",
        f"--warmups={args.warmups}",
        *(["--seeded"] if seeded else []),
        *(["--sqlite-analyze"] if args.sqlite_analyze else []),
    ]
    print(f"{database}: migrating, seeding and timing ...", flush=True)
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env)
    if done.returncode:
        print(f"{database}: the benchmark failed (exit {done.returncode})", flush=True)
        return None
    print(f"{database}: done in {time.perf_counter() - began:.0f} s", flush=True)
    raw = json.loads(results.read_text())
    return Result(
        database=raw["database"],
        seeding=raw["seeding"],
        counts=raw["counts"],
        pages=[Page(**page) for page in raw["pages"]],
    )


def report(result: Result) -> bool | None:
    """Print one database's figures; True or False for the aim, None when a page is missing."""
    rows = ", ".join(f"{count:,} {name}" for name, count in result.counts.items())
    if result.seeding:
        seeded = sum(result.seeding.values())
        phases = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in result.seeding.items())
        print(f"\n{result.database}: seeded {rows} in {seeded:.0f} s ({phases})")
    else:
        print(f"\n{result.database}: reused {BENCH_DATABASE} ({rows})")
    week = result.pages[0]
    print(f"  {'page':<32} {'median':>10} {'queries':>8} {'vs week':>8}")
    met: bool | None = True
    for page in result.pages:
        if page.missing:
            print(f"  {page.label:<32} {page.missing}")
            met = None
            continue
        ratio = page.median_ms / week.median_ms
        status = "" if page.status == 200 else f"  (HTTP {page.status})"
        print(
            f"  {page.label:<32} {page.median_ms:>7.1f} ms {page.queries:>8} {ratio:>7.2f}x{status}"
        )
        if page.status != 200:
            met = None
        elif met and ratio > AIM_RATIO:
            met = False
    verdict = {True: "met", False: "NOT met", None: "not measured (pages missing or failing)"}
    print(f"  aim: no page slower than {AIM_RATIO:g}x the week page: {verdict[met]}")
    return met


def main() -> int:
    args = parse_args()
    if args.child:
        return child(args)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(
        f"Legplanner insight pages, {dt.date.today()}: one athlete ({LIFER}) with {args.years} "
        f"year(s) of two sessions a week among {args.athletes:,} athletes with a year each; "
        f"server time in-process (django.test.Client, DEBUG=false), median of {args.runs} "
        f"runs after {args.warmups} warm-up(s), pages interleaved; the week page of this week "
        "is the baseline. Timings are reported, not asserted."
    )
    kept = args.keep or args.reuse
    failed = False
    with tempfile.TemporaryDirectory(prefix="legplanner-insight-") as temp:
        temp = Path(temp)
        for database in databases:
            if database == "sqlite":
                result = run_sqlite(args, kept=kept, temp=temp)
            else:
                result = run_postgres(args, kept=kept, temp=temp)
            if result is None:
                failed = True
            else:
                report(result)
    return 1 if failed else 0


def run_sqlite(args: argparse.Namespace, *, kept: bool, temp: Path) -> Result | None:
    path = Path(tempfile.gettempdir()) / KEPT_SQLITE if kept else temp / "bench.sqlite3"
    seeded = args.reuse and has_lifer_sqlite(path)
    if not seeded:
        path.unlink(missing_ok=True)
    return run_child(
        args, database="sqlite", database_url=f"sqlite:///{path}", temp=temp, seeded=seeded
    )


def run_postgres(args: argparse.Namespace, *, kept: bool, temp: Path) -> Result | None:
    # Its own name per run, so that two runs at once (two developers, a run beside
    # --reuse) do not drop each other's database; --keep's is fixed.
    url = bench_database_url(BENCH_DATABASE if kept else f"{BENCH_DATABASE}_{os.getpid()}")
    seeded = args.reuse and has_lifer_postgres(url)
    if not seeded:
        recreate_database(url)
    try:
        return run_child(args, database="postgres", database_url=url, temp=temp, seeded=seeded)
    finally:
        if not kept:
            drop_database(url)


def has_lifer_sqlite(path: Path) -> bool:
    """Whether a database kept by --keep is there, seeded."""
    import sqlite3

    if not path.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            found = conn.execute(
                "SELECT 1 FROM accounts_user WHERE username = ?", [LIFER]
            ).fetchone()
    except sqlite3.Error:
        return False
    return found is not None


def has_lifer_postgres(url: str) -> bool:
    """Whether a database kept by --keep is there, seeded."""
    import psycopg

    try:
        with psycopg.connect(**connect_kwargs(url)) as conn:
            found = conn.execute(
                "SELECT 1 FROM accounts_user WHERE username = %s", [LIFER]
            ).fetchone()
    except psycopg.Error:
        return False
    return found is not None


def drop_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    from bench._server import DEFAULT_DATABASE_URL

    source = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    name = connect_kwargs(url)["dbname"]
    with psycopg.connect(**connect_kwargs(source), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


if __name__ == "__main__":
    sys.exit(main())
