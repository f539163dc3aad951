"""Hevy's CSV export: one row per set, a workout's start and end time on each, the set's
index from 0, loads in the unit its weight column names."""

import re
import unicodedata

from django.utils.translation import pgettext_lazy

from exchange.parsing import (
    HEVY,
    SKIPPED_WARM_UP,
    CsvFormat,
    memo_cell,
    read_whole,
)

# Month names and abbreviations as Hevy writes them on a phone in English, French, German,
# Spanish, Portuguese or Italian, lower case and without accents, by month.
_MONTHS = [
    "jan january janv janvier januar janner ene enero janeiro gen gennaio",
    "feb february fev fevr fevrier februar febrero fevereiro febbraio",
    "mar march mars marz maerz marzo marco",
    "apr april avr avril abr abril aprile",
    "may mai mayo maio mag maggio",
    "jun june juin juni junio junho giu giugno",
    "jul july juil juillet juli julio julho lug luglio",
    "aug august aout ago agosto",
    "sep sept september septembre septiembre setiembre set setembro settembre",
    "oct october octobre okt oktober octubre out outubro ott ottobre",
    "nov november novembre noviembre novembro",
    "dec december dez dezember dic diciembre dezembro dicembre",
]
_MONTH_NUMBER = {name: number for number, names in enumerate(_MONTHS, 1) for name in names.split()}
_ENGLISH = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# "5 Mai 2026, 07:34", "5 de mai. de 2026 07:34", "5. März 2026, 07:34"
_LOCAL_DATE = re.compile(
    r"^(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4}),?\s+(?:à\s+|um\s+|às\s+|alle\s+)?(.+)$"
)


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


def english_months(raw: str) -> str:
    """A date with its month in one of the phone's languages, as Hevy's English export
    writes it ("5 Mai 2026, 07:34" → "5 May 2026, 07:34"); any other text as it is."""
    match = _LOCAL_DATE.match(raw)
    if not match:
        return raw
    day, month, year, time = match.groups()
    number = _MONTH_NUMBER.get(_plain(month))
    if number is None:
        return raw
    return f"{day} {_ENGLISH[number]} {year}, {time}"


def _order(cell, *, line: int, memo: dict) -> int | None | str:
    if cell("set_type").strip().casefold() in ("warmup", "warm-up", "warm up"):
        return SKIPPED_WARM_UP
    index = memo_cell(
        memo,
        read_whole,
        cell("order").strip(),
        column=pgettext_lazy("import column", "set index"),
        line=line,
    )
    return None if index is None else index + 1


def _failed(cell) -> bool:
    return cell("set_type").strip().casefold() == "failure"


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
    failed=_failed,
    weight_units={"weight_kg": "kg", "weight_lbs": "lb"},
    normalise_date=english_months,
)
