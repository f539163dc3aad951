"""Strong's CSV export, in its two layouts: the current one (Date,Workout Name,Duration,…,
loads in a unit the file does not say) and the older one with a Weight Unit column
(semicolons and decimal commas in some locales)."""

import datetime as dt
import re

from exchange.parsing import (
    BAD_UNIT_MESSAGE,
    BAD_WHOLE_MESSAGE,
    MAX_DURATION,
    SKIPPED_REST,
    SKIPPED_WARM_UP,
    STRONG,
    STRONG_LEGACY,
    CsvFormat,
    ImportRefused,
    memo_cell,
)
from programs.numbers import parse_whole_number

_ROLES = {
    "date": ["Date"],
    "workout": ["Workout Name"],
    "exercise": ["Exercise Name"],
    "order": ["Set Order"],
    "weight": ["Weight"],
    "reps": ["Reps"],
}
_DATES = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d"]
_DATE_EXAMPLE = "2024-03-05 18:30:00"
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def _order(cell, *, line: int, memo: dict) -> int | None | str:
    """Set Order: a number, D (drop set) or F (failure); W is a warm-up, and Strong
    writes its rest timers as rows too."""
    raw = cell("order").strip()
    if raw.casefold() == "rest timer":
        return SKIPPED_REST
    if raw.upper() == "W":
        return SKIPPED_WARM_UP
    order = parse_whole_number(raw)
    if order is None and raw.upper() not in ("D", "F", ""):
        raise ImportRefused(BAD_WHOLE_MESSAGE.format(line=line, column="set order", value=raw))
    return order


def duration(raw: str) -> dt.timedelta | None:
    """Strong writes "1h 5m", "45m" or "50s"; a bare number is seconds. Unreadable or
    longer than a day: None, since the duration only spreads the sets' times over the
    workout."""
    value = raw.strip()
    if not value:
        return None
    seconds = parse_whole_number(value)
    if seconds is not None:
        span = dt.timedelta(seconds=min(seconds, MAX_DURATION.total_seconds() + 1))
    else:
        match = _DURATION.match(value)
        if not match or not any(match.groups()):
            return None
        parts = [parse_whole_number(part or "0", max_digits=6) for part in match.groups()]
        if None in parts:
            return None
        hours, minutes, seconds = parts
        span = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return span if span <= MAX_DURATION else None


def _duration(cell, *, started: dt.datetime, line: int, today: dt.date, memo: dict):
    return memo_cell(memo, duration, cell("duration"))


def _legacy_unit(cell, *, header_unit: str | None, load, line: int) -> str:
    """The older layout says each row's unit; a row with no load may leave it blank."""
    raw = cell("weight_unit").strip().casefold()
    if raw in ("kg", "kgs"):
        return "kg"
    if raw in ("lb", "lbs"):
        return "lb"
    if raw == "" and load == 0:
        return "kg"
    raise ImportRefused(BAD_UNIT_MESSAGE.format(line=line, value=cell("weight_unit")))


_OPTIONAL = {
    "distance": ["Distance"],
    "seconds": ["Seconds"],
    "note": ["Notes"],
    "rpe": ["RPE"],
}

STRONG_CSV = CsvFormat(
    name=STRONG,
    required=_ROLES,
    optional={"duration": ["Duration"], **_OPTIONAL},
    dates=_DATES,
    date_example=_DATE_EXAMPLE,
    order=_order,
    duration=_duration,
    asks_unit=True,
)
STRONG_LEGACY_CSV = CsvFormat(
    name=STRONG_LEGACY,
    required={**_ROLES, "weight_unit": ["Weight Unit"]},
    optional={"duration": ["Workout Duration", "Duration"], **_OPTIONAL},
    dates=_DATES,
    date_example=_DATE_EXAMPLE,
    order=_order,
    unit=_legacy_unit,
    duration=_duration,
)
