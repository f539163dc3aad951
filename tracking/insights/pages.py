"""What the progress and balance pages show: the queries of tracking/insights/queries.py, one per
section, through the rules of tracking/insights/, with the charts' geometry."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from programs.models import Exercise
from programs.weeks import IsoWeek
from tracking.calibration import NO_BIAS, RirBias
from tracking.calibration_record import rir_biases
from tracking.charts import BarChart, LineChart, Sparkline, bar_chart, line_chart, sparkline
from tracking.insights import Point, e1rm_in_unit, queries
from tracking.insights.effort import EFFORT_DAYS, NO_EFFORT_MESSAGE, EffortReport, effort_report
from tracking.insights.honesty import HonestyReport, honesty_report
from tracking.insights.legs import LEFT_RIGHT_WEEKS, NO_LEFT_RIGHT_MESSAGE, LegBalance, left_right
from tracking.insights.muscles import (
    MuscleWeek,
    balance_weeks,
    hamstrings_message,
    hamstrings_weeks_message,
    muscle_weeks,
)
from tracking.insights.progress import (
    COMPARE_DAYS,
    HISTORY_WEEKS,
    TREND_WEEKS,
    ChartSeries,
    LoggedSet,
    ProgressLine,
    SessionSets,
    WeekVolume,
    chart_series,
    describe_set,
    history_since,
    progress_lines,
    sessions_of,
    sessions_shown,
    trend_message,
    weekly_volume,
)
from tracking.records import corrections_of, history_records
from tracking.units import increment_for


def _day(date: dt.date) -> str:
    return date_format(date, "j M Y")


def _values_text(points, unit: str) -> str:
    return "; ".join(f"{_day(point.date)}: {number_format(point.value)} {unit}" for point in points)


@dataclass(frozen=True)
class ProgressRow:
    line: ProgressLine
    spark: Sparkline | None

    @property
    def label(self) -> str:
        """The sparkline's text alternative: every number it draws."""
        line = self.line
        return _(
            "{name}, best estimated 1RM per session over the last {weeks} weeks: {values}"
        ).format(name=line.name, weeks=TREND_WEEKS, values=_values_text(line.trend, line.unit))


@dataclass(frozen=True)
class ProgressPage:
    rows: list[ProgressRow]
    unit: str
    today: dt.date
    whole_history: bool
    history_weeks: int = HISTORY_WEEKS
    trend_weeks: int = TREND_WEEKS
    compare_weeks: int = COMPARE_DAYS // 7


def load_progress(*, athlete, today: dt.date, whole_history: bool = False) -> ProgressPage:
    unit = athlete.unit
    since = history_since(today=today, whole=whole_history)
    lines = progress_lines(
        exercises=queries.trained_exercises(athlete=athlete, since=since),
        bests=queries.session_bests(
            athlete_ids=[athlete.pk],
            since=today - dt.timedelta(weeks=TREND_WEEKS),
            corrections=corrections_of(rir_biases(athlete)),
        )[athlete.pk],
        today=today,
        unit=unit,
    )
    rows = [
        ProgressRow(line, sparkline([point.value for point in line.trend]) if line.trend else None)
        for line in lines
    ]
    return ProgressPage(rows=rows, unit=unit, today=today, whole_history=whole_history)


@dataclass(frozen=True)
class BestSet:
    date: dt.date
    text: str
    e1rm: str


@dataclass(frozen=True)
class ExerciseProgressPage:
    exercise: Exercise
    unit: str
    series: ChartSeries
    chart: LineChart | None
    best: BestSet | None
    volume: list[WeekVolume]
    volume_chart: BarChart | None
    sessions: list[SessionSets]
    older: dt.date | None
    newer: bool
    sessions_count: int
    whole_history: bool
    history_weeks: int = HISTORY_WEEKS

    @property
    def empty(self) -> bool:
        return not self.sessions_count

    @property
    def trend_message(self) -> str:
        return trend_message(name=self.exercise.shown_name, sessions=self.sessions_count)

    @property
    def chart_title(self) -> str:
        titles = {
            "session": _("{name}: estimated 1RM over time"),
            "week": _("{name}: estimated 1RM over time, best of each week"),
            "month": _("{name}: estimated 1RM over time, best of each month"),
            "quarter": _("{name}: estimated 1RM over time, best of each quarter"),
        }
        return titles[self.series.period].format(name=self.exercise.shown_name)

    @property
    def chart_summary(self) -> str:
        points = self.series.points
        if not points:
            return ""
        first, last = points[0], points[-1]
        best = max(points, key=lambda point: point.value)
        return _(
            "From {first} {unit} on {first_day} to {last} {unit} on {last_day}; "
            "the best, {best} {unit}, on {best_day}."
        ).format(
            first=number_format(first.value),
            first_day=_day(first.date),
            last=number_format(last.value),
            last_day=_day(last.date),
            best=number_format(best.value),
            best_day=_day(best.date),
            unit=self.unit,
        )

    @property
    def volume_summary(self) -> str:
        return "; ".join(
            _("week {number}: {volume} {unit} in {sets} sets").format(
                number=week.week.week, volume=week.volume_label, unit=self.unit, sets=week.sets
            )
            for week in self.volume
        )


