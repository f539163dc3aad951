"""A set's time is its workout's start plus its order in the workout, never past the
workout's day: Strong's durations ("48h 40m", a workout left open) once pushed sets, and
the sessions a re-import of our own export made, onto later days (issue 15, point 8)."""

import datetime as dt
from collections import Counter

import pytest

from demo import samples
from exchange.exporting import strong_csv
from exchange.formats import parse_file
from exchange.importing import import_history
from programs.models import Session
from tracking.models import SetLog

TODAY = dt.date(2024, 3, 1)
EXERCISES = ("Squat (Barbell)", "Leg Extension (Machine)", "Lying Leg Curl (Machine)")


def late_workout(*, start: str = "2024-01-03 23:40:00", duration: str = "48h 40m") -> str:
    """A workout started late, of 3 exercises × 10 sets, that Strong says lasted two days."""
    rows = [
        f"{start},Late legs,{duration},{name},{number},60,8,0,0,,,8"
        for name in EXERCISES
        for number in range(1, 11)
    ]
    return "\n".join([samples.STRONG_HEADER, *rows]) + "\n"


def test_sets_follow_the_workouts_start_one_minute_apart_whatever_its_duration():
    parsed = parse_file(late_workout(start="2024-01-03 18:00:00").encode(), today=TODAY)
    (session,) = parsed.sessions
    times = [logged.logged_at for _, logged in parsed.all_sets()]
    assert times[0] == dt.datetime(2024, 1, 3, 18)
    assert times[-1] == dt.datetime(2024, 1, 3, 18, 29)
    assert times == sorted(times)


@pytest.mark.parametrize("duration", ["48h 40m", "1h 0m", "", "9" * 30])
def test_a_late_workout_keeps_every_set_on_its_day(duration):
    parsed = parse_file(late_workout(duration=duration).encode(), today=TODAY)
    (session,) = parsed.sessions
    times = [logged.logged_at for _, logged in parsed.all_sets()]
    assert session.date == dt.date(2024, 1, 3)
    assert {moment.date() for moment in times} == {dt.date(2024, 1, 3)}
    assert max(times) == dt.datetime(2024, 1, 3, 23, 59, 59)


def test_imported_late_sets_are_logged_on_the_sessions_day_in_the_athletes_zone(athlete):
    import_history(
        athlete=athlete,
        parsed=parse_file(late_workout().encode(), today=TODAY),
        unit="kg",
        choices={},
    )
    (session,) = Session.objects.filter(athlete=athlete)
    logged = SetLog.objects.filter(prescription__session=session)
    assert session.date == dt.date(2024, 1, 3)
    assert {s.logged_at.astimezone(athlete.zone).date() for s in logged} == {session.date}


def _history(athlete) -> tuple[Counter, int]:
    """Each session date with its number of sets, and the number of sets."""
    sets = SetLog.objects.filter(prescription__session__athlete=athlete)
    by_date = Counter(sets.values_list("prescription__session__date", flat=True))
    return by_date, sets.count()


def test_our_strong_export_imported_into_a_new_account_lands_on_the_same_dates(
    athlete, other_athlete
):
    for content in (samples.strong_csv(weeks=8), late_workout()):
        import_history(
            athlete=athlete, parsed=parse_file(content.encode(), today=TODAY), unit="kg", choices={}
        )
    exported = "".join(strong_csv(athlete=athlete)).encode()

    result = import_history(
        athlete=other_athlete, parsed=parse_file(exported, today=TODAY), unit="kg", choices={}
    )

    dates, sets = _history(athlete)
    assert (result.sessions_created, result.sets_created) == (len(dates), sets)
    assert _history(other_athlete) == (dates, sets)
    assert dt.date(2024, 1, 3) in dates
