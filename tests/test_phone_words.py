"""The phone's scripts say the server's words: the page carries them (tracking/offline.py
rendered as a JSON data block), and no script in static/js keeps a copy of its own."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek
from tracking import calibration, forms, offline, ticks, verdicts
from tracking.offline import phone_words

W48 = IsoWeek(2026, 48)
SCRIPTS = sorted(
    path for path in (Path(settings.BASE_DIR) / "static" / "js").glob("*.js") if path.is_file()
)


def words_in(html: str) -> dict:
    found = re.search(r'<script id="phone-words" type="application/json">(.*?)</script>', html)
    assert found, "the page carries no words for the phone"
    return json.loads(found.group(1))


def sentences(value) -> list[str]:
    """Every text the phone may show, cut at its {placeholders}: the parts a copy would hold."""
    if isinstance(value, dict):
        return [text for inner in value.values() for text in sentences(inner)]
    if not isinstance(value, str):
        return []
    return [part.strip() for part in re.split(r"\{\w+\}", value) if len(part.strip()) >= 12]


@pytest.fixture
def session_url(client, athlete) -> str:
    generate_week(assignments=assignments_in_week(W48), week=W48)
    client.force_login(athlete)
    # The forms of the session, past or not (a past one is read first, then edited).
    return reverse("session", args=[Session.objects.filter(athlete=athlete).first().pk]) + "?edit=1"


@pytest.mark.parametrize(
    ("owner", "name", "path"),
    [
        (forms, "REPS_REQUIRED_MESSAGE", ["repsRequired"]),
        (forms, "BOTH_LEGS_MESSAGE", ["bothLegs"]),
        (forms, "LOAD_REQUIRED_MESSAGE", ["loadRequired"]),
        (ticks, "SESSION_GONE_MESSAGE", ["sessionGone"]),
        (offline, "SET_NOT_ON_SERVER_MESSAGE", ["setNotOnServer"]),
        (offline, "STORAGE_FULL_MESSAGE", ["storageFull"]),
        (offline, "KEPT_COPY", ["keptCopy"]),
        (verdicts, "TOO_EASY_MESSAGE", ["verdicts", "tooEasy"]),
        (verdicts, "GOOD_SET_MESSAGE", ["verdicts", "good"]),
        (verdicts, "CORRECTED_RIR_MESSAGE", ["verdicts", "corrected"]),
    ],
)
def test_a_changed_message_is_what_the_page_gives_the_phone(
    client, session_url, monkeypatch, owner, name, path
):
    monkeypatch.setattr(owner, name, "Said differently {count}.")
    said = words_in(client.get(session_url).content.decode())
    for key in path:
        said = said[key]
    assert said == "Said differently {count}."


def test_the_waiting_mark_on_the_page_is_the_constant(client, session_url, monkeypatch):
    monkeypatch.setattr(offline, "WAITING_MARK", "Kept here until there is a signal.")
    html = client.get(session_url).content.decode()
    assert '<p class="waiting-mark">Kept here until there is a signal.</p>' in html


def test_every_page_carries_the_words(client, db):
    assert words_in(client.get(reverse("login")).content.decode()) == json.loads(
        json.dumps(phone_words())
    )


def test_no_script_keeps_a_copy_of_the_servers_words():
    assert len(SCRIPTS) >= 7
    texts = sentences(phone_words())
    assert len(texts) >= 20, "the table reaches the words"
    copies = [
        (path.name, text)
        for path in SCRIPTS
        for text in texts
        if text in path.read_text(encoding="utf-8")
    ]
    assert copies == []


def test_the_session_page_carries_the_row_parts(client, session_url):
    html = client.get(session_url).content.decode()
    for part in (
        "set-waiting-tag",
        "set-verdict",
        "set-test-outcome",
        "set-waiting-mark",
        "set-error",
    ):
        assert f'<template id="{part}">' in html
    assert html.count('<template class="logged-actions">') >= 9


@pytest.mark.parametrize(("said", "did"), [(2, 4), (2, 7), (3, 1), (0, 0), (2, 2), (5, 0), (0, 12)])
def test_a_test_sets_outcome_is_the_rules_sentence_filled(said, did):
    """The phone fills one of three patterns made from tracking.calibration's own sentence
    (static/js/verdicts.js picks it by the difference's sign)."""
    patterns = phone_words()["testSet"]
    difference = did - said
    pattern = patterns["more" if difference > 0 else "fewer" if difference < 0 else "spotOn"]
    filled = pattern.format(said=said, did=did, difference=abs(difference))
    assert filled == calibration.test_set_outcome(predicted_rir=said, actual_rir=did)


def test_a_changed_outcome_sentence_is_what_the_page_gives_the_phone(
    client, session_url, monkeypatch
):
    def outcome(*, predicted_rir: int, actual_rir: int) -> str:
        return f"Guessed {predicted_rir}, then {actual_rir}: off by {actual_rir - predicted_rir}."

    monkeypatch.setattr(calibration, "test_set_outcome", outcome)
    said = words_in(client.get(session_url).content.decode())["testSet"]
    assert said["more"] == "Guessed {said}, then {did}: off by {difference}."


# Until the French catalogue exists, a few of its sentences, served by gettext itself.
FRENCH = {
    "Saved on this phone, waiting for the network to send it.": (
        "Enregistrée sur ce téléphone, en attente du réseau pour l'envoyer."
    ),
    "in range": "dans la fourchette",
    "Rest is over": "Fin du repos",
    "You said {said} left and did {did} more: spot on.": (
        "Vous en annonciez {said} et en avez fait {did} de plus : pile juste."
    ),
}


@pytest.fixture
def french_catalogue(monkeypatch):
    def gettext(message: str) -> str:
        return FRENCH.get(message, message) if translation.get_language() == "fr" else message

    monkeypatch.setattr(translation._trans, "gettext", gettext)


def test_the_phone_words_are_in_the_language_of_the_request(french_catalogue):
    """Made when the page is drawn, not when the modules are imported: the phone, which has
    no catalogue, shows the server's sentences in the lifter's language."""
    with translation.override("fr"):
        french = phone_words()
    english = phone_words()
    assert french["waitingMark"] == FRENCH[str(offline.WAITING_MARK)]
    assert french["restOver"] == "Fin du repos"
    assert french["verdicts"]["rep"]["in_range"] == "dans la fourchette"
    assert french["testSet"]["spotOn"] == (
        "Vous en annonciez {said} et en avez fait {did} de plus : pile juste."
    )
    assert english["waitingMark"] == "Saved on this phone, waiting for the network to send it."
    assert english["verdicts"]["rep"]["in_range"] == "in range"
    # Plain text, ready for the page's JSON block.
    assert json.loads(json.dumps(french)) == french
