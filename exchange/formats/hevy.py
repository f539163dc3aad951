"""Hevy's CSV export: one row per set, a workout's start and end time on each, the set's
index from 0, loads in the unit its weight column names."""

import datetime as dt

from exchange.parsing import (
    HEVY,
    SKIPPED_WARM_UP,
    CsvFormat,
    memo_cell,
    read_date,
    read_whole,
)


def _order(cell, *, line: int, memo: dict) -> int | None | str:
    if cell("set_type").strip().casefold() in ("warmup", "warm-up", "warm up"):
        return SKIPPED_WARM_UP
    index = memo_cell(memo, read_whole, cell("order").strip(), column="set index", line=line)
    return None if index is None else index + 1


def _duration(cell, *, started: dt.datetime, line: int, today: dt.date, memo: dict):
    if not cell("end").strip():
        return None
    ended = memo_cell(memo, read_date, cell("end"), format_=HEVY_CSV, line=line, today=today)
    return ended - started if ended >= started else None


HEVY_CSV = CsvFormat(
    name=HEVY,
    required={
        "workout": ["title"],
        "date": ["start_time"],
        "exercise": ["exercise_title"],
        "weight": ["weight_kg", "weight_lbs"],
        "reps": ["reps"],
    },
    optional={
        "end": ["end_time"],
        "order": ["set_index"],
        "set_type": ["set_type"],
        "distance": ["distance_km", "distance_miles"],
        "seconds": ["duration_seconds"],
        "note": ["exercise_notes"],
        "rpe": ["rpe"],
    },
    dates=["%d %b %Y, %H:%M", "%d %b %Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"],
    date_example="5 Mar 2024, 18:30",
    order=_order,
    duration=_duration,
    weight_units={"weight_kg": "kg", "weight_lbs": "lb"},
)
