"""The desk's rules: compliance, its drop, the flags of a row and the "needs attention" order.

Plain functions over values the desk's queries already aggregated.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext

from tracking.calibration import FLAGGED_BIAS_REPS, RirBias

COMPLIANCE_DAYS = (7, 30, 90)
# The 7-day figure this many points under the 30-day one: something changed this week.
COMPLIANCE_DROP_POINTS = 20
# No logged set for this long (or ever) with a program to follow.
IDLE_DAYS = 7

COMPLIANCE_DROP_FLAG = gettext_lazy(
    "Compliance down: {last_7} % this week against {last_30} % over 30 days"
)
# ngettext_lazy keyed on "days": .format(days=...) picks the plural form.
IDLE_FLAG = ngettext_lazy("No session for {days} day", "No session for {days} days", "days")
NEVER_TRAINED_FLAG = gettext_lazy("No session yet")
HAMSTRINGS_FLAG = gettext_lazy("Hamstrings behind: {done} of {due} hard sets")
LEG_FLAG = gettext_lazy("{weaker} leg {percent} % behind on {exercise}")
EFFORT_FLAG = gettext_lazy("{percent} % of compound sets at RIR 4+")
BIAS_FLAG = ngettext_lazy(
    "Leaves {reps} more rep than they think", "Leaves {reps} more reps than they think", "reps"
)


def bias_flag(*, bias: RirBias) -> str:
    """The desk's word on a leg bias of FLAGGED_BIAS_REPS or more, once it applies (two
    tests); "" otherwise. Only a cautious bias is flagged: the guide's lifter stops early."""
    if not bias.applies or bias.reps < FLAGGED_BIAS_REPS:
        return ""
    return BIAS_FLAG.format(reps=bias.correction)


