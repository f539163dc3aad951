"""Bad rows never block the rest (issue 15): every problem listed once with its line and
value, grouped by reason; rows that are no strength set skipped, not errors; the rest
imported on confirmation, nothing written before."""

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from demo import samples
from exchange.formats import parse_file
from exchange.models import PendingImport
from exchange.parsing import (
    LINES_SHOWN,
    NO_OTHER_SETS_MESSAGE,
    SKIPPED_NO_WORK,
    SKIPPED_TIMED,
    ImportRefused,
    group_problems,
)
from programs.models import Exercise, Session
from tracking.models import SetLog

TODAY = dt.date(2024, 3, 1)
GOOD_SETS = 2 * (7 + 6)
# The bad rows follow the two weeks' 26 good rows and the header.
FIRST_BAD_LINE = GOOD_SETS + 2
FIELD_COUNT_REASON = "rows with another number of fields than the header's 12"


def bad_file() -> bytes:
    return samples.strong_csv_with_bad_rows().encode()


def test_every_bad_row_is_listed_once_with_its_line_and_the_rest_is_read():
    parsed = parse_file(bad_file(), today=TODAY)

    assert parsed.set_count == GOOD_SETS
    listed = [(problem.line, problem.reason) for problem in parsed.problems]
    expected = [
        (FIRST_BAD_LINE + index, reason) for index, (_, reason) in enumerate(samples.BAD_ROWS)
    ]
    last = FIRST_BAD_LINE + len(samples.BAD_ROWS) + len(samples.NOT_SETS)
    assert listed == [*expected, (last, FIELD_COUNT_REASON)]
    assert all(problem.message.startswith(f"Line {problem.line}: ") for problem in parsed.problems)


def test_rows_that_are_no_strength_set_are_skipped_not_problems():
    parsed = parse_file(bad_file(), today=TODAY)
    # Cardio with a time written 0:09:21, distance only, neither reps nor load.
    assert parsed.skipped == {SKIPPED_TIMED: 2, SKIPPED_NO_WORK: 1}
    assert not {"Treadmill", "Sled Push", "Plank"} & set(parsed.exercise_names())


@pytest.mark.parametrize(
    "row",
    [
        # The issue's lines, in our own words: reps over 100, an empty Hevy reps cell, a
        # superscript set order.
        "2024-01-15 18:00:00,Legs,1h 0m,Preacher Curl (Barbell),3,55.0,101.0,0,0.0,,,",
        "2024-01-15 18:00:00,Legs,1h 0m,Squat (Barbell),²,60,5,0,0,,,",
    ],
)
def test_the_issues_bad_rows_no_longer_refuse_the_file(row):
    content = samples.strong_csv(weeks=2, extras=False) + row + "\n"
    parsed = parse_file(content.encode(), today=TODAY)
    assert parsed.set_count == GOOD_SETS
    assert [problem.line for problem in parsed.problems] == [GOOD_SETS + 2]


def test_an_empty_hevy_reps_cell_with_a_load_is_a_problem_and_the_rest_is_read():
    text = samples.hevy_csv(weeks=2)
    lines = text.splitlines()
    # The sled row of the issue: a load, no reps.
    lines.append(
        'Legs A,"15 May 2023, 18:00","15 May 2023, 19:00",,Sled Pull,1,"",0,normal,305,,,,'
    )
    parsed = parse_file("\n".join(lines).encode(), today=TODAY)
    (problem,) = parsed.problems
    assert (problem.line, problem.reason) == (len(lines), "reps empty")
    assert parsed.set_count == GOOD_SETS


def test_a_fitnotes_cardio_row_with_a_duration_is_skipped():
    text = samples.fitnotes_csv(weeks=2) + "2022-03-21,Rowing Machine,Cardio,,,3.0,km,0:09:21,\n"
    parsed = parse_file(text.encode(), today=TODAY)
    assert parsed.problems == [] and parsed.skipped == {SKIPPED_TIMED: 1}


def test_a_repeated_problem_is_grouped_with_its_lines():
    good = samples.strong_csv(weeks=1, extras=False)
    bad = [
        f"2024-01-15 18:00:00,Legs,1h 0m,Squat (Barbell),{n},60,101,0,0,,," for n in range(1, 15)
    ]
    parsed = parse_file((good + "\n".join(bad)).encode(), today=TODAY)

    (group,) = group_problems(problems=parsed.problems)

    assert (group.reason, group.count, group.more) == ("reps over 100", 14, 14 - LINES_SHOWN)
    assert group.rows == [(line, "101") for line in range(15, 15 + LINES_SHOWN)]


def test_a_file_of_bad_rows_only_is_refused_with_its_first_problem():
    header = samples.STRONG_HEADER
    rows = ["2024-01-15 18:00:00,Legs,1h 0m,Squat (Barbell),1,60,101,0,0,,,"] * 3
    with pytest.raises(ImportRefused) as refused:
        parse_file("\n".join([header, *rows]).encode(), today=TODAY)
    assert refused.value.message == (
        "Line 2: the reps 101 is out of range (0 to 100). (and 2 more rows with problems) "
        + NO_OTHER_SETS_MESSAGE
    )


# ---------------------------------------------------------------------------------------
# Through the pages


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        yield


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_preview_lists_the_problems_and_the_confirm_imports_the_rest(client, athlete, frozen):
    client.force_login(athlete)
    before = (Session.objects.count(), SetLog.objects.count(), Exercise.objects.count())
    response = client.post(
        "/account/import/", {"file": SimpleUploadedFile("strong.csv", bad_file(), "text/csv")}
    )
    location = response["Location"]

    text = page_text(client.get(location))

    assert re.search(
        rf"reps over 100</strong> on 2 rows: line {FIRST_BAD_LINE} \(“101”\), "
        rf"line {FIRST_BAD_LINE + 1} \(“101”\)\.",
        text,
    )
    for _, reason in samples.BAD_ROWS:
        assert text.count(f"<strong>{reason}</strong>") == 1
    assert f"<strong>{FIELD_COUNT_REASON}</strong>" in text
    assert "2 timed or distance sets (no reps) skipped" in text
    assert "1 rows with neither reps nor load skipped" in text
    assert f"Import {GOOD_SETS} sets" in text
    # Nothing is written before the confirmation.
    assert (Session.objects.count(), SetLog.objects.count(), Exercise.objects.count()) == before

    response = client.post(location, {"unit": "kg"})

    assert response.status_code == 302
    assert SetLog.objects.count() == GOOD_SETS
    assert not PendingImport.objects.exists()
    heaviest = SetLog.objects.order_by("-load_kg").first()
    assert heaviest.load_kg < Decimal(100) and heaviest.reps <= 100


def test_a_load_heavier_than_we_store_is_a_problem_when_the_unit_is_known():
    text = samples.hevy_csv(weeks=1)
    row = 'Legs A,"8 May 2023, 18:00","8 May 2023, 19:00",,Squat (Barbell),,,9,normal,1500,5,,,'
    parsed = parse_file((text + row + "\n").encode(), today=TODAY)
    (problem,) = parsed.problems
    assert problem.reason == "loads over the 1000 kg we store"
    assert parsed.set_count == 13
