"""The coaches' admin: day templates edited through their inline, assignments, permissions."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Invitation
from programs.admin import copy_name, duplicate_day_template, duplicate_program
from programs.models import (
    CONSECUTIVE_DAYS_MESSAGE,
    Assignment,
    DayTemplate,
    Exercise,
    Prescription,
    PrescriptionOverride,
    Program,
    Session,
)
from tests.conftest import make_user

STRENGTH = "Strength + Compounds"


def violation_message(model, name: str) -> str:
    return next(c for c in model._meta.constraints if c.name == name).violation_error_message


def form_data(response) -> dict:
    """What a browser would post back from an admin change page, untouched."""
    forms = [response.context["adminform"].form]
    data = {"_save": "Save"}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(name)] = value
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value is not None and value is not False:
                data[form.add_prefix(name)] = value
    return data


def change_url(template: DayTemplate) -> str:
    return reverse("admin:programs_daytemplate_change", args=[template.pk])


def snapshot(template: DayTemplate) -> list[tuple]:
    return list(
        template.prescriptions.order_by("order").values_list(
            "order", "exercise__slug", "sets_min", "sets_max", "reps_min", "reps_max", "rir_max"
        )
    )


@pytest.fixture
def strength(db) -> DayTemplate:
    return DayTemplate.objects.get(name=STRENGTH)


@pytest.fixture
def own_strength(coach, strength) -> DayTemplate:
    """The coach's own copy of the house's Day 1: the house's is read-only to coaches."""
    return duplicate_day_template(template=strength, owner=coach)


@pytest.fixture
def strength_form(client, coach, own_strength) -> dict:
    client.force_login(coach)
    return form_data(client.get(change_url(own_strength)))


@pytest.mark.parametrize("model", ["exercise", "daytemplate", "program", "assignment", "session"])
def test_coach_opens_the_changelists(client, coach, athlete, model):
    client.force_login(coach)

    response = client.get(reverse(f"admin:programs_{model}_changelist"))

    assert response.status_code == 200


def test_day_template_changelist_counts_prescriptions_without_a_query_per_row(client, coach):
    client.force_login(coach)
    url = reverse("admin:programs_daytemplate_changelist")
    # The house's four: the guide's two days and the home gym's two.
    with CaptureQueriesContext(connection) as four_templates:
        response = client.get(url)
    DayTemplate.objects.create(name="Extra one", focus="balance")
    DayTemplate.objects.create(name="Extra two", focus="strength")

    with CaptureQueriesContext(connection) as six_templates:
        client.get(url)

    assert [t.prescription_count for t in response.context["cl"].result_list] == [3, 3, 3, 3]
    assert len(six_templates) == len(four_templates)


def test_coach_opens_a_day_template_with_its_prescriptions(client, coach, strength):
    client.force_login(coach)

    response = client.get(change_url(strength))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.prefix == "prescriptions"
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == 3
    assert "Romanian deadlift" in response.content.decode()


def test_coach_edits_a_prescription_through_the_inline(client, own_strength, strength_form):
    leg_press = Exercise.objects.get(slug="leg-press")
    strength_form |= {
        "prescriptions-0-reps_min": 6,
        "prescriptions-0-reps_max": 10,
        "prescriptions-0-tempo": "Two seconds down",
        "prescriptions-0-alternatives": [leg_press.pk, Exercise.objects.get(slug="hip-thrust").pk],
    }

    response = client.post(change_url(own_strength), strength_form)

    assert response.status_code == 302
    squat = own_strength.prescriptions.get(order=1)
    assert (squat.reps_min, squat.reps_max, squat.tempo) == (6, 10, "Two seconds down")
    assert set(squat.alternatives.values_list("slug", flat=True)) == {"leg-press", "hip-thrust"}


def test_coach_swaps_two_slots(client, own_strength, strength_form):
    strength_form |= {"prescriptions-0-order": 2, "prescriptions-1-order": 1}

    response = client.post(change_url(own_strength), strength_form)

    assert response.status_code == 302
    assert [row[:2] for row in snapshot(own_strength)] == [
        (1, "romanian-deadlift"),
        (2, "back-squat"),
        (3, "walking-lunge"),
    ]


def test_coach_deletes_a_slot_and_gives_its_number_to_another(client, own_strength, strength_form):
    strength_form |= {"prescriptions-2-DELETE": "on", "prescriptions-0-order": 3}

    response = client.post(change_url(own_strength), strength_form)

    assert response.status_code == 302
    assert [row[:2] for row in snapshot(own_strength)] == [
        (2, "romanian-deadlift"),
        (3, "back-squat"),
    ]


