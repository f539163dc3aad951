"""A French phone logs a set (issue 19): the page speaks French, a load typed with a decimal
comma ("102,5", what a French keypad types) is stored as 102.5 and shown back with a
comma, and the row reads in French. The screenshot is the README's."""

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, exercise_card, log_in, session_url, set_row
from tests.e2e.test_readme_screenshots import SCREENSHOTS, TO_DOCS
from tracking.models import SetLog

SQUAT = "1. Back squat"


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
