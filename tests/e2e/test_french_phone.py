"""A French phone logs a set (issue 19): the page speaks French, a load typed with a decimal
comma ("102,5", what a French keypad types) is stored as 102.5 and shown back with a
comma, and the row reads in French. The screenshot is the README's."""

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from programs.catalogue_words import exercise_name
from tests.e2e.conftest import (
    PHONE,
    allow_ticks_with_no_network,
    exercise_card,
    log_in,
    session_url,
    set_row,
    wait_for_worker,
)
from tests.e2e.test_readme_screenshots import SCREENSHOTS, TO_DOCS
from tracking.models import SetLog


def french_card_title(order: int, exercise: str) -> str:
    with translation.override("fr"):
        return f"{order}. {exercise_name(exercise)}"


# The catalogue speaks French too (programs.catalogue_words).
SQUAT = french_card_title(1, "Back squat")


def in_french(text: str, **values) -> str:
    with translation.override("fr"):
        return gettext(text) % values if values else str(gettext(text))


def test_a_french_phone_logs_a_set_with_a_decimal_comma(
    new_context, server, athlete, week_sessions, artifacts
):
    page: Page = new_context(**PHONE, is_mobile=True, has_touch=True, locale="fr-FR").new_page()
    day_one, _ = week_sessions
    log_in(page, server, athlete)
    page.goto(session_url(server, day_one))
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    card = exercise_card(page, SQUAT)
    row = set_row(card, 1)
    row.get_by_role("textbox", name=in_french("Reps"), exact=True).fill("6")
    row.get_by_role("textbox", name="Charge (kg)", exact=True).fill("102,5")
    row.locator('label[aria-label="RIR 2"]').tap()
    row.get_by_role("button", name=in_french("Done: log set %(number)s", number=1)).tap()

    undo = in_french("Undo set %(number)s", number=1)
    expect(row.get_by_role("button", name=undo, exact=True)).to_be_visible()
    logged = SetLog.objects.get(prescription__session=day_one, set_number=1)
    assert (logged.load_kg, logged.reps, logged.rir) == (Decimal("102.5"), 6, 2)
    expect(row).to_contain_text("102,5 kg")
    # A good set folds to one line: the load as a French phone writes it, marked logged.
    expect(row.locator(".set-line")).to_have_text("102,5 kg × 6 @ RIR 2")
    expect(row.locator(".tag.done")).to_have_text(in_french("logged"))
    assert in_french("logged") != "logged"

    row.evaluate("row => row.scrollIntoView({block: 'center'})")
    page.screenshot(path=artifacts / "session-fr.png", caret="initial")
    if TO_DOCS:
        page.screenshot(path=SCREENSHOTS / "session-fr.png", caret="initial")


def test_a_french_phone_steps_plates_and_keeps_a_waiting_set_in_its_numbers(
    new_context, server, athlete, week_sessions, browser_errors
):
    """What the phone writes itself (a stepped load, the plate line, a set waiting for the
    network) reads with the comma the server writes."""
    allow_ticks_with_no_network(browser_errors)
    page: Page = new_context(**PHONE, is_mobile=True, has_touch=True, locale="fr-FR").new_page()
    day_one, _ = week_sessions
    log_in(page, server, athlete)
    page.goto(session_url(server, day_one))
    wait_for_worker(page)
    row = set_row(exercise_card(page, SQUAT), 1)
    load = row.get_by_role("textbox", name="Charge (kg)", exact=True)

    load.fill("100")
    row.locator('button.step[data-target$="-load"]:not([data-step^="-"])').tap()
    expect(load).to_have_value("102,5")
    expect(row.locator(".plates")).to_have_text(
        in_french("Per side: {plates}").format(plates="25 + 15 + 1,25")
    )

    # Typed with a point, the set waits on the phone written the French way.
    load.fill("102.5")
    page.context.set_offline(True)
    row.get_by_role("textbox", name=in_french("Reps"), exact=True).fill("6")
    row.locator('label[aria-label="RIR 2"]').tap()
    row.get_by_role("button", name=in_french("Done: log set %(number)s", number=1)).tap()
    expect(row.locator(".tag.waiting")).to_be_visible()
    expect(load).to_have_value("102,5")
    page.context.set_offline(False)
