"""FitNotes' CSV export: a day and no time, no workout name (a day is a workout), loads
in the unit its weight column names (Weight (kgs)) or, in the current layout, in the
unit each row gives (Weight,Weight Unit with kgs or lbs)."""

from exchange.parsing import FITNOTES, CsvFormat, unit_per_row


def _in_file_order(cell, *, line: int, memo: dict) -> None:
    return None


def _day(raw_date: str, workout_name: str) -> str:
    return raw_date


_WEIGHT_UNITS = {
    "Weight (kgs)": "kg",
    "Weight (kg)": "kg",
    "Weight (lbs)": "lb",
    "Weight (lb)": "lb",
}
# What both layouts share: a day and no time, and the file's order within it.
_DAYS = {
    "name": FITNOTES,
    "optional": {"distance": ["Distance"], "seconds": ["Time"], "note": ["Comment"]},
    "dates": ["%Y-%m-%d"],
    "date_example": "2024-03-05",
    "order": _in_file_order,
    "day_only": True,
    "workout_key": _day,
}
_ROLES = {"date": ["Date"], "exercise": ["Exercise"], "reps": ["Reps"]}

FITNOTES_CSV = CsvFormat(
    required={**_ROLES, "weight": list(_WEIGHT_UNITS)}, weight_units=_WEIGHT_UNITS, **_DAYS
)
FITNOTES_UNIT_PER_ROW_CSV = CsvFormat(
    required={**_ROLES, "weight": ["Weight"], "weight_unit": ["Weight Unit"]},
    unit=unit_per_row,
    **_DAYS,
)
