"""The plate calculator on a phone: the line under a barbell set's load, in kg and in lb,
following the load as it is typed (a decimal comma too) or stepped; and the phone's copy
of the rule (static/js/plates.js) against the server's (tracking/plates.py)."""

import re
from decimal import Decimal as D
from itertools import product

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts.models import DEFAULT_BAR, DEFAULT_PLATES, Unit
from tests.e2e.conftest import exercise_card, log_in, session_url, set_row
from tracking.models import SetLog
from tracking.plates import NOT_EXACT, PER_SIDE, UNDER_THE_BAR, PlateSetup

SQUAT = "1. Back squat"


def load_field(row, unit: str = "kg"):
    return row.get_by_role("textbox", name=f"Load ({unit})", exact=True)


def test_the_plates_per_side_of_102_5_kg_and_a_decimal_comma_logged(
    page: Page, server, athlete, week_sessions, artifacts
):
    log_in(page, server, athlete)
    page.goto(session_url(server, week_sessions[0]))
    row = set_row(exercise_card(page, SQUAT), 1)
    plates = row.locator(".plates")

    load_field(row).fill("102.5")
    expect(plates).to_have_text("Per side: 25 + 15 + 1.25")
    load_field(row).fill("101")
    expect(plates).to_have_text("Per side: 25 + 15 (makes 100 kg: 101 kg cannot be made)")

    # A European phone's keypad types a comma; the steppers step from it.
    load_field(row).fill("102,5")
    expect(plates).to_have_text("Per side: 25 + 15 + 1.25")
    # The stepper's name carries the increment as stored ("2.50"): matched on its start.
    row.get_by_role("button", name=re.compile(r"^Load \(kg\): plus 2\.5")).tap()
    expect(load_field(row)).to_have_value("105")
    expect(plates).to_have_text("Per side: 25 + 15 + 2.5")
    load_field(row).fill("102,5")

    row.get_by_role("button", name="Done: log set 1", exact=True).tap()
    expect(row.get_by_role("button", name="Undo set 1", exact=True)).to_be_visible()
    assert SetLog.objects.get().load_kg == D("102.5")
    # The logged set folds to its line (its fields and plate line fold with it).
    expect(row.locator(".set-line")).to_contain_text("102.5 kg × ")
    # The load carried to the next set (a first session) brings its plate line along.
    next_row = set_row(exercise_card(page, SQUAT), 2)
    expect(load_field(next_row)).not_to_have_value("")
    expect(next_row.locator(".plates")).to_have_text("Per side: 25 + 15 + 1.25")
    # Last: a screenshot marks the fields with styles that htmx's next swap would copy.
    page.screenshot(path=str(artifacts / "plates-102.5-kg-390.png"))


def test_the_plates_per_side_of_225_lb(page: Page, server, athlete, week_sessions, artifacts):
    athlete.unit = Unit.LB
    athlete.save(update_fields=["unit"])
    log_in(page, server, athlete)
    page.goto(session_url(server, week_sessions[0]))
    row = set_row(exercise_card(page, SQUAT), 1)

    load_field(row, "lb").fill("225")

    expect(row.locator(".plates")).to_have_text("Per side: 45 + 45")
    page.screenshot(path=str(artifacts / "plates-225-lb-390.png"))
    row.get_by_role("button", name=re.compile(r"^Load \(lb\): minus 5")).tap()
    expect(row.locator(".plates")).to_have_text("Per side: 45 + 35 + 5 + 2.5")


SETUPS = [
    ("kg", DEFAULT_BAR[Unit.KG], DEFAULT_PLATES[Unit.KG]),
    ("lb", DEFAULT_BAR[Unit.LB], DEFAULT_PLATES[Unit.LB]),
    ("kg", D("15"), "20 10 5 2.5 0.5"),
    ("lb", D("35"), "45 25 10 5"),
    ("kg", D("0"), "10 6"),
]
LOADS = [
    "0",
    "10",
    "15",
    "20",
    "20.01",
    "21",
    "22.5",
    "60",
    "100",
    "101",
    "101.25",
    "102,5",
    "102.5",
    "137.79",
    "140",
    "185",
    "205",
    "220",
    "225",
    "227",
    "228",
    "315",
    "405",
    "999999.99",
    " 60 ",
    "",
    "abc",
    "1e5",
    "-20",
    "1.000,5",
]


