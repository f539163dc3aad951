"""The file formats we read, one module each, and the one place that tells them apart.

A CSV format is a `CsvFormat` (exchange.parsing): its columns, its dates, and hooks for
what it writes its own way; `exchange.parsing.read_row` validates every row of every
format with the same bounds and messages. Our JSON has its own reader.
"""

import datetime as dt
import unicodedata

from exchange.formats.fitnotes import FITNOTES_CSV, FITNOTES_UNIT_PER_ROW_CSV
from exchange.formats.hevy import HEVY_CSV
from exchange.formats.legplanner_json import parse_legplanner_json
from exchange.formats.strong import STRONG_CSV, STRONG_LEGACY_CSV
from exchange.parsing import (
    MAX_NAMES,
    TOO_MANY_NAMES_MESSAGE,
    UNKNOWN_FORMAT_MESSAGE,
    ImportRefused,
    Layout,
    ParsedFile,
    decode,
    parse_csv,
)

# In the order they are tried: the older Strong layout has every column of the current
# one, and more.
CSV_FORMATS = [STRONG_LEGACY_CSV, STRONG_CSV, HEVY_CSV, FITNOTES_UNIT_PER_ROW_CSV, FITNOTES_CSV]


def header_name(name: str) -> str:
    """A column's name as the formats spell it: an accent may come composed or not."""
    return unicodedata.normalize("NFC", name.strip())


def detect_layout(header: list[str]) -> Layout:
    """The first format whose every required role has a column in ``header``."""
    present = {header_name(name) for name in header}
    for format_ in CSV_FORMATS:
        columns = {}
        for role, candidates in {**format_.required, **format_.optional}.items():
            found = next((name for name in candidates if name in present), None)
            if found:
                columns[role] = found
        if all(role in columns for role in format_.required):
            return Layout(format_, columns, format_.weight_units.get(columns["weight"]))
    raise ImportRefused(UNKNOWN_FORMAT_MESSAGE)


def parse_file(content: bytes, *, today: dt.date | None = None) -> ParsedFile:
    """The file's sessions, whichever format it is in; refused with the reason otherwise.

    ``today`` bounds the dates (a year ahead at most); it defaults to the machine's date.
    """
    text = decode(content)
    today = today or dt.date.today()
    if text.lstrip().startswith("{"):
        parsed = parse_legplanner_json(text, today=today)
    else:
        parsed = parse_csv(text, today=today, recognise=detect_layout)
    if len(parsed.exercise_names()) > MAX_NAMES:
        raise ImportRefused(TOO_MANY_NAMES_MESSAGE.format(limit=f"{MAX_NAMES:,}"))
    return parsed
