"""/account/import/: upload, preview, confirm; every bad file says why and writes nothing."""

import datetime as dt
import html
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo import samples
from exchange.forms import choice_field_name
from exchange.importing import NO_PROGRAM_MESSAGE
from exchange.models import PendingImport
from exchange.parsing import (
    EMPTY_MESSAGE,
    NOT_UTF8_MESSAGE,
    UNKNOWN_FORMAT_MESSAGE,
)
from exchange.views import NOTHING_KEPT_MESSAGE, NOTHING_NEW_MESSAGE, TOO_BIG_MESSAGE
from programs.models import Exercise, Session, SessionPrescription
from tests.conftest import log_set_on, make_user
from tracking.models import SetLog

IMPORT = "/account/import/"
# Two weeks after the sample file's last workout, in the athlete's time zone.
NOW = dt.datetime(2024, 2, 12, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def upload(client, content: bytes | str, name: str = "strong.csv"):
    if isinstance(content, str):
        content = content.encode()
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content, "text/csv")})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def written() -> tuple[int, int, int, int]:
    return (
        Session.objects.count(),
        SessionPrescription.objects.count(),
        SetLog.objects.count(),
        Exercise.objects.count(),
    )


def test_anonymous_visitors_are_sent_to_login(client, db):
    for url in (IMPORT, "/account/import/some-token/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = upload(client, samples.strong_csv())
    assert response.status_code == 302 and not PendingImport.objects.exists()


def test_the_import_pages_answer_only_get_and_post(client, athlete):
    client.force_login(athlete)
    assert client.put(IMPORT).status_code == 405
    assert client.delete("/account/import/x/").status_code == 405


def test_a_strong_file_is_previewed_then_imported(client, athlete):
    client.force_login(athlete)
    before = written()

    response = upload(client, samples.strong_csv(weeks=4))

    pending = PendingImport.objects.get(athlete=athlete)
    assert response["Location"] == f"/account/import/{pending.token}/"
    assert written() == before  # the preview writes nothing
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    preview = page.context["preview"]
    assert (preview.workouts, preview.sets, preview.first, preview.last) == (
        8,
        52,
        dt.date(2024, 1, 1),
        dt.date(2024, 1, 25),
    )
    assert preview.skipped == {"warm-up sets": 8, "rest timers": 8}
    assert {row.name: row.exercise.slug for row in preview.known} == {
        "Squat (Barbell)": "back-squat",
        "Romanian Deadlift (Barbell)": "romanian-deadlift",
        "Leg Extension (Machine)": "leg-extension",
        "Lying Leg Curl (Machine)": "lying-leg-curl",
    }
    assert "8 warm-up sets skipped" in html and "8 rest timers skipped" in html
    assert "<td>Squat (Barbell)</td><td>Back squat</td>" in html

    response = client.post(response["Location"], {"unit": "kg"})

    assert response.status_code == 302 and response["Location"] == IMPORT
    assert SetLog.objects.filter(prescription__session__athlete=athlete).count() == 52
    assert Session.objects.filter(athlete=athlete).count() == 8
    first = SetLog.objects.filter(exercise__slug="back-squat").order_by("logged_at").first()
    assert (first.reps, first.load_kg, first.rir, first.set_number) == (6, Decimal(60), 2, 1)
    assert not PendingImport.objects.exists()
    assert "Imported 52 sets: 8 new sessions" in client.get(IMPORT).content.decode()


def test_imported_sets_show_in_progress_and_balance(client, athlete):
    client.force_login(athlete)
    with time_machine.travel(dt.datetime(2024, 1, 26, 9, tzinfo=dt.UTC), tick=False):
        location = upload(client, samples.strong_csv(weeks=4))["Location"]
        client.post(location, {"unit": "kg"})
        progress = client.get(reverse("progress")).content.decode()
        balance = client.get(reverse("balance"))
    assert "Back squat" in progress and "Lying leg curl" in progress
    assert balance.status_code == 200
    assert (
        "Leg curl" in balance.content.decode() or "hamstrings" in balance.content.decode().lower()
    )


def test_pounds_picked_for_a_strong_file_are_converted(client, athlete):
    client.force_login(athlete)
    location = upload(client, samples.strong_csv(weeks=1))["Location"]
    client.post(location, {"unit": "lb"})
    first = SetLog.objects.filter(exercise__slug="back-squat").order_by("logged_at").first()
    assert first.load_kg == Decimal("27.215542")  # 60 lb


@pytest.mark.parametrize(
    "content",
    [
        samples.strong_legacy_csv(weeks=1),
        samples.hevy_csv(weeks=1),
        samples.hevy_csv(weeks=1, unit="lb"),
        samples.fitnotes_csv(weeks=1),
    ],
)
def test_hevy_fitnotes_and_old_strong_files_import(client, athlete, content):
    client.force_login(athlete)
    location = upload(client, content)["Location"]
    response = client.post(location, {})
    assert response.status_code == 302
    assert SetLog.objects.count() == 13
    assert Session.objects.filter(athlete=athlete).count() == 2


def test_importing_the_same_file_twice_creates_nothing_the_second_time(client, athlete):
    client.force_login(athlete)
    content = samples.strong_csv(weeks=2)
    client.post(upload(client, content)["Location"], {"unit": "kg"})
    before = written()

    location = upload(client, content)["Location"]
    assert client.get(location).context["preview"].already_imported == 26
    client.post(location, {"unit": "kg"})

    assert written() == before
    assert NOTHING_NEW_MESSAGE.format(already=26) in page_text(client.get(IMPORT))


def test_a_workout_on_a_day_with_a_session_joins_it(client, athlete):
    client.force_login(athlete)
    trained = Session.objects.create(
        athlete=athlete,
        assignment=athlete.assignments.get(),
        day_template_id=1,
        date=dt.date(2024, 1, 1),
        day_number=1,
        name="Strength + Compounds",
        focus="strength",
    )
    copy = SessionPrescription.objects.create(
        session=trained, order=1, exercise=Exercise.objects.get(slug="leg-press"),
        sets_min=1, sets_max=1, reps_min=5, reps_max=8,
    )  # fmt: skip
    log_set_on(copy)

    client.post(upload(client, samples.strong_csv(weeks=1))["Location"], {"unit": "kg"})

    trained.refresh_from_db()
    assert trained.name == "Strength + Compounds"
    slots = list(trained.prescriptions.order_by("order").values_list("order", "exercise__slug"))
    assert slots == [(1, "leg-press"), (2, "back-squat"), (3, "romanian-deadlift")]
    assert Session.objects.filter(athlete=athlete).count() == 2


def test_unknown_names_are_skipped_mapped_or_created(client, athlete):
    client.force_login(athlete)
    rows = [
        "2024-03-05 18:30:00,Legs,10m,Bench Press (Barbell),1,80,5,0,0,,,8",
        "2024-03-05 18:30:00,Legs,10m,Cossack Squat,1,0,12,0,0,,,8",
        "2024-03-05 18:30:00,Legs,10m,Spanish Squat (Band),1,60,10,0,0,,,8",
    ]
    location = upload(client, "\n".join([samples.STRONG_HEADER, *rows]))["Location"]
    preview = client.get(location)
    form = preview.context["form"]
    names = {field.label: field.html_name for field in form.name_fields()}
    assert set(names) == {
        "“Bench Press (Barbell)” (1 set)",
        "“Cossack Squat” (1 set)",
        "“Spanish Squat (Band)” (1 set)",
    }
    leg_press = Exercise.objects.get(slug="leg-press")

    response = client.post(
        location,
        {
            "unit": "kg",
            names["“Bench Press (Barbell)” (1 set)"]: "skip",
            names["“Cossack Squat” (1 set)"]: "create:quads",
            names["“Spanish Squat (Band)” (1 set)"]: f"map:{leg_press.pk}",
        },
    )

    assert response.status_code == 302
    created = Exercise.objects.get(name="Cossack Squat")
    assert (created.primary_muscle, created.slug) == ("quads", "cossack-squat")
    assert created.owner == athlete
    assert sorted(SetLog.objects.values_list("exercise__slug", flat=True)) == [
        "cossack-squat",
        "leg-press",
    ]


def test_a_choice_outside_the_list_is_refused_and_nothing_written(client, athlete):
    client.force_login(athlete)
    row = "2024-03-05 18:30:00,Legs,10m,Cossack Squat,1,0,12,0,0,,,8"
    location = upload(client, "\n".join([samples.STRONG_HEADER, row]))["Location"]
    before = written()
    field = choice_field_name("Cossack Squat")
    response = client.post(location, {"unit": "kg", field: "map:999999"})
    assert response.status_code == 400
    assert "Pick what this exercise is, from the list." in page_text(response)
    assert written() == before


def test_an_athlete_without_a_program_is_told_to_set_up_first(client, program):
    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    location = upload(client, samples.strong_csv(weeks=1))["Location"]
    response = client.post(location, {"unit": "kg"})
    assert response.status_code == 400
    assert str(NO_PROGRAM_MESSAGE) in page_text(response)
    assert not Session.objects.exists()


def test_another_athletes_pending_import_is_not_found(client, athlete, other_athlete):
    client.force_login(other_athlete)
    location = upload(client, samples.strong_csv(weeks=1))["Location"]
    client.force_login(athlete)
    assert client.get(location).status_code == 404
    assert client.post(location, {"unit": "kg"}).status_code == 404
    assert not SetLog.objects.exists()


def _bad_line_812() -> str:
    # Ends before the frozen today: dates more than a year ahead are refused on their own.
    lines = samples.strong_csv(first=dt.date(2022, 1, 3), weeks=70, extras=False).splitlines()
    lines[811] = lines[811].replace("-", "/", 2)
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", EMPTY_MESSAGE),  # refused by the form, before the parser
        (b"\n\n", EMPTY_MESSAGE),
        (b"a,b,c\n1,2,3\n", UNKNOWN_FORMAT_MESSAGE),
        ((samples.strong_csv(weeks=1) + "2024-01-08 18:00:00,Légs").encode("latin-1"),
         NOT_UTF8_MESSAGE.format(line=19)),
    ],
)  # fmt: skip
def test_a_bad_file_says_why_and_writes_nothing(client, athlete, content, message):
    client.force_login(athlete)
    before = written()

    response = upload(client, content)

    assert response.status_code == 400
    assert str(message) in page_text(response)
    assert written() == before
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "listed", "sets"),
    [
        # Issue 15: these refused the whole file; now the row is left out and listed.
        (_bad_line_812(), "dates we do not read (such as 2024-03-05 18:30:00)</strong> on 1 row: line 812", 70 * 13 - 1),
        (samples.strong_csv(weeks=1).replace(",8\n", ",eight\n", 1),
         "RPE not a number</strong> on 1 row: line 3 (“eight”)", 13 - 1),
    ],
)  # fmt: skip
def test_a_bad_row_is_listed_and_the_rest_imported(client, athlete, content, listed, sets):
    client.force_login(athlete)
    before = written()

    location = upload(client, content)["Location"]
    preview = client.get(location)

    assert listed in page_text(preview)
    assert f"Import {sets} sets" in page_text(preview)
    assert written() == before  # nothing before the confirmation
    client.post(location, {"unit": "kg"})
    assert SetLog.objects.count() == sets


