"""The phone with no signal speaks the language the lifter last used online (issue 19).

The service worker keeps the offline page and the week's sessions for the gym. Kept once,
they stayed in the language of that moment: a lifter who switched from French to German
got French in the basement. These tests switch on the account page (or the log-in
page), go offline, and open a page never kept (the offline page answers) and a session
the week page kept.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, log_in, wait_for_worker
from tests.e2e.test_offline import eventually, wait_until_kept

NEVER_KEPT = "/week/2026-W50/"
KEPT_COPY = "Opened with no network: this is the copy kept on this phone from {fetched}."
OFFLINE_SENTENCE = "This page was not kept on this phone, so it cannot open without a network."


def said_in(language: str, text: str) -> str:
    with translation.override(language):
        return str(gettext(text))


def choose_language(page: Page, server, language: str, *, speaking: str) -> None:
    """On the account page, as a lifter does: the list, then the button, both read in the
    language the page speaks now."""
    page.goto(f"{server.url}/account/")
    page.get_by_label(said_in(speaking, "Language"), exact=True).select_option(language)
    page.get_by_role("button", name=said_in(speaking, "Save the language")).tap()
    expect(page.locator("html")).to_have_attribute("lang", language)


def wait_until_the_phone_keeps(page: Page, path: str, language: str) -> None:
    """The worker fetches again what it keeps once a page online says the language
    changed: a phone has that moment before the basement, the test waits for it."""
    eventually(
        page,
        """([path, language]) => caches.match(path)
            .then(found => found ? found.text() : "")
            .then(html => html.includes(`<html lang="${language}"`))""",
        [path, language],
    )


def shows_the_offline_page_in(page: Page, server, language: str) -> None:
    page.goto(f"{server.url}{NEVER_KEPT}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=said_in(language, "No network"))).to_be_visible()
    expect(page.locator("main")).to_contain_text(said_in(language, OFFLINE_SENTENCE))


@pytest.fixture
def french_phone(new_context, server) -> Page:
    context = new_context(**PHONE, is_mobile=True, has_touch=True, locale="fr-FR")
    return context.new_page()


def test_the_offline_page_follows_the_language_chosen_on_the_account_page(
    french_phone: Page, server, athlete, artifacts
):
    page = french_phone
    log_in(page, server, athlete)
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    choose_language(page, server, "de", speaking="fr")
    wait_until_the_phone_keeps(page, "/offline/", "de")
    page.context.set_offline(True)
    shows_the_offline_page_in(page, server, "de")
    page.screenshot(path=artifacts / "offline-de.png", full_page=True)

    # And back: the network again, French chosen, the signal gone.
    page.context.set_offline(False)
    choose_language(page, server, "fr", speaking="de")
    wait_until_the_phone_keeps(page, "/offline/", "fr")
    page.context.set_offline(True)
    shows_the_offline_page_in(page, server, "fr")


def test_a_session_kept_in_french_opens_in_german_after_the_switch(
    french_phone: Page, server, athlete, week_sessions
):
    page, (_, day_two) = french_phone, week_sessions
    session = f"/sessions/{day_two.pk}/"
    log_in(page, server, athlete)
    page.goto(f"{server.url}/week/2026-W48/")
    wait_until_kept(page, [session])
    wait_until_the_phone_keeps(page, session, "fr")

    # Day 2 is not opened again online: the worker fetches it again in German.
    choose_language(page, server, "de", speaking="fr")
    wait_until_the_phone_keeps(page, session, "de")
    page.context.set_offline(True)
    page.goto(f"{server.url}{session}")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    kept_copy = said_in("de", KEPT_COPY).partition("{fetched}")[0]
    expect(page.locator("#network-status")).to_contain_text(kept_copy)


def test_the_offline_page_follows_the_choice_made_before_logging_in(french_phone: Page, server):
    page = french_phone
    page.goto(f"{server.url}/login/")
    wait_for_worker(page)
    wait_until_the_phone_keeps(page, "/offline/", "fr")

    page.get_by_label(said_in("fr", "Language"), exact=True).select_option("de")
    with translation.override("fr"):
        change = pgettext("the language of the pages", "Change")
    page.get_by_role("button", name=change).tap()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    wait_until_the_phone_keeps(page, "/offline/", "de")
    page.context.set_offline(True)
    shows_the_offline_page_in(page, server, "de")
