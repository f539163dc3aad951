"""A history as an import makes it, for the tests that need a long one.

Imported sessions differ from generated ones (one session per workout date, the
prescriptions copied per workout), so the pages' reads are tried on both.
"""

import datetime as dt

from demo.samples import strong_csv
from exchange.formats import parse_file
from exchange.importing import import_history

SETS_PER_WEEK = 13  # strong_csv's two workouts: 4 + 3 sets, then 3 + 3


def import_strong(athlete, *, weeks: int, before: dt.date) -> int:
    """``weeks`` of a Strong export ending the week before ``before``, imported with the
    preview's defaults; the number of sets written."""
    content = strong_csv(first=before - dt.timedelta(weeks=weeks), weeks=weeks).encode()
    result = import_history(athlete=athlete, parsed=parse_file(content), unit="kg", choices={})
    return result.sets_created
