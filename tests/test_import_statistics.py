"""After a big import, the planner knows the tables as they are (exchange.writing.analyse)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exchange.writing import ANALYSED_FROM
from tests.imported import SETS_PER_WEEK, import_strong

MONDAY = dt.date(2026, 11, 23)


def _analysed_while(do) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        written = do()
    return written, [q["sql"] for q in captured.captured_queries if q["sql"].startswith("ANALYZE")]


@pytest.mark.parametrize("weeks", [ANALYSED_FROM // SETS_PER_WEEK + 1, 2], ids=["big", "small"])
def test_a_big_import_leaves_the_planner_the_tables_as_they_are(athlete, weeks):
    written, analyses = _analysed_while(lambda: import_strong(athlete, weeks=weeks, before=MONDAY))
    if connection.vendor != "postgresql" or written < ANALYSED_FROM:
        # SQLite is left without statistics, as apps leave it; a small import leaves
        # them to autovacuum.
        assert analyses == []
        return
    assert analyses == [
        'ANALYZE "programs_session", "programs_sessionprescription", "tracking_setlog"'
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'tracking_setlog'")
        # Counted in the import's transaction, whose own rows are live to it.
        assert cursor.fetchone()[0] >= written
