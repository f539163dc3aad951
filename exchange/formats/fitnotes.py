"""FitNotes' CSV export: a day and no time, no workout name (a day is a workout), loads
in the unit its weight column names (Weight (kgs)) or, in the current layout, in the
unit each row gives (Weight,Weight Unit with kgs or lbs)."""

from exchange.parsing import FITNOTES, CsvFormat, unit_per_row


def _in_file_order(cell, *, line: int, memo: dict) -> None:
    return None


def _day(raw_date: str, workout_name: str) -> str:
    return raw_date


_OPTIONAL = {"distance": ["Distance"], "seconds": ["Time"], "note": ["Comment"]}

FITNOTES_CSV = CsvFormat(
    name=FITNOTES,
    required={
        "date": ["Date"],
        "exercise": ["Exercise"],
        "weight": ["Weight (kgs)", "Weight (kg)", "Weight (lbs)", "Weight (lb)"],
        "reps": ["Reps"],
    },
    optional=_OPTIONAL,
    dates=["%Y-%m-%d"],
    date_example="2024-03-05",
    order=_in_file_order,
    day_only=True,
    workout_key=_day,
    weight_units={
        "Weight (kgs)": "kg",
        "Weight (kg)": "kg",
        "Weight (lbs)": "lb",
        "Weight (lb)": "lb",
    },
)
FITNOTES_UNIT_PER_ROW_CSV = CsvFormat(
    name=FITNOTES,
    required={
        "date": ["Date"],
        "exercise": ["Exercise"],
        "weight": ["Weight"],
        "weight_unit": ["Weight Unit"],
        "reps": ["Reps"],
    },
    optional=_OPTIONAL,
    dates=["%Y-%m-%d"],
    date_example="2024-03-05",
    order=_in_file_order,
    unit=unit_per_row,
    day_only=True,
    workout_key=_day,
)