def new_slot(*, order, index: int = 3, exercise: str = "hip-thrust") -> dict:
    """A row "Add another" posted: the fourth after the three of Day 1, unless told."""
    row = {
        "exercise": Exercise.objects.get(slug=exercise).pk,
        "order": order,
        "sets_min": 2,
        "sets_max": 3,
        "reps_min": 8,
        "reps_max": 12,
        "rest_seconds": 120,
        "rir_min": 1,
        "rir_max": 2,
    }
    return {"prescriptions-TOTAL_FORMS": index + 1} | {
        f"prescriptions-{index}-{name}": value for name, value in row.items()
    }


def test_coach_makes_a_day_template_from_scratch_its_slots_numbered_in_row_order(client, coach):
    client.force_login(coach)
    url = reverse("admin:programs_daytemplate_add")
    data = form_data(client.get(url)) | {"name": "Home day", "focus": "balance"}
    data |= new_slot(order="", index=0) | new_slot(order="", index=1, exercise="leg-curl")

    response = client.post(url, data)

    assert response.status_code == 302
    made = DayTemplate.objects.get(name="Home day")
    assert made.owner == coach
    assert [row[:2] for row in snapshot(made)] == [(1, "hip-thrust"), (2, "leg-curl")]


def test_coach_adds_a_prescription_through_the_inline(client, own_strength, strength_form):
    strength_form |= new_slot(order=4)

    response = client.post(change_url(own_strength), strength_form)

    assert response.status_code == 302
    assert snapshot(own_strength)[-1] == (4, "hip-thrust", 2, 3, 8, 12, 2)


def test_the_slots_are_ordered_by_dragging_and_a_new_one_goes_last(
    client, own_strength, strength_form
):
    """The editor's order is a hidden field the drag-and-drop rewrites; a row added with
    "Add another" has none until it is saved, and then takes the next slot."""
    response = client.get(change_url(own_strength))
    order = response.context["inline_admin_formsets"][0].formset.forms[0]["order"]
    assert order.is_hidden and "_reorder_" in str(order)
    strength_form |= new_slot(order="")

    response = client.post(change_url(own_strength), strength_form)

    assert response.status_code == 302
    assert snapshot(own_strength)[-1] == (4, "hip-thrust", 2, 3, 8, 12, 2)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"prescriptions-0-reps_min": 9, "prescriptions-0-reps_max": 8},
            violation_message(Prescription, "prescription_reps_range"),
        ),
        (
            {"prescriptions-0-sets_min": 4, "prescriptions-0-sets_max": 3},
            violation_message(Prescription, "prescription_sets_range"),
        ),
        (
            {"prescriptions-0-rir_min": 3, "prescriptions-0-rir_max": 2},
            violation_message(Prescription, "prescription_rir_target"),
        ),
        ({"prescriptions-0-rir_max": 4}, "Ensure this value is less than or equal to 3."),
        ({"prescriptions-0-sets_min": 0}, "Ensure this value is greater than or equal to 1."),
        ({"prescriptions-0-reps_max": 101}, "Ensure this value is less than or equal to 100."),
        ({"prescriptions-1-order": 1}, "Please correct the duplicate data for order"),
    ],
)
def test_impossible_prescription_is_a_form_error_and_nothing_changes(
    client, own_strength, strength_form, change, message
):
    before = snapshot(own_strength)

    response = client.post(change_url(own_strength), strength_form | change)

    assert response.status_code == 200
    assert str(message) in response.content.decode()
    assert snapshot(own_strength) == before


def test_duplicate_action_copies_prescriptions_and_alternatives(client, coach, strength):
    client.force_login(coach)

    response = client.post(
        reverse("admin:programs_daytemplate_changelist"),
        {"action": "duplicate", "_selected_action": [strength.pk]},
        follow=True,
    )

    copy = DayTemplate.objects.get(name=f"{STRENGTH} (copy)")
    assert (copy.focus, copy.purpose) == (strength.focus, strength.purpose)
    assert snapshot(copy) == snapshot(strength)
    assert list(copy.prescriptions.get(order=1).alternatives.values_list("slug", flat=True)) == [
        "leg-press"
    ]
    assert strength.prescriptions.count() == 3
    assert f"{STRENGTH} (copy)" in response.content.decode()


