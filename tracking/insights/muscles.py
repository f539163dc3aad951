"""Hard sets per muscle against the plan, week by week, and the plain sentence when
hamstrings fall behind ("skipping hamstrings", the guide's mistake)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programs.models import Muscle
from programs.weeks import IsoWeek
from tracking.insights import percent

BALANCE_WEEKS = 8
SHOWN_MUSCLES = (Muscle.QUADS, Muscle.HAMSTRINGS, Muscle.GLUTES)

# English constants (the tests compare them), translated where they are said.
HAMSTRINGS_BEHIND_MESSAGE = gettext_noop(
    "Hamstrings are behind their plan: {done} of {due} hard sets so far this week. "
    "Skipping hamstrings is the mistake the guide warns about: do your leg curls and RDLs."
)
HAMSTRINGS_BEHIND_WEEKS_MESSAGE = gettext_noop(
    "Hamstrings fell behind their plan in {count} of the last {weeks} weeks."
)


@dataclass(frozen=True)
class MuscleDay:
    """Hard sets planned and done for one muscle in one session date."""

    date: dt.date
    muscle: str
    planned: int
    done: int


@dataclass(frozen=True)
class MuscleLine:
    muscle: str
    label: str
    done: int
    planned: int
    # What the plan asked for up to yesterday: this week's later sessions are not late yet.
    due: int

    @property
    def behind(self) -> bool:
        return self.done < self.due

    @property
    def percent(self) -> int:
        """How full the bar is: done against planned, capped at 100."""
        return min(percent(self.done, self.planned), 100) if self.planned else 0


@dataclass(frozen=True)
class MuscleWeek:
    week: IsoWeek
    lines: list[MuscleLine]

    def line(self, muscle: str) -> MuscleLine:
        return next(line for line in self.lines if line.muscle == muscle)

    @property
    def hamstrings(self) -> MuscleLine:
        return self.line(Muscle.HAMSTRINGS)

    @property
    def trained(self) -> bool:
        return any(line.done or line.planned for line in self.lines)


def muscle_weeks(
    *, rows: Iterable[MuscleDay], weeks: Sequence[IsoWeek], today: dt.date
) -> list[MuscleWeek]:
    """Per week, hard sets done against planned for quads, hamstrings and glutes.

    A session dated today or later is not due yet: the lifter may still train it.
    """
    done: dict[tuple[IsoWeek, str], int] = defaultdict(int)
    planned: dict[tuple[IsoWeek, str], int] = defaultdict(int)
    due: dict[tuple[IsoWeek, str], int] = defaultdict(int)
    for row in rows:
        key = (IsoWeek.of(row.date), row.muscle)
        done[key] += row.done
        planned[key] += row.planned
        if row.date < today:
            due[key] += row.planned
    return [
        MuscleWeek(
            week=week,
            lines=[
                MuscleLine(
                    muscle=muscle.value,
                    label=muscle.label,
                    done=done[week, muscle],
                    planned=planned[week, muscle],
                    due=due[week, muscle],
                )
                for muscle in SHOWN_MUSCLES
            ],
        )
        for week in weeks
    ]


def balance_weeks(*, today: dt.date, count: int = BALANCE_WEEKS) -> list[IsoWeek]:
    """This week and the ones before it, newest first."""
    this_week = IsoWeek.of(today)
    return [this_week.shifted(-ago) for ago in range(count)]


def hamstrings_message(*, week: MuscleWeek) -> str:
    """The plain sentence when hamstrings fall behind their plan this week; "" otherwise."""
    hamstrings = week.hamstrings
    if not hamstrings.behind:
        return ""
    return _(HAMSTRINGS_BEHIND_MESSAGE).format(done=hamstrings.done, due=hamstrings.due)


def hamstrings_weeks_message(*, past_weeks: Sequence[MuscleWeek]) -> str:
    """How often hamstrings fell behind their whole plan in weeks that are over (leave this
    week out: it is judged by hamstrings_message); "" when they never did."""
    behind = sum(1 for week in past_weeks if week.hamstrings.done < week.hamstrings.planned)
    if not behind:
        return ""
    return _(HAMSTRINGS_BEHIND_WEEKS_MESSAGE).format(count=behind, weeks=len(past_weeks))
