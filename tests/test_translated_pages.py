"""Every page of an athlete, a coach and a visitor, rendered in German, French, Spanish and
Brazilian Portuguese, leaves no English sentence of ours behind: any text of three words
or more that reads the same as the English rendering is a string nobody marked or
translated. The catalogue's own words (exercise names, set-up cues, tempos, program and
template names, time zones) are data, not the app's sentences, and stay as written.
"""

import datetime as dt
import re
import zoneinfo
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from programs.models import DayTemplate, Exercise, Prescription, Program, Session
from programs.weeks import IsoWeek
from tests.coaching_setup import generate, train
from tests.conftest import log_set_on

W48 = IsoWeek(2026, 48)
LANGUAGES = ["de", "fr", "es", "pt-br"]
# Where a person reads words: text, and the attributes a screen reader says.
SPOKEN = {"aria-label", "title", "placeholder", "alt"}
HIDDEN = {"script", "style", "template", "title"}


class Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in HIDDEN
        self.texts += [value for name, value in attrs if name in SPOKEN and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in HIDDEN

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def sentences(html: str) -> set[str]:
    words = Words()
    words.feed(html)
    return {text for text in words.texts if len(re.findall(r"[A-Za-z]{2,}", text)) >= 3}


def catalogue_words() -> list[str]:
    """The data the pages show as it is stored."""
    words = [
        *Exercise.objects.values_list("name", flat=True),
        *Program.objects.values_list("name", flat=True),
        *DayTemplate.objects.values_list("name", flat=True),
        *DayTemplate.objects.values_list("purpose", flat=True),
        *Prescription.objects.values_list("tempo", flat=True),
        *zoneinfo.available_timezones(),
    ]
    for cues in Exercise.objects.values_list("setup_cues", flat=True):
        words += cues.splitlines()
    return [word.replace("_", " ") for word in words if word]


def untranslated(client, url: str, language: str, data: list[str]) -> list[str]:
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200, url
    localized = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    left = sentences(english.content.decode()) & sentences(localized)
    return sorted(text for text in left if not any(word in text for word in data))


@pytest.fixture(autouse=True)
def monday_of_w48():
    with time_machine.travel(dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def history(athlete):
    train(athlete, weeks=[W48.shifted(-3), W48.shifted(-2), W48.shifted(-1)])
    generate([W48], athlete=athlete)
    first = Session.objects.get(athlete=athlete, date=W48.monday).prescriptions.get(order=1)
    log_set_on(first, load="102.5", reps=6, rir=2)
    log_set_on(first, set_number=2, load="102.5", reps=6, rir=5, actual_rir=7)
    return athlete


def athlete_pages(athlete) -> list[str]:
    monday = Session.objects.get(athlete=athlete, date=W48.monday)
    squat = Exercise.objects.get(slug="back-squat")
    return [
        reverse("week", args=[str(W48)]),
        reverse("session", args=[monday.pk]),
        reverse("progress"),
        reverse("exercise_progress", args=[squat.pk]),
        reverse("balance"),
        reverse("account"),
        reverse("account_language"),
        reverse("import"),
        reverse("export"),
        reverse("delete_account"),
        reverse("password_change"),
        reverse("offline"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_sentence_is_left_on_the_athletes_pages(client, history, language):
    client.force_login(history)
    data = catalogue_words()
    left = {url: untranslated(client, url, language, data) for url in athlete_pages(history)}
    assert not any(left.values()), left


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_sentence_is_left_on_the_coachs_pages(client, history, coach, language):
    client.force_login(coach)
    data = catalogue_words()
    urls = [reverse("coach_desk"), reverse("coach_athlete", args=[history.pk])]
    left = {url: untranslated(client, url, language, data) for url in urls}
    assert not any(left.values()), left


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_sentence_is_left_on_the_visitors_pages(client, db, language):
    data = catalogue_words()
    urls = [reverse("login"), reverse("signup"), reverse("password_reset")]
    left = {url: untranslated(client, url, language, data) for url in urls}
    assert not any(left.values()), left
