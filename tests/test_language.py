"""The language: the browser's by default, the athlete's choice when made, and the forms
that choose it (the account page's, and set_language before logging in)."""

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import UNKNOWN_LANGUAGE_MESSAGE, User
from tests.conftest import make_user


def html_lang(response) -> str:
    text = response.content.decode()
    start = text.index("<html lang=") + len('<html lang="')
    return text[start : text.index('"', start)]


@pytest.mark.django_db
def test_the_browsers_language_is_the_pages(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")
    assert html_lang(response) == "fr"


@pytest.mark.django_db
def test_without_accept_language_the_page_is_english(client):
    assert html_lang(client.get(reverse("login"))) == "en"


@pytest.mark.django_db
def test_an_athletes_chosen_language_wins_over_the_browsers(client):
    athlete = make_user("anna", language="de")
    client.force_login(athlete)
    response = client.get(reverse("account"), HTTP_ACCEPT_LANGUAGE="fr")
    assert html_lang(response) == "de"
    assert response.wsgi_request.LANGUAGE_CODE == "de"


@pytest.mark.django_db
def test_an_athlete_without_a_choice_follows_the_browser(client):
    client.force_login(make_user("anna"))
    assert html_lang(client.get(reverse("account"), HTTP_ACCEPT_LANGUAGE="fr")) == "fr"


@pytest.mark.django_db
def test_choosing_on_the_account_page_remembers_it_and_sets_the_cookie(client):
    athlete = make_user("anna")
    client.force_login(athlete)
    response = client.post(reverse("account_language"), {"language": "pt-br"})
    assert response.status_code == 302
    athlete.refresh_from_db()
    assert athlete.language == "pt-br"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt-br"
    # After logging out the cookie keeps the pages in that language.
    client.post(reverse("logout"))
    assert html_lang(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")) == "pt-br"


@pytest.mark.django_db
def test_choosing_the_browsers_language_again_forgets_the_choice(client):
    athlete = make_user("anna", language="de")
    client.force_login(athlete)
    response = client.post(reverse("account_language"), {"language": ""})
    assert response.status_code == 302
    athlete.refresh_from_db()
    assert athlete.language == ""
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["xx", "el", "de<script>", "e" * 200])
def test_an_unknown_language_is_refused_and_nothing_written(client, code):
    athlete = make_user("anna", language="fr")
    client.force_login(athlete)
    response = client.post(reverse("account_language"), {"language": code})
    assert response.status_code == 400
    assert str(UNKNOWN_LANGUAGE_MESSAGE) in response.content.decode()
    athlete.refresh_from_db()
    assert athlete.language == "fr"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_the_database_refuses_a_language_not_shipped():
    athlete = make_user("anna")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=athlete.pk).update(language="xx")


@pytest.mark.django_db
def test_the_account_page_offers_the_language(client):
    client.force_login(make_user("anna", language="es"))
    text = client.get(reverse("account")).content.decode()
    assert f'action="{reverse("account_language")}"' in text
    assert '<option value="es" selected>' in text


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["login", "signup"])
def test_log_in_and_sign_up_offer_the_language(client, page):
    text = client.get(reverse(page)).content.decode()
    assert f'action="{reverse("set_language")}"' in text
    assert f'name="next" value="{reverse(page)}"' in text
    assert '<label for="id_set_language">' in text
    assert 'name="csrfmiddlewaretoken"' in text


@pytest.mark.django_db
def test_set_language_goes_back_to_the_page_in_that_language(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": "/signup/"})
    assert response.status_code == 302
    assert response["Location"] == "/signup/"
    assert html_lang(client.get("/signup/")) == "es"


@pytest.mark.django_db
def test_set_language_refuses_an_off_site_next(client):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert "evil.example" not in response.get("Location", "")


@pytest.mark.django_db
def test_set_language_needs_the_csrf_token():
    response = Client(enforce_csrf_checks=True).post(
        reverse("set_language"), {"language": "es", "next": "/login/"}
    )
    assert response.status_code == 403
