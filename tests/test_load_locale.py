"""A load in the lifter's language: “102,5” in German, French, Spanish and Portuguese,
“102.5” in English, shown and typed alike; what scripts read keeps the point."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Unit
from exchange.formats import parse_file
from exchange.importing import build_preview
from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from tests.test_import_units import TODAY, strong
from tests.test_tick import HTMX, W48, tick_data, tick_url
from tracking.models import SetLog
from tracking.plates import plate_line
from tracking.units import format_load


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "102.5 kg"),
        ("de", "102,5 kg"),
        ("fr", "102,5 kg"),
        ("es", "102,5 kg"),
        ("pt-br", "102,5 kg"),
    ],
)
def test_a_load_reads_in_the_languages_numbers(language, shown):
    with translation.override(language):
        text = format_load(load_kg=Decimal("102.5"), unit=Unit.KG, increment=Decimal("2.5"))
    assert text == shown


def test_a_whole_load_has_no_decimals_in_any_language():
    with translation.override("de"):
        assert format_load(load_kg=Decimal("100"), unit=Unit.KG, increment=Decimal("2.5")) == (
            "100 kg"
        )


@pytest.fixture
def squat(athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    session = Session.objects.get(athlete=athlete, date=W48.monday)
    return SessionPrescription.objects.get(session=session, order=1)


def load_input_value(text: str) -> str:
    return re.search(r'name="load"[^>]*value="([^"]*)"', text).group(1)


@pytest.mark.parametrize(("language", "shown"), [("de", "102,5"), ("en", "102.5")])
def test_a_load_typed_with_a_comma_is_stored_and_shown_back_in_the_language(
    client, athlete, squat, language, shown
):
    athlete.choose_language(language=language)
    client.force_login(athlete)

    response = client.post(tick_url(squat.session), tick_data(squat, load="102,5"), **HTMX)

    assert response.status_code == 200
    assert SetLog.objects.get().load_kg == Decimal("102.5")
    text = response.content.decode()
    # The field to edit it holds what the lifter would type; the logged line reads alike.
    assert load_input_value(text) == shown
    assert f"{shown} kg" in text
    # The steppers' increments are read by session.js: a point in every language.
    steps = re.findall(r'data-step="(-?[^"]*)"', text)
    assert steps and all("," not in step for step in steps)
    assert any("." in step for step in steps)


# Every other place a person reads a load, a bar or a plate: one owner writes the number
# (programs.numbers.shown_decimal), so each reads "1,25" in German.


def test_the_plate_line_writes_plates_in_the_languages_numbers():
    plates = tuple(Decimal(plate) for plate in ["25", "20", "15", "10", "5", "2.5", "1.25"])
    with translation.override("de"):
        line = plate_line(load=Decimal("102.5"), bar=Decimal("20"), plates=plates, unit="kg")
        short = plate_line(load=Decimal("101"), bar=Decimal("20"), plates=plates, unit="kg")
        under = plate_line(load=Decimal("10"), bar=Decimal("17.5"), plates=plates, unit="kg")
    assert line == "Pro Seite: 25 + 15 + 1,25"
    assert short.startswith("Pro Seite: 25 + 15 (ergibt 100 kg: 101 kg")
    assert under == "Leichter als die Stange (17,5 kg)"


def test_the_import_preview_reads_the_heaviest_lift_in_the_languages_numbers(athlete):
    athlete.unit = Unit.KG
    parsed = parse_file(strong(("Squat (Barbell)", "295")), today=TODAY)
    with translation.override("de"):
        units = build_preview(athlete=athlete, parsed=parsed).units
    assert "133,8 kg" in units.reading and "133.8" not in units.reading


def test_the_account_page_shows_the_bar_and_plates_in_the_languages_numbers(client, athlete):
    athlete.choose_language(language="de")
    athlete.bar_kg = Decimal("17.5")
    athlete.save(update_fields=["bar_kg"])
    client.force_login(athlete)

    text = client.get(reverse("account")).content.decode()

    assert 'value="17,5"' in text
    assert 'value="25 20 15 10 5 2,5 1,25"' in text
