"""The session, progress and balance pages after a big import, against the same pages after
a week of history, on SQLite and PostgreSQL; one set in 13 of each history is a test set.

    .venv/bin/python bench/history.py [--sets 20000] [--db sqlite|postgres|both]
                                      [--runs 7] [--warmups 2]

Two athletes on the guide's program from this week's Monday, each with a Strong file
imported as a newcomer imports one (`exchange.formats.parse_file`, then
`exchange.importing.import_history`: one session per workout date, the prescriptions
copied per workout): one with a week of history, the other with about `--sets` sets
(`demo.samples.strong_csv`, in files of at most BLOCK_WEEKS weeks whose loads start
again, since the sample's loads climb without end). This week is then generated, and for
each athlete the session page of this week's day 1 (two squat sets ticked), progress, the back squat's progress and
balance are timed in-process (Django's test client, production settings), pages and
athletes interleaved run by run. Prints each page's median time and query count for both
histories and the big one's ratio to the week's; the aim is no ratio above 3. Timings are
reported, never asserted: see bench/README.md.

The databases are the benchmark's own: a temporary SQLite file, and the PostgreSQL database
`legplanner_bench_history_<pid>` (DATABASE_URL's server and role, or the local default),
created for the run and dropped after it. SQLite gets no ANALYZE, as apps leave it.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import ROOT, bench_database_url, production_env, recreate_database, setup_django
from bench.insight import HOST_HEADER, drop_database

BENCH_DATABASE = "legplanner_bench_history"
AIM_RATIO = 3.0
SETS_PER_WEEK = 13  # demo.samples.strong_csv: day A 4 + 3 sets, day B 3 + 3
# The sample's loads rise a step every four weeks: past about 700 weeks the leg extension
# passes the 1,000 kg the import accepts, so long histories are made of blocks.
BLOCK_WEEKS = 300
PAGES = ("session", "progress", "exercise_progress", "balance")
HISTORIES = ("week", "big")
TEST_SET_EVERY = 13


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=20_000, help="big history (default 20000)")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page (default 7)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sets < SETS_PER_WEEK or args.runs < 1 or args.warmups < 0:
        parser.error(f"need --sets >= {SETS_PER_WEEK}, --runs >= 1, --warmups >= 0")
    return args


def strong_history(*, weeks: int, last_monday: dt.date) -> bytes:
    """A Strong file of `weeks` weeks ending the week before `last_monday`, in blocks."""
    from demo.samples import strong_csv

    files, left = [], weeks
    while left:
        block = min(BLOCK_WEEKS, left)
        text = strong_csv(first=last_monday - dt.timedelta(weeks=left), weeks=block)
        files.append(text if not files else text.split("\n", 1)[1])  # one header
        left -= block
    return "".join(files).encode()


def import_athlete(*, username: str, weeks: int, monday: dt.date) -> tuple[object, int, float]:
    """A newcomer on the guide's program from `monday` who imported `weeks` of Strong."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from exchange.formats import parse_file
    from exchange.importing import import_history
    from programs.models import Assignment, Program

    athlete = User.objects.create(username=username, password=make_password(None))
    Assignment.objects.create(
        athlete=athlete, program=Program.objects.get(is_default=True), start_date=monday
    )
    content = strong_history(weeks=weeks, last_monday=monday)
    began = time.perf_counter()
    result = import_history(athlete=athlete, parsed=parse_file(content), unit="kg", choices={})
    return athlete, result.sets_created, time.perf_counter() - began


def urls(athlete, *, monday: dt.date) -> dict[str, str]:
    from django.urls import reverse

    from programs.models import Exercise, Session

    session = Session.objects.get(athlete=athlete, date__gte=monday, day_number=1)
    squat = Exercise.objects.get(slug="back-squat")
    return {
        "session": reverse("session", args=[session.pk]),
        "progress": reverse("progress"),
        "exercise_progress": reverse("exercise_progress", args=[squat.pk]),
        "balance": reverse("balance"),
    }


def log_first_sets(athlete, *, monday: dt.date) -> None:
    """Two squat sets ticked on this week's Day 1: the session page is timed mid-session,
    where it reads the bests before today for the personal records (tracking/records.py)."""
    import uuid

    from programs.models import SessionPrescription
    from tracking.models import SetLog

    squat = SessionPrescription.objects.get(
        session__athlete=athlete, session__date__gte=monday, session__day_number=1, order=1
    )
    for number in (1, 2):
        SetLog.objects.create(
            uuid=uuid.uuid4(),
            prescription=squat,
            exercise=squat.performed_exercise,
            set_number=number,
            reps=6,
            load_kg=Decimal(100),
            rir=2,
        )


