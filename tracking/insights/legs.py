"""Left against right on unilateral exercises: the weaker leg named when it is more than
10 % behind ("one leg doing more work")."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from programs.catalogue_words import in_sentence

LEFT_RIGHT_SESSIONS = 4
# Left/right looks this far back for the last four sessions of each unilateral exercise,
# so the read stays bounded whatever the history; an imbalance older than that is stale.
LEFT_RIGHT_WEEKS = 12
LEFT_RIGHT_FLAG = Decimal("0.10")

# English constants (the tests compare them), translated where they are said.
LEG_BEHIND_MESSAGE = gettext_noop(
    "Your {weaker} leg is {percent} % behind your {stronger} on {exercise}: "
    "one leg doing more work."
)
NO_LEFT_RIGHT_MESSAGE = gettext_noop(
    "Log a unilateral exercise per leg (walking lunge, step-up, split squat) to compare your legs."
)
# "left"/"right" stay the values (CSS, comparisons); these are the words shown.
LEG_NAMES = {"left": pgettext_lazy("leg", "left"), "right": pgettext_lazy("leg", "right")}


@dataclass(frozen=True)
class LegDay:
    """One unilateral exercise in one session: the reps of each leg over its per-leg sets."""

    exercise_id: int
    name: str
    date: dt.date
    left: int | None
    right: int | None


@dataclass(frozen=True)
class LegBalance:
    exercise_id: int
    name: str
    left: int
    right: int
    sessions: list[dt.date]

    @property
    def weaker(self) -> str:
        """ "left", "right", or "" when the legs did the same reps."""
        if self.left == self.right:
            return ""
        return "left" if self.left < self.right else "right"

    @property
    def sides(self) -> list[tuple[str, int]]:
        return [("left", self.left), ("right", self.right)]

    @property
    def most(self) -> int:
        return max(self.left, self.right)

    @property
    def stronger(self) -> str:
        return {"left": "right", "right": "left"}.get(self.weaker, "")

    @property
    def weaker_name(self) -> str:
        return str(LEG_NAMES.get(self.weaker, ""))

    @property
    def stronger_name(self) -> str:
        return str(LEG_NAMES.get(self.stronger, ""))

    @property
    def gap(self) -> Decimal:
        """How far the weaker leg is behind the stronger, as a fraction of the stronger."""
        stronger = max(self.left, self.right)
        if not stronger:
            return Decimal(0)
        return Decimal(abs(self.left - self.right)) / stronger

    @property
    def gap_percent(self) -> int:
        return int((self.gap * 100).to_integral_value(rounding=ROUND_HALF_UP))

    @property
    def flagged(self) -> bool:
        return self.gap > LEFT_RIGHT_FLAG

    @property
    def message(self) -> str:
        if not self.flagged:
            return ""
        return _(LEG_BEHIND_MESSAGE).format(
            weaker=self.weaker_name,
            percent=self.gap_percent,
            stronger=self.stronger_name,
            exercise=in_sentence(self.name),
        )


def left_right(*, rows: Iterable[LegDay], sessions: int = LEFT_RIGHT_SESSIONS) -> list[LegBalance]:
    """Per unilateral exercise, both legs' reps over its last ``sessions`` sessions.

    A per-leg set carries one load for both legs, so summing each leg's reps over the same
    sets compares them at the same load. A session where a leg's reps are missing cannot
    be compared and is skipped.
    """
    by_exercise: dict[int, list[LegDay]] = defaultdict(list)
    for row in rows:
        if row.left is None or row.right is None:
            continue
        by_exercise[row.exercise_id].append(row)
    lines = []
    for days in by_exercise.values():
        last = sorted(days, key=lambda day: day.date, reverse=True)[:sessions]
        lines.append(
            LegBalance(
                exercise_id=last[0].exercise_id,
                name=last[0].name,
                left=sum(day.left for day in last),
                right=sum(day.right for day in last),
                sessions=sorted(day.date for day in last),
            )
        )
    return sorted(lines, key=lambda line: line.name)
