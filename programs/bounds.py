"""What the app calls possible: the range limits of the plan and of what was done.

Defined once, here, and read by the models' constraints, the forms, the importers and the
pages alike, so that no copy can allow what the database refuses (a JSON import once
stored 900 sets, and a page then drew 900 rows).
"""

import datetime as dt

MAX_SETS = 20  # sets in one slot; also the highest set number a set log can carry
MAX_REPS = 100
MAX_SLOT_ORDER = 50  # slots in one day template
MAX_REST_SECONDS = 900

# Dates a person can mean. The database refuses anything outside the fixed window (a CHECK
# cannot read today's date); forms and importers also refuse dates more than a year
# ahead, which is what latest_date() gives. 9999-12-31 is the date that broke reading:
# moved to a time zone west of UTC it overflows.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_STORED_DATE = dt.date(2199, 12, 31)
DAYS_AHEAD = 366


def latest_date(*, today: dt.date) -> dt.date:
    """The last date a form, an import or a week page accepts: about a year ahead."""
    return today + dt.timedelta(days=DAYS_AHEAD)


def date_in_bounds(day: dt.date, *, today: dt.date) -> bool:
    return EARLIEST_DATE <= day <= latest_date(today=today)