def compliance_percent(*, done: int, prescribed: int) -> int | None:
    """Sets done ÷ sets prescribed, as a whole percentage; None with nothing prescribed."""
    if not prescribed:
        return None
    return int((Decimal(done) * 100 / prescribed).to_integral_value(rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Adjustment:
    """A coach's change of one slot's set count for the athlete, from a date on."""

    day_number: int
    starts_on: dt.date
    extra_sets: int  # the athlete's sets_min minus the template's; negative for fewer


@dataclass(frozen=True)
class Schedule:
    """What compliance reads of an assignment: when it is trained and how many sets each
    of its two days prescribes."""

    start_date: dt.date
    end_date: dt.date | None
    weekday_one: int
    weekday_two: int
    day_one_sets: int
    day_two_sets: int
    adjustments: tuple[Adjustment, ...] = ()

    def days(self, *, first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
        """Each (date, prescribed sets) the schedule plans from first to last."""
        planned = []
        for number, weekday, sets in (
            (1, self.weekday_one, self.day_one_sets),
            (2, self.weekday_two, self.day_two_sets),
        ):
            day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
            while day <= last:
                if self.start_date <= day and (self.end_date is None or day <= self.end_date):
                    extra = sum(
                        change.extra_sets
                        for change in self.adjustments
                        if change.day_number == number and change.starts_on <= day
                    )
                    planned.append((day, max(sets + extra, 0)))
                day += dt.timedelta(weeks=1)
        return planned


@dataclass(frozen=True)
class DayTrained:
    """A session row's figures: sets done (past a slot's count they make up for nothing)
    and sets prescribed."""

    date: dt.date
    done: int
    prescribed: int


def due_days(
    *, schedules: list[Schedule], sessions: list[DayTrained], first: dt.date, last: dt.date
) -> list[DayTrained]:
    """The days due from first to last, each with what was done.

    A day with a session row counts the row. A day the assignments plan with no row
    (nobody opened its week, no daily command ran) is missed: its sets were due, none
    was done. Except in a week whose rows fall on days the assignments no longer plan:
    the weekdays changed since, and that week's rows are its plan as it was made.
    Where two assignments plan one date, the one that started first counts. The rows
    are those of the whole weeks from first to last.
    """
    monday = first - dt.timedelta(days=first.weekday())
    sunday = last + dt.timedelta(days=6 - last.weekday())
    planned: dict[dt.date, int] = {}
    for schedule in sorted(schedules, key=lambda schedule: schedule.start_date):
        for day, sets in schedule.days(first=monday, last=sunday):
            planned.setdefault(day, sets)
    rows = {session.date for session in sessions}
    replanned = {_week(day) for day in rows if day not in planned}
    days = [session for session in sessions if first <= session.date <= last]
    days += [
        DayTrained(day, 0, sets)
        for day, sets in planned.items()
        if first <= day <= last and day not in rows and _week(day) not in replanned
    ]
    return sorted(days, key=lambda day: day.date)


def _week(day: dt.date) -> tuple[int, int]:
    return day.isocalendar()[:2]


def compliance_by_window(*, days: list[DayTrained], today: dt.date) -> dict[int, int | None]:
    """Per window of COMPLIANCE_DAYS days before today (today left out: its session may
    still be trained), sets done ÷ sets prescribed over the days due."""
    result = {}
    for window in COMPLIANCE_DAYS:
        since = today - dt.timedelta(days=window)
        inside = [day for day in days if since <= day.date < today]
        result[window] = compliance_percent(
            done=sum(day.done for day in inside),
            prescribed=sum(day.prescribed for day in inside),
        )
    return result


def compliance_dropped(*, last_7: int | None, last_30: int | None) -> bool:
    """True when the 7-day figure falls COMPLIANCE_DROP_POINTS or more below the 30-day one."""
    if last_7 is None or last_30 is None:
        return False
    return last_7 <= last_30 - COMPLIANCE_DROP_POINTS


# The 30-day compliance at or above this is on plan: a steady 65 % is not "All clear".
ON_PLAN_PERCENT = 80

MISSED_FLAG = gettext_lazy("Missed {days} session")
MISSED_FLAGS = gettext_lazy("Missed {days} sessions")
BELOW_PLAN_FLAG = gettext_lazy("Compliance {last_30} % over 30 days")
ALL_CLEAR = gettext_lazy("All clear")


@dataclass(frozen=True)
class Attention:
    """What the "needs attention" rule reads of an athlete's desk row.

    missed: this week's sessions due before today with no set logged.
    insight_flags: the insight rules' sentences (hamstrings, weaker leg, effort, the leg
    bias of the test sets).
    """

    name: str
    has_program: bool
    last_trained: dt.date | None
    missed: tuple[dt.date, ...] = ()
    compliance_7: int | None = None
    compliance_30: int | None = None
    insight_flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedsAttention:
    """Why a row is where it is (in the rule's order), and its place: rows sort by rank."""

    reasons: tuple[str, ...]
    rank: tuple

    @property
    def all_clear(self) -> bool:
        return not self.reasons


def idle_days(*, last_trained: dt.date | None, today: dt.date, has_program: bool) -> int:
    """Days since the last session when IDLE_DAYS or more, 0 otherwise. Never trained
    counts as IDLE_DAYS: it is at the top, but below a known longer gap (an athlete
    assigned yesterday has not yet skipped what one gone 18 days has)."""
    if not has_program:
        return 0
    if last_trained is None:
        return IDLE_DAYS
    days = (today - last_trained).days
    return days if days >= IDLE_DAYS else 0


def missed_flag(*, missed: tuple[dt.date, ...]) -> str:
    """ "Missed Monday's session", "Missed Monday's and Thursday's sessions"; "" for none."""
    if not missed:
        return ""
    # The weekday in the person's language; the possessive is the translator's to drop.
    names = [
        pgettext("missed session", "{weekday}'s").format(weekday=date_format(day, "l"))
        for day in sorted(missed)
    ]
    if len(names) == 1:
        return MISSED_FLAG.format(days=names[0])
    days = _("{days} and {last}").format(days=", ".join(names[:-1]), last=names[-1])
    return MISSED_FLAGS.format(days=days)


def needs_attention(*, athlete: Attention, today: dt.date) -> NeedsAttention:
    """The desk's order: the longest since a session first (IDLE_DAYS or more), then the
    most sessions missed this week, then the steepest fall in compliance, then the most
    insight flags, then a 30-day compliance under ON_PLAN_PERCENT (the lowest first), then
    the lowest 7-day compliance, then by name. Each reason is a sentence for the row."""
    reasons = []
    idle = idle_days(
        last_trained=athlete.last_trained, today=today, has_program=athlete.has_program
    )
    if idle:
        never = athlete.last_trained is None
        reasons.append(NEVER_TRAINED_FLAG if never else IDLE_FLAG.format(days=idle))
    if athlete.missed:
        reasons.append(missed_flag(missed=athlete.missed))
    last_7, last_30 = athlete.compliance_7, athlete.compliance_30
    fall = 0
    if compliance_dropped(last_7=last_7, last_30=last_30):
        fall = last_30 - last_7
        reasons.append(COMPLIANCE_DROP_FLAG.format(last_7=last_7, last_30=last_30))
    reasons += athlete.insight_flags
    # Nothing due over 30 days (no figure) is on plan: nothing was skipped.
    below_plan = not fall and last_30 is not None and last_30 < ON_PLAN_PERCENT
    if below_plan:
        reasons.append(BELOW_PLAN_FLAG.format(last_30=last_30))
    rank = (
        -idle,
        -len(athlete.missed),
        -fall,
        -len(athlete.insight_flags),
        last_30 if below_plan else 100,
        100 if last_7 is None else last_7,
        athlete.name.lower(),
    )
    return NeedsAttention(reasons=tuple(reasons), rank=rank)
