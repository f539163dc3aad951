"""Progress per exercise: the best estimated 1RM now and four weeks ago, its trend, and an
exercise's history (its chart over the years, weekly volume, every session's sets)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programs.catalogue_words import in_sentence
from programs.numbers import shown_decimal
from programs.weeks import IsoWeek
from tracking.insights import Point, e1rm_in_unit, in_unit
from tracking.units import format_load
from tracking.verdicts import rir_text

# "Now" is the best of the last four weeks, "four weeks ago" the best of the four before.
COMPARE_DAYS = 28
# The progress page's small trend: each session's best of the last twelve weeks.
TREND_WEEKS = 12
MIN_TREND_POINTS = 2
# A chart over years stays readable on a phone: coarser periods until the points fit.
MAX_CHART_POINTS = 52
VOLUME_WEEKS = 12
SESSIONS_PER_PAGE = 8
# The progress pages read the last year unless asked for the whole history: a year is what
# a lifter reads their progress in, and it keeps the pages as quick with ten years of
# imported history as with one week (bench/history.py). The whole history is one tap away.
HISTORY_WEEKS = 52
WHOLE_HISTORY = "all"  # ?history=all


def history_since(*, today: dt.date, whole: bool) -> dt.date | None:
    """The first session date the progress pages read: a year back, or none (all of it)."""
    return None if whole else today - dt.timedelta(weeks=HISTORY_WEEKS)


# English constants (the tests compare them), translated where they are said.
FIRST_SESSION_MESSAGE = gettext_noop("Log two sessions of {exercise} to see a trend.")
ONE_MORE_SESSION_MESSAGE = gettext_noop("Log one more session of {exercise} to see a trend.")
NOT_RECENT_MESSAGE = gettext_noop(
    "Not trained in the last {weeks} weeks: log two sessions of {exercise} to see a trend."
)
BODYWEIGHT_MESSAGE = gettext_noop("No load logged: an estimated 1RM needs a load.")


@dataclass(frozen=True)
class TrainedExercise:
    exercise_id: int
    name: str
    last_date: dt.date
    sessions: int


@dataclass(frozen=True)
class SessionBest:
    """One exercise in one session: its best estimated 1RM, its volume, its set count (and
    its name, where the query read it)."""

    exercise_id: int
    date: dt.date
    e1rm_kg: Decimal
    volume_kg: Decimal
    sets: int
    name: str = ""


@dataclass(frozen=True)
class ProgressLine:
    exercise_id: int
    name: str
    unit: str
    sessions: int
    last_date: dt.date
    now: Decimal | None
    then: Decimal | None
    trend: list[Point]
    message: str = ""

    @property
    def change(self) -> Decimal | None:
        if self.now is None or self.then is None:
            return None
        return self.now - self.then

    @property
    def change_label(self) -> str:
        change = self.change
        if change is None:
            return ""
        if change == 0:
            return "±0"
        sign = "+" if change > 0 else "−"
        return f"{sign}{shown_decimal(abs(change))} {self.unit}"

    @property
    def direction(self) -> str:
        change = self.change
        if not change:
            return "flat"
        return "up" if change > 0 else "down"


def _best_between(bests: Iterable[SessionBest], first: dt.date, last: dt.date) -> Decimal | None:
    values = [best.e1rm_kg for best in bests if first <= best.date <= last]
    return max(values) if values else None


def trend_message(*, name: str, sessions: int) -> str:
    """What to do to see a trend, from the number of sessions there are to draw."""
    if sessions == 0:
        return _(FIRST_SESSION_MESSAGE).format(exercise=in_sentence(name))
    return _(ONE_MORE_SESSION_MESSAGE).format(exercise=in_sentence(name))


def progress_lines(
    *,
    exercises: Sequence[TrainedExercise],
    bests: Sequence[SessionBest],
    today: dt.date,
    unit: str,
) -> list[ProgressLine]:
    """One line per exercise trained: the best e1RM of the last four weeks against the best
    of the four weeks before, and each session's best of the last TREND_WEEKS as a trend.

    ``bests`` needs to reach back TREND_WEEKS; older rows are ignored.
    """
    by_exercise: dict[int, list[SessionBest]] = defaultdict(list)
    trend_from = today - dt.timedelta(weeks=TREND_WEEKS)
    for best in bests:
        if trend_from < best.date <= today:
            by_exercise[best.exercise_id].append(best)
    now_from = today - dt.timedelta(days=COMPARE_DAYS - 1)
    then_from = now_from - dt.timedelta(days=COMPARE_DAYS)
    lines = []
    for exercise in exercises:
        recent = sorted(by_exercise.get(exercise.exercise_id, []), key=lambda best: best.date)
        now = _best_between(recent, now_from, today)
        then = _best_between(recent, then_from, now_from - dt.timedelta(days=1))
        trend = [Point(best.date, e1rm_in_unit(best.e1rm_kg, unit)) for best in recent]
        message = ""
        if len(trend) < MIN_TREND_POINTS:
            message = (
                trend_message(name=exercise.name, sessions=len(trend))
                if trend
                else _(NOT_RECENT_MESSAGE).format(
                    weeks=TREND_WEEKS, exercise=in_sentence(exercise.name)
                )
            )
            trend = []
        elif not any(point.value for point in trend):
            message, trend = _(BODYWEIGHT_MESSAGE), []
        lines.append(
            ProgressLine(
                exercise_id=exercise.exercise_id,
                name=exercise.name,
                unit=unit,
                sessions=exercise.sessions,
                last_date=exercise.last_date,
                now=None if now is None else e1rm_in_unit(now, unit),
                then=None if then is None else e1rm_in_unit(then, unit),
                trend=trend,
                message=message,
            )
        )
    return lines


@dataclass(frozen=True)
class ChartSeries:
    """Points to draw, and what one point stands for ("session", "week", "month", "quarter")."""

    points: list[Point]
    period: str


def _period_start(day: dt.date, period: str) -> dt.date:
    if period == "week":
        return IsoWeek.of(day).monday
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def chart_series(*, points: Sequence[Point], max_points: int = MAX_CHART_POINTS) -> ChartSeries:
    """Every session's point while they fit; past that, the best of each week, then of each
    month, then of each quarter, dated by the session that set it."""
    ordered = sorted(points, key=lambda point: point.date)
    if len(ordered) <= max_points:
        return ChartSeries(ordered, "session")
    for period in ("week", "month", "quarter"):
        best: dict[dt.date, Point] = {}
        for point in ordered:
            start = _period_start(point.date, period)
            if start not in best or point.value > best[start].value:
                best[start] = point
        if len(best) <= max_points or period == "quarter":
            return ChartSeries(sorted(best.values(), key=lambda point: point.date), period)
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class WeekVolume:
    week: IsoWeek
    volume: Decimal
    sets: int

    @property
    def volume_label(self) -> str:
        return number_format(self.volume, force_grouping=True)


def weekly_volume(
    *, bests: Sequence[SessionBest], today: dt.date, unit: str, weeks: int = VOLUME_WEEKS
) -> list[WeekVolume]:
    """Sets × reps × load per ISO week, the last ``weeks`` weeks up to today's, oldest first;
    a week without the exercise shows as zero."""
    this_week = IsoWeek.of(today)
    shown = [this_week.shifted(-ago) for ago in range(weeks - 1, -1, -1)]
    volume: dict[IsoWeek, Decimal] = defaultdict(Decimal)
    sets: dict[IsoWeek, int] = defaultdict(int)
    for best in bests:
        week = IsoWeek.of(best.date)
        volume[week] += best.volume_kg
        sets[week] += best.sets
    return [
        WeekVolume(
            week,
            in_unit(volume[week], unit).to_integral_value(rounding=ROUND_HALF_UP),
            sets[week],
        )
        for week in shown
    ]


@dataclass(frozen=True)
class LoggedSet:
    """One set as the history shows it; loads in kilograms."""

    date: dt.date
    set_number: int
    load_kg: Decimal
    reps: int | None
    reps_left: int | None
    reps_right: int | None
    rir: int | None
    e1rm_kg: Decimal
    note: str = ""  # the athlete's note on the set
    exercise_note: str = ""  # and on the exercise, that session
    actual_rir: int | None = None  # a test set's: the reps done after the stop


def describe_set(*, logged: LoggedSet, unit: str, increment: Decimal) -> str:
    """“100 kg × 8 @ RIR 2”; per leg “20 kg × 12 left, 11 right @ RIR 2”. The load as the
    plates make it (tracking.units.format_load), on the exercise's ``increment``."""
    load = format_load(load_kg=logged.load_kg, unit=unit, increment=increment)
    if logged.reps is None:
        reps = _("{left} left, {right} right").format(
            left=logged.reps_left, right=logged.reps_right
        )
    else:
        reps = str(logged.reps)
    return f"{load} × {reps} @ RIR {rir_text(logged.rir)}"


