"""Next session's load and reps from last time: double progression, guarded by RIR.

DOMAIN.md's "Suggesting next session" table, row for row; the first row that matches wins.
Loads are in the athlete's unit throughout, because the increment is a plate step in
that unit and rounding has to land on it.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from programs.numbers import plain_decimal
from tracking.calibration import NO_BIAS, RirBias, corrected_rir
from tracking.units import SHOWN_PLACES
from tracking.verdicts import HARD_SET_MAX_RIR, TOO_EASY_MIN_RIR

FIRST_TIME_MESSAGE = gettext_lazy("first time: pick a load you can do for {hi} reps at RIR 2")
ADD_LOAD_MESSAGE = gettext_lazy("all sets at the top of the range: add load")
TOO_EASY_MESSAGE = gettext_lazy("you left reps in the tank: more load")
BEAT_BY_A_REP_MESSAGE = gettext_lazy("same load: beat last time by a rep")
LIGHTER_MESSAGE = gettext_lazy("below the range: lighter, and own the reps")
SAME_LOAD_MESSAGE = gettext_lazy("same load")

INCREMENT_MESSAGE = gettext_lazy("The load increment must be above zero.")
REP_RANGE_MESSAGE = gettext_lazy(
    "The rep range must start at 1 or more and not end below its start."
)

EPLEY_DIVISOR = 30
# Division leaves digits far past the hundredth; cut them before rounding down to the
# increment so that an exact 107.5 never becomes 107.4999… and drops a whole step.
_WORKING_PLACES = Decimal("0.000001")


class Reason(models.TextChoices):
    FIRST_TIME = "first_time", gettext_lazy("first time")
    ADD_LOAD = "add_load", gettext_lazy("add load")
    TOO_EASY = "too_easy", gettext_lazy("too easy")
    BEAT_BY_A_REP = "beat_by_a_rep", gettext_lazy("beat by a rep")
    LIGHTER = "lighter", gettext_lazy("lighter")
    SAME_LOAD = "same_load", gettext_lazy("same load")


@dataclass(frozen=True)
class LastSet:
    """One set of last time: the weaker leg's reps when per leg; the load in the athlete's
    unit as the page shows it (tracking.units.shown_load: as typed, or on a plate step), so
    that a suggestion made from it is a load the athlete can put on the bar."""

    load: Decimal
    reps: int
    rir: int | None  # None: not recorded (an imported set whose file gave no RPE)


@dataclass(frozen=True)
class Suggestion:
    load: Decimal | None
    # A target per set of last time, in order; a single target when there is no history.
    reps: tuple[int, ...]
    reps_min: int
    reps_max: int
    reason: Reason
    message: str

    def reps_for_set(self, n: int) -> int:
        """The target for set ``n`` (from 1); sets beyond last time's repeat its last target."""
        if not self.reps:
            return self.reps_min
        return self.reps[min(n, len(self.reps)) - 1]


def likely_rir(*, rir: int | None, actual_rir: int | None, bias: RirBias = NO_BIAS) -> int | None:
    """The RIR a set most likely had, for suggestions and e1RM: a test set's is measured
    (the reps done after the stop); any other set's is the typed one corrected by the
    lifter's bias on the exercise (tracking.calibration; as typed below two tests)."""
    if actual_rir is not None:
        return actual_rir
    return corrected_rir(rir=rir, bias=bias)


def _reps_to_failure_factor(*, reps: int, rir: Decimal | int | None) -> Decimal:
    # An RIR not recorded adds nothing: the e1RM of the reps alone, never a made-up effort.
    return 1 + (reps + Decimal(0 if rir is None else rir)) / EPLEY_DIVISOR


def estimated_1rm(*, load: Decimal, reps: int, rir: int | None) -> Decimal:
    """Epley on reps + RIR (the reps to failure at that load), to the hundredth; on the
    reps alone when the RIR was not recorded."""
    return (load * _reps_to_failure_factor(reps=reps, rir=rir)).quantize(
        SHOWN_PLACES, rounding=ROUND_HALF_UP
    )


def _clamp(reps: int, *, lo: int, hi: int) -> int:
    return max(lo, min(reps, hi))


def _round_down(load: Decimal, *, increment: Decimal) -> Decimal:
    steps = (load.quantize(_WORKING_PLACES, rounding=ROUND_HALF_UP) / increment).to_integral_value(
        rounding=ROUND_FLOOR
    )
    return steps * increment


def _load(value: Decimal) -> Decimal:
    return plain_decimal(value.quantize(SHOWN_PLACES, rounding=ROUND_HALF_UP))


