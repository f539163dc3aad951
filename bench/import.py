"""Importing Strong exports, on SQLite and PostgreSQL, against a bare bulk insert.

    .venv/bin/python bench/import.py [--years 10] [--rows 20000] [--db sqlite|postgres|both] [--runs 3]

In-process, production settings (DEBUG=false), one child process per database (Django is
configured once per process): a temporary SQLite file, and the PostgreSQL database
`legplanner_bench_import` on DATABASE_URL's server and role (or the local default),
dropped and created for the run and dropped after it. Three files, made by demo.samples:
ten years of `strong_csv` (two workouts a week, warm-ups and rest timers included), and
about ``--rows`` rows of `strong_csv_with_bad_rows` (its bad rows and non-sets every 20
weeks: the rest imports) and of `strong_french_csv` (the French header, decimal commas).

Per run, a new athlete on the guide's program: the file is parsed, the preview built and
the import written (what the confirm step does), then imported again (nothing to write).
The baseline is the same sessions, prescriptions and sets as a bare `bulk_create` for
another new athlete, everything computed before the clock starts. Prints rows per second
(the file's rows and the sets written), the median of the runs, and the ratio to the
baseline. Timings are reported, never asserted.
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
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._bare import bare_copy
from bench._server import (
    ROOT,
    bench_database_url,
    connect_kwargs,
    production_env,
    recreate_database,
    setup_django,
)

BENCH_DATABASE = "legplanner_bench_import"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10, help="years of history (default 10)")
    parser.add_argument(
        "--rows", type=int, default=20_000, help="rows of the bad-row and French files"
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (default 3)")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    return parser.parse_args()


def _athlete(name: str):
    from accounts.models import User
    from programs.models import Assignment, Program

    user = User.objects.create_user(username=name, password=None)
    Assignment.objects.create(
        athlete=user, program=Program.objects.get(is_default=True), start_date=dt.date.today()
    )
    return user


# Weeks per chunk of the 20,000-row files: the samples' loads climb every week, and past
# the 1,000 kg we store in 30 years; each chunk starts light again (and the bad-row file's
# ends with every kind of bad row).
CHUNK_WEEKS = 20
FIRST_MONDAY = dt.date(1995, 1, 2)


def _chunked(make, *, rows: int) -> bytes:
    """About ``rows`` rows of ``make(first=, weeks=)``'s file, one chunk after another."""
    size = len(make(first=FIRST_MONDAY, weeks=CHUNK_WEEKS).splitlines()) - 1
    texts = [
        make(first=FIRST_MONDAY + dt.timedelta(weeks=CHUNK_WEEKS * index), weeks=CHUNK_WEEKS)
        for index in range(max(rows // size, 1))
    ]
    # One header, then each chunk's rows.
    texts[1:] = [text.split("\n", 1)[1] for text in texts[1:]]
    return "".join(texts).encode()


def _files(args: argparse.Namespace) -> dict[str, bytes]:
    from demo import samples

    return {
        f"Strong, {args.years} years": samples.strong_csv(
            first=dt.date(2015, 1, 5), weeks=52 * args.years
        ).encode(),
        "Strong with bad rows": _chunked(samples.strong_csv_with_bad_rows, rows=args.rows),
        "Strong in French": _chunked(samples.strong_french_csv, rows=args.rows),
    }


def _time_file(content: bytes, *, name: str, runs: int) -> dict:
    from exchange.formats import parse_file
    from exchange.importing import build_preview, import_history

    timings = {"parse": [], "preview": [], "import": [], "again": [], "baseline": []}
    sets = problems = 0
    for run in range(runs):
        athlete = _athlete(f"lifter{name}{run}")
        began = time.perf_counter()
        parsed = parse_file(content)
        timings["parse"].append(time.perf_counter() - began)
        build_preview(athlete=athlete, parsed=parsed)
        timings["preview"].append(time.perf_counter() - began)
        result = import_history(athlete=athlete, parsed=parsed, unit="kg", choices={})
        timings["import"].append(time.perf_counter() - began)
        sets, problems = result.sets_created, len(parsed.problems)
        began = time.perf_counter()
        again = import_history(athlete=athlete, parsed=parse_file(content), unit="kg", choices={})
        timings["again"].append(time.perf_counter() - began)
        assert again.sets_created == 0, "a second import wrote sets"
        bare = bare_copy(source=athlete, target=_athlete(f"bare{name}{run}"))
        assert bare.sets == sets
        timings["baseline"].append(bare.seconds)
    return {
        "file": name,
        "file_bytes": len(content),
        "file_rows": content.count(b"\n") - 1,
        "problems": problems,
        "sets": sets,
        "median": {key: statistics.median(values) for key, values in timings.items()},
    }


def child(args: argparse.Namespace) -> int:
    setup_django({})
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    files = [
        _time_file(content, name=str(index), runs=args.runs) | {"file": name}
        for index, (name, content) in enumerate(_files(args).items())
    ]
    version = ".".join(map(str, connection.get_database_version()))
    Path(args.results).write_text(
        json.dumps({"database": f"{connection.display_name} {version}", "files": files})
    )
    return 0


def run_child(args, *, database: str, url: str, temp: Path) -> dict | None:
    env = production_env(database_url=url, static_root=temp / "static")
    results = temp / f"{database}.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--child={database}",
        f"--results={results}",
        f"--years={args.years}",
        f"--runs={args.runs}",
        f"--rows={args.rows}",
    ]
    done = subprocess.run(command, cwd=ROOT, env=env)
    if done.returncode:
        print(f"{database}: the benchmark failed (exit {done.returncode})", flush=True)
        return None
    return json.loads(results.read_text())


def report(result: dict) -> None:
    print(f"\n{result['database']}")
    for timed in result["files"]:
        _report_file(timed)


def _report_file(result: dict) -> None:
    median, rows, sets = result["median"], result["file_rows"], result["sets"]
    imported = median["import"]
    baseline = sets / median["baseline"]
    print(
        f"{result['file']}: {rows:,} rows ({result['file_bytes'] / 1e6:.1f} MB), "
        f"{result['problems']:,} rows with problems, {sets:,} sets written"
    )
    print(f"  parse               {median['parse']:.2f} s  {rows / median['parse']:,.0f} rows/s")
    print(f"  parse + preview     {median['preview']:.2f} s")
    print(
        f"  parse+preview+write {imported:.2f} s  {rows / imported:,.0f} rows/s, "
        f"{sets / imported:,.0f} sets/s"
    )
    print(
        f"  same file again     {median['again']:.2f} s  {rows / median['again']:,.0f} rows/s "
        "(nothing written)"
    )
    print(f"  bare bulk insert    {median['baseline']:.2f} s  {baseline:,.0f} sets/s")
    print(f"  import is {sets / imported / baseline:.2f}x the bare insert's rate")


def main() -> int:
    args = parse_args()
    if args.child:
        return child(args)
    print(
        f"Legplanner import, {dt.date.today()}: Strong CSVs ({args.years} years; {args.rows:,} "
        f"rows with bad rows; {args.rows:,} rows in French), median of {args.runs} runs, "
        "in-process with DEBUG=false. Timings are reported, not asserted."
    )
    failed = False
    with tempfile.TemporaryDirectory(prefix="legplanner-import-") as temp:
        temp = Path(temp)
        for database in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
            if database == "sqlite":
                result = run_child(
                    args, database=database, url=f"sqlite:///{temp / 'b.sqlite3'}", temp=temp
                )
            else:
                url = bench_database_url(BENCH_DATABASE)
                recreate_database(url)
                try:
                    result = run_child(args, database=database, url=url, temp=temp)
                finally:
                    _drop(url)
            if result is None:
                failed = True
            else:
                report(result)
    return 1 if failed else 0


def _drop(url: str) -> None:
    import psycopg
    from psycopg import sql

    from bench._server import DEFAULT_DATABASE_URL

    source = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    with psycopg.connect(**connect_kwargs(source), autocommit=True) as conn:
        name = connect_kwargs(url)["dbname"]
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


if __name__ == "__main__":
    sys.exit(main())
