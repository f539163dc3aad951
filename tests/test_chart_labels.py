"""A chart's value axis is labelled with round values (100, 105, 110), never with the edge
of the padded range ("99.53")."""

import datetime as dt
from decimal import Decimal as D

import pytest

from tracking.charts import line_chart, y_tick_values


def labels(*values: str) -> list[str]:
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=7 * n) for n in range(len(values))]
    chart = line_chart([(day, D(value)) for day, value in zip(days, values, strict=True)])
    return [tick.label for tick in chart.y_ticks]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("100.5", "110"), ["110", "105", "100"]),
        (("99.53", "99.53"), ["100", "95"]),
        (("100", "100"), ["105", "100", "95"]),
        (("99.53", "140.2"), ["140", "120", "100"]),
        (("3565", "4100"), ["4,000", "3,800", "3,600"]),
        (("20.25", "21"), ["21", "20.5"]),
        (("0", "0"), ["1", "0.5", "0"]),
        (("142.3", "151.7", "147.9"), ["150", "145"]),
    ],
)
def test_the_value_axis_reads_round_values(values, expected):
    assert labels(*values) == expected


@pytest.mark.parametrize("span", ["0.01", "0.7", "3", "12.5", "99.53", "640", "12345"])
@pytest.mark.parametrize("low", ["0", "7.3", "99.53", "2190.49"])
def test_two_or_three_round_labels_inside_the_range(low, span):
    values = y_tick_values(low=D(low), high=D(low) + D(span))

    assert 2 <= len(values) <= 3
    assert all(D(low) <= value <= D(low) + D(span) for value in values)
    steps = {values[i] - values[i + 1] for i in range(len(values) - 1)}
    assert len(steps) == 1
    step = steps.pop()
    assert step.normalize().as_tuple().digits[0] in (1, 2, 5)
    assert all((value / step) == (value / step).to_integral_value() for value in values)


def test_the_ticks_sit_where_their_values_are():
    chart = line_chart([(dt.date(2026, 1, 1), D("100")), (dt.date(2026, 1, 8), D("110"))])
    by_label = {tick.label: tick.y for tick in chart.y_ticks}
    marks = [mark.y for mark in chart.marks]

    assert by_label["100"] == marks[0] and by_label["110"] == marks[1]
