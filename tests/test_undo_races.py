"""An edit or an undo racing an undo of the same set, from two phones (PostgreSQL decides
with row locks; SQLite serialises the writes): 200 or 404 with the reason, never a 500."""

from collections import Counter
from functools import partial

import pytest
from django.test import Client
from django.urls import reverse

from programs.generation import assignments_in_week, generate_week
from programs.models import SessionPrescription
from tests.conftest import at_once, race_rounds
from tests.test_tick import HTMX, W48, tick_data, tick_url
from tracking.models import SetLog, UndoneSet

RACE_ROUNDS = race_rounds(20)


@pytest.mark.django_db(transaction=True)
def test_an_edit_racing_an_undo_answers_200_or_not_found(athlete, other_athlete, race_report):
    """Two phones: one edits a set while the other undoes it, then both undo it. Each
    answers 200 or 404 with the reason, never a 500; an undone set stays undone."""
    generate_week(assignments=assignments_in_week(W48), week=W48)
    squat = SessionPrescription.objects.get(
        session__athlete=athlete, session__date=W48.monday, order=1
    )
    phones = []
    for _ in range(2):
        phone = Client(raise_request_exception=False)
        phone.force_login(athlete)
        phones.append(phone)
    edits, undos = Counter(), Counter()
    for number in range(1, RACE_ROUNDS + 1):
        data = tick_data(squat, set_number=str(number))
        phones[0].post(tick_url(squat.session), data, **HTMX)
        edit_url = reverse("edit_set", args=[squat.session.pk, data["uuid"]])
        undo_url = reverse("undo_set", args=[squat.session.pk, data["uuid"]])
        edit, undo = at_once(
            [
                partial(phones[0].post, edit_url, {"reps": "6", "load": "90", "rir": "1"}, **HTMX),
                partial(phones[1].post, undo_url, **HTMX),
            ]
        )
        edits[edit.status_code] += 1
        undos[undo.status_code] += 1
        data_again = tick_data(squat, set_number=str(number), uuid=data["uuid"])
        assert phones[0].post(tick_url(squat.session), data_again, **HTMX).status_code == 410
    uuids = []
    for number in range(1, RACE_ROUNDS + 1):
        data = tick_data(squat, set_number=str(number))
        phones[0].post(tick_url(squat.session), data, **HTMX)
        uuids.append(data["uuid"])
    for uuid_text in uuids:
        url = reverse("undo_set", args=[squat.session.pk, uuid_text])
        first, second = at_once([partial(phone.post, url, **HTMX) for phone in phones])
        undos[first.status_code] += 1
        undos[second.status_code] += 1
    race_report(f"edits racing an undo: {dict(edits)}; undos: {dict(undos)}")
    assert set(edits) <= {200, 404} and set(undos) <= {200, 404}
    assert undos[200] == 2 * RACE_ROUNDS
    assert not SetLog.objects.exists()
    assert UndoneSet.objects.count() == 2 * RACE_ROUNDS