def test_duplicating_again_numbers_the_copies(client, coach, strength):
    client.force_login(coach)
    url = reverse("admin:programs_daytemplate_changelist")
    client.post(url, {"action": "duplicate", "_selected_action": [strength.pk]})
    first_copy = DayTemplate.objects.get(name=f"{STRENGTH} (copy)")

    client.post(url, {"action": "duplicate", "_selected_action": [strength.pk, first_copy.pk]})

    assert set(DayTemplate.objects.values_list("name", flat=True)) == {
        "Home gym: Balance + Isolation",
        "Home gym: Strength + Compounds",
        "Balance + Isolation",
        STRENGTH,
        f"{STRENGTH} (copy)",
        f"{STRENGTH} (copy 2)",
        f"{STRENGTH} (copy 3)",
    }


@pytest.mark.parametrize(
    ("taken", "name", "copy"),
    [
        pytest.param([], "Quads", "Quads (copy)", id="first-copy"),
        pytest.param(["Quads (copy)"], "Quads", "Quads (copy 2)", id="second-copy"),
        pytest.param(["Quads (copy)"], "Quads (copy)", "Quads (copy 2)", id="copy-of-a-copy"),
        pytest.param([], "Q" * 80, "Q" * 73 + " (copy)", id="long-name-fits-the-column"),
    ],
)
def test_copy_name_is_the_first_free_one(db, taken, name, copy):
    for existing in [name, *taken]:
        DayTemplate.objects.get_or_create(name=existing, defaults={"focus": "strength"})

    assert copy_name(name=name, model=DayTemplate) == copy


def test_staff_outside_coaches_cannot_open_a_day_template(client, strength):
    client.force_login(make_user("front_desk", is_staff=True))

    response = client.get(change_url(strength))

    assert response.status_code == 403


def test_staff_outside_coaches_cannot_change_a_day_template(
    client, coach, own_strength, strength_form
):
    before = snapshot(own_strength)
    client.force_login(make_user("front_desk", is_staff=True))

    response = client.post(
        change_url(own_strength),
        strength_form | {"name": "Renamed", "prescriptions-0-reps_max": 20},
    )

    assert response.status_code == 403
    assert DayTemplate.objects.filter(name=own_strength.name).exists()
    assert snapshot(own_strength) == before


def test_athlete_is_sent_to_the_admin_login(client, athlete, strength):
    client.force_login(athlete)
    url = change_url(strength)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.fixture
def assignment_form(client, coach, program) -> dict:
    client.force_login(coach)
    data = form_data(client.get(reverse("admin:programs_assignment_add")))
    return data | {
        "athlete": make_user("newcomer").pk,
        "program": program.pk,
        "start_date": "2026-03-02",
    }


def test_coach_adds_an_assignment(client, coach, program, assignment_form):
    response = client.post(reverse("admin:programs_assignment_add"), assignment_form)

    assert response.status_code == 302
    assignment = Assignment.objects.get(athlete__username="newcomer")
    assert (assignment.program, assignment.coach) == (program, coach)
    assert (assignment.weekday_one, assignment.weekday_two) == (0, 3)
    assert assignment.start_date == dt.date(2026, 3, 2)
    assert assignment.end_date is None


@pytest.mark.parametrize(
    ("weekday_one", "weekday_two"),
    [(0, 1), (2, 3), (0, 6), (4, 4), (3, 0)],
    ids=["monday-tuesday", "wednesday-thursday", "sunday-monday", "same-day", "day-2-first"],
)
def test_weekdays_next_to_each_other_are_a_form_error(
    client, assignment_form, weekday_one, weekday_two
):
    response = client.post(
        reverse("admin:programs_assignment_add"),
        assignment_form | {"weekday_one": weekday_one, "weekday_two": weekday_two},
    )

    assert response.status_code == 200
    assert str(CONSECUTIVE_DAYS_MESSAGE) in response.content.decode()
    assert not Assignment.objects.filter(athlete__username="newcomer").exists()


def test_end_before_start_is_a_form_error(client, assignment_form):
    response = client.post(
        reverse("admin:programs_assignment_add"), assignment_form | {"end_date": "2026-03-01"}
    )

    assert response.status_code == 200
    message = violation_message(Assignment, "assignment_ends_after_start")
    assert str(message) in response.content.decode()
    assert not Assignment.objects.filter(athlete__username="newcomer").exists()


def test_second_open_assignment_is_a_form_error(client, athlete, assignment_form):
    response = client.post(
        reverse("admin:programs_assignment_add"), assignment_form | {"athlete": athlete.pk}
    )

    assert response.status_code == 200
    message = violation_message(Assignment, "assignment_one_open_per_athlete")
    assert str(message) in response.content.decode()
    assert athlete.assignments.count() == 1


