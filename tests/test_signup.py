"""Signing up alone, then the short setup that lands the athlete on their first week."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from accounts.forms import UNIT_MESSAGE, UNKNOWN_TIME_ZONE_MESSAGE
from accounts.models import EMAIL_TAKEN_MESSAGE, USERNAME_TAKEN_MESSAGE, User
from programs.forms import (
    HOUSE_PROGRAM_MESSAGE,
    SAME_DAY_MESSAGE,
    START_TOO_EARLY_MESSAGE,
    START_TOO_LATE_MESSAGE,
    WEEKDAY_MESSAGE,
)
from programs.models import CONSECUTIVE_DAYS_MESSAGE, Assignment, Program, Session
from tests.conftest import PASSWORD, make_user

# Monday 23 November 2026, 10:00 in Paris.
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
NEW_PASSWORD = "squat-deep-and-brace"


@pytest.fixture(autouse=True)
def frozen_monday():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


def signup_data(**changes) -> dict:
    return {
        "username": "newcomer",
        "email": "newcomer@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }


def setup_data(**changes) -> dict:
    return {
        "weekday_one": "0",
        "weekday_two": "3",
        "unit": "kg",
        "time_zone": "Europe/Paris",
        "start_date": "2026-11-23",
        **changes,
    }


@pytest.fixture
def newcomer(db, program):
    """Signed up, not set up yet."""
    return make_user("newcomer", email="newcomer@example.com")


# Sign-up


def test_the_signup_page_asks_for_username_email_and_password_twice(client, db):
    response = client.get("/signup/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["username", "email", "password1", "password2"]:
        assert f'name="{name}"' in html


def test_signing_up_creates_the_athlete_logs_them_in_and_opens_setup(client, program):
    response = client.post("/signup/", signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("setup")
    user = User.objects.get()
    assert (user.username, user.email) == ("newcomer", "newcomer@example.com")
    assert user.check_password(NEW_PASSWORD)
    assert not user.is_staff
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not Assignment.objects.exists()


def test_a_logged_in_athlete_is_sent_home_from_signup(client, athlete):
    client.force_login(athlete)
    response = client.get("/signup/")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_signup_answers_only_get_and_post(client, db):
    assert client.put("/signup/").status_code == 405


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "athlete"}, "username", USERNAME_TAKEN_MESSAGE),
        ({"username": "ATHLETE"}, "username", USERNAME_TAKEN_MESSAGE),
        ({"email": "Athlete@Example.com"}, "email", EMAIL_TAKEN_MESSAGE),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"username": "two words"}, "username", "Enter a valid username."),
        ({"password2": "something-else-entirely"}, "password2", "didn’t match"),
        ({"password1": "short", "password2": "short"}, "password2", "too short"),
        ({"password1": "password123", "password2": "password123"}, "password2", "too common"),
        ({"password1": "84937261504", "password2": "84937261504"}, "password2", "entirely numeric"),
    ],
)
def test_bad_signups_say_why_beside_the_field_and_write_nothing(
    client, athlete, changes, field, message
):
    athlete.email = "athlete@example.com"
    athlete.save(update_fields=["email"])
    users = User.objects.count()

    response = client.post("/signup/", signup_data(**changes))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert str(message) in errors
    assert str(message) in response.content.decode()
    assert User.objects.count() == users
    assert "_auth_user_id" not in client.session


def test_the_database_refuses_usernames_and_emails_differing_only_in_case(db):
    make_user("anna", email="anna@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("Anna")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("someone", email="ANNA@example.com")
    # Accounts without an e-mail address (made in the admin) do not collide.
    make_user("no_email_one")
    make_user("no_email_two")


# Setup


def test_anonymous_visitors_are_sent_to_login_from_setup(client, db):
    for method in (client.get, client.post):
        response = method("/setup/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_setup_offers_monday_and_thursday_utc_and_today(client, newcomer):
    client.force_login(newcomer)
    response = client.get("/setup/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form["weekday_one"].value() == 0
    assert form["weekday_two"].value() == 3
    assert form["time_zone"].value() == "UTC"
    assert form["start_date"].value() == dt.date(2026, 11, 23)
    html = response.content.decode()
    # The browser's guess fills in the time zone; the server's default stays UTC without it.
    assert '<script src="/static/js/setup.js" defer></script>' in html
    guess = (settings.BASE_DIR / "static" / "js" / "setup.js").read_text()
    assert "Intl.DateTimeFormat().resolvedOptions().timeZone" in guess
    assert '<option value="Europe/Paris">Europe/Paris</option>' in html


def test_setup_starts_the_default_program_without_a_coach(client, newcomer, program):
    client.force_login(newcomer)

    response = client.post(
        "/setup/", setup_data(weekday_one="1", weekday_two="4", unit="lb", start_date="2026-11-30")
    )

    assert response.status_code == 302
    assert response["Location"] == "/week/2026-W49/"
    assignment = Assignment.objects.get(athlete=newcomer)
    assert assignment.program == program
    assert assignment.coach is None
    assert (assignment.weekday_one, assignment.weekday_two) == (1, 4)
    assert assignment.start_date == dt.date(2026, 11, 30)
    assert assignment.end_date is None
    newcomer.refresh_from_db()
    assert (newcomer.unit, newcomer.time_zone) == ("lb", "Europe/Paris")


def test_sign_up_then_set_up_lands_on_the_first_week_with_both_sessions(client, program):
    client.post("/signup/", signup_data())
    response = client.post("/setup/", setup_data(), follow=True)

    assert response.redirect_chain == [("/week/2026-W48/", 302)]
    html = response.content.decode()
    assert "Day 1 · Strength + Compounds" in html
    assert "Day 2 · Balance + Isolation" in html
    assert "Monday 23 November" in html and "Thursday 26 November" in html
    assert Session.objects.filter(athlete__username="newcomer").count() == 2


def test_the_first_training_day_is_the_earlier_in_the_week(client, newcomer):
    client.force_login(newcomer)
    client.post("/setup/", setup_data(weekday_one="4", weekday_two="1"))
    assignment = Assignment.objects.get(athlete=newcomer)
    assert (assignment.weekday_one, assignment.weekday_two) == (1, 4)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weekday_one": "3", "weekday_two": "3"}, "weekday_two", SAME_DAY_MESSAGE),
        ({"weekday_one": "0", "weekday_two": "1"}, "weekday_two", CONSECUTIVE_DAYS_MESSAGE),
        ({"weekday_one": "4", "weekday_two": "3"}, "weekday_two", CONSECUTIVE_DAYS_MESSAGE),
        ({"weekday_one": "6", "weekday_two": "0"}, "weekday_two", CONSECUTIVE_DAYS_MESSAGE),
        ({"weekday_one": "7"}, "weekday_one", WEEKDAY_MESSAGE),
        ({"weekday_two": ""}, "weekday_two", WEEKDAY_MESSAGE),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", UNKNOWN_TIME_ZONE_MESSAGE),
        ({"time_zone": ""}, "time_zone", UNKNOWN_TIME_ZONE_MESSAGE),
        ({"unit": "stone"}, "unit", UNIT_MESSAGE),
        ({"start_date": "2026-10-25"}, "start_date", START_TOO_EARLY_MESSAGE),
        # The day after programs.bounds.latest_date of Monday 23 November 2026.
        ({"start_date": "2027-11-25"}, "start_date", START_TOO_LATE_MESSAGE),
        ({"start_date": "9999-12-31"}, "start_date", START_TOO_LATE_MESSAGE),
        ({"start_date": "next monday"}, "start_date", "Enter a valid date."),
    ],
)
def test_bad_setups_say_why_beside_the_field_and_write_nothing(
    client, newcomer, changes, field, message
):
    client.force_login(newcomer)

    response = client.post("/setup/", setup_data(**changes))

    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Assignment.objects.exists()
    newcomer.refresh_from_db()
    assert (newcomer.unit, newcomer.time_zone) == ("kg", "UTC")


@pytest.mark.parametrize(("start_date", "accepted"), [("2026-10-26", True), ("2027-11-23", True)])
def test_the_limits_of_the_start_date_are_allowed(client, newcomer, start_date, accepted):
    client.force_login(newcomer)
    response = client.post("/setup/", setup_data(start_date=start_date))
    assert (response.status_code == 302) is accepted


def test_the_start_date_limit_counts_from_today_in_the_chosen_time_zone(client, newcomer):
    client.force_login(newcomer)
    # Sunday 22 November 23:00 UTC is already Monday 23 in Paris: 28 days back is
    # 25 October in UTC but 26 October in Paris.
    with time_machine.travel(dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.UTC), tick=False):
        paris = client.post("/setup/", setup_data(start_date="2026-10-25"))
        utc = client.post("/setup/", setup_data(start_date="2026-10-25", time_zone="UTC"))

    assert START_TOO_EARLY_MESSAGE in paris.context["form"].errors["start_date"]
    assert utc.status_code == 302


def test_setup_is_only_for_the_first_assignment(client, athlete):
    client.force_login(athlete)
    assert client.get("/setup/")["Location"] == reverse("home")

    response = client.post("/setup/", setup_data(weekday_one="1", weekday_two="4"))

    assert response["Location"] == reverse("home")
    assert Assignment.objects.filter(athlete=athlete).count() == 1
    assert Assignment.objects.get(athlete=athlete).weekday_one == 0


def test_setup_answers_only_get_and_post(client, newcomer):
    client.force_login(newcomer)
    assert client.put("/setup/").status_code == 405


def test_the_login_password_works_after_signup(client, program):
    client.post("/signup/", signup_data())
    client.logout()
    assert client.login(username="newcomer", password=NEW_PASSWORD)
    assert not client.login(username="newcomer", password=PASSWORD)


# The first screens: our own words


def test_the_signup_page_states_our_password_rule_in_plain_words(client, db):
    html = client.get(reverse("signup")).content.decode()
    assert "At least 8 characters, not all digits, and not a common password" in html
    # Not Django's default list of four rules.
    assert "can’t be too similar to your other personal information" not in html
    assert "can’t be entirely numeric" not in html


def test_the_login_page_says_what_the_app_is(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "plans a two-day leg split" in html


# Choosing among the house programs

HOME_GYM = "Home gym: one leg extension/curl station"


@pytest.mark.django_db
def test_the_home_gym_program_is_a_house_program_with_both_days_after_the_guide():
    home_gym = Program.objects.get(name=HOME_GYM)

    assert home_gym.owner is None and not home_gym.is_default
    slots = {
        template.focus: [
            (p.exercise.slug, sorted(a.slug for a in p.alternatives.all()), p.dose_label)
            for p in template.prescriptions.all()
        ]
        for template in (home_gym.day_one, home_gym.day_two)
    }
    assert slots == {
        # No leg press at home: squats that need no machine instead.
        "strength": [
            ("back-squat", ["goblet-squat", "heel-elevated-squat"], "4 × 5–8"),
            ("romanian-deadlift", [], "3 × 6–10"),
            ("walking-lunge", ["reverse-lunge"], "2–3 × 10–14 per leg"),
        ],
        # The one station covers both isolation slots.
        "balance": [
            ("leg-extension", [], "3 × 10–15"),
            ("leg-curl", [], "3 × 10–15"),
            ("step-up", ["bulgarian-split-squat", "split-squat"], "2 × 10–12 per leg"),
        ],
    }


def test_setup_lists_the_house_programs_with_the_guides_split_preselected(
    client, newcomer, program, coach
):
    Program.objects.create(
        name="Coach's own", day_one=program.day_one, day_two=program.day_two, owner=coach
    )
    client.force_login(newcomer)

    response = client.get("/setup/")

    form = response.context["form"]
    assert form["program"].value() == str(program.pk)
    labels = [label for _, label in form.fields["program"].choices]
    assert labels == [program.name, HOME_GYM]
    html = response.content.decode()
    assert f'name="program" value="{program.pk}"' in html
    assert "checked" in html.split(f'value="{program.pk}"')[1].split(">")[0]
    assert HOME_GYM in html and "Coach's own" not in html


def test_setup_with_the_home_gym_assigns_it_and_the_week_follows_its_templates(client, newcomer):
    home_gym = Program.objects.get(name=HOME_GYM)
    client.force_login(newcomer)

    response = client.post("/setup/", setup_data(program=str(home_gym.pk)), follow=True)

    assert response.redirect_chain == [("/week/2026-W48/", 302)]
    assert Assignment.objects.get(athlete=newcomer).program == home_gym
    sessions = Session.objects.filter(athlete=newcomer).order_by("date")
    assert [s.day_template for s in sessions] == [home_gym.day_one, home_gym.day_two]
    first = sessions[0].prescriptions.order_by("order").first()
    assert sorted(a.slug for a in first.alternatives.all()) == [
        "goblet-squat",
        "heel-elevated-squat",
    ]


@pytest.mark.parametrize("kind", ["coach's own", "unknown", "not a number"])
def test_setup_refuses_a_program_that_is_not_the_houses_and_writes_nothing(
    client, newcomer, program, coach, kind
):
    own = Program.objects.create(
        name="Coach's own", day_one=program.day_one, day_two=program.day_two, owner=coach
    )
    value = {"coach's own": str(own.pk), "unknown": "999999", "not a number": "x1"}[kind]
    client.force_login(newcomer)

    response = client.post("/setup/", setup_data(program=value))

    assert response.status_code == 400
    assert HOUSE_PROGRAM_MESSAGE in response.context["form"].errors["program"]
    assert escape(str(HOUSE_PROGRAM_MESSAGE)) in response.content.decode()
    assert not Assignment.objects.exists()
    assert not Session.objects.exists()
    newcomer.refresh_from_db()
    assert (newcomer.unit, newcomer.time_zone) == ("kg", "UTC")
