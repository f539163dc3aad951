"""Made-up history files in the other apps' layouts, for the tests and the benchmark.

No real person's data: a lifter who trains twice a week, Strong's names for the guide's
exercises, loads that climb slowly, a warm-up and a rest timer row now and then.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE"
)
STRONG_LEGACY_HEADER = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration"
)
HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,{weight},reps,distance_km,duration_seconds,rpe"
)
FITNOTES_HEADER = "Date,Exercise,Category,{weight},Reps,Distance,Distance Unit,Time,Comment"

# Day A and day B, as Strong names the exercises: (name, sets, reps, start kg, step kg).
DAY_A = [
    ("Squat (Barbell)", 4, 6, Decimal("60"), Decimal("2.5")),
    ("Romanian Deadlift (Barbell)", 3, 8, Decimal("50"), Decimal("2.5")),
]
DAY_B = [
    ("Leg Extension (Machine)", 3, 12, Decimal("30"), Decimal("5")),
    ("Lying Leg Curl (Machine)", 3, 12, Decimal("25"), Decimal("5")),
]


def strong_workouts(*, first: dt.date, weeks: int):
    """(start, name, [(exercise, set order, kg, reps, rpe)]) twice a week, Monday and
    Thursday at 18:00; loads rise one step every four weeks."""
    for week in range(weeks):
        for offset, name, day in ((0, "Legs A", DAY_A), (3, "Legs B", DAY_B)):
            start = dt.datetime.combine(first + dt.timedelta(weeks=week, days=offset), dt.time(18))
            sets = []
            for exercise, count, reps, load, step in day:
                kg = load + step * (week // 4)
                sets.extend(
                    (exercise, number, kg, reps - (number == count), 8 + (number == count))
                    for number in range(1, count + 1)
                )
            yield start, name, sets


def strong_csv(*, first: dt.date = dt.date(2024, 1, 1), weeks: int = 4, extras: bool = True) -> str:
    """Strong's current comma layout (weights in kg); with extras, each workout starts with a
    warm-up set and ends with a rest timer row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write(STRONG_HEADER + "\n")
    for start, name, sets in strong_workouts(first=first, weeks=weeks):
        date = start.strftime("%Y-%m-%d %H:%M:%S")
        common = [date, name, "1h 0m"]
        if extras:
            writer.writerow([*common, sets[0][0], "W", "20", "10", "0", "0", "", "", ""])
        for exercise, number, kg, reps, rpe in sets:
            writer.writerow([*common, exercise, number, kg, reps, "0", "0", "", "", rpe])
        if extras:
            writer.writerow([*common, sets[-1][0], "Rest Timer", "0", "0", "0", "90", "", "", ""])
    return out.getvalue()


def strong_legacy_csv(*, first: dt.date = dt.date(2019, 1, 7), weeks: int = 2) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write(STRONG_LEGACY_HEADER + "\n")
    for start, name, sets in strong_workouts(first=first, weeks=weeks):
        date = start.strftime("%Y-%m-%d %H:%M:%S")
        for exercise, number, kg, reps, rpe in sets:
            pounds = (kg / Decimal("0.45359237")).quantize(Decimal("0.1"))
            writer.writerow(
                [date, name, exercise, number, str(pounds).replace(".", ","), "lbs", reps,
                 rpe, "", "", "0", "", "", "1h"]
            )  # fmt: skip
    return out.getvalue()


def hevy_csv(*, first: dt.date = dt.date(2023, 5, 1), weeks: int = 2, unit: str = "kg") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write(HEVY_HEADER.format(weight="weight_kg" if unit == "kg" else "weight_lbs") + "\n")
    for start, name, sets in strong_workouts(first=first, weeks=weeks):
        begins = start.strftime("%d %b %Y, %H:%M")
        ends = (start + dt.timedelta(hours=1)).strftime("%d %b %Y, %H:%M")
        common = [name, begins, ends, ""]
        writer.writerow([*common, sets[0][0], "", "", 0, "warmup", 20, 10, "", "", ""])
        for exercise, number, kg, reps, rpe in sets:
            load = kg if unit == "kg" else (kg / Decimal("0.45359237")).quantize(Decimal("0.01"))
            writer.writerow([*common, exercise, "", "", number, "normal", load, reps, "", "", rpe])
    return out.getvalue()


def fitnotes_csv(*, first: dt.date = dt.date(2022, 3, 7), weeks: int = 2, unit: str = "kg") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write(FITNOTES_HEADER.format(weight="Weight (kgs)" if unit == "kg" else "Weight (lbs)"))
    out.write("\n")
    for start, _name, sets in strong_workouts(first=first, weeks=weeks):
        for exercise, _number, kg, reps, _rpe in sets:
            load = kg if unit == "kg" else (kg / Decimal("0.45359237")).quantize(Decimal("0.01"))
            writer.writerow(
                [start.date().isoformat(), exercise, "Legs", load, reps, "", "", "", ""]
            )
    return out.getvalue()


def strong_csv_up_to(*, max_bytes: int, last: dt.date) -> str:
    """The largest Strong file under ``max_bytes``: a workout of both days' exercises every
    day, back from ``last`` (the benchmark's worst case that the date bounds allow)."""
    lines, size, day = [], len(STRONG_HEADER) + 1, last
    while True:
        start = dt.datetime.combine(day, dt.time(18))
        name = "Legs"
        workout = []
        for exercise, count, reps, load, step in (*DAY_A, *DAY_B):
            kg = load + step * (day.toordinal() % 40)
            workout.extend(
                f"{start:%Y-%m-%d %H:%M:%S},{name},1h 30m,{exercise},{number},{kg},{reps},0,0,,,8\n"
                for number in range(1, count + 1)
            )
        added = sum(len(line) for line in workout)
        if size + added > max_bytes:
            break
        lines.append("".join(workout))
        size += added
        day -= dt.timedelta(days=1)
    return STRONG_HEADER + "\n" + "".join(reversed(lines))


TEN_YEARS_WEEKS = 52 * 10
