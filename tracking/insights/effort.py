"""Effort honesty: the share of sets left at RIR 4 or more per exercise, compound lifts
beside isolation work, and the guide's point when the compound lifts are the easy ones."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programs.models import Mechanics
from tracking.insights import LIFTS_LABELS, percent

EFFORT_DAYS = 28

# English constants (the tests compare them), translated where they are said.
COMPOUND_EASY_MESSAGE = gettext_noop(
    "Your compound lifts are the easy ones: {compound} % of their sets left 4 or more reps "
    "in reserve, against {isolation} % of your isolation sets. The guide: on squats the whole "
    "body feels done while the legs still have 4–5 reps left, so push those sets closer."
)
NO_EFFORT_MESSAGE = gettext_noop(
    "Log a few sets with their RIR to see how close to failure you train."
)


@dataclass(frozen=True)
class EffortRow:
    exercise_id: int
    name: str
    mechanics: str
    sets: int
    easy: int


@dataclass(frozen=True)
class EffortLine:
    exercise_id: int
    name: str
    sets: int
    easy: int

    @property
    def percent(self) -> int:
        return percent(self.easy, self.sets)


@dataclass(frozen=True)
class EffortGroup:
    mechanics: str
    label: str
    lines: list[EffortLine]

    @property
    def sets(self) -> int:
        return sum(line.sets for line in self.lines)

    @property
    def easy(self) -> int:
        return sum(line.easy for line in self.lines)

    @property
    def percent(self) -> int:
        return percent(self.easy, self.sets)


@dataclass(frozen=True)
class EffortReport:
    compound: EffortGroup
    isolation: EffortGroup

    @property
    def groups(self) -> list[EffortGroup]:
        return [self.compound, self.isolation]

    @property
    def message(self) -> str:
        """The guide's point, when the compound lifts are the ones left far from failure."""
        compound, isolation = self.compound, self.isolation
        if not compound.sets or not isolation.sets or not compound.easy:
            return ""
        # Compare exact shares, not the rounded percentages shown.
        if compound.easy * isolation.sets <= isolation.easy * compound.sets:
            return ""
        return _(COMPOUND_EASY_MESSAGE).format(
            compound=compound.percent, isolation=isolation.percent
        )

    @property
    def empty(self) -> bool:
        return not self.compound.sets and not self.isolation.sets


def effort_report(*, rows: Iterable[EffortRow]) -> EffortReport:
    """The share of sets at RIR 4 or more (TOO_EASY_MIN_RIR) per exercise, compound lifts
    beside isolation; the query counts them, this sorts and compares."""
    lines: dict[str, list[EffortLine]] = defaultdict(list)
    for row in sorted(rows, key=lambda row: row.name):
        lines[row.mechanics].append(EffortLine(row.exercise_id, row.name, row.sets, row.easy))
    compound, isolation = (
        EffortGroup(mechanics.value, str(LIFTS_LABELS[mechanics]), lines[mechanics.value])
        for mechanics in (Mechanics.COMPOUND, Mechanics.ISOLATION)
    )
    return EffortReport(compound=compound, isolation=isolation)
