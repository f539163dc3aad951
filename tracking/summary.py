"""A session's summary, from its logged sets: how long, how many, how much, the records,
and the effort in plain words. Pure: the session page hands it what it already drew."""

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tracking.units import format_load, from_kg
from tracking.verdicts import EffortVerdict

TANK_MESSAGE = gettext_lazy("{count} {name} {sets} left reps in the tank")
AT_LIMIT_MESSAGE = gettext_lazy("{count} {sets} at RIR 3, the most the guide allows")
ON_TARGET_MESSAGE = gettext_lazy("Every set on target: 1–2 reps in reserve")
NOT_JUDGED_MESSAGE = gettext_lazy("Effort not recorded, not judged")


@dataclass(frozen=True)
class SummarySet:
    exercise: str
    load_kg: Decimal
    reps: int | None
    reps_left: int | None
    reps_right: int | None
    logged_at: dt.datetime
    effort: EffortVerdict
    record: bool = False
    increment: Decimal = Decimal("0.01")  # the exercise's, in the athlete's unit


@dataclass(frozen=True)
class SessionSummary:
    duration: dt.timedelta | None
    sets_done: int
    sets_planned: int
    volume: Decimal  # in the athlete's unit, whole
    unit: str
    records: list[str]
    effort: list[str]

    @property
    def duration_label(self) -> str:
        if self.duration is None:
            return _("one set")
        minutes = int(self.duration.total_seconds() // 60)
        if minutes < 1:
            return _("under a minute")
        hours, minutes = divmod(minutes, 60)
        if hours:
            return _("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
        return _("{minutes} min").format(minutes=minutes)


def set_volume_kg(
    *, load_kg: Decimal, reps: int | None, reps_left: int | None, reps_right: int | None
) -> Decimal:
    """Load × reps; a per-leg set's reps are both legs' (as the insights' weekly volume)."""
    return load_kg * (reps if reps is not None else reps_left + reps_right)


def _plural(count: int) -> str:
    # The word alone, for the sentences' {sets}: the translator's plural rule picks it.
    return ngettext("set", "sets", count)


def _reps_text(logged: SummarySet) -> str:
    if logged.reps is None:
        return f"{logged.reps_left}/{logged.reps_right}"
    return str(logged.reps)


def effort_words(*, sets: Sequence[SummarySet]) -> list[str]:
    """The session's effort verdict (tracking/verdicts.py's, set by set) in sentences."""
    easy = Counter(s.exercise for s in sets if s.effort == EffortVerdict.TOO_EASY)
    words = [
        TANK_MESSAGE.format(count=count, name=name.lower(), sets=_plural(count))
        for name, count in easy.items()
    ]
    at_limit = sum(1 for s in sets if s.effort == EffortVerdict.AT_LIMIT)
    if at_limit:
        words.append(AT_LIMIT_MESSAGE.format(count=at_limit, sets=_plural(at_limit)))
    judged = [s for s in sets if s.effort != EffortVerdict.NOT_RECORDED]
    if not words:
        words.append(str(ON_TARGET_MESSAGE if judged else NOT_JUDGED_MESSAGE))
    return words


def session_summary(*, sets: Sequence[SummarySet], sets_planned: int, unit: str) -> SessionSummary:
    """Duration is from the first set logged to the last (no clock runs before the first)."""
    times = sorted(s.logged_at for s in sets)
    volume_kg = sum(
        (
            set_volume_kg(
                load_kg=s.load_kg, reps=s.reps, reps_left=s.reps_left, reps_right=s.reps_right
            )
            for s in sets
        ),
        Decimal(0),
    )
    return SessionSummary(
        duration=times[-1] - times[0] if len(times) > 1 else None,
        sets_done=len(sets),
        sets_planned=sets_planned,
        volume=from_kg(load_kg=volume_kg, unit=unit).to_integral_value(rounding=ROUND_HALF_UP),
        unit=unit,
        records=[
            f"{s.exercise} {format_load(load_kg=s.load_kg, unit=unit, increment=s.increment)} × {_reps_text(s)}"
            for s in sets
            if s.record
        ],
        effort=effort_words(sets=sets),
    )
