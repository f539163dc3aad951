"""Tick throughput and latency under gunicorn on PostgreSQL, against a bare INSERT baseline.

    .venv/bin/python bench/tick.py [--ticks 2000] [--clients 8] [--athletes 20]

Drops and recreates the database `legplanner_bench` (DATABASE_URL's server and role, or the
local default), serves the app with production settings on 127.0.0.1, and sends htmx ticks
from concurrent clients, a tenth of them repeats of an earlier set's UUID. Prints the rate
and latencies, the same figures for a bare INSERT of the same rows from as many
connections, and their ratio; then checks that every acknowledged set is in the database
exactly once (exit 1 if not). Timings are reported, never asserted: see bench/README.md.
"""

import argparse
import datetime as dt
import math
import os
import queue
import random
import sys
import tempfile
import threading
import time
import uuid as uuid_module
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import (
    Browser,
    CpuSample,
    Served,
    bench_database_url,
    connect_kwargs,
    gunicorn,
    migrate_and_collectstatic,
    percentile,
    production_env,
    recreate_database,
    setup_django,
)

BENCH_DATABASE = "legplanner_bench"
PASSWORD = "bench-password-not-secret"
REPEAT_SHARE = 0.10
AIM_RATE = 300
AIM_P95_MS = 50
JOIN_TIMEOUT = 600
# The notice of tracking.views.ALREADY_LOGGED_NOTICE, without importing the app before setup.
ALREADY_LOGGED_TEXT = "This set was already logged"


@dataclass(frozen=True)
class PlannedTick:
    athlete: int
    session_id: int
    prescription_id: int
    exercise_id: int
    per_leg: bool
    set_number: int
    uuid: uuid_module.UUID
    reps: int
    load: Decimal
    rir: int
    repeat: bool = False

    def form(self) -> dict[str, str]:
        reps = (
            {"reps_left": str(self.reps), "reps_right": str(self.reps)}
            if self.per_leg
            else {"reps": str(self.reps)}
        )
        return {
            "uuid": str(self.uuid),
            "prescription": str(self.prescription_id),
            "set_number": str(self.set_number),
            "load": str(self.load),
            "rir": str(self.rir),
            **reps,
        }


@dataclass(frozen=True)
class Outcome:
    uuid: uuid_module.UUID
    status: int  # 0: no answer (timeout, refused connection)
    seconds: float
    already_logged: bool = False


@dataclass(frozen=True)
class Run:
    outcomes: list[Outcome]
    wall_seconds: float

    @property
    def rate(self) -> float:
        return len(self.outcomes) / self.wall_seconds

    def latency_ms(self, fraction: float) -> float:
        return 1000 * percentile(sorted(o.seconds for o in self.outcomes), fraction)

    def describe(self) -> str:
        return (
            f"{len(self.outcomes)} in {self.wall_seconds:.2f} s = {self.rate:.0f}/s, "
            f"p50 {self.latency_ms(0.50):.1f} ms, p95 {self.latency_ms(0.95):.1f} ms"
        )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ticks", type=int, default=2000, help="total ticks (default 2000)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--athletes", type=int, default=20, help="at least this many (default 20)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the tick plan")
    args = parser.parse_args()
    if args.ticks < 10 or args.clients < 1 or args.athletes < 1:
        parser.error("need at least 10 ticks, 1 client and 1 athlete")
    return args


def slots_per_athlete() -> int:
    from programs.models import Prescription, Program
    from tracking.forms import MAX_SET_NUMBER

    program = Program.objects.get(is_default=True)
    templates = [program.day_one_id, program.day_two_id]
    return Prescription.objects.filter(day_template_id__in=templates).count() * MAX_SET_NUMBER