def test_coach_ends_an_assignment(client, coach, athlete):
    client.force_login(coach)
    assignment = athlete.assignments.get()
    url = reverse("admin:programs_assignment_change", args=[assignment.pk])
    data = form_data(client.get(url)) | {"end_date": "2026-02-27"}

    response = client.post(url, data)

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.end_date == dt.date(2026, 2, 27)


@pytest.fixture
def session(athlete, strength) -> Session:
    session = Session.objects.create(
        athlete=athlete,
        assignment=athlete.assignments.get(),
        day_template=strength,
        date=dt.date(2026, 1, 5),
        day_number=1,
        name=strength.name,
        focus=strength.focus,
    )
    for prescription in strength.prescriptions.all():
        copy = session.prescriptions.create(
            **{
                field: getattr(prescription, field)
                for field in ["order", "exercise", "sets_min", "sets_max", "reps_min"]
                + ["reps_max", "per_leg", "tempo", "rest_seconds", "rir_min", "rir_max"]
            },
            source=prescription,
        )
        copy.alternatives.set(prescription.alternatives.all())
    return session


def test_coach_views_a_session_read_only(client, coach, session):
    client.force_login(coach)

    response = client.get(reverse("admin:programs_session_change", args=[session.pk]))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert "4 × 5–8" in response.content.decode()
    assert "Leg press" in response.content.decode()


def test_coach_cannot_change_a_session(client, coach, session):
    client.force_login(coach)
    url = reverse("admin:programs_session_change", args=[session.pk])

    response = client.post(url, {"name": "Renamed", "date": "2026-01-06"})

    assert response.status_code == 403
    session.refresh_from_db()
    assert (session.name, session.date) == (STRENGTH, dt.date(2026, 1, 5))


def test_coach_cannot_add_a_session(client, coach):
    client.force_login(coach)

    response = client.get(reverse("admin:programs_session_add"))

    assert response.status_code == 403


def test_staff_outside_coaches_sees_no_plan(client, db):
    client.force_login(make_user("front_desk", is_staff=True))

    response = client.get(reverse("admin:programs_assignment_changelist"))

    assert response.status_code == 403


# The fence: what a coach may pick, copy and delete.


def choices(response, field: str) -> set[str]:
    queryset = response.context["adminform"].form.fields[field].queryset
    return {str(row) for row in queryset}


def test_coach_puts_only_their_athletes_or_unclaimed_ones_on_an_assignment(
    client, coach, athlete, other_athlete, other_coach
):
    make_user("newcomer")
    make_user("front_desk", is_staff=True)
    make_user("root", is_staff=True, is_superuser=True)
    client.force_login(coach)

    response = client.get(reverse("admin:programs_assignment_add"))

    assert choices(response, "athlete") == {"athlete", "newcomer"}
    assert choices(response, "coach") == {"coach"}