def time_pages(athletes: dict, *, monday: dt.date, runs: int, warmups: int) -> dict:
    """Median ms and query count per history and page, interleaved run by run so that a
    busy moment of the machine falls on all of them alike."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients, targets = {}, {}
    for history, athlete in athletes.items():
        clients[history] = Client(HTTP_HOST=HOST_HEADER)
        clients[history].force_login(athlete)
        targets[history] = urls(athlete, monday=monday)
    times = {(history, page): [] for history in HISTORIES for page in PAGES}
    queries = {}
    for run in range(warmups + runs):
        for history in HISTORIES:
            for page in PAGES:
                with CaptureQueriesContext(connection) as captured:
                    began = time.perf_counter()
                    response = clients[history].get(targets[history][page])
                    took = time.perf_counter() - began
                assert response.status_code == 200, (history, page, response.status_code)
                queries[history, page] = len(captured)
                if run >= warmups:
                    times[history, page].append(took * 1000)
    return {
        f"{history} {page}": {
            "median_ms": statistics.median(times[history, page]),
            "queries": queries[history, page],
        }
        for history in HISTORIES
        for page in PAGES
    }


def add_test_sets(athlete) -> int:
    """About one set in 13 becomes a test set (issue 18): a lifter testing each exercise
    every few weeks, as the app plans. The pages read them all (the bias per exercise)."""
    from django.db.models import F
    from django.db.models.functions import Mod

    from tracking.models import SetLog

    return (
        SetLog.objects.filter(
            prescription__session__athlete=athlete, rir__isnull=False, reps__isnull=False
        )
        .alias(turn=Mod("pk", TEST_SET_EVERY))
        .filter(turn=0)
        .update(actual_rir=F("rir") + 3)
    )


def child(args: argparse.Namespace) -> int:
    setup_django({})
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from programs.generation import assignments_in_week, generate_week
    from programs.weeks import IsoWeek
    from tracking.models import SetLog

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    this_week = IsoWeek.of(timezone.now().date())
    weeks = {"week": 1, "big": -(-args.sets // SETS_PER_WEEK)}
    athletes, imported = {}, {}
    for history in HISTORIES:
        athletes[history], sets, seconds = import_athlete(
            username=history, weeks=weeks[history], monday=this_week.monday
        )
        imported[history] = {"sets": sets, "seconds": seconds}
    generate_week(assignments=assignments_in_week(this_week), week=this_week)
    for history, athlete in athletes.items():
        imported[history]["test_sets"] = add_test_sets(athlete)
        log_first_sets(athlete, monday=this_week.monday)
    version = ".".join(map(str, connection.get_database_version()))
    result = {
        "database": f"{connection.display_name} {version}",
        "imported": imported,
        "set_logs": SetLog.objects.count(),
        "pages": time_pages(
            athletes, monday=this_week.monday, runs=args.runs, warmups=args.warmups
        ),
    }
    Path(args.results).write_text(json.dumps(result))
    return 0


def run_child(args: argparse.Namespace, *, database: str, url: str, temp: Path) -> dict | None:
    env = production_env(database_url=url, static_root=temp / "static")
    results = temp / f"{database}.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--child={database}",
        f"--results={results}",
        f"--sets={args.sets}",
        f"--runs={args.runs}",
        f"--warmups={args.warmups}",
    ]
    print(f"{database}: migrating, importing and timing ...", flush=True)
    done = subprocess.run(command, cwd=ROOT, env=env)
    if done.returncode:
        print(f"{database}: the benchmark failed (exit {done.returncode})", flush=True)
        return None
    return json.loads(results.read_text())


def report(result: dict) -> bool:
    """Print one database's figures; whether every page is within the aim."""
    week, big = result["imported"]["week"], result["imported"]["big"]
    print(
        f"\n{result['database']}: imported {week['sets']:,} sets (a week) and {big['sets']:,} "
        f"sets in {big['seconds']:.1f} s; {result['set_logs']:,} set logs in all, "
        f"{week['test_sets'] + big['test_sets']:,} of them test sets"
    )
    print(f"  {'page':<20} {'a week':>10} {'big':>10} {'queries':>9} {'big/week':>9}")
    met = True
    for page in PAGES:
        small, large = result["pages"][f"week {page}"], result["pages"][f"big {page}"]
        ratio = large["median_ms"] / small["median_ms"]
        met = met and ratio <= AIM_RATIO
        print(
            f"  {page:<20} {small['median_ms']:>7.1f} ms {large['median_ms']:>7.1f} ms "
            f"{small['queries']:>4}/{large['queries']:<4} {ratio:>8.2f}x"
        )
    print(
        f"  aim: no page slower than {AIM_RATIO:g}x with the big history: "
        f"{'met' if met else 'NOT met'}"
    )
    return met


def main() -> int:
    args = parse_args()
    if args.child:
        return child(args)
    print(
        f"Legplanner pages after an import, {dt.date.today()}: an athlete with about "
        f"{args.sets:,} imported sets against one with a week; server time in-process "
        f"(django.test.Client, DEBUG=false), median of {args.runs} runs after {args.warmups} "
        "warm-up(s). Timings are reported, not asserted."
    )
    failed = False
    with tempfile.TemporaryDirectory(prefix="legplanner-history-") as temp:
        temp = Path(temp)
        for database in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
            if database == "sqlite":
                url = f"sqlite:///{temp / 'bench.sqlite3'}"
                result = run_child(args, database=database, url=url, temp=temp)
            else:
                # Its own name per run, so that two runs at once do not drop each other's.
                url = bench_database_url(f"{BENCH_DATABASE}_{os.getpid()}")
                recreate_database(url)
                try:
                    result = run_child(args, database=database, url=url, temp=temp)
                finally:
                    drop_database(url)
            if result is None:
                failed = True
            else:
                report(result)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