def create_athletes(count: int, week) -> list:
    """Athletes on the guide's program from this week's Monday, with the week generated."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from programs.generation import assignments_in_week, generate_week
    from programs.models import Assignment, Program

    hashed = make_password(PASSWORD)  # once: each hash costs the full PBKDF2 work
    athletes = User.objects.bulk_create(
        User(username=f"bench{number:03d}", password=hashed) for number in range(count)
    )
    program = Program.objects.get(is_default=True)
    Assignment.objects.bulk_create(
        Assignment(athlete=athlete, program=program, start_date=week.monday) for athlete in athletes
    )
    generate_week(assignments=assignments_in_week(week), week=week)
    return athletes


def plan_ticks(*, athletes: list, week, total: int, rng: random.Random) -> list[PlannedTick]:
    """Every distinct UUID gets its own (prescription, set number); repeats come after
    the tick they repeat, with the same payload."""
    from programs.models import SessionPrescription
    from tracking.forms import MAX_SET_NUMBER

    by_athlete: dict[int, list] = {athlete.pk: [] for athlete in athletes}
    copies = (
        SessionPrescription.objects.filter(
            session__athlete__in=athletes, session__date__range=(week.monday, week.sunday)
        )
        .select_related("session")
        .order_by("session__athlete_id", "session__date", "order")
    )
    for copy in copies:
        by_athlete[copy.session.athlete_id].append(copy)

    # Athlete-major round robin, then set number, then exercise: ticks spread over all three.
    slots = []
    per_athlete = [
        [(copy, number) for number in range(1, MAX_SET_NUMBER + 1) for copy in by_athlete[a.pk]]
        for a in athletes
    ]
    for depth in range(max(len(s) for s in per_athlete)):
        for index, athlete_slots in enumerate(per_athlete):
            if depth < len(athlete_slots):
                slots.append((index, *athlete_slots[depth]))

    repeats = int(total * REPEAT_SHARE)
    distinct = total - repeats
    if distinct > len(slots):
        raise SystemExit(f"{distinct} distinct ticks need more than {len(slots)} slots")
    ticks = [
        PlannedTick(
            athlete=index,
            session_id=copy.session_id,
            prescription_id=copy.pk,
            exercise_id=copy.swapped_to_id or copy.exercise_id,
            per_leg=copy.per_leg,
            set_number=number,
            uuid=uuid_module.uuid4(),
            reps=rng.randint(3, 15),
            load=Decimal(rng.randrange(40, 400, 5)) / 2,
            rir=rng.randint(0, 4),
        )
        for index, copy, number in slots[:distinct]
    ]
    originals = rng.sample(range(distinct), repeats)
    for original in originals:
        tick = ticks[original]
        at = ticks.index(tick) + 1
        position = rng.randint(at, len(ticks))
        ticks.insert(position, replace(tick, repeat=True))
    return ticks


def run_threads(clients: int, work: list, send) -> Run:
    """`send(worker, item) -> Outcome` from `clients` threads over a shared queue."""
    pending: queue.SimpleQueue = queue.SimpleQueue()
    for item in work:
        pending.put(item)
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1, timeout=60)

    def client(worker: int) -> None:
        mine = []
        start.wait()
        while True:
            try:
                item = pending.get_nowait()
            except queue.Empty:
                break
            mine.append(send(worker, item))
        with lock:
            outcomes.extend(mine)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    wall = time.perf_counter() - began
    if any(thread.is_alive() for thread in threads):
        raise SystemExit(f"clients still running after {JOIN_TIMEOUT}s")
    return Run(outcomes, wall)


INSERT = """
    INSERT INTO tracking_setlog
        (uuid, prescription_id, exercise_id, set_number, reps, reps_left, reps_right,
         load_kg, rir, logged_at, note)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '')
    ON CONFLICT DO NOTHING
