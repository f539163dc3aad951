"""The gym floor's words go through the catalogue: the session page, its tick answers, the
week page and the phone's words. Until the translators' catalogues exist, a stand-in one
marks every translated string ⟦so⟧: what the lifter reads unmarked was never looked up."""

import datetime as dt
import html
import json
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from programs.weeks import IsoWeek

W48 = IsoWeek(2026, 48)
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture(autouse=True)
def marking_catalogue(monkeypatch):
    def gettext(message: str) -> str:
        return f"⟦{message}⟧" if translation.get_language() == "fr" else message

    def ngettext(singular: str, plural: str, number: int) -> str:
        return gettext(singular if number == 1 else plural)

    monkeypatch.setattr(translation._trans, "gettext", gettext)
    monkeypatch.setattr(translation._trans, "ngettext", ngettext)
    with (
        time_machine.travel(dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC), tick=False),
        translation.override("fr"),
    ):
        yield


@pytest.fixture
def squat(client, athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    client.force_login(athlete)
    day_one = Session.objects.get(athlete=athlete, date=W48.monday)
    return SessionPrescription.objects.get(session=day_one, order=1)


def shown(response) -> str:
    return html.unescape(response.content.decode())


def test_the_session_page_is_drawn_from_the_catalogue(client, squat):
    page = shown(client.get(reverse("session", args=[squat.session.pk]), **FRENCH))
    for marked in (
        "⟦Set 1⟧",
        "⟦Reps⟧",
        "⟦Load (kg)⟧",
        "⟦(reps left in the tank)⟧",
        "⟦Add a set⟧",
        "⟦Finish session⟧",
        "⟦Rest over⟧",
        "⟦Done: log set 1⟧",
        "⟦Add a note⟧",
        "⟦Today:⟧",
        "⟦0 of 9 sets⟧",
    ):
        assert marked in page
    assert "Add a set<" not in page.replace("⟦Add a set⟧", "")
    words = json.loads(
        re.search(r'<script id="phone-words" type="application/json">(.*?)</script>', page)[1]
    )
    assert words["loadRequired"] == "⟦Enter the load (0 for bodyweight).⟧"
    assert words["verdicts"]["tooEasy"].startswith("⟦RIR {rir}: you left reps in the tank.")


def test_the_tick_answers_in_the_lifters_language(client, squat):
    data = {
        "prescription": str(squat.pk),
        "set_number": "1",
        "reps": "8",
        "rir": "5",
        "uuid": "7d1f6c1e-3b1a-4c3e-9a43-0c1f4a3c9b10",
    }
    refused = shown(client.post(reverse("tick", args=[squat.session.pk]), data, **FRENCH))
    assert "⟦Enter the load (0 for bodyweight).⟧" in refused
    logged = shown(
        client.post(
            reverse("tick", args=[squat.session.pk]),
            {**data, "load": "100"},
            HTTP_HX_REQUEST="true",
            **FRENCH,
        )
    )
    assert "⟦RIR 5: you left reps in the tank." in logged
    assert "⟦too easy⟧" in logged.lower()


def test_the_week_page_is_drawn_from_the_catalogue(client, squat):
    page = shown(client.get(reverse("week", args=[str(W48)]), **FRENCH))
    for marked in ("⟦Week 48⟧", "⟦Day 1⟧", "⟦Open session⟧", "⟦Days of the week⟧", "⟦Rest⟧"):
        assert marked in page