def test_coach_cannot_add_an_assignment_for_another_coachs_athlete(
    client, other_athlete, assignment_form
):
    response = client.post(
        reverse("admin:programs_assignment_add"),
        assignment_form | {"athlete": other_athlete.pk, "end_date": "2026-03-09"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert other_athlete.assignments.count() == 1


def test_coach_cannot_name_another_coach_on_an_assignment(client, other_coach, assignment_form):
    response = client.post(
        reverse("admin:programs_assignment_add"), assignment_form | {"coach": other_coach.pk}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Assignment.objects.filter(athlete__username="newcomer").exists()


def test_an_assignment_keeps_its_athlete(client, coach, athlete):
    client.force_login(coach)
    assignment = athlete.assignments.get()
    newcomer = make_user("newcomer")
    url = reverse("admin:programs_assignment_change", args=[assignment.pk])
    data = form_data(client.get(url)) | {"athlete": newcomer.pk, "end_date": "2026-02-27"}

    client.post(url, data)

    assignment.refresh_from_db()
    assert (assignment.athlete, assignment.end_date) == (athlete, dt.date(2026, 2, 27))


@pytest.fixture
def adjusted_slot(athlete, strength) -> Prescription:
    slot = strength.prescriptions.get(order=2)
    PrescriptionOverride.objects.create(
        athlete=athlete, prescription=slot, starts_on=dt.date(2026, 1, 5), reps_max=12
    )
    return slot


def test_deleting_a_slot_with_adjustments_is_refused_with_the_reason(
    client, strength, adjusted_slot
):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    before = snapshot(strength)
    data = form_data(client.get(change_url(strength))) | {"prescriptions-1-DELETE": "on"}

    response = client.post(change_url(strength), data)

    # The admin's inline names what the slot's deletion would take with it.
    assert response.status_code == 200
    assert (
        "Deleting prescription Strength + Compounds: 2. Romanian deadlift 3 × 6–10 would "
        "require deleting the following protected related objects: prescription override"
    ) in response.content.decode()
    assert snapshot(strength) == before
    assert PrescriptionOverride.objects.filter(prescription=adjusted_slot).count() == 1


def test_deleting_a_template_with_adjusted_slots_is_refused(client, strength, adjusted_slot):
    template = DayTemplate.objects.create(name="Alone", focus="strength")
    adjusted_slot.day_template = template
    adjusted_slot.save(update_fields=["day_template"])
    client.force_login(make_user("root", is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:programs_daytemplate_delete", args=[template.pk]), {"post": "yes"}
    )

    assert response.status_code == 200
    assert "protected" in response.content.decode()
    assert DayTemplate.objects.filter(pk=template.pk).exists()
    assert PrescriptionOverride.objects.count() == 1


def test_coach_duplicates_the_house_program_into_their_own(client, coach, program):
    client.force_login(coach)

    response = client.post(
        reverse("admin:programs_program_changelist"),
        {"action": "duplicate", "_selected_action": [program.pk]},
        follow=True,
    )

    copy = Program.objects.get(name=f"{program.name} (copy)")
    assert (copy.owner, copy.is_default) == (coach, False)
    assert (copy.day_one.owner, copy.day_two.owner) == (coach, coach)
    assert {copy.day_one.pk, copy.day_two.pk}.isdisjoint({program.day_one_id, program.day_two_id})
    assert snapshot(copy.day_one) == snapshot(program.day_one)
    assert snapshot(copy.day_two) == snapshot(program.day_two)
    assert f"{program.name} (copy)" in response.content.decode()
    # Theirs now: the copy opens for changes, the house's stays read-only.
    copy_page = client.get(reverse("admin:programs_program_change", args=[copy.pk]))
    house_page = client.get(reverse("admin:programs_program_change", args=[program.pk]))
    assert copy_page.context["has_change_permission"]
    assert not house_page.context["has_change_permission"]


def test_coach_adds_a_program_of_their_own_from_theirs_and_the_houses_templates(
    client, coach, other_coach, program, own_strength
):
    theirs = duplicate_day_template(template=program.day_two, owner=other_coach)
    client.force_login(coach)
    url = reverse("admin:programs_program_add")
    page = client.get(url)

    response = client.post(
        url,
        {"name": "Mine", "day_one": own_strength.pk, "day_two": program.day_two_id, "_save": "1"},
    )

    assert response.status_code == 302
    assert Program.objects.get(name="Mine").owner == coach
    assert theirs.name not in choices(page, "day_one")
    assert {own_strength.name, STRENGTH} <= choices(page, "day_one")
    assert "is_default" not in page.context["adminform"].form.fields
    assert "owner" not in page.context["adminform"].form.fields


def test_autocomplete_lists_no_other_coachs_program(client, coach, other_coach, program):
    other = duplicate_program(program=program, owner=other_coach)
    client.force_login(coach)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "programs", "model_name": "assignment", "field_name": "program"},
    )

    names = {result["text"] for result in response.json()["results"]}
    assert program.name in names
    assert other.name not in names


def test_invitation_expiring_before_it_is_made_is_a_form_error(client, coach, program):
    client.force_login(coach)

    response = client.post(
        reverse("admin:accounts_invitation_add"),
        {"program": program.pk, "expires_at_0": "2020-01-01", "expires_at_1": "10:00:00"},
    )

    assert response.status_code == 200
    assert "An invitation must expire after it is made." in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitation_expiry_moved_before_its_creation_is_a_form_error(client, coach, program):
    invitation = Invitation.objects.create(coach=coach, program=program)
    client.force_login(coach)
    url = reverse("admin:accounts_invitation_change", args=[invitation.pk])

    response = client.post(url, {"expires_at_0": "2020-01-01", "expires_at_1": "10:00:00"})

    assert response.status_code == 200
    assert "An invitation must expire after it is made." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.expires_at > invitation.created_at


@pytest.mark.parametrize("url", ["admin:accounts_user_changelist", "admin:auth_group_changelist"])
def test_accounts_and_groups_are_for_superusers_only(client, coach, url):
    coach.groups.first().permissions.add(*Permission.objects.filter(codename__endswith="_user"))
    client.force_login(coach)

    assert client.get(reverse(url)).status_code == 403
