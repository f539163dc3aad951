"""A logged set against its prescription: on reps, and on effort (reps in reserve)."""

import dataclasses
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracking.calibration import RirBias, corrected_rir
from tracking.weaker_leg import weaker_leg_reps

# The guide: 1–2 reps in reserve on most sets, three at the most. A set at RIR 3 or
# less is a hard set; at 4 or more the lifter left reps in the tank.
HARD_SET_MAX_RIR = 3
TOO_EASY_MIN_RIR = 4

BELOW_RANGE_MESSAGE = gettext_lazy("{reps} reps: below the range of {reps_min}–{reps_max}.")
ABOVE_RANGE_MESSAGE = gettext_lazy(
    "{reps} reps: above the range of {reps_min}–{reps_max}, the load is too light."
)
TOO_EASY_MESSAGE = gettext_lazy(
    "RIR {rir}: you left reps in the tank. "
    "Legs need 1–2 reps in reserve, 3 at the most: go closer to failure next set."
)
AT_LIMIT_MESSAGE = gettext_lazy(
    "RIR 3: the most the guide allows. Aim for 1–2 in reserve next set."
)
ABOVE_TARGET_MESSAGE = gettext_lazy(
    "RIR {rir}: more in reserve than this exercise's target of {rir_max} at the most: "
    "go closer to failure next set."
)
GOOD_SET_MESSAGE = gettext_lazy("In range, on target: a good set.")
# An imported set whose file gave no RPE/RIR: its reps are judged, its effort is not.
NOT_RECORDED_MESSAGE = gettext_lazy("RIR not recorded: effort not judged.")

# How an RIR that was not recorded reads on every page.
NOT_RECORDED_RIR = "—"

PER_LEG_OR_BOTH_MESSAGE = gettext_lazy("Judge reps, or reps for the left and the right leg.")


class RepVerdict(models.TextChoices):
    BELOW = "below", gettext_lazy("below the range")
    IN_RANGE = "in_range", gettext_lazy("in range")
    ABOVE = "above", gettext_lazy("above the range")


class EffortVerdict(models.TextChoices):
    ON_TARGET = "on_target", gettext_lazy("on target")
    AT_LIMIT = "at_limit", gettext_lazy("at the limit")
    TOO_EASY = "too_easy", gettext_lazy("too easy")
    NOT_RECORDED = "not_recorded", gettext_lazy("effort not recorded")


@dataclass(frozen=True)
class Verdict:
    rep: RepVerdict
    effort: EffortVerdict
    reps_judged: int
    message: str

    @property
    def is_good(self) -> bool:
        return self.rep == RepVerdict.IN_RANGE and self.effort == EffortVerdict.ON_TARGET

    @property
    def label(self) -> str:
        """“in range, on target”, “above the range, too easy”."""
        return _("{rep}, {effort}").format(rep=self.rep.label, effort=self.effort.label)


def rir_text(rir: int | None) -> str:
    """“2”, or “—” for an RIR not recorded."""
    return NOT_RECORDED_RIR if rir is None else str(rir)


def judge_set(
    *,
    reps: int | None,
    reps_left: int | None = None,
    reps_right: int | None = None,
    rir: int | None,
    reps_min: int,
    reps_max: int,
    rir_max: int,
) -> Verdict:
    """Judge one set; a per-leg set (reps None, both legs given) is judged on the weaker leg.

    Effort, first match wins:
    - RIR 4 or more: too easy, whatever the prescription says.
    - RIR 3: at the limit, even when the prescription's target reaches 3, because 3 is
      the most the guide allows and the lifter should know they are at its edge.
    - RIR above the prescription's ``rir_max`` (say 2 against a target of 0–1): at the
      limit too. It is still a hard set, so not "too easy", but it stopped further from
      failure than the coach asked, and the message names the target.
    - Otherwise on target, going to failure (RIR 0) included.
    An RIR of None (not recorded) is no effort verdict at all: the reps are still judged.
    """
    if reps is None:
        if reps_left is None or reps_right is None:
            raise ValueError(str(PER_LEG_OR_BOTH_MESSAGE))
        reps = weaker_leg_reps(reps=None, reps_left=reps_left, reps_right=reps_right)
    elif reps_left is not None or reps_right is not None:
        raise ValueError(str(PER_LEG_OR_BOTH_MESSAGE))

    notes = []
    if reps < reps_min:
        rep = RepVerdict.BELOW
        notes.append(BELOW_RANGE_MESSAGE.format(reps=reps, reps_min=reps_min, reps_max=reps_max))
    elif reps > reps_max:
        rep = RepVerdict.ABOVE
        notes.append(ABOVE_RANGE_MESSAGE.format(reps=reps, reps_min=reps_min, reps_max=reps_max))
    else:
        rep = RepVerdict.IN_RANGE

    if rir is None:
        effort = EffortVerdict.NOT_RECORDED
        notes.append(str(NOT_RECORDED_MESSAGE))
    elif rir >= TOO_EASY_MIN_RIR:
        effort = EffortVerdict.TOO_EASY
        notes.append(TOO_EASY_MESSAGE.format(rir=rir))
    elif rir == HARD_SET_MAX_RIR:
        effort = EffortVerdict.AT_LIMIT
        notes.append(str(AT_LIMIT_MESSAGE))
    elif rir > rir_max:
        effort = EffortVerdict.AT_LIMIT
        notes.append(ABOVE_TARGET_MESSAGE.format(rir=rir, rir_max=rir_max))
    else:
        effort = EffortVerdict.ON_TARGET

    return Verdict(
        rep=rep,
        effort=effort,
        reps_judged=reps,
        message=" ".join(notes) or str(GOOD_SET_MESSAGE),
    )


CORRECTED_RIR_MESSAGE = gettext_lazy(
    "You said RIR {rir}: your tests say that is about RIR {corrected} on {exercise}."
)


def judge_set_against_tests(
    *,
    reps: int | None,
    reps_left: int | None = None,
    reps_right: int | None = None,
    rir: int | None,
    reps_min: int,
    reps_max: int,
    rir_max: int,
    bias: RirBias,
    exercise: str,
) -> Verdict:
    """Judge a set on the RIR the lifter's test sets say they had (tracking.calibration),
    and say so beside the typed one when the two differ. Below two tests, as typed.
    ``exercise``: its name as a sentence holds it (``Exercise.name_in_sentence``)."""
    corrected = corrected_rir(rir=rir, bias=bias)
    verdict = judge_set(
        reps=reps,
        reps_left=reps_left,
        reps_right=reps_right,
        rir=corrected,
        reps_min=reps_min,
        reps_max=reps_max,
        rir_max=rir_max,
    )
    if corrected == rir:
        return verdict
    said = CORRECTED_RIR_MESSAGE.format(rir=rir, corrected=corrected, exercise=exercise)
    return dataclasses.replace(verdict, message=f"{said} {verdict.message}")