def _too_easy_load(
    *, last: LastSet, target_reps: int, rir_min: int, rir_max: int, increment: Decimal
) -> Decimal:
    """The load at which ``target_reps`` would have left the middle of the target RIR."""
    mid = Decimal(rir_min + rir_max) / 2
    # The same e1RM as estimated_1rm, kept unrounded so only the final load is rounded.
    e1rm = last.load * _reps_to_failure_factor(reps=last.reps, rir=last.rir)
    return _round_down(
        e1rm / _reps_to_failure_factor(reps=target_reps, rir=mid), increment=increment
    )


def working_load(last_sets: Sequence[LastSet]) -> Decimal:
    """The load most of last time's sets were done at; of equally common loads, the
    heaviest (a ramp of one set per load counts from its top set). A lighter back-off or a
    single heavier single is not what "same load" means."""
    counts = Counter(s.load for s in last_sets)
    return max(counts, key=lambda load: (counts[load], load))


def suggest_next(
    *,
    last_sets: Sequence[LastSet],
    reps_min: int,
    reps_max: int,
    rir_min: int,
    rir_max: int,
    increment: Decimal,
) -> Suggestion:
    """Sets of mixed loads count as one session at their working load (``working_load``).

    Every row looks at all of last time's sets whatever their load; only the "too easy"
    row works from each set's own load, through its estimated 1RM.
    """
    if increment <= 0:
        raise ValueError(str(INCREMENT_MESSAGE))
    if not 1 <= reps_min <= reps_max:
        raise ValueError(str(REP_RANGE_MESSAGE))
    lo, hi = reps_min, reps_max

    def suggestion(
        load: Decimal | None, reps: Sequence[int], reason: Reason, message: str | Promise
    ) -> Suggestion:
        return Suggestion(
            load=None if load is None else _load(load),
            reps=tuple(reps),
            reps_min=lo,
            reps_max=hi,
            reason=reason,
            message=str(message),
        )

    # The message asks for a load the lifter can do for hi reps: the rows aim there too.
    if not last_sets:
        return suggestion(None, (hi,), Reason.FIRST_TIME, FIRST_TIME_MESSAGE.format(hi=hi))

    load = working_load(last_sets)
    count = len(last_sets)

    # A set whose RIR was not recorded is a hard set (DOMAIN.md), so it never holds back
    # the load, and it is never "too easy": no RIR-based verdict is made up for it.
    if all(s.reps >= hi and (s.rir is None or s.rir <= HARD_SET_MAX_RIR) for s in last_sets):
        return suggestion(load + increment, (lo,) * count, Reason.ADD_LOAD, ADD_LOAD_MESSAGE)

    # Too few reps at a high RIR is a load the lifter could not handle, not an easy set.
    too_easy = [
        s for s in last_sets if s.rir is not None and s.rir >= TOO_EASY_MIN_RIR and s.reps >= lo
    ]
    # A set that fell below the range says the load is not owned yet, whatever an easy set
    # before it says: never more load after it (70 kg × 4 on an 8–10 RDL once became
    # 77.5 kg × 10 for every set). The rows below keep the load, or lighten it when most
    # sets fell short.
    fell_short = any(s.reps < lo for s in last_sets)
    if too_easy and not fell_short:
        decider = max(
            too_easy, key=lambda s: s.load * _reps_to_failure_factor(reps=s.reps, rir=s.rir)
        )
        target_reps = _clamp(decider.reps, lo=lo, hi=hi)
        heavier = _too_easy_load(
            last=decider,
            target_reps=target_reps,
            rir_min=rir_min,
            rir_max=rir_max,
            increment=increment,
        )
        return suggestion(
            max(heavier, load + increment),
            (target_reps,) * count,
            Reason.TOO_EASY,
            TOO_EASY_MESSAGE,
        )

    if all(lo <= s.reps <= hi and (s.rir is None or s.rir <= rir_max) for s in last_sets):
        return suggestion(
            load,
            [min(s.reps + 1, hi) for s in last_sets],
            Reason.BEAT_BY_A_REP,
            BEAT_BY_A_REP_MESSAGE,
        )

    if sum(1 for s in last_sets if s.reps < lo) * 2 > count:
        return suggestion(
            max(load - increment, Decimal(0)), (lo,) * count, Reason.LIGHTER, LIGHTER_MESSAGE
        )

    return suggestion(
        load,
        [_clamp(s.reps, lo=lo, hi=hi) for s in last_sets],
        Reason.SAME_LOAD,
        SAME_LOAD_MESSAGE,
    )
