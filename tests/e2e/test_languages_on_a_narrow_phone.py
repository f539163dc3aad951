"""Every language fits a 360 px phone: German, French, Spanish and Portuguese words run
longer than English ones ("Isquiotibiales" over "Hamstrings"), and a column heading that
does not wrap pushes the whole page sideways. The demo athlete's eight weeks give every
section its table, chart and flag."""

import pytest
from playwright.sync_api import Page

from programs.models import Exercise, Session
from programs.today import athlete_today
from tests.e2e.conftest import log_in
from tests.e2e.test_insights_on_a_phone import NARROWEST, trained  # noqa: F401  (fixture)

LOCALES = {"de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt-br": "pt-BR"}


@pytest.mark.parametrize("language", LOCALES)
def test_the_athletes_pages_fit_a_360_px_phone(new_context, server, trained, language):  # noqa: F811
    page: Page = new_context(
        viewport=NARROWEST, is_mobile=True, has_touch=True, locale=LOCALES[language]
    ).new_page()
    log_in(page, server, trained)
    today = athlete_today(trained)
    latest = Session.objects.filter(athlete=trained, date__lte=today).latest("date")
    squat = Exercise.objects.get(slug="back-squat")
    paths = [
        "/",
        f"/sessions/{latest.pk}/",
        "/progress/",
        f"/progress/{squat.pk}/",
        "/balance/",
        "/account/",
        "/account/import/",
        "/account/export/",
    ]
    assert_fits(page, server, paths, language)


def assert_fits(page: Page, server, paths: list[str], language: str) -> None:
    too_wide = {}
    for path in paths:
        page.goto(f"{server.url}{path}")
        assert page.locator("html").get_attribute("lang") == language
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROWEST["width"]:
            too_wide[path] = width
    assert too_wide == {}


@pytest.mark.parametrize("language", LOCALES)
def test_the_coachs_pages_fit_a_360_px_phone(new_context, server, trained, coach, language):  # noqa: F811
    """The coach's header holds four links, and the test-set table four columns of longer
    words ("Beinstrecker")."""
    page: Page = new_context(
        viewport=NARROWEST, is_mobile=True, has_touch=True, locale=LOCALES[language]
    ).new_page()
    log_in(page, server, coach, lands=r"/coach/$")
    paths = [
        "/coach/",
        f"/coach/athletes/{trained.pk}/",
        f"/coach/athletes/{trained.pk}/program/",
        f"/coach/athletes/{trained.pk}/progress/",
        f"/coach/athletes/{trained.pk}/balance/",
    ]
    assert_fits(page, server, paths, language)
