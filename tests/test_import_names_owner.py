"""Exercises created on import are the athlete's own: their coach sees them, no other
athlete does; and the preview's choices follow the names, not their positions."""

import datetime as dt

import pytest
import time_machine
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo import samples
from exchange.forms import choice_field_name
from programs.admin import PrescriptionInline
from programs.deletion import delete_account
from programs.models import DayTemplate, Exercise, Prescription
from tests.conftest import make_user
from tracking.models import SetLog

IMPORT = "/account/import/"
COSSACK = "2024-03-05 18:30:00,Legs,10m,Cossack Squat,{set},40,10,0,0,,,8"
SPANISH = "2024-03-05 18:30:00,Legs,10m,Spanish Squat (Band),1,0,15,0,0,,,8"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2024, 3, 10, 9, tzinfo=dt.UTC), tick=False):
        yield


def upload(client, *rows: str) -> str:
    content = "\n".join([samples.STRONG_HEADER, *rows]).encode()
    response = client.post(IMPORT, {"file": SimpleUploadedFile("s.csv", content, "text/csv")})
    return response["Location"]


def import_cossack_squat(client, athlete) -> Exercise:
    client.force_login(athlete)
    location = upload(client, COSSACK.format(set=1))
    response = client.post(
        location, {"unit": "kg", choice_field_name("Cossack Squat"): "create:quads"}
    )
    assert response.status_code == 302
    return Exercise.objects.get(owner=athlete, name="Cossack Squat")


def test_an_exercise_created_on_import_is_the_athletes_own(client, athlete, other_athlete):
    created = import_cossack_squat(client, athlete)

    assert created.owner == athlete
    assert created in Exercise.objects.visible_to(athlete)
    assert created not in Exercise.objects.visible_to(other_athlete)
    assert Exercise.objects.visible_to(other_athlete).filter(owner__isnull=True).count() == (
        Exercise.objects.visible_to(other_athlete).count()
    )


def test_another_athletes_preview_neither_matches_nor_offers_it(client, athlete, other_athlete):
    theirs = import_cossack_squat(client, athlete)

    client.force_login(other_athlete)
    location = upload(client, COSSACK.format(set=1))
    preview = client.get(location)
    assert [row.name for row in preview.context["preview"].unknown] == ["Cossack Squat"]
    field = preview.context["form"][choice_field_name("Cossack Squat")]
    offered = [value for group in field.field.choices for value in _values(group)]
    assert f"map:{theirs.pk}" not in offered
    assert "Cossack Squat" not in [
        label for group in field.field.choices for label in _labels(group)
    ]

    refused = client.post(location, {"unit": "kg", field.html_name: f"map:{theirs.pk}"})
    assert refused.status_code == 400
    assert not SetLog.objects.filter(prescription__session__athlete=other_athlete).exists()

    client.post(location, {"unit": "kg", field.html_name: "create:quads"})
    mine = SetLog.objects.get(prescription__session__athlete=other_athlete).exercise
    assert (mine.name, mine.owner) == ("Cossack Squat", other_athlete)
    assert mine != theirs


def _values(group):
    value, label = group
    return [v for v, _ in label] if isinstance(label, list) else [value]


def _labels(group):
    value, label = group
    return [text for _, text in label] if isinstance(label, list) else [label]


def test_the_athletes_coach_sees_it_in_the_admin_and_no_other_coach(
    client, athlete, coach, other_coach
):
    created = import_cossack_squat(client, athlete)
    changelist = reverse("admin:programs_exercise_changelist")

    client.force_login(coach)
    assert "Cossack Squat" in client.get(changelist).content.decode()
    change = reverse("admin:programs_exercise_change", args=[created.pk])
    assert client.get(change).status_code == 200  # read-only: the catalogue is the house's
    client.post(change, {"name": "Renamed"})
    created.refresh_from_db()
    assert created.name == "Cossack Squat"

    client.force_login(other_coach)
    assert "Cossack Squat" not in client.get(changelist).content.decode()
    assert client.get(change).status_code == 302  # as for a missing object


