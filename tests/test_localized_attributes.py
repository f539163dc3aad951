"""A German or French phone sees decimal commas in what it reads, never in what the page's
scripts and charts read: every attribute but the human ones (a field's value, labels) is
the same in German as in English. Django localizes any number a template prints, so a
float in a data-*, step or SVG coordinate would otherwise reach the scripts as "2,5".
"""

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from programs.models import Exercise, Session
from programs.weeks import IsoWeek
from tests.coaching_setup import generate, train
from tests.conftest import log_set_on
from tests.test_translated_pages import Words, catalogue_words

W48 = IsoWeek(2026, 48)
# Text for people: translated or written the locale's way on purpose.
DECIMAL = re.compile(r"(\d)\.(\d)")
HUMAN = {"value", "lang", "aria-label", "title", "alt", "placeholder", "content"}


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name not in HUMAN and value is not None:
                self.seen.append((tag, name, value))


def attributes(html: str) -> list[tuple[str, str, str]]:
    parser = Attributes()
    parser.feed(html)
    return parser.seen


@pytest.fixture(autouse=True)
def monday_of_w48():
    with time_machine.travel(dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def history(athlete):
    """Three weeks trained with fractional loads, and W48 made: charts, records and the
    steppers all print decimals."""
    train(athlete, weeks=[W48.shifted(-3), W48.shifted(-2), W48.shifted(-1)])
    generate([W48], athlete=athlete)
    first = Session.objects.get(athlete=athlete, date=W48.monday).prescriptions.get(order=1)
    log_set_on(first, load="102.5", reps=6, rir=2)
    return athlete


def pages(athlete) -> list[str]:
    squat = Exercise.objects.get(slug="back-squat")
    monday = Session.objects.get(athlete=athlete, date=W48.monday)
    return [
        reverse("session", args=[monday.pk]),
        reverse("week", args=[str(W48)]),
        reverse("progress"),
        reverse("exercise_progress", args=[squat.pk]),
        reverse("balance"),
    ]


LANGUAGES = ["de", "fr", "es", "pt-br"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_attributes_do_not_change_with_the_language(client, history, language):
    client.force_login(history)
    assert_no_localized_numbers(client, pages(history), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coachs_pages_attributes_do_not_change_with_the_language(
    client, history, coach, language
):
    client.force_login(coach)
    urls = [reverse("coach_desk"), reverse("coach_athlete", args=[history.pk])]
    assert_no_localized_numbers(client, urls, language)


def assert_no_localized_numbers(client, urls: list[str], language: str) -> None:
    for url in urls:
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        localized = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'lang="{language}"' in localized, url
        pairs = list(zip(attributes(english), attributes(localized), strict=True))
        # Some values change on every request (a set's new UUID, a masked token): what
        # must never happen is an attribute differing by its decimal marks alone.
        localized_numbers = [
            (tag, name, there)
            for (tag, name, here), (_, _, there) in pairs
            if here != there and DECIMAL.sub(r"\1,\2", here) == there
        ]
        assert not localized_numbers, url


def test_a_load_a_person_reads_has_the_decimal_comma_in_german(client, history):
    client.force_login(history)
    monday = Session.objects.get(athlete=history, date=W48.monday)

    page = client.get(reverse("session", args=[monday.pk]), HTTP_ACCEPT_LANGUAGE="de")

    assert "102,5" in page.content.decode()


class Read(Words):
    """What a person reads: text, spoken attributes, and the numbers in load fields."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        fields = dict(attrs)
        if tag == "input" and fields.get("name") in {"load", "bar", "plates"}:
            self.texts.append(fields.get("value") or "")


# "102.5", not a German thousand ("3.200") nor a date ("23.11.2026").
DECIMAL_POINT = re.compile(r"(?<![.\d])\d+\.\d{1,2}(?![.\d])")


def read_with_a_decimal_point(html: str, data: list[str]) -> list[str]:
    read = Read()
    read.feed(html)
    return [
        text
        for text in read.texts
        if DECIMAL_POINT.search(text)
        and not any(DECIMAL_POINT.search(word) and word in text for word in data)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_number_a_person_reads_keeps_the_english_point(client, history, coach, language):
    """The suggestion, the warm-up, records, charts' labels, the plate line and the
    account's bar and plates: everything written for people uses the language's mark."""
    history.bar_kg = Decimal("17.5")
    history.save(update_fields=["bar_kg"])
    data = catalogue_words()
    client.force_login(history)
    urls = [*pages(history), reverse("account")]
    read = {url: read_with_a_decimal_point(get(client, url, language), data) for url in urls}
    client.force_login(coach)
    coach_urls = [reverse("coach_desk"), reverse("coach_athlete", args=[history.pk])]
    read |= {url: read_with_a_decimal_point(get(client, url, language), data) for url in coach_urls}
    assert not any(read.values()), read


def get(client, url: str, language: str) -> str:
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
