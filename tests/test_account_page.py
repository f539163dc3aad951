"""The account page: weekdays, unit, time zone and e-mail; the coach and the program."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.forms import UNKNOWN_TIME_ZONE_MESSAGE
from accounts.models import EMAIL_TAKEN_MESSAGE
from programs.forms import SAME_DAY_MESSAGE, WEEKDAY_MESSAGE
from programs.generation import assignments_in_week, generate_week
from programs.models import CONSECUTIVE_DAYS_MESSAGE, Assignment, Session, SessionPrescription
from programs.views import SAVED_MESSAGE
from programs.weeks import IsoWeek
from tests.conftest import log_set_on, make_user
from tracking.models import SetLog

# Monday 23 November 2026, 10:00 in Paris (the athlete's time zone).
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
W47, W48, W49 = IsoWeek(2026, 47), IsoWeek(2026, 48), IsoWeek(2026, 49)


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


def account_data(**changes) -> dict:
    return {
        "weekday_one": "0",
        "weekday_two": "3",
        "unit": "kg",
        "time_zone": "Europe/Paris",
        "email": "athlete@example.com",
        "bar": "20",
        "plates": "25 20 15 10 5 2.5 1.25",
        **changes,
    }


def snapshot(user) -> tuple:
    user.refresh_from_db()
    assignment = Assignment.objects.get(athlete=user, end_date__isnull=True)
    return (
        user.email,
        user.unit,
        user.time_zone,
        assignment.weekday_one,
        assignment.weekday_two,
    )


def test_anonymous_visitors_are_sent_to_login(client, db):
    for method in (client.get, client.post):
        response = method("/account/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_account_page_answers_only_get_and_post(client, athlete):
    client.force_login(athlete)
    assert client.put("/account/").status_code == 405
    assert client.delete("/account/").status_code == 405


def test_the_account_page_shows_the_settings_the_coach_and_the_program(client, athlete):
    client.force_login(athlete)

    response = client.get("/account/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<dd>Two-day leg split</dd>" in html
    assert "<dd>coach</dd>" in html
    assert '<a href="/account/">Account</a>' in html
    form = response.context["form"]
    assert form["weekday_one"].value() == 0 and form["weekday_two"].value() == 3
    assert form["time_zone"].value() == "Europe/Paris"
    assert form["unit"].value() == "kg"


def test_the_account_page_links_to_the_password_change(client, athlete):
    url = reverse("password_change")
    client.force_login(athlete)
    assert f'href="{url}"' in client.get("/account/").content.decode()


def test_saving_changes_unit_time_zone_and_email(client, athlete):
    client.force_login(athlete)

    response = client.post(
        "/account/",
        account_data(unit="lb", time_zone="America/New_York", email="Me@Example.com"),
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    athlete.refresh_from_db()
    assert (athlete.unit, athlete.time_zone, athlete.email) == (
        "lb",
        "America/New_York",
        "Me@example.com",
    )
    assert str(SAVED_MESSAGE) in client.get("/account/").content.decode()


def test_a_new_unit_changes_what_is_shown_never_the_stored_loads(client, athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    copy = SessionPrescription.objects.filter(session__athlete=athlete).first()
    log_set_on(copy)
    client.force_login(athlete)

    client.post("/account/", account_data(unit="lb"))

    assert SetLog.objects.get().load_kg == Decimal("100")
    html = client.get(reverse("session", args=[copy.session_id])).content.decode()
    # 220.46 lb, read as the plates make it: on the squat's 5 lb step.
    assert "Load (lb)" in html and 'value="220"' in html


def _log_a_set(session: Session) -> None:
    log_set_on(session.prescriptions.first())


def _dates(athlete, week: IsoWeek) -> list[tuple[dt.date, int]]:
    return list(
        Session.objects.filter(athlete=athlete, date__range=(week.monday, week.sunday))
        .order_by("date")
        .values_list("date", "day_number")
    )


def test_new_weekdays_move_future_sessions_and_keep_trained_ones(client, athlete):
    for week in (W47, W48, W49):
        generate_week(assignments=assignments_in_week(week), week=week)
    _log_a_set(Session.objects.get(athlete=athlete, date=W48.monday))
    client.force_login(athlete)

    response = client.post("/account/", account_data(weekday_one="1", weekday_two="4"))

    assert response.status_code == 302
    assignment = Assignment.objects.get(athlete=athlete)
    assert (assignment.weekday_one, assignment.weekday_two) == (1, 4)
    # Last week is history: left alone.
    assert _dates(athlete, W47) == [(dt.date(2026, 11, 16), 1), (dt.date(2026, 11, 19), 2)]
    # This week: Monday was trained and stays; the rest follows the new days.
    assert _dates(athlete, W48) == [
        (dt.date(2026, 11, 23), 1),
        (dt.date(2026, 11, 24), 1),
        (dt.date(2026, 11, 27), 2),
    ]
    assert _dates(athlete, W49) == [(dt.date(2026, 12, 1), 1), (dt.date(2026, 12, 4), 2)]


def test_saving_the_same_weekdays_moves_nothing(client, athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    before = list(Session.objects.values_list("pk", "date"))
    client.force_login(athlete)
    client.post("/account/", account_data(unit="lb"))
    assert list(Session.objects.values_list("pk", "date")) == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "OTHER@example.com"}, "email", EMAIL_TAKEN_MESSAGE),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "nobody"}, "email", "Enter a valid email address."),
        ({"weekday_one": "2", "weekday_two": "2"}, "weekday_two", SAME_DAY_MESSAGE),
        ({"weekday_one": "2", "weekday_two": "3"}, "weekday_two", CONSECUTIVE_DAYS_MESSAGE),
        ({"weekday_one": "0", "weekday_two": "6"}, "weekday_two", CONSECUTIVE_DAYS_MESSAGE),
        ({"weekday_one": "-1"}, "weekday_one", WEEKDAY_MESSAGE),
        ({"time_zone": "Europe/Atlantis"}, "time_zone", UNKNOWN_TIME_ZONE_MESSAGE),
    ],
)
def test_bad_input_says_why_beside_the_field_and_changes_nothing(
    client, athlete, changes, field, message
):
    make_user("other", email="other@example.com")
    athlete.email = "athlete@example.com"
    athlete.save(update_fields=["email"])
    before = snapshot(athlete)
    client.force_login(athlete)

    response = client.post("/account/", account_data(unit="lb", **changes))

    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert str(message) in response.content.decode()
    assert snapshot(athlete) == before


def test_keeping_ones_own_email_in_another_case_is_allowed(client, athlete):
    athlete.email = "athlete@example.com"
    athlete.save(update_fields=["email"])
    client.force_login(athlete)
    response = client.post("/account/", account_data(email="ATHLETE@example.com"))
    assert response.status_code == 302


def test_an_athlete_without_a_program_is_offered_the_setup(client, program):
    newcomer = make_user("newcomer", email="new@example.com")
    client.force_login(newcomer)

    response = client.get("/account/")

    assert "weekday_one" not in response.context["form"].fields
    assert 'href="/setup/"' in response.content.decode()
    response = client.post("/account/", account_data(email="new@example.com", unit="lb"))
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.unit == "lb"
    assert not Assignment.objects.filter(athlete=newcomer).exists()


def test_an_athlete_changes_only_their_own_assignment(client, athlete, other_athlete):
    client.force_login(athlete)
    client.post("/account/", account_data(weekday_one="1", weekday_two="4"))
    other = Assignment.objects.get(athlete=other_athlete)
    assert (other.weekday_one, other.weekday_two) == (0, 3)


def test_new_weekdays_leave_sessions_beyond_a_year_ahead_as_they_are(client, athlete):
    """Once /week/2126-W01/ had made sessions a century ahead, a weekday change tried to
    regenerate every week up to them (10,338 sessions, 48 s). It now stops a year ahead."""
    generate_week(assignments=assignments_in_week(W48, athlete=athlete), week=W48)
    # Made by a look at that week before the bound existed.
    far = Session.objects.create(
        athlete=athlete,
        assignment=Assignment.objects.get(athlete=athlete),
        day_template=Session.objects.get(date=W48.monday).day_template,
        date=dt.date(2126, 1, 4),
        day_number=1,
        name="Strength + Compounds",
        focus="strength",
    )
    client.force_login(athlete)

    response = client.post("/account/", account_data(weekday_one="1", weekday_two="4"))

    assert response.status_code == 302
    assert Session.objects.filter(pk=far.pk, date=dt.date(2126, 1, 4)).exists()
    assert Session.objects.filter(athlete=athlete).count() == 3
    assert _dates(athlete, W48) == [(dt.date(2026, 11, 24), 1), (dt.date(2026, 11, 27), 2)]


def plates_of(user) -> tuple:
    user.refresh_from_db()
    return (user.bar_kg, user.plates_kg, user.bar_lb, user.plates_lb)


def test_the_page_shows_the_bar_and_plates_of_the_athletes_unit(client, athlete):
    client.force_login(athlete)

    html = client.get("/account/").content.decode()

    assert '<label for="id_bar">Bar (kg)</label>' in html
    assert '<label for="id_plates">Plates (kg)</label>' in html
    assert 'value="20"' in html and 'value="25 20 15 10 5 2.5 1.25"' in html

    athlete.unit = "lb"
    athlete.save(update_fields=["unit"])
    html = client.get("/account/").content.decode()
    assert "Bar (lb)" in html and 'value="45"' in html and 'value="45 35 25 10 5 2.5"' in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("20 15 10 5 2,5 1,25 0,5", "20 15 10 5 2.5 1.25 0.5"),
        ("1.25, 2.5, 5, 10, 20", "20 10 5 2.5 1.25"),
        ("25;20;20; 10", "25 20 10"),
        ("  25 20\t15  ", "25 20 15"),
    ],
)
def test_saving_the_bar_and_plates_of_the_athletes_unit(client, athlete, typed, stored):
    client.force_login(athlete)

    response = client.post("/account/", account_data(bar="15,5", plates=typed))

    assert response.status_code == 302
    assert plates_of(athlete) == (Decimal("15.5"), stored, Decimal("45"), "45 35 25 10 5 2.5")


def test_a_pound_athlete_saves_the_pound_set(client, athlete):
    athlete.unit = "lb"
    athlete.save(update_fields=["unit"])
    client.force_login(athlete)

    response = client.post("/account/", account_data(unit="lb", bar="35", plates="45 25 10 5"))

    assert response.status_code == 302
    assert plates_of(athlete) == (
        Decimal("20"),
        "25 20 15 10 5 2.5 1.25",
        Decimal("35"),
        "45 25 10 5",
    )


BAR_KG = "The bar must weigh from 0 to 50 kg."
PLATES_KG = (
    "List up to 12 plate weights from above 0 to 50 kg, separated by spaces, "
    "such as 25 20 15 10 5 2.5 1.25."
)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"bar": ""}, "bar", BAR_KG),
        ({"bar": "heavy"}, "bar", BAR_KG),
        ({"bar": "-20"}, "bar", BAR_KG),
        ({"bar": "51"}, "bar", BAR_KG),
        ({"bar": "1e3"}, "bar", BAR_KG),
        ({"plates": ""}, "plates", "Enter at least one plate."),
        ({"plates": "25 twenty"}, "plates", PLATES_KG),
        ({"plates": "25 0"}, "plates", PLATES_KG),
        ({"plates": "25 -5"}, "plates", PLATES_KG),
        ({"plates": "60 25"}, "plates", PLATES_KG),
        ({"plates": "1 2 3 4 5 6 7 8 9 10 11 12 13"}, "plates", PLATES_KG),
        ({"plates": "9" * 300}, "plates", PLATES_KG),
        ({"plates": "2.555"}, "plates", PLATES_KG),
    ],
)
def test_nonsense_plates_are_refused_and_nothing_is_written(
    client, athlete, changes, field, message
):
    before, plates = snapshot(athlete), plates_of(athlete)
    client.force_login(athlete)

    response = client.post("/account/", account_data(unit="lb", **changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert str(message) in response.content.decode()
    assert snapshot(athlete) == before and plates_of(athlete) == plates