# The page's language: its words and its decimal mark ("1,25" in German).
LOCALES = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt-br": "pt-BR"}


@pytest.mark.parametrize("language", LOCALES)
def test_the_phone_and_the_server_say_the_same_plates(
    new_context, server, athlete, week_sessions, language
):
    page = new_context(locale=LOCALES[language]).new_page()
    log_in(page, server, athlete)
    page.goto(session_url(server, week_sessions[0]))  # a page with a bar loads plates.js
    expect(page.locator("html")).to_have_attribute("lang", language)
    table = [
        {"typed": typed, "unit": unit, "bar": str(bar), "plates": plates.split()}
        for (unit, bar, plates), typed in product(SETUPS, LOADS)
    ]
    words = page.evaluate("JSON.parse(document.getElementById('plate-setup').textContent).words")

    phone = page.evaluate(
        """([table, words]) => table.map(c => legplannerPlates.line(c.typed, {
            bar: c.bar, plates: c.plates, unit: c.unit, words: words,
        }))""",
        [table, words],
    )

    def on_the_server(case: dict) -> str:
        setup = PlateSetup(
            bar=D(case["bar"]), plates=tuple(D(p) for p in case["plates"]), unit=case["unit"]
        )
        return setup.line(case["typed"])

    with translation.override(language):
        server_said = [on_the_server(case) for case in table]
    assert [
        (case, said, mine)
        for case, said, mine in zip(table, server_said, phone, strict=True)
        if said != mine
    ] == []
    # Every kind of line is in the table, so agreement is not agreement on one kind.
    with translation.override(language):
        kinds = [str(PER_SIDE).split("{")[0], str(UNDER_THE_BAR).split("{")[0]]
        not_exact = str(NOT_EXACT).rsplit("}", 1)[1]
    assert all(any(line.startswith(kind) for line in server_said) for kind in kinds)
    assert "" in server_said
    assert any(line.endswith(not_exact) for line in server_said)
    # Plates in the language's numbers: 1.25 reads "1,25" but in English.
    mark = "." if language == "en" else ","
    assert any(f"1{mark}25" in line for line in server_said)


def test_the_account_page_edits_the_bar_and_plates(
    page: Page, server, athlete, artifacts, browser_errors
):
    browser_errors.allow(
        r"/account/: Failed to load resource: the server responded with a status of 400",
        reason="the nonsense plates are refused with 400, the page showing why",
    )
    log_in(page, server, athlete)
    page.goto(f"{server.url}/account/")
    page.get_by_label("E-mail", exact=True).fill("athlete@example.com")
    bar = page.get_by_label("Bar (kg)", exact=True)
    plates = page.get_by_label("Plates (kg)", exact=True)
    expect(bar).to_have_value("20")
    expect(plates).to_have_value("25 20 15 10 5 2.5 1.25")

    plates.fill("25 twenty")
    page.get_by_role("button", name="Save", exact=True).tap()
    expect(page.get_by_text("List up to 12 plate weights")).to_be_visible()
    page.screenshot(path=str(artifacts / "account-plates-390.png"), full_page=True)

    page.get_by_label("Bar (kg)", exact=True).fill("15")
    page.get_by_label("Plates (kg)", exact=True).fill("20 10 5 2,5 1,25")
    page.get_by_role("button", name="Save", exact=True).tap()
    expect(page.get_by_label("Plates (kg)", exact=True)).to_have_value("20 10 5 2.5 1.25")
    athlete.refresh_from_db()
    assert (athlete.bar_kg, athlete.plates_kg) == (D("15"), "20 10 5 2.5 1.25")