def test_a_file_over_the_limit_is_refused(client, athlete, settings):
    settings.IMPORT_MAX_BYTES = 2048
    client.force_login(athlete)
    response = upload(client, samples.strong_csv(weeks=4))
    assert response.status_code == 413
    assert TOO_BIG_MESSAGE.format(limit="2.0\xa0KB") in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_100_mb_upload_is_refused_before_it_is_read(client, athlete):
    client.force_login(athlete)
    # The test client's payload raises if read past what was sent: announcing 100 MB and
    # sending a little proves the view answers before reading the body.
    response = client.post(
        IMPORT,
        {"file": SimpleUploadedFile("big.csv", b"x" * 100, "text/csv")},
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "the most we take" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_the_upload_still_needs_its_csrf_token(athlete):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(athlete)
    response = upload(client, samples.strong_csv(weeks=1))
    assert response.status_code == 403
    assert not PendingImport.objects.exists()


def test_the_preview_reads_a_fixed_number_of_queries(
    client, athlete, django_assert_max_num_queries
):
    client.force_login(athlete)
    small = upload(client, samples.strong_csv(weeks=1))["Location"]
    with django_assert_max_num_queries(12) as small_queries:
        client.get(small)
    large = upload(client, samples.strong_csv(weeks=52))["Location"]
    with django_assert_max_num_queries(12) as large_queries:
        client.get(large)
    assert len(large_queries) == len(small_queries)


def test_the_button_and_the_result_count_new_sets_and_those_already_here(client, athlete):
    client.force_login(athlete)
    client.post(upload(client, samples.strong_csv(weeks=2))["Location"], {"unit": "kg"})

    location = upload(client, samples.strong_csv(weeks=4))["Location"]
    page = client.get(location)

    preview = page.context["preview"]
    assert (preview.sets, preview.new_sets, preview.already_imported) == (52, 26, 26)
    assert "Import 26 sets (26 already imported)</button>" in page_text(page)
    client.post(location, {"unit": "kg"})
    assert SetLog.objects.count() == 52
    message = page_text(client.get(IMPORT))
    assert "Imported 26 sets: 4 new sessions, 0 sessions joined by imported work." in message
    assert "26 were already here." in message


def test_skipped_names_count_neither_in_the_button_nor_in_missing_rpe(client, athlete):
    client.force_login(athlete)
    content = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        "2024-01-01 18:00:00,Legs,1h,Squat (Barbell),1,100,5,,,,,8\n"
        "2024-01-01 18:00:00,Legs,1h,Squat (Barbell),2,100,5,,,,,\n"
        "2024-01-01 18:00:00,Legs,1h,Bench Press (Barbell),1,80,5,,,,,\n"
        "2024-01-01 18:00:00,Legs,1h,Bench Press (Barbell),2,80,5,,,,,\n"
    )
    page = client.get(upload(client, content)["Location"])

    preview = page.context["preview"]
    assert (preview.sets, preview.new_sets, preview.missing_rir) == (4, 2, 1)
    assert "Import 2 sets</button>" in page_text(page)
    assert "1 sets have no RPE" in page_text(page)


def test_a_first_import_that_keeps_nothing_does_not_say_it_was_imported_before(client, athlete):
    client.force_login(athlete)
    content = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n2024-01-01 18:00:00,Push,1h,Bench Press (Barbell),1,80,5,,,,,8\n"
    )
    location = upload(client, content)["Location"]
    assert "Import 0 sets</button>" in page_text(client.get(location))

    field = choice_field_name("Bench Press (Barbell)")
    assert client.post(location, {"unit": "kg", field: "skip"}).status_code == 302

    text = page_text(client.get(IMPORT))
    assert str(NOTHING_KEPT_MESSAGE) in text and "imported before" not in text
