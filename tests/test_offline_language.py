"""What the service worker reads to keep the phone in the lifter's language: every page
says its language in Content-Language, the account's choice over the browser's, and so
do the pages the phone keeps and the offline page. Were the offline page to say another
language than the pages, every page opened online would make the phone fetch all it
keeps again (tests/e2e/test_offline_language.py drives the worker itself)."""

import pytest
from django.urls import reverse

from accounts.offline import KEEP_HEADER
from programs.generation import assignments_in_week, generate_week
from programs.models import Session
from programs.weeks import IsoWeek
from tests.test_language import html_lang

W48 = IsoWeek(2026, 48)


@pytest.fixture
def session(athlete) -> Session:
    generate_week(assignments=assignments_in_week(W48), week=W48)
    return Session.objects.filter(athlete=athlete).earliest("date")


def kept_and_offline_pages(session: Session) -> list[str]:
    return [
        reverse("week", args=[str(W48)]),
        reverse("session", args=[session.pk]),
        reverse("offline"),
    ]


@pytest.mark.parametrize("chosen", ["de", "fr", "es", "pt-br"])
def test_the_pages_the_phone_keeps_say_the_athletes_chosen_language(
    client, athlete, session, chosen
):
    athlete.choose_language(language=chosen)
    client.force_login(athlete)
    for url in kept_and_offline_pages(session):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response["Content-Language"] == html_lang(response) == chosen, url


def test_with_no_choice_they_say_the_browsers_language(client, athlete, session):
    client.force_login(athlete)
    for url in kept_and_offline_pages(session):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
        assert response["Content-Language"] == html_lang(response) == "fr", url


def test_the_offline_page_is_not_kept_as_a_page_but_says_its_language(client, db):
    # The worker keeps it apart (in its shell), and fetches it again when a page online
    # says another language: the header is what it compares.
    response = client.get(reverse("offline"), HTTP_ACCEPT_LANGUAGE="de")
    assert KEEP_HEADER not in response
    assert response["Content-Language"] == "de"


def test_the_worker_compares_the_header_the_pages_send(client, db):
    script = client.get(reverse("service_worker")).content.decode()
    assert 'headers.get("Content-Language")' in script
