"""An assignment's rules that the database holds in triggers and an exclusion constraint,
said first as a form error, so the admin answers with a message and not a 500."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs.models import (
    ATHLETE_KEPT_MESSAGE,
    NOT_A_COACH_MESSAGE,
    OVERLAP_MESSAGE,
    Assignment,
    Session,
)
from tests.conftest import make_user


@pytest.fixture
def superuser(db):
    return make_user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def newcomer(db):
    return make_user("newcomer")


def add_form(athlete, program, **changes) -> dict:
    return {
        "athlete": athlete.pk,
        "program": program.pk,
        "weekday_one": 0,
        "weekday_two": 3,
        "start_date": "2026-03-02",
        "end_date": "",
        "coach": "",
    } | changes


@pytest.mark.parametrize("in_coaches", [True, False], ids=["a-coach", "staff-not-a-coach"])
def test_the_admin_takes_a_coach_only_from_coaches(
    client, superuser, newcomer, program, in_coaches
):
    # A superuser is staff; the form's default coach is whoever is adding.
    if in_coaches:
        superuser.groups.add(Group.objects.get(name="Coaches"))
    client.force_login(superuser)

    response = client.post(
        reverse("admin:programs_assignment_add"),
        add_form(newcomer, program, coach=superuser.pk),
    )

    assert response.status_code == (302 if in_coaches else 200)
    if not in_coaches:
        # The coach field offers Coaches only, so the choice is refused before the
        # model's own rule (NOT_A_COACH_MESSAGE) is asked.
        assert "coach" in response.context["adminform"].form.errors
    assert newcomer.assignments.exists() is in_coaches


def test_the_admin_refuses_an_assignment_over_another(client, superuser, athlete, program):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:programs_assignment_add"),
        add_form(athlete, program, start_date="2025-06-02", end_date="2026-01-05"),
    )

    assert response.status_code == 200
    assert str(OVERLAP_MESSAGE) in response.content.decode()
    assert athlete.assignments.count() == 1


def test_the_admin_keeps_a_trained_assignment_with_its_athlete(
    client, superuser, athlete, newcomer, program
):
    assignment = athlete.assignments.get()
    template = program.day_one
    Session.objects.create(
        athlete=athlete,
        assignment=assignment,
        day_template=template,
        date=dt.date(2026, 1, 5),
        day_number=1,
        name=template.name,
        focus=template.focus,
    )
    client.force_login(superuser)
    form = add_form(newcomer, program, start_date="2026-01-05", coach=assignment.coach_id)

    response = client.post(reverse("admin:programs_assignment_change", args=[assignment.pk]), form)

    # The admin shows the athlete read-only once an assignment exists: the posted one is
    # ignored, and the model's rule says why to any other form that tries.
    assert response.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).athlete == athlete
    assignment.athlete = newcomer
    with pytest.raises(ValidationError) as refused:
        assignment.full_clean()
    assert str(ATHLETE_KEPT_MESSAGE) in str(refused.value)


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (dt.date(2025, 6, 2), dt.date(2026, 1, 4), False),
        (dt.date(2025, 6, 2), dt.date(2026, 1, 5), True),
        (dt.date(2026, 2, 2), dt.date(2026, 2, 28), True),
        (dt.date(2025, 6, 2), None, True),
    ],
    ids=["ends-the-day-before", "ends-the-first-day", "inside", "open"],
)
def test_an_assignment_over_another_of_its_athlete_is_invalid(
    athlete, program, start, end, overlaps
):
    assignment = Assignment(athlete=athlete, program=program, start_date=start, end_date=end)

    if overlaps:
        with pytest.raises(ValidationError, match=str(OVERLAP_MESSAGE)):
            assignment.clean()
    else:
        assignment.clean()


@pytest.mark.parametrize(
    ("start", "refused"),
    [("2026-06-01", True), ("2026-11-24", True), ("2026-11-25", False)],
    ids=["over-the-ended-program", "on-its-last-day", "the-day-after"],
)
def test_the_coach_cannot_assign_over_the_program_just_ended(
    client, coach, athlete, program, start, refused
):
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC), tick=False):
        client.force_login(coach)
        client.post(reverse("coach_end", args=[athlete.pk]))
        form = {"program": program.pk, "weekday_one": 0, "weekday_two": 3, "unit": "kg"}

        response = client.post(
            reverse("coach_assign", args=[athlete.pk]), form | {"start_date": start}
        )

    assert response.status_code == (400 if refused else 302)
    assert (str(OVERLAP_MESSAGE) in response.content.decode()) is refused
    assert athlete.assignments.count() == (1 if refused else 2)


def test_the_model_says_why_a_coach_outside_coaches_is_refused(superuser, newcomer, program):
    assignment = Assignment(
        athlete=newcomer, program=program, coach=superuser, start_date=dt.date(2026, 3, 2)
    )

    with pytest.raises(ValidationError) as refused:
        assignment.full_clean()

    assert str(NOT_A_COACH_MESSAGE) in str(refused.value)
