"""A file that does not say its unit (Strong's current export): the preview asks, with the
athlete's unit picked, shows the heaviest squat or deadlift read both ways, and warns when
the unit picked makes it a load no one lifts (issue 15, point 7)."""

import datetime as dt
import html

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from demo import samples
from exchange.formats import parse_file
from exchange.importing import build_preview

TODAY = dt.date(2024, 3, 1)


def strong(*sets: tuple[str, str]) -> bytes:
    """A Strong export (no unit) of one workout: (exercise name, weight) per set."""
    rows = [
        f"2024-01-03 18:00:00,Legs,1h 0m,{name},{number},{weight},5,0,0,,,8"
        for number, (name, weight) in enumerate(sets, 1)
    ]
    return "\n".join([samples.STRONG_HEADER, *rows]).encode() + b"\n"


@pytest.mark.parametrize(
    ("unit", "sets", "reading", "warning"),
    [
        ("kg", [("Squat (Barbell)", "295"), ("Squat (Barbell)", "275")],
         "Heaviest back squat: 295 kg — or 133.8 kg if the file is in lb.", None),
        ("kg", [("Squat (Barbell)", "295"), ("Deadlift (Barbell)", "405")],
         "Heaviest deadlift: 405 kg — or 183.7 kg if the file is in lb.",
         "These loads look like lb: a deadlift of 405 kg is more than 300 kg. "
         "Check the unit before importing."),
        ("kg", [("Squat (Barbell)", "140"), ("Deadlift (Barbell)", "180")],
         "Heaviest deadlift: 180 kg — or 81.6 kg if the file is in lb.", None),
        ("lb", [("Squat (Barbell)", "225")],
         "Heaviest back squat: 225 lb — or 496 lb if the file is in kg.", None),
        ("lb", [("Deadlift (Barbell)", "40")],
         "Heaviest deadlift: 40 lb — or 88.2 lb if the file is in kg.",
         "These loads look like kg: a deadlift of 40 lb is lighter than an empty bar. "
         "Check the unit before importing."),
        # No squat nor deadlift: the heaviest load, with no guess at what is likely.
        ("kg", [("Leg Extension (Machine)", "400"), ("Leg Extension (Machine)", "90")],
         "Heaviest Leg Extension (Machine): 400 kg — or 181.4 kg if the file is in lb.", None),
    ],
)  # fmt: skip
def test_the_heaviest_lift_is_read_both_ways(athlete, unit, sets, reading, warning):
    athlete.unit = unit
    units = build_preview(athlete=athlete, parsed=parse_file(strong(*sets), today=TODAY)).units
    assert (units.reading, units.warning) == (reading, warning)


def test_a_file_that_says_its_unit_is_not_asked(athlete):
    parsed = parse_file(samples.hevy_csv().encode(), today=TODAY)
    assert build_preview(athlete=athlete, parsed=parsed).units is None


@time_machine.travel(dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC), tick=False)
def test_the_preview_picks_the_athletes_unit_and_warns_of_pounds_read_as_kg(client, athlete):
    client.force_login(athlete)
    content = strong(("Squat (Barbell)", "295"), ("Deadlift (Barbell)", "590"))
    location = client.post(
        "/account/import/", {"file": SimpleUploadedFile("s.csv", content, "text/csv")}
    )["Location"]

    page = client.get(location)

    text = html.unescape(page.content.decode())
    assert page.context["form"]["unit"].initial == "kg"
    assert "Heaviest deadlift: 590 kg — or 267.6 kg if the file is in lb." in text
    assert "These loads look like lb: a deadlift of 590 kg is more than 300 kg." in text
