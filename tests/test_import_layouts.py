"""Every layout of issue 15 read from the header, from fixtures of our own making
(demo.samples): Strong's semicolon, localized and oldest exports, FitNotes with a unit on
each row, Hevy with its months in the phone's language; then imported through the pages."""

import datetime as dt
import html
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from demo import samples
from exchange.formats import detect_layout, parse_file
from exchange.formats.hevy import english_months
from exchange.formats.strong import HEADERS
from exchange.parsing import (
    FITNOTES,
    HEVY,
    SKIPPED_TIMED,
    SKIPPED_WARM_UP,
    STRONG,
    STRONG_LEGACY,
)
from tracking.models import SetLog

TODAY = dt.date(2026, 6, 1)
# Two weeks of the samples' workouts: day A has 4 + 3 sets, day B 3 + 3.
SETS = 2 * (7 + 6)

LAYOUTS = {
    "strong semicolon, kg": (samples.strong_semicolon_csv(), STRONG, "kg", {SKIPPED_WARM_UP: 4}),
    "strong semicolon, lbs": (samples.strong_semicolon_csv(unit="lb"), STRONG, "lb", {SKIPPED_WARM_UP: 4}),
    "strong in French": (samples.strong_french_csv(), STRONG, None, {}),
    "strong oldest, kg": (samples.strong_oldest_csv(), STRONG, "kg", {}),
    "strong oldest, lbs": (samples.strong_oldest_csv(unit="lb"), STRONG, "lb", {}),
    "fitnotes, unit per row": (samples.fitnotes_unit_per_row_csv(), FITNOTES, "per row", {SKIPPED_TIMED: 4}),
    **{
        f"hevy in {language}": (samples.hevy_local_csv(language=language), HEVY, "kg", {SKIPPED_WARM_UP: 4})
        for language in samples.HEVY_MONTHS
    },
}  # fmt: skip


def squats(parsed):
    return [s for p, s in parsed.all_sets() if p.exercise == "Squat (Barbell)"]


@pytest.mark.parametrize(("content", "format_", "unit", "skipped"), LAYOUTS.values(), ids=LAYOUTS)
def test_each_layout_is_read_from_its_header(content, format_, unit, skipped):
    parsed = parse_file(content.encode(), today=TODAY)

    assert (parsed.format, parsed.workouts, parsed.set_count) == (format_, 4, SETS)
    assert parsed.skipped == skipped
    assert parsed.problems == []
    assert parsed.needs_unit == (unit is None)
    first = squats(parsed)[0]
    expected_unit = "kg" if unit == "per row" else unit
    assert (first.unit, first.reps) == (expected_unit, 6)
    assert first.load == (Decimal(60) if expected_unit != "lb" else Decimal("132.3"))


def test_the_semicolon_exports_failure_and_drop_sets_are_working_sets():
    parsed = parse_file(samples.strong_semicolon_csv().encode(), today=TODAY)
    # Each workout's last two sets are written DROP_SET and FAILURE: numbered in order.
    assert [s.set_number for s in squats(parsed)[:4]] == [1, 2, 3, 4]
    rdl = [s for p, s in parsed.all_sets() if p.exercise == "Romanian Deadlift (Barbell)"]
    assert [(s.set_number, s.reps) for s in rdl[:3]] == [(1, 8), (2, 8), (3, 7)]


def test_the_semicolon_export_names_its_unit_in_the_weight_column():
    header = samples.STRONG_SEMICOLON_HEADER.format(weight="lbs", distance="miles")
    layout = detect_layout([name.strip('"') for name in header.split(";")])
    assert (layout.format.name, layout.unit, layout.columns["duration"]) == (
        STRONG,
        "lb",
        "Duration (sec)",
    )


def test_fitnotes_rows_keep_their_own_unit():
    parsed = parse_file(samples.fitnotes_unit_per_row_csv().encode(), today=TODAY)
    units = [(s.logged_at.date(), s.unit) for s in squats(parsed)]
    assert {unit for day, unit in units if day < dt.date(2024, 5, 6)} == {"kg"}
    assert {unit for day, unit in units if day >= dt.date(2024, 5, 6)} == {"lb"}


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "pt", "it"])
def test_strongs_header_in_each_language_is_recognised(language):
    header = [HEADERS[role][language] for role in HEADERS]
    layout = detect_layout(header)
    assert layout.format.name == STRONG and layout.unit is None
    assert set(layout.columns) == set(HEADERS)


def test_a_header_with_decomposed_accents_is_recognised():
    header = samples.STRONG_FRENCH_HEADER.replace("é", "e\u0301").split(",")
    assert detect_layout(header).format.name == STRONG


def test_the_weight_unit_layout_is_still_strongs_older_one():
    assert parse_file(samples.strong_legacy_csv().encode(), today=TODAY).format == STRONG_LEGACY


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("5 Mai 2026, 07:34", "5 May 2026, 07:34"),  # Portuguese, as in the issue
        ("12 déc. 2025, 18:00", "12 Dec 2025, 18:00"),
        ("3 März 2024, 10:00", "3 Mar 2024, 10:00"),
        ("3. März 2024 10:00", "3 Mar 2024, 10:00"),
        ("5 de mai. de 2026 07:34", "5 May 2026, 07:34"),
        ("1 ene 2025, 09:15", "1 Jan 2025, 09:15"),
        ("9 ott 2025, 19:00", "9 Oct 2025, 19:00"),
        ("1 Oct 2024, 18:30", "1 Oct 2024, 18:30"),
        ("5 Brumaire 2026, 07:34", "5 Brumaire 2026, 07:34"),  # no month: left to refuse
    ],
)
def test_hevy_months_in_the_phones_language_are_read(written, read):
    assert english_months(written) == read


# ---------------------------------------------------------------------------------------
# Through the pages


@pytest.mark.parametrize("content", [layout[0] for layout in LAYOUTS.values()], ids=LAYOUTS)
def test_each_layout_imports(client, athlete, content):
    client.force_login(athlete)
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), tick=False):
        response = client.post(
            "/account/import/",
            {"file": SimpleUploadedFile("history.csv", content.encode(), "text/csv")},
        )
        assert response.status_code == 302
        preview = client.get(response["Location"])
        assert f"Import {SETS} sets" in html.unescape(preview.content.decode())
        client.post(response["Location"], {"unit": "kg"})
    squat = SetLog.objects.filter(exercise__slug="back-squat").order_by("logged_at").first()
    assert SetLog.objects.count() == SETS
    assert squat.load_kg == Decimal(60) or abs(squat.load_kg - Decimal(60)) < Decimal("0.05")
