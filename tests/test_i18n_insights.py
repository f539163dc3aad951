"""The insights and the desk say dates and decimals in the person's locale: month and
weekday names from Django's own catalogue, the decimal mark from its formats, so a German
page reads "3,1" and "Dez." before any sentence of ours is translated. English, the source,
reads as before."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import translation

from coaching.rules import BIAS_FLAG, IDLE_FLAG, missed_flag
from tracking.calibration import RirBias
from tracking.charts import line_chart
from tracking.insights.honesty import BiasTrend, bias_words
from tracking.insights.progress import SessionBest, weekly_volume

CAUTIOUS = RirBias(reps=3.14, spread=0.45, tests=3)


def test_a_chart_point_names_its_month_in_the_persons_language():
    points = [(dt.date(2026, 12, 7), D("102.5")), (dt.date(2026, 12, 14), D("105"))]
    with translation.override("de"):
        german = line_chart(points).marks[0].label
    with translation.override("en"):
        english = line_chart(points).marks[0].label

    assert german == "7 Dez: 102,5"
    assert english == "7 Dec: 102.5"


def test_the_value_axis_groups_thousands_as_the_locale_does():
    points = [(dt.date(2026, 12, 7), D("3565")), (dt.date(2026, 12, 14), D("4100"))]
    with translation.override("de"):
        labels = [tick.label for tick in line_chart(points).y_ticks]

    assert labels == ["4.000", "3.800", "3.600"]


def test_the_bias_uses_the_decimal_comma_in_german():
    with translation.override("de"):
        assert bias_words(bias=CAUTIOUS).startswith("3,1 ")
    assert bias_words(bias=CAUTIOUS) == "3.1 reps too cautious"


def test_the_trend_names_the_month_in_the_persons_language():
    trend = BiasTrend(
        month_end=dt.date(2026, 10, 31), newest=dt.date(2026, 11, 20), then=CAUTIOUS, now=CAUTIOUS
    )
    with translation.override("fr"):
        assert "octobre" in trend.sentence(name="Leg press")


def test_missed_sessions_name_their_weekday_in_the_persons_language():
    with translation.override("de"):
        flag = missed_flag(missed=(dt.date(2026, 11, 23), dt.date(2026, 11, 26)))

    assert "Montag" in flag
    assert "Donnerstag" in flag


@pytest.mark.parametrize(
    ("flag", "count", "sentence"),
    [
        (IDLE_FLAG, {"days": 1}, "No session for 1 day"),
        (IDLE_FLAG, {"days": 9}, "No session for 9 days"),
        (BIAS_FLAG, {"reps": 1}, "Leaves 1 more rep than they think"),
        (BIAS_FLAG, {"reps": 2}, "Leaves 2 more reps than they think"),
    ],
)
def test_a_count_picks_the_plural_form(flag, count, sentence):
    assert flag.format(**count) == sentence


def test_a_weeks_volume_groups_thousands_as_the_locale_does():
    bests = [SessionBest(1, dt.date(2026, 11, 23), D("0"), D("3200"), 4)]
    with translation.override("de"):
        week = weekly_volume(bests=bests, today=dt.date(2026, 11, 27), unit="kg")[-1]
        assert week.volume_label == "3.200"