def test_a_superuser_promotes_it_to_the_catalogue(client, athlete, other_athlete):
    created = import_cossack_squat(client, athlete)
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)

    client.post(
        reverse("admin:programs_exercise_changelist"),
        {"action": "promote", "_selected_action": [created.pk]},
    )

    created.refresh_from_db()
    assert created.owner is None
    assert created in Exercise.objects.visible_to(other_athlete)


def test_their_coach_promotes_it_and_another_coach_cannot(
    client, athlete, coach, other_coach, other_athlete
):
    created = import_cossack_squat(client, athlete)
    promote = {"action": "promote", "_selected_action": [created.pk]}
    changelist = reverse("admin:programs_exercise_changelist")

    client.force_login(other_coach)  # not their athlete: the exercise is not in their list
    client.post(changelist, promote)
    created.refresh_from_db()
    assert created.owner == athlete

    client.force_login(coach)
    assert "Promote to the shared catalogue" in client.get(changelist).content.decode()
    client.post(changelist, promote)
    created.refresh_from_db()
    assert created.owner is None
    assert created in Exercise.objects.visible_to(other_athlete)


def test_a_name_the_catalogue_learns_meanwhile_does_not_shift_the_choices(client, athlete):
    client.force_login(athlete)
    # Cossack Squat has more sets, so the preview lists it first.
    location = upload(client, COSSACK.format(set=1), COSSACK.format(set=2), SPANISH)
    form = client.get(location).context["form"]
    fields = {name: field for field, name in form.names.items()}
    assert fields == {
        "Cossack Squat": choice_field_name("Cossack Squat"),
        "Spanish Squat (Band)": choice_field_name("Spanish Squat (Band)"),
    }
    # While the preview is open, the admin adds the first name to the catalogue.
    cossack = Exercise.objects.create(
        name="Cossack Squat", slug="cossack-squat", primary_muscle="adductors",
        mechanics="compound", equipment="bodyweight",
    )  # fmt: skip

    response = client.post(
        location,
        {
            "unit": "kg",
            fields["Cossack Squat"]: "create:quads",
            fields["Spanish Squat (Band)"]: "skip",
        },
    )

    assert response.status_code == 302
    logged = list(SetLog.objects.values_list("exercise_id", flat=True))
    assert logged == [cossack.pk, cossack.pk]  # the Spanish squat stays skipped
    assert not Exercise.objects.filter(owner=athlete).exists()


def test_the_coachs_adjust_form_offers_the_athletes_own_and_no_one_elses(
    client, coach, athlete, other_athlete, program
):
    mine = Exercise.objects.create(
        name="Cossack Squat", slug="cossack-squat", primary_muscle="quads",
        mechanics="compound", equipment="bodyweight", owner=athlete,
    )  # fmt: skip
    theirs = Exercise.objects.create(
        name="Cossack Squat", slug="cossack-squat-2", primary_muscle="quads",
        mechanics="compound", equipment="bodyweight", owner=other_athlete,
    )  # fmt: skip
    slot = program.day_one.prescriptions.get(order=1)
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC), tick=False):
        client.force_login(coach)
        response = client.get(f"/coach/athletes/{athlete.pk}/prescriptions/{slot.pk}/")

    offered = [
        v for group in response.context["form"].fields["exercise"].choices for v in _values(group)
    ]
    assert mine.pk in offered and theirs.pk not in offered


def test_deleting_the_account_deletes_its_own_exercises(client, athlete):
    created = import_cossack_squat(client, athlete)

    delete_account(athlete=athlete)

    assert not Exercise.objects.filter(pk=created.pk).exists()


def test_a_day_templates_slot_offers_only_the_shared_catalogue(client, athlete, coach, rf):
    created = import_cossack_squat(client, athlete)
    inline = PrescriptionInline(DayTemplate, admin.site)
    request = rf.get("/")
    request.user = coach

    exercise = inline.formfield_for_foreignkey(Prescription._meta.get_field("exercise"), request)
    alternatives = inline.formfield_for_manytomany(
        Prescription._meta.get_field("alternatives"), request
    )

    assert created not in exercise.queryset and created not in alternatives.queryset
    assert exercise.queryset.filter(slug="deadlift").exists()