"""


def run_baseline(*, database_url: str, ticks: list[PlannedTick], clients: int) -> Run:
    """The same rows through one psycopg connection per client, one transaction each."""
    import psycopg

    connections = [
        psycopg.connect(**connect_kwargs(database_url), autocommit=True) for _ in range(clients)
    ]

    def send(worker: int, tick: PlannedTick) -> Outcome:
        reps, left, right = (
            (None, tick.reps, tick.reps) if tick.per_leg else (tick.reps, None, None)
        )
        values = (
            tick.uuid,
            tick.prescription_id,
            tick.exercise_id,
            tick.set_number,
            reps,
            left,
            right,
            tick.load,
            tick.rir,
            dt.datetime.now(dt.UTC),
        )
        began = time.perf_counter()
        connections[worker].execute(INSERT, values)
        return Outcome(tick.uuid, 200, time.perf_counter() - began)

    try:
        return run_threads(clients, ticks, send)
    finally:
        for conn in connections:
            conn.close()


def run_app(
    *, served: Served, athletes: list, ticks: list[PlannedTick], clients: int
) -> tuple[Run, CpuSample | None]:
    browsers = [Browser(served.port) for _ in athletes]
    session_of = {tick.athlete: tick.session_id for tick in ticks}

    def log_in(worker: int, index: int) -> Outcome:
        browsers[index].log_in(athletes[index].username, PASSWORD)
        # Open the session page as a phone would before ticking: warms the worker's templates.
        if index in session_of:
            browsers[index].request("GET", f"/sessions/{session_of[index]}/")
        return Outcome(uuid_module.UUID(int=0), 200, 0.0)

    run_threads(clients, list(range(len(athletes))), log_in)

    def send(worker: int, tick: PlannedTick) -> Outcome:
        browser = browsers[tick.athlete]
        headers = {"HX-Request": "true", "X-CSRFToken": browser.cookies["csrftoken"]}
        began = time.perf_counter()
        try:
            answer = browser.request(
                "POST", f"/sessions/{tick.session_id}/tick/", form=tick.form(), headers=headers
            )
        except OSError:
            return Outcome(tick.uuid, 0, time.perf_counter() - began)
        seconds = time.perf_counter() - began
        notice = ALREADY_LOGGED_TEXT.encode() in answer.body
        return Outcome(tick.uuid, answer.status, seconds, already_logged=notice)

    before = CpuSample.take(served.pid)
    run = run_threads(clients, ticks, send)
    after = CpuSample.take(served.pid)
    return run, (after - before if before and after else None)


def describe_cpu(cpu: CpuSample, run: Run) -> str:
    per_tick = {
        "gunicorn": cpu.server,
        "this client": cpu.client,
        "the rest (PostgreSQL, anything else running)": cpu.machine - cpu.server - cpu.client,
    }
    parts = ", ".join(
        f"{name} {1000 * s / len(run.outcomes):.1f} ms" for name, s in per_tick.items()
    )
    cores = os.cpu_count() or 1
    busy = cpu.machine / (run.wall_seconds * cores)
    return f"CPU per tick: {parts}; the machine's {cores} cores were {busy:.0%} busy"


def check_database(app: Run, ticks: list[PlannedTick]) -> tuple[bool, str]:
    """Nothing lost, nothing doubled: the rows are exactly the UUIDs answered with 200,
    each with the slot and values its tick sent."""
    from tracking.models import SetLog

    acknowledged = {outcome.uuid for outcome in app.outcomes if outcome.status == 200}
    planned = {t.uuid: (t.prescription_id, t.set_number, t.load, t.rir) for t in ticks}
    stored = {
        row[0]: row[1:]
        for row in SetLog.objects.values_list(
            "uuid", "prescription_id", "set_number", "load_kg", "rir"
        )
    }
    lost = acknowledged - stored.keys()
    unacknowledged = stored.keys() - acknowledged
    altered = [uuid for uuid, values in stored.items() if planned.get(uuid) != values]
    ok = len(stored) == len(acknowledged) and not (lost or unacknowledged or altered)
    message = (
        f"{len(stored)} SetLog rows for {len(acknowledged)} distinct UUIDs acknowledged with 200"
    )
    if lost:
        message += f"; {len(lost)} acknowledged but missing"
    if unacknowledged:
        message += f"; {len(unacknowledged)} stored but never acknowledged"
    if altered:
        message += f"; {len(altered)} stored with other values than their tick sent"
    return ok, message


def main() -> int:
    args = parse_args()
    database_url = bench_database_url(BENCH_DATABASE)
    recreate_database(database_url)
    with tempfile.TemporaryDirectory(prefix="legplanner-static-") as static_root:
        env = production_env(database_url=database_url, static_root=Path(static_root))
        return bench(args, env=env, database_url=database_url)


def bench(args: argparse.Namespace, *, env: dict[str, str], database_url: str) -> int:
    setup_django(env)
    migrate_and_collectstatic()

    from django.db import connection
    from django.utils import timezone

    from programs.weeks import IsoWeek

    week = IsoWeek.of(timezone.now().date())
    distinct = args.ticks - int(args.ticks * REPEAT_SHARE)
    count = max(args.athletes, math.ceil(distinct / slots_per_athlete()))
    athletes = create_athletes(count, week)
    ticks = plan_ticks(athletes=athletes, week=week, total=args.ticks, rng=random.Random(args.seed))
    connection.close()

    repeats = sum(tick.repeat for tick in ticks)
    print(
        f"Legplanner tick benchmark, {dt.date.today()}: {len(ticks)} ticks "
        f"({len(ticks) - repeats} distinct, {repeats} repeats), {args.clients} clients, "
        f"{count} athletes, week {week}; gunicorn {args.workers} sync workers "
        f"x {args.threads} thread(s), PostgreSQL database {BENCH_DATABASE}"
    )

    baseline = run_baseline(database_url=database_url, ticks=ticks, clients=args.clients)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM tracking_setlog")
        (baseline_rows,) = cursor.fetchone()
        # The app's run starts from the same empty table; the check below counts only its rows.
        cursor.execute("TRUNCATE tracking_setlog")
    connection.close()
    if baseline_rows != len(ticks) - repeats:
        print(f"baseline wrote {baseline_rows} rows, expected {len(ticks) - repeats}")
        return 1

    with gunicorn(env=env, workers=args.workers, threads=args.threads) as served:
        app, cpu = run_app(served=served, athletes=athletes, ticks=ticks, clients=args.clients)

    failed = [outcome for outcome in app.outcomes if outcome.status != 200]
    notices = sum(o.already_logged for o in app.outcomes)
    print(f"bare INSERT : {baseline.describe()}")
    print(f"app tick    : {app.describe()}")
    print(f"non-200 answers: {len(failed)}", end="")
    if failed:
        statuses = sorted({o.status for o in failed})
        print(f" (statuses {', '.join(map(str, statuses))}; 0 = no answer)", end="")
    print(f"; 'already logged' notices: {notices} (expected 0: each UUID has its own set number)")
    print(
        f"tick throughput is {app.rate / baseline.rate:.2f}x a bare INSERT; "
        f"p50 latency {app.latency_ms(0.5) / baseline.latency_ms(0.5):.1f}x, "
        f"p95 {app.latency_ms(0.95) / baseline.latency_ms(0.95):.1f}x"
    )
    if cpu:
        print(describe_cpu(cpu, app))
    met = app.rate >= AIM_RATE and app.latency_ms(0.95) < AIM_P95_MS
    print(
        f"aim (>= {AIM_RATE} ticks/s, p95 < {AIM_P95_MS} ms on this machine): "
        f"{'met' if met else 'not met'} (reported, not asserted)"
    )

    ok, message = check_database(app, ticks)
    print(f"check: {message}: {'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
