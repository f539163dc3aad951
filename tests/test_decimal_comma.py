"""A load typed with a decimal comma ("102,5", what a European phone's decimal keypad
types) is the same load as with a point, wherever a load is typed: one parsing function
(programs.numbers.parse_decimal) behind the set form, the account's plates and the
offline queue's pattern."""

from decimal import Decimal

import pytest
from django.utils import translation

from accounts.models import Unit
from programs.generation import assignments_in_week, generate_week
from programs.models import Session, SessionPrescription
from programs.numbers import DECIMAL_PATTERN, parse_decimal, shown_decimal
from tests.test_tick import HTMX, W48, tick_data, tick_url
from tracking.forms import SetForm, load_limit_message
from tracking.models import SetLog
from tracking.offline import phone_words


@pytest.fixture
def squat(athlete):
    generate_week(assignments=assignments_in_week(W48), week=W48)
    session = Session.objects.get(athlete=athlete, date=W48.monday)
    return SessionPrescription.objects.get(session=session, order=1)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("102.5", Decimal("102.5")),
        ("102,5", Decimal("102.5")),
        ("102,25", Decimal("102.25")),
        (" 60,5 ", Decimal("60.5")),
        ("100", Decimal("100")),
        ("0", Decimal("0")),
        ("0,5", Decimal("0.5")),
        ("999999,99", Decimal("999999.99")),
        ("1000000", None),
        ("102,125", None),
        ("1.000,5", None),
        ("1,000.5", None),
        ("102,", None),
        (",5", None),
        ("1e5", None),
        ("-5", None),
        ("+5", None),
        ("٣", None),
        ("²", None),
        ("abc", None),
        ("", None),
        ("1" * 5000, None),
        (None, None),
    ],
)
def test_a_decimal_is_read_with_a_point_or_a_comma(text, number):
    assert parse_decimal(text) == number


@pytest.mark.parametrize(
    ("typed", "unit", "load"),
    [
        ("102,5", Unit.KG, Decimal("102.5")),
        ("102.5", Unit.KG, Decimal("102.5")),
        ("227,5", Unit.LB, Decimal("227.5")),
    ],
)
def test_the_set_form_reads_a_decimal_comma(typed, unit, load):
    form = SetForm({"reps": "8", "load": typed, "rir": "2"}, unit=unit)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["load"] == load


@pytest.mark.parametrize("typed", ["1.000,5", "102,125", "1e5", "-5", "abc"])
def test_the_set_form_refuses_what_is_not_a_load(typed):
    form = SetForm({"reps": "8", "load": typed, "rir": "2"}, unit=Unit.KG)

    assert not form.is_valid()
    assert form.errors["load"] == [load_limit_message(Unit.KG)]


def test_a_tick_with_a_decimal_comma_logs_the_load(client, athlete, squat):
    client.force_login(athlete)

    response = client.post(tick_url(squat.session), tick_data(squat, load="102,5"), **HTMX)

    assert response.status_code == 200
    assert SetLog.objects.get().load_kg == Decimal("102.5")


def test_the_phone_is_sent_the_servers_pattern():
    assert phone_words()["decimalPattern"] == DECIMAL_PATTERN


@pytest.mark.parametrize(("language", "mark"), [("en", "."), ("de", ","), ("pt-br", ",")])
def test_the_phone_writes_numbers_with_the_languages_mark(language, mark):
    with translation.override(language):
        assert phone_words()["decimalMark"] == mark
        assert shown_decimal(Decimal("1.25")) == f"1{mark}25"