@dataclass(frozen=True)
class SessionSets:
    date: dt.date
    sets: list[str]
    best_e1rm: Decimal
    records: tuple[bool, ...] = ()  # beside sets: which are personal records
    notes: tuple[str, ...] = ()  # the athlete's on the exercise

    @property
    def marked(self) -> list[tuple[str, bool]]:
        return list(zip(self.sets, self.records or [False] * len(self.sets), strict=True))


def sessions_of(
    *, sets: Sequence[LoggedSet], unit: str, increment: Decimal, records: Sequence[bool] = ()
) -> list[SessionSets]:
    """The sets grouped by session date, newest session first, sets in order; ``records``
    beside ``sets`` says which are personal records (tracking/records.py)."""
    by_date: dict[dt.date, list[tuple[LoggedSet, bool]]] = defaultdict(list)
    for logged, record in zip(sets, records or [False] * len(sets), strict=True):
        by_date[logged.date].append((logged, record))
    sessions = []
    for date in sorted(by_date, reverse=True):
        in_order = sorted(by_date[date], key=lambda pair: pair[0].set_number)
        sessions.append(
            SessionSets(
                date=date,
                sets=[
                    describe_set(logged=logged, unit=unit, increment=increment)
                    + (f" · “{logged.note}”" if logged.note else "")
                    for logged, _ in in_order
                ],
                best_e1rm=e1rm_in_unit(max(logged.e1rm_kg for logged, _ in in_order), unit),
                records=tuple(record for _, record in in_order),
                notes=tuple(dict.fromkeys(s.exercise_note for s, _ in in_order if s.exercise_note)),
            )
        )
    return sessions


@dataclass(frozen=True)
class SessionsShown:
    dates: list[dt.date]
    older: dt.date | None


def sessions_shown(
    *, dates: Iterable[dt.date], before: dt.date | None, size: int = SESSIONS_PER_PAGE
) -> SessionsShown:
    """The session dates to list (newest first, before ``before`` when given) and the
    cursor for the older ones, if any."""
    newest_first = sorted({d for d in dates if before is None or d < before}, reverse=True)
    shown = newest_first[:size]
    older = shown[-1] if len(newest_first) > size else None
    return SessionsShown(shown, older)
