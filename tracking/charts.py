"""Where the marks of a server-rendered SVG chart go: plain geometry, no drawing library.

The templates (tracking/_chart.html, _sparkline.html, _bars.html) draw what these return; the
numbers themselves are printed beside each chart as its text alternative.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.utils.formats import date_format, number_format

from programs.numbers import plain_decimal, shown_decimal

# In viewBox units; the SVG scales to the width of its card, which is about 300 px on a
# 360 px phone, so the labels stay near the size of small text.
WIDTH = 320
HEIGHT = 170
LEFT = 44
RIGHT = 14
TOP = 12
BOTTOM = 26
SPARK_WIDTH = 96
SPARK_HEIGHT = 28
SPARK_PAD = 3


def _short_date(day: dt.date) -> str:
    # The month's abbreviation in the person's language.
    return date_format(day, "j M")


def _label(value: Decimal) -> str:
    """Whole numbers from 100 up, with thousands separated: 3,565."""
    if abs(value) >= 100:
        return number_format(value.quantize(Decimal(1)), force_grouping=True)
    return shown_decimal(value)


# An axis labels round values: 1, 2, 2.5 or 5 times a power of ten apart, at most three.
_NICE_FACTORS = (1, 2, Decimal("2.5"), 5)
MAX_Y_TICKS = 3


def _nice_steps(at_least: Decimal):
    """The round steps from the first at or above ``at_least`` up: …, 1, 2, 2.5, 5, 10, …"""
    power = Decimal(1).scaleb(at_least.adjusted() if at_least > 0 else 0)
    while True:
        for factor in _NICE_FACTORS:
            step = factor * power
            if step >= at_least:
                yield step
        power *= 10


def y_tick_values(*, low: Decimal, high: Decimal) -> list[Decimal]:
    """Round values inside [low, high], highest first: 100 and 105, never 99.53."""
    for step in _nice_steps((high - low) / 10):
        first = (low / step).to_integral_value(rounding=ROUND_CEILING) * step
        values = []
        value = first
        while value <= high:
            values.append(value)
            value += step
        if len(values) <= MAX_Y_TICKS:
            return [plain_decimal(value) for value in reversed(values)]
    raise AssertionError("unreachable: a step as wide as the range holds at most two values")


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    marks: list[Mark]
    path: str
    y_ticks: list[Mark]
    x_ticks: list[Mark]
    plot_left: int
    plot_right: int


def _y_range(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    low, high = min(values), max(values)
    pad = (high - low) / 10 if high > low else max(abs(high) / 20, Decimal(1))
    return max(low - pad, Decimal(0)), high + pad


def line_chart(
    points: Sequence[tuple[dt.date, Decimal]], *, width: int = WIDTH, height: int = HEIGHT
) -> LineChart:
    """Dated points on a time axis: far-apart sessions are far apart on the chart."""
    if not points:
        raise ValueError("A chart needs at least one point.")
    left, right, top, bottom = LEFT, width - RIGHT, TOP, height - BOTTOM
    first, last = points[0][0], points[-1][0]
    days = (last - first).days
    low, high = _y_range([value for _, value in points])

    def x(day: dt.date) -> float:
        if not days:
            return (left + right) / 2
        return round(left + (right - left) * (day - first).days / days, 1)

    def y(value: Decimal) -> float:
        return round(float(bottom - (bottom - top) * (value - low) / (high - low)), 1)

    marks = [
        Mark(x(day), y(value), f"{_short_date(day)}: {number_format(value)}")
        for day, value in points
    ]
    y_ticks = [
        Mark(left - 6, y(value), number_format(value, force_grouping=True))
        for value in y_tick_values(low=low, high=high)
    ]
    x_ticks = [Mark(x(first), height - 8, _short_date(first))]
    if days:
        x_ticks.append(Mark(x(last), height - 8, _short_date(last)))
    return LineChart(
        width=width,
        height=height,
        marks=marks,
        path=" ".join(f"{mark.x},{mark.y}" for mark in marks),
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        plot_left=left,
        plot_right=right,
    )


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    path: str
    last: Mark


def sparkline(values: Sequence[Decimal]) -> Sparkline:
    """A trend in a line of text: evenly spaced points, the last one marked."""
    if len(values) < 2:
        raise ValueError("A trend needs two points.")
    low, high = min(values), max(values)
    span = high - low or Decimal(1)
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / (len(values) - 1)
    inner = SPARK_HEIGHT - 2 * SPARK_PAD
    marks = [
        Mark(
            round(SPARK_PAD + step * index, 1),
            round(float(SPARK_PAD + inner - inner * (value - low) / span), 1)
            if high > low
            else SPARK_HEIGHT / 2,
            str(value),
        )
        for index, value in enumerate(values)
    ]
    return Sparkline(
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
        path=" ".join(f"{mark.x},{mark.y}" for mark in marks),
        last=marks[-1],
    )


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    top_label: str
    baseline: float
    plot_left: int
    plot_right: int


def bar_chart(
    bars: Sequence[tuple[str, Decimal]], *, width: int = WIDTH, height: int = HEIGHT
) -> BarChart:
    """Labelled bars from zero; every other label is printed when they would crowd."""
    if not bars:
        raise ValueError("A bar chart needs at least one bar.")
    left, right, top, bottom = LEFT, width - RIGHT, TOP, height - BOTTOM
    high = max(value for _, value in bars) or Decimal(1)
    slot = (right - left) / len(bars)
    gap = slot * 0.25
    crowded = len(bars) > 8
    drawn = []
    for index, (label, value) in enumerate(bars):
        bar_height = round(float((bottom - top) * value / high), 1)
        show = not crowded or (len(bars) - 1 - index) % 2 == 0
        drawn.append(
            Bar(
                x=round(left + slot * index + gap / 2, 1),
                y=round(bottom - bar_height, 1),
                width=round(slot - gap, 1),
                height=bar_height,
                label=label if show else "",
                value=_label(value),
            )
        )
    return BarChart(
        width=width,
        height=height,
        bars=drawn,
        top_label=_label(high),
        baseline=bottom,
        plot_left=left,
        plot_right=right,
    )
