"""The desk's reads: one row per athlete, from a fixed number of queries however many.

Each query groups by athlete in the database; the insight reads are tracking/insights/
queries.py's, the ones the athlete's own balance and progress pages run for one id, and
the same rules then judge each athlete's few rows.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least

from coaching import rules
from coaching.conversation import unread_answers
from programs import catalogue_words
from programs.catalogue_words import in_sentence
from programs.generation import assignments_in_week, create_missing_week
from programs.models import (
    Assignment,
    Prescription,
    PrescriptionOverride,
    Session,
    SessionPrescription,
)
from programs.weeks import IsoWeek
from tracking.calibration import leg_bias
from tracking.insights import queries
from tracking.insights.effort import EFFORT_DAYS, effort_report
from tracking.insights.legs import LEFT_RIGHT_WEEKS, left_right
from tracking.insights.muscles import MuscleLine, muscle_weeks
from tracking.insights.progress import (
    TREND_WEEKS,
    ProgressLine,
    SessionBest,
    TrainedExercise,
    progress_lines,
)
from tracking.insights.queries import SESSION_DATE
from tracking.models import SetLog


@dataclass
class DeskRow:
    athlete: object
    program: str
    last_trained: dt.date | None
    compliance: dict[int, int | None]
    week_done: int
    week_planned: int
    muscles: list[MuscleLine]
    trend: ProgressLine | None
    missed: tuple[dt.date, ...] = ()
    insight_flags: tuple[str, ...] = ()
    # The "needs attention" rule's reasons, in its order: what the row shows.
    flags: list[str] = field(default_factory=list)

    @property
    def compliance_dropped(self) -> bool:
        return rules.compliance_dropped(last_7=self.compliance[7], last_30=self.compliance[30])

    @property
    def attention(self) -> rules.Attention:
        return rules.Attention(
            name=self.athlete.username,
            has_program=bool(self.program),
            last_trained=self.last_trained,
            missed=self.missed,
            compliance_7=self.compliance[7],
            compliance_30=self.compliance[30],
            insight_flags=self.insight_flags,
        )


def _athletes(athletes, today: dt.date) -> list:
    trained = (
        SetLog.objects.filter(prescription__session__athlete=OuterRef("pk"))
        .order_by(f"-{SESSION_DATE}")
        .values(SESSION_DATE)[:1]
    )
    program = (
        Assignment.objects.covering(today, today)
        .filter(athlete=OuterRef("pk"))
        .values("program__name")[:1]
    )
    return list(
        athletes.annotate(
            last_trained=Subquery(trained),
            program_name=Subquery(program),
            # The desk's marker: read by the template off the athlete, no query more.
            unread_answers=unread_answers(OuterRef("pk")),
        ).order_by("username")
    )


def _compliance(ids: list[int], today: dt.date) -> dict[int, dict[int, int | None]]:
    """Per athlete and window: sets done ÷ sets prescribed over the days due in the last N
    days, today left out (today's session may still be trained). The days due come from
    the assignments' schedules as well as the session rows (coaching.rules.due_days), so a
    week nobody opened counts as missed. Sets past a slot's prescribed count do not make up
    for a slot skipped. Three queries, however many athletes."""
    first = today - dt.timedelta(days=max(rules.COMPLIANCE_DAYS))
    last = today - dt.timedelta(days=1)
    monday = first - dt.timedelta(days=first.weekday())
    sunday = last + dt.timedelta(days=6 - last.weekday())
    sessions = _days_trained(ids, monday, sunday)
    schedules = _schedules(ids, monday, sunday)
    return {
        athlete_id: rules.compliance_by_window(
            days=rules.due_days(
                schedules=schedules[athlete_id],
                sessions=sessions[athlete_id],
                first=first,
                last=last,
            ),
            today=today,
        )
        for athlete_id in ids
    }


def _days_trained(ids: list[int], first: dt.date, last: dt.date) -> dict[int, list]:
    logged = (
        SetLog.objects.filter(prescription=OuterRef("pk"))
        .order_by()
        .values("prescription")
        .annotate(count=Count("pk"))
        .values("count")
    )
    done = Least(Coalesce(Subquery(logged), Value(0)), F("sets_min"), output_field=IntegerField())
    rows = (
        SessionPrescription.objects.filter(
            session__athlete_id__in=ids, session__date__range=(first, last)
        )
        .values(athlete=F("session__athlete_id"), date=F("session__date"))
        .annotate(prescribed=Sum("sets_min"), done=Sum(done))
        .order_by()
    )
    by_athlete = defaultdict(list)
    for row in rows:
        by_athlete[row["athlete"]].append(
            rules.DayTrained(row["date"], row["done"] or 0, row["prescribed"] or 0)
        )
    return by_athlete


def _template_sets(template: str) -> Coalesce:
    total = (
        Prescription.objects.filter(day_template=OuterRef(template))
        .order_by()
        .values("day_template")
        .annotate(total=Sum("sets_min"))
        .values("total")
    )
    return Coalesce(Subquery(total), Value(0), output_field=IntegerField())


def _schedules(ids: list[int], first: dt.date, last: dt.date) -> dict[int, list]:
    """Per athlete, the assignments that cover any day from first to last, as schedules
    with the template's sets of each day and the coach's adjustments of them."""
    assignments = (
        Assignment.objects.covering(first, last)
        .filter(athlete_id__in=ids)
        .annotate(
            day_one_sets=_template_sets("program__day_one"),
            day_two_sets=_template_sets("program__day_two"),
        )
        .values(
            "athlete_id",
            "start_date",
            "end_date",
            "weekday_one",
            "weekday_two",
            "day_one_sets",
            "day_two_sets",
            "program__day_one_id",
            "program__day_two_id",
        )
    )
    changes = defaultdict(list)
    overrides = PrescriptionOverride.objects.filter(
        athlete_id__in=ids, sets_min__isnull=False
    ).values_list(
        "athlete_id",
        "prescription__day_template_id",
        "starts_on",
        "sets_min",
        "prescription__sets_min",
    )
    for athlete_id, template_id, starts_on, sets, template_sets in overrides:
        changes[athlete_id].append((template_id, starts_on, sets - template_sets))
    by_athlete = defaultdict(list)
    for row in assignments:
        days = {row["program__day_one_id"]: 1, row["program__day_two_id"]: 2}
        by_athlete[row["athlete_id"]].append(
            rules.Schedule(
                start_date=row["start_date"],
                end_date=row["end_date"],
                weekday_one=row["weekday_one"],
                weekday_two=row["weekday_two"],
                day_one_sets=row["day_one_sets"],
                day_two_sets=row["day_two_sets"],
                adjustments=tuple(
                    rules.Adjustment(days[template_id], starts_on, extra)
                    for template_id, starts_on, extra in changes[row["athlete_id"]]
                    if template_id in days
                ),
            )
        )
    return by_athlete


def _week_sessions(
    ids: list[int], week: IsoWeek, today: dt.date
) -> dict[int, tuple[int, int, tuple[dt.date, ...]]]:
    """Per athlete: this week's sessions with a logged set, all of them, and the dates of
    those due before today with no set logged (missed). One row per session: two a week."""
    started = SetLog.objects.filter(prescription__session=OuterRef("pk"))
    rows = (
        Session.objects.filter(athlete_id__in=ids, date__range=(week.monday, week.sunday))
        .annotate(started=Exists(started))
        .values_list("athlete_id", "date", "started")
        .order_by("date")
    )
    by_athlete = defaultdict(list)
    for athlete_id, date, started in rows:
        by_athlete[athlete_id].append((date, started))
    return {
        athlete_id: (
            sum(started for _, started in days),
            len(days),
            tuple(date for date, started in days if not started and date < today),
        )
        for athlete_id, days in by_athlete.items()
    }


def _main_lifts(
    bests: dict[int, list[SessionBest]],
) -> dict[int, tuple[TrainedExercise, list[SessionBest]]]:
    """Per athlete, the main lift: the compound exercise trained in the most sessions of
    the trend's weeks (the heavier best on a tie), with each session's best."""
    main = {}
    for athlete_id, rows in bests.items():
        by_exercise = defaultdict(list)
        for best in rows:
            by_exercise[best.exercise_id].append(best)
        exercise_id, sessions = max(
            by_exercise.items(),
            key=lambda item: (len(item[1]), max(best.e1rm_kg for best in item[1])),
        )
        trained = TrainedExercise(
            exercise_id, sessions[0].name, max(best.date for best in sessions), len(sessions)
        )
        main[athlete_id] = (trained, sessions)
    return main


def _insight_flags(*, muscles, legs, effort, tests) -> tuple[str, ...]:
    flags = []
    hamstrings = muscles.hamstrings
    if hamstrings.behind:
        flags.append(rules.HAMSTRINGS_FLAG.format(done=hamstrings.done, due=hamstrings.due))
    for line in legs:
        if line.flagged:
            flags.append(
                rules.LEG_FLAG.format(
                    weaker=line.weaker_name.capitalize(),
                    percent=line.gap_percent,
                    exercise=in_sentence(line.name),
                )
            )
    if effort.message:
        flags.append(rules.EFFORT_FLAG.format(percent=effort.compound.percent))
    bias = rules.bias_flag(bias=leg_bias(tests=[row.test for row in tests]))
    if bias:
        flags.append(bias)
    return tuple(flags)


def desk_rows(*, athletes, today: dt.date, sort: str = "attention") -> list[DeskRow]:
    """One row per athlete of the queryset, sorted by "attention" or by "name"."""
    week = IsoWeek.of(today)
    found = _athletes(athletes, today)
    if not found:
        return []
    ids = [athlete.pk for athlete in found]
    # This week's plan is what the week's figures count against: make it for the athletes
    # nothing made it for yet (no daily command); a look changes no session that exists.
    create_missing_week(assignments=assignments_in_week(week, athlete_id__in=ids), week=week)
    compliance = _compliance(ids, today)
    sessions = _week_sessions(ids, week, today)
    # The insight pages' own queries, over the roster: the desk judges what the athlete sees.
    muscle_days = queries.muscle_days(athlete_ids=ids, first=week.monday, last=week.sunday)
    leg_days = queries.leg_days(
        athlete_ids=ids, since=today - dt.timedelta(weeks=LEFT_RIGHT_WEEKS), until=today
    )
    effort_rows = queries.effort_rows(
        athlete_ids=ids, since=today - dt.timedelta(days=EFFORT_DAYS - 1), until=today
    )
    tests = queries.calibration_rows(athlete_ids=ids)
    main_lifts = _main_lifts(
        queries.session_bests(
            athlete_ids=ids,
            since=today - dt.timedelta(weeks=TREND_WEEKS),
            until=today,
            compound_only=True,
        )
    )
    rows = []
    for athlete in found:
        muscles = muscle_weeks(rows=muscle_days[athlete.pk], weeks=[week], today=today)[0]
        trend = None
        if athlete.pk in main_lifts:
            trained, bests = main_lifts[athlete.pk]
            trend = progress_lines(
                exercises=[trained], bests=bests, today=today, unit=athlete.unit
            )[0]
        done, planned, missed = sessions.get(athlete.pk, (0, 0, ()))
        row = DeskRow(
            athlete=athlete,
            program=catalogue_words.shown(catalogue_words.PROGRAM, athlete.program_name or ""),
            last_trained=athlete.last_trained,
            compliance=compliance[athlete.pk],
            week_done=done,
            week_planned=planned,
            muscles=muscles.lines,
            trend=trend,
            missed=missed,
            insight_flags=_insight_flags(
                muscles=muscles,
                legs=left_right(rows=leg_days[athlete.pk]),
                effort=effort_report(rows=effort_rows[athlete.pk]),
                tests=tests[athlete.pk],
            ),
        )
        verdict = rules.needs_attention(athlete=row.attention, today=today)
        row.flags = list(verdict.reasons)
        rows.append((verdict.rank, row))
    if sort == "attention":
        rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]
