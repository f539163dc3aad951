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


# ---------------------------------------------------------------------------------------
# The other layouts people's exports come in (issue 15), each made from the same workouts.

STRONG_SEMICOLON_HEADER = (
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    '"Weight ({weight})";"Reps";"RPE";"Distance ({distance})";"Seconds";"Notes";"Workout Notes"'
)
STRONG_OLDEST_HEADER = (
    "Date,Workout Name,Exercise Name,Set Order,{weight},Reps,{distance},Seconds,Notes"
)
FITNOTES_UNIT_PER_ROW_HEADER = (
    "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"
)
# Strong's header in French, as a French export writes it.
STRONG_FRENCH_HEADER = (
    "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Répétitions,"
    "Distance,Secondes,Notes,Notes d'entraînement,RPE"
)
# Hevy's months in the phone's language: (English, French, German, Spanish, Portuguese,
# Italian) abbreviations, as a phone set to each writes them.
HEVY_MONTHS = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
           "Nov.", "Dez."],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
    "pt": ["jan", "fev", "mar", "abr", "Mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
    "it": ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
}  # fmt: skip


def _pounds(kg: Decimal) -> Decimal:
    return (kg / Decimal("0.45359237")).quantize(Decimal("0.1"))


def strong_semicolon_csv(
    *, first: dt.date = dt.date(2025, 3, 3), weeks: int = 2, unit: str = "kg"
) -> str:
    """Strong's semicolon export: every cell quoted, the units in the column names, set
    orders as words (a warm-up, then a failure set and a drop set at the end)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    weight, distance = ("kg", "meters") if unit == "kg" else ("lbs", "miles")
    out.write(STRONG_SEMICOLON_HEADER.format(weight=weight, distance=distance) + "\n")
    for number, (start, name, sets) in enumerate(strong_workouts(first=first, weeks=weeks), 1):
        common = [number, start.strftime("%Y-%m-%d %H:%M:%S"), name, 3600]
        writer.writerow([*common, sets[0][0], "WARM_UP", 20, 10, "", 0, 0, "", ""])
        for index, (exercise, order, kg, reps, rpe) in enumerate(sets):
            load = kg if unit == "kg" else _pounds(kg)
            kind = {len(sets) - 2: "DROP_SET", len(sets) - 1: "FAILURE"}.get(index, order)
            writer.writerow([*common, exercise, kind, load, reps, rpe, 0, 0, "", ""])
    return out.getvalue()


def strong_french_csv(*, first: dt.date = dt.date(2025, 9, 1), weeks: int = 2) -> str:
    """Strong's current layout with the French header; decimal commas, quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write(STRONG_FRENCH_HEADER + "\n")
    for start, name, sets in strong_workouts(first=first, weeks=weeks):
        common = [start.strftime("%Y-%m-%d %H:%M:%S"), name, "1h 0m"]
        for exercise, order, kg, reps, rpe in sets:
            writer.writerow([*common, exercise, order, str(kg).replace(".", ","), reps, 0, 0,
                             "", "", rpe])  # fmt: skip
    return out.getvalue()


def strong_oldest_csv(
    *, first: dt.date = dt.date(2016, 2, 1), weeks: int = 2, unit: str = "kg"
) -> str:
    """Strong's oldest layout: no duration, the units as the weight and distance columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    weight, distance = ("kg", "km") if unit == "kg" else ("lbs", "mi")
    out.write(STRONG_OLDEST_HEADER.format(weight=weight, distance=distance) + "\n")
    for start, name, sets in strong_workouts(first=first, weeks=weeks):
        for exercise, order, kg, reps, _rpe in sets:
            load = kg if unit == "kg" else _pounds(kg)
            writer.writerow([start.strftime("%Y-%m-%d %H:%M:%S"), name, exercise, order, load,
                             reps, 0, 0, ""])  # fmt: skip
    return out.getvalue()


def fitnotes_unit_per_row_csv(*, first: dt.date = dt.date(2024, 4, 29), weeks: int = 2) -> str:
    """FitNotes' current layout: the unit on each row (kgs the first week, lbs the next),
    and a cardio row with a duration written 0:09:21."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write(FITNOTES_UNIT_PER_ROW_HEADER + "\n")
    for number, (start, _name, sets) in enumerate(strong_workouts(first=first, weeks=weeks)):
        pounds = number >= 2
        for exercise, _order, kg, reps, _rpe in sets:
            load, unit = (_pounds(kg), "lbs") if pounds else (kg, "kgs")
            writer.writerow([start.date().isoformat(), exercise, "Legs", load, unit, reps, "",
                             "", "", ""])  # fmt: skip
        writer.writerow([start.date().isoformat(), "Stationary Bike", "Cardio", "", "", "",
                         "3.2", "km", "0:09:21", ""])  # fmt: skip
    return out.getvalue()


def hevy_local_csv(*, language: str, first: dt.date = dt.date(2026, 4, 27), weeks: int = 2) -> str:
    """Hevy's export from a phone in another language: its months in that language."""
    text = hevy_csv(first=first, weeks=weeks)
    months = HEVY_MONTHS[language]
    for english, local in zip(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        months,
        strict=True,
    ):
        text = text.replace(f" {english} ", f" {local} ")
    return text


# Every kind of bad row, and rows that are no strength set, among good ones: (line's cell
# changes, the reason the preview groups it under). Strong's current layout, in kg.
BAD_ROWS = [
    ({"Reps": "101"}, "reps over 100"),
    ({"Reps": "101"}, "reps over 100"),
    ({"Reps": ""}, "reps empty"),
    ({"Set Order": "²"}, "set order not a whole number"),
    ({"Reps": "²"}, "reps not a whole number"),
    ({"Weight": "heavy"}, "weight not a number"),
    ({"Weight": "1e23"}, "weight not a number"),
    ({"RPE": "11"}, "RPE over 10"),
    ({"Date": "05/03/2024 18:00:00"}, "dates we do not read (such as 2024-03-05 18:30:00)"),
    ({"Exercise Name": ""}, "exercise name empty"),
]
NOT_SETS = [
    # A cardio row with its time, a distance-only row, a row with neither reps nor load.
    {"Exercise Name": "Treadmill", "Weight": "0", "Reps": "0", "Seconds": "0:09:21"},
    {"Exercise Name": "Sled Push", "Weight": "", "Reps": "", "Distance": "40"},
    {"Exercise Name": "Plank", "Weight": "", "Reps": "", "Seconds": ""},
]


def strong_csv_with_bad_rows(*, first: dt.date = dt.date(2024, 1, 1), weeks: int = 2) -> str:
    """Strong's current layout with every kind of bad row after the good ones, and a row of
    the wrong number of fields."""
    good = strong_csv(first=first, weeks=weeks, extras=False).splitlines()
    names = STRONG_HEADER.split(",")
    day = f"{first + dt.timedelta(weeks=weeks):%Y-%m-%d} 18:00:00"
    base = dict(zip(names, [day, "Legs", "1h 0m", "Squat (Barbell)", "1", "100", "5", "0",
                            "0", "", "", "8"], strict=True))  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for order, (changes, _reason) in enumerate(BAD_ROWS, 1):
        writer.writerow({**base, "Set Order": str(order), **changes}.values())
    for changes in NOT_SETS:
        writer.writerow({**base, **changes}.values())
    return "\n".join(good) + "\n" + out.getvalue() + f"{day},Legs\n"
