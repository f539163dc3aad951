import datetime as dt

import pytest

from programs.bounds import EARLIEST_DATE, LATEST_STORED_DATE, date_in_bounds, latest_date

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("day", "accepted"),
    [
        (dt.date(1899, 12, 31), False),
        (EARLIEST_DATE, True),
        (TODAY, True),
        (latest_date(today=TODAY), True),
        (latest_date(today=TODAY) + dt.timedelta(days=1), False),
        (dt.date(9999, 12, 31), False),
    ],
)
def test_dates_from_1900_to_a_year_ahead(day, accepted):
    assert date_in_bounds(day, today=TODAY) is accepted


def test_a_year_ahead_stays_inside_what_the_database_stores():
    assert latest_date(today=TODAY) < LATEST_STORED_DATE
