"""Effort honesty, measured: per exercise, what the athlete's test sets say of their RIR
guesses (tracking.calibration's bias), how it moved since an earlier month, compound lifts
beside isolation work as the guide contrasts them."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from programs.models import Mechanics
from tracking.calibration import (
    HONEST_LIMITS,
    CalibrationTest,
    RirBias,
    bias_on,
    rir_bias,
)
from tracking.insights import LIFTS_LABELS, tenths

# An English constant (the tests compare it), translated where it is said.
NO_TESTS_MESSAGE = gettext_noop(
    "No test sets yet. On an exercise's last set, stop where you normally would, say how "
    "many reps you have left, then keep going to failure and log how many more you did."
)
# A bias this close to 0 reads as spot on: a tenth of a rep is all one decimal shows.
SPOT_ON_REPS = 0.05


@dataclass(frozen=True)
class TestRow:
    """One test set, as the query reads it."""

    exercise_id: int
    name: str
    mechanics: str
    test: CalibrationTest


def _reps(reps: float) -> str:
    return tenths(abs(reps))


def _tests(count: int) -> str:
    return ngettext("{count} test", "{count} tests", count).format(count=count)


def bias_words(*, bias: RirBias) -> str:
    """ "3.1 reps too cautious", "1.0 reps too bold" or "spot on"."""
    if abs(bias.reps) < SPOT_ON_REPS:
        return _("spot on")
    if bias.reps > 0:
        return _("{reps} reps too cautious").format(reps=_reps(bias.reps))
    return _("{reps} reps too bold").format(reps=_reps(bias.reps))


def bias_sentence(*, name: str, bias: RirBias) -> str:
    """What the tests say of one exercise, in the athlete's words."""
    if not bias.applies:
        return _(
            "{name}: {tests} so far; {needed} more needed before your sets are corrected."
        ).format(name=name, tests=_tests(bias.tests), needed=bias.tests_needed)
    if abs(bias.reps) < SPOT_ON_REPS:
        said = _("your guesses are spot on")
    elif bias.reps > 0:
        said = _("you leave {reps} reps more than you think").format(reps=_reps(bias.reps))
    else:
        said = _("you have {reps} reps fewer than you think").format(reps=_reps(bias.reps))
    spread = ""
    if bias.spread >= SPOT_ON_REPS:
        spread = _(", give or take {spread}").format(spread=tenths(bias.spread))
    left_out = ""
    if bias.outliers:
        left_out = ngettext(
            "; {count} left out as an outlier", "; {count} left out as outliers", bias.outliers
        ).format(count=bias.outliers)
    return _("{name}: {said}{spread} ({tests}{left_out}).").format(
        name=name, said=said, spread=spread, tests=_tests(bias.tests), left_out=left_out
    )


def month_before(day: dt.date) -> dt.date:
    """The last day of the month before ``day``'s."""
    return day.replace(day=1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class BiasTrend:
    month_end: dt.date
    newest: dt.date  # the newest test's day: the month is named with its year if another
    then: RirBias
    now: RirBias

    def sentence(self, *, name: str) -> str:
        """ "Your leg press guesses: 3.1 reps too cautious in October, 1.2 now." """
        # The month's name in the person's language ("F": the month standing alone).
        month = date_format(self.month_end, "F")
        if self.month_end.year != self.newest.year:
            month = date_format(self.month_end, "YEAR_MONTH_FORMAT")
        return _("Your {name} guesses: {then} in {month}, {now} now.").format(
            name=name.lower(),
            then=bias_words(bias=self.then),
            month=month,
            now=bias_words(bias=self.now),
        )


def bias_trend(*, tests: Sequence[CalibrationTest]) -> BiasTrend | None:
    """The bias at the end of the month before the newest test's against now; None unless
    both stood on enough tests to apply (a single guess is no bias)."""
    if not tests:
        return None
    newest = max(test.on for test in tests)
    month_end = month_before(newest)
    then, now = bias_on(tests=tests, on=month_end), rir_bias(tests)
    if not then.applies or not now.applies:
        return None
    return BiasTrend(month_end=month_end, newest=newest, then=then, now=now)


@dataclass(frozen=True)
class HonestyLine:
    exercise_id: int
    name: str
    bias: RirBias
    trend: BiasTrend | None

    @property
    def sentence(self) -> str:
        return bias_sentence(name=self.name, bias=self.bias)

    @property
    def trend_sentence(self) -> str:
        return self.trend.sentence(name=self.name) if self.trend else ""


@dataclass(frozen=True)
class HonestyGroup:
    label: str
    lines: list[HonestyLine]


@dataclass(frozen=True)
class HonestyReport:
    groups: list[HonestyGroup]
    limits: str = HONEST_LIMITS
    no_tests_message: str = NO_TESTS_MESSAGE

    @property
    def empty(self) -> bool:
        return not any(group.lines for group in self.groups)


def honesty_report(*, rows: Iterable[TestRow]) -> HonestyReport:
    """Per exercise with test sets, its bias and trend; compound lifts, then isolation."""
    tests: dict[int, list[CalibrationTest]] = defaultdict(list)
    exercises: dict[int, TestRow] = {}
    for row in rows:
        tests[row.exercise_id].append(row.test)
        exercises[row.exercise_id] = row
    lines: dict[str, list[HonestyLine]] = defaultdict(list)
    for exercise_id, row in sorted(exercises.items(), key=lambda item: item[1].name):
        lines[row.mechanics].append(
            HonestyLine(
                exercise_id=exercise_id,
                name=row.name,
                bias=rir_bias(tests[exercise_id]),
                trend=bias_trend(tests=tests[exercise_id]),
            )
        )
    return HonestyReport(
        groups=[
            HonestyGroup(str(LIFTS_LABELS[mechanics]), lines[mechanics.value])
            for mechanics in (Mechanics.COMPOUND, Mechanics.ISOLATION)
        ]
    )