def _best(logged: LoggedSet | None, unit: str, increment: Decimal) -> BestSet | None:
    if logged is None:
        return None
    return BestSet(
        date=logged.date,
        text=describe_set(logged=logged, unit=unit, increment=increment),
        e1rm=f"{number_format(e1rm_in_unit(logged.e1rm_kg, unit))} {unit}",
    )


def load_exercise_progress(
    *,
    athlete,
    exercise: Exercise,
    today: dt.date,
    bias: RirBias = NO_BIAS,
    before: dt.date | None = None,
    whole_history: bool = False,
) -> ExerciseProgressPage:
    """Four queries: each session's aggregates (of the last year, or of the whole
    history), the listed sessions' sets and the bests before them (for the records; none
    when there are no sessions to list), the best set. ``bias``, the athlete's on this
    exercise (tracking.calibration_record), corrects the e1RMs."""
    unit = athlete.unit
    since = history_since(today=today, whole=whole_history)
    corrections = corrections_of({exercise.pk: bias})
    bests = queries.session_bests(
        athlete_ids=[athlete.pk], exercise_id=exercise.pk, since=since, corrections=corrections
    )[athlete.pk]
    series = chart_series(
        points=[Point(best.date, e1rm_in_unit(best.e1rm_kg, unit)) for best in bests]
    )
    chart = (
        line_chart([(point.date, point.value) for point in series.points])
        if len(series.points) >= 2
        else None
    )
    volume = weekly_volume(bests=bests, today=today, unit=unit)
    volume_chart = (
        bar_chart([(_("W{number}").format(number=week.week.week), week.volume) for week in volume])
        if any(week.volume for week in volume)
        else None
    )
    shown = sessions_shown(dates=(best.date for best in bests), before=before)
    sets = (
        queries.sets_on(
            athlete=athlete, exercise_id=exercise.pk, dates=shown.dates, corrections=corrections
        )
        if shown.dates
        else []
    )
    return ExerciseProgressPage(
        exercise=exercise,
        unit=unit,
        series=series,
        chart=chart,
        best=_best(
            queries.best_set(
                athlete=athlete, exercise_id=exercise.pk, since=since, corrections=corrections
            ),
            unit,
            increment_for(exercise, unit),
        ),
        volume=volume,
        volume_chart=volume_chart,
        sessions=sessions_of(
            sets=sets,
            unit=unit,
            increment=increment_for(exercise, unit),
            records=history_records(athlete=athlete, exercise_id=exercise.pk, sets=sets, bias=bias),
        ),
        older=shown.older,
        newer=before is not None,
        sessions_count=len(bests),
        whole_history=whole_history,
    )


@dataclass(frozen=True)
class WeekBalance:
    """This week's hard sets per muscle against the plan, and the sentence when hamstrings
    fall behind: the balance page's first section and the week page's summary."""

    muscles: MuscleWeek
    message: str


def load_week_balance(*, athlete, week: IsoWeek, today: dt.date) -> WeekBalance:
    """One query."""
    rows = queries.muscle_days(athlete_ids=[athlete.pk], first=week.monday, last=week.sunday)
    (muscles,) = muscle_weeks(rows=rows[athlete.pk], weeks=[week], today=today)
    return WeekBalance(muscles=muscles, message=hamstrings_message(week=muscles))


@dataclass(frozen=True)
class BalancePage:
    this_week: WeekBalance
    past_weeks: list[MuscleWeek]
    weeks_message: str
    legs: list[LegBalance]
    effort: EffortReport
    honesty: HonestyReport
    left_right_weeks: int = LEFT_RIGHT_WEEKS
    effort_weeks: int = EFFORT_DAYS // 7
    no_legs_message: str = NO_LEFT_RIGHT_MESSAGE
    no_effort_message: str = NO_EFFORT_MESSAGE


def load_balance(*, athlete, today: dt.date) -> BalancePage:
    """Four queries: hard sets by muscle over eight weeks, left/right, effort, test sets."""
    weeks = balance_weeks(today=today)
    rows = queries.muscle_days(
        athlete_ids=[athlete.pk], first=weeks[-1].monday, last=weeks[0].sunday
    )
    this_week, *past_weeks = muscle_weeks(rows=rows[athlete.pk], weeks=weeks, today=today)
    return BalancePage(
        this_week=WeekBalance(muscles=this_week, message=hamstrings_message(week=this_week)),
        past_weeks=past_weeks,
        weeks_message=hamstrings_weeks_message(past_weeks=past_weeks),
        legs=left_right(
            rows=queries.leg_days(
                athlete_ids=[athlete.pk], since=today - dt.timedelta(weeks=LEFT_RIGHT_WEEKS)
            )[athlete.pk]
        ),
        effort=effort_report(
            rows=queries.effort_rows(
                athlete_ids=[athlete.pk], since=today - dt.timedelta(days=EFFORT_DAYS - 1)
            )[athlete.pk]
        ),
        honesty=honesty_report(rows=queries.calibration_rows(athlete_ids=[athlete.pk])[athlete.pk]),
    )


def page_before(raw: str | None) -> dt.date | None:
    """The date an exercise's history pages from (?before=2026-11-23); ValueError if none."""
    return None if raw is None else dt.date.fromisoformat(raw)
