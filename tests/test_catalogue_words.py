"""The house catalogue in the lifter's language (programs.catalogue_words): every exercise
name, set-up cue, tempo, program and day template the migrations write has a translation
in each shipped language, pages show it, and an athlete's own words show as typed."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import to_locale

from programs import catalogue_words
from programs.catalogue_words import in_sentence
from programs.generation import assignments_in_week, generate_week
from programs.models import DayTemplate, Exercise, Prescription, Program, Session
from tests.coaching_setup import train
from tests.test_tick import W48
from tracking.insights.queries import trained_exercises

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]


def house_texts() -> set[tuple[str, str]]:
    """(context, English text) of everything the house catalogue shows."""
    texts = set()
    for exercise in Exercise.objects.filter(owner__isnull=True):
        texts.add((catalogue_words.EXERCISE, exercise.name))
        texts |= {
            (catalogue_words.CUE, line.strip())
            for line in exercise.setup_cues.splitlines()
            if line.strip()
        }
    for template in DayTemplate.objects.filter(owner__isnull=True):
        texts |= {(catalogue_words.DAY_TEMPLATE, template.name)}
        texts |= {(catalogue_words.PURPOSE, template.purpose)} if template.purpose else set()
    texts |= {
        (catalogue_words.PROGRAM, name)
        for name in Program.objects.filter(owner__isnull=True).values_list("name", flat=True)
    }
    tempos = Prescription.objects.filter(day_template__owner__isnull=True).exclude(tempo="")
    texts |= {(catalogue_words.TEMPO, tempo) for tempo in tempos.values_list("tempo", flat=True)}
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_house_text_has_a_translation(db, language):
    mo = Path(settings.BASE_DIR, "locale", to_locale(language), "LC_MESSAGES", "django.mo")
    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    missing = sorted(
        (context, text)
        for context, text in house_texts()
        if not catalogue.get(f"{context}\x04{text}")
    )
    assert len(house_texts()) > 60  # the migrations' catalogue, not an empty database
    assert missing == []


def test_german_writes_an_exercise_with_its_capital_inside_a_sentence():
    with translation.override("de"):
        assert in_sentence(catalogue_words.exercise_name("Back squat")) == "Kniebeuge"
    with translation.override("fr"):
        name = catalogue_words.exercise_name("Romanian deadlift")
        assert in_sentence(name) == name.lower() != "romanian deadlift"
    assert in_sentence(catalogue_words.exercise_name("Back squat")) == "back squat"


@pytest.fixture
def day_one(athlete) -> Session:
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return Session.objects.get(athlete=athlete, date=W48.monday)


def test_the_session_page_shows_the_catalogue_in_the_lifters_language(client, athlete, day_one):
    athlete.choose_language(language="de")
    client.force_login(athlete)
    squat = Exercise.objects.get(slug="back-squat")

    text = client.get(reverse("session", args=[day_one.pk])).content.decode()

    with translation.override("de"):
        expected = [squat.shown_name, *squat.shown_cues, day_one.shown_name]
    assert expected[0] == "Kniebeuge"
    assert all(word in text for word in expected)
    assert "Back squat" not in text and squat.setup_cues.splitlines()[0] not in text


def test_an_athletes_own_exercise_shows_as_typed(athlete):
    own = Exercise.objects.create(
        name="Belt squat (my gym)", slug="belt-squat-my-gym", owner=athlete,
        primary_muscle="quads", mechanics="compound", equipment="machine",
    )  # fmt: skip
    with translation.override("de"):
        assert own.shown_name == "Belt squat (my gym)"


def test_the_exercises_trained_are_listed_in_the_order_of_the_lifters_language(athlete):
    train(athlete, weeks=[W48.shifted(-1)])
    with translation.override("de"):
        names = [exercise.name for exercise in trained_exercises(athlete=athlete)]
    assert len(names) > 2 and "Kniebeuge" in names
    assert names == sorted(names, key=str.casefold)
