"""What the session page shows: one card per prescription, one row per set.

Built from a fixed number of queries: the session's prescriptions, their alternatives,
the session's set logs, and the athlete's last time on each exercise.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar
from urllib.parse import urlencode
from uuid import UUID, uuid4

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs.bounds import MAX_REPS, MAX_SETS
from programs.models import Exercise, Session, SessionPrescription
from programs.numbers import parse_whole_number, shown_decimal
from programs.progress import Progress, progress_of
from programs.today import athlete_today
from programs.weeks import IsoWeek
from tracking.calibration import (
    NO_BIAS,
    SAFETY_REMINDER,
    TEST_SET_LABEL,
    RirBias,
    safe_to_fail,
    test_set_outcome,
)
from tracking.calibration_record import calibration_record
from tracking.history import last_time_sets
from tracking.models import SET_NOTE_MAX_LENGTH, SetLog
from tracking.plates import PlateSetup, plate_data, plate_setup_for
from tracking.progression import LastSet, Suggestion, likely_rir, suggest_next
from tracking.records import Attempt, before_session, corrections_of, load_bests, mark_records
from tracking.summary import SessionSummary, SummarySet, session_summary
from tracking.units import format_load, increment_for, shown_load
from tracking.verdicts import NOT_RECORDED_RIR, Verdict, judge_set_against_tests
from tracking.warmups import WarmUpStep, warm_up_for
from tracking.weaker_leg import weaker_leg_reps

DEFAULT_RIR = 2


@dataclass
class SetRow:
    prescription: SessionPrescription
    number: int
    unit: str
    increment: Decimal
    logged: SetLog | None = None
    uuid: UUID = field(default_factory=uuid4)
    reps: int | None = None
    reps_left: int | None = None
    reps_right: int | None = None
    load: Decimal | None = None
    rir: int | None = DEFAULT_RIR  # None: a logged set whose RIR was not recorded
    verdict: Verdict | None = None
    errors: list[str] = field(default_factory=list)
    invalid: frozenset[str] = frozenset()  # the fields the errors are about, focused first
    notice: str = ""
    record: bool = False  # a personal record (tracking/records.py)
    note: str = ""  # the athlete's note on the set (logged, or typed with a refused post)
    note_max_length: ClassVar[int] = SET_NOTE_MAX_LENGTH
    # The athlete's bar and plates on a barbell exercise: the row says what goes on it.
    plate_setup: PlateSetup | None = None
    # Test sets (tracking/calibration.py): the reps done after the stop; whether this row
    # may be one (an exercise's last set, both legs counted together) and is planned as one.
    actual_rir: int | str | None = None
    test_set_offered: bool = False
    test_set_due: bool = False
    # The athlete's test sets on this exercise: their verdicts read the corrected RIR.
    bias: RirBias = NO_BIAS
    actual_rir_max: ClassVar[int] = MAX_REPS
    test_set_label: ClassVar[str] = TEST_SET_LABEL

    @property
    def optional(self) -> bool:
        p = self.prescription
        return p.sets_min < self.number <= p.sets_max

    @property
    def extra(self) -> bool:
        return self.number > self.prescription.sets_max

    @property
    def dom_id(self) -> str:
        return f"set-{self.prescription.pk}-{self.number}"

    @property
    def rir_choices(self) -> list[tuple[int, str, bool]]:
        """The chips 0 1 2 3 4 5+, with the one to show as picked."""
        try:
            picked = min(int(self.rir), 5)
        except (TypeError, ValueError):
            picked = None
        return [(value, "5+" if value == 5 else str(value), value == picked) for value in range(6)]

    @property
    def load_label(self) -> str:
        return _("Load ({unit})").format(unit=self.unit)

    @property
    def first_invalid(self) -> str:
        """The field a refused set sends the lifter back to (a missing load: the load)."""
        order = ("reps", "reps_left", "reps_right", "load", "rir")
        return next((name for name in order if name in self.invalid), "")

    @property
    def summary(self) -> str:
        """A logged set on one line: “100 kg × 8 @ RIR 2”, per leg “20 kg × 12/11 @ RIR 2”."""
        if self.logged is None:
            return ""
        return describe_sets([self.logged], self.unit, self.increment)

    @property
    def plates_line(self) -> str:
        return self.plate_setup.line(self.load) if self.plate_setup else ""

    @property
    def test_set_shown(self) -> bool:
        """The field is on the row: planned, asked for, or a test set already."""
        return self.test_set_due or self.actual_rir not in (None, "")

    @property
    def safety_reminder(self) -> str:
        """On a planned test set where failure is not safe by itself (a barbell squat the
        lifter or coach turned on)."""
        if not self.test_set_due or safe_to_fail(self.prescription.performed_exercise.equipment):
            return ""
        return SAFETY_REMINDER

    @property
    def test_set_outcome(self) -> str:
        """What a logged test set showed, at once on its row."""
        logged = self.logged
        if logged is None or logged.actual_rir is None:
            return ""
        return test_set_outcome(predicted_rir=logged.rir, actual_rir=logged.actual_rir)


@dataclass
class Card:
    prescription: SessionPrescription
    exercise: Exercise
    options: list[Exercise]
    last_time: str
    suggestion: Suggestion
    rows: list[SetRow]
    add_set_query: str
    unit: str

    @property
    def suggested_load(self) -> str:
        if self.suggestion.load is None:
            return ""
        return f"{shown_decimal(self.suggestion.load)} {self.unit}"

    @property
    def warm_up(self) -> list[WarmUpStep]:
        """Up to today's suggestion; in a first session, up to the first load logged."""
        load = self.suggestion.load
        if load is None:
            load = next((row.load for row in self.rows if row.logged), None)
        setup = self.rows[0].plate_setup if self.rows else None
        return warm_up_for(
            exercise=self.exercise,
            working_load=load,
            bar=setup.bar if setup else Decimal(0),
            increment=increment_for(self.exercise, self.unit),
        )

    @property
    def logged_count(self) -> int:
        return sum(1 for row in self.rows if row.logged)

    @property
    def finished(self) -> bool:
        """Every required set logged: the card folds, the next exercise is the current one."""
        return self.logged_count >= self.prescription.sets_min

    @property
    def logged_label(self) -> str:
        count = self.logged_count
        return ngettext("{count} set logged", "{count} sets logged", count).format(count=count)


@dataclass
class SessionPage:
    session: Session
    cards: list[Card]
    unit: str
    # Dated before the athlete's today: read before edited, and no "Today:" suggestion.
    past: bool = False

    def replace_row(self, row: SetRow) -> None:
        """Show a row as answered (for instance with its errors) in place of the drawn one."""
        for card in self.cards:
            if card.prescription.pk == row.prescription.pk:
                others = [r for r in card.rows if r.number != row.number]
                card.rows = sorted([*others, row], key=lambda r: r.number)

    @property
    def plate_data(self) -> dict[str, object] | None:
        """The setup static/js/plates.js works from, once for the page; None with no bar."""
        for card in self.cards:
            for row in card.rows:
                if row.plate_setup:
                    return plate_data(row.plate_setup)
        return None

    @property
    def week(self) -> IsoWeek:
        return IsoWeek.of(self.session.date)

    @property
    def summary(self) -> SessionSummary:
        """From the rows drawn: no query of its own."""
        sets = []
        for card in self.cards:
            names = {option.pk: option.shown_name for option in card.options}
            for row in card.rows:
                if row.logged:
                    logged = row.logged
                    sets.append(
                        SummarySet(
                            exercise=names.get(logged.exercise_id, card.exercise.shown_name),
                            load_kg=logged.load_kg,
                            reps=logged.reps,
                            reps_left=logged.reps_left,
                            reps_right=logged.reps_right,
                            logged_at=logged.logged_at,
                            effort=row.verdict.effort,
                            record=row.record,
                            increment=row.increment,
                        )
                    )
        return session_summary(sets=sets, sets_planned=self.progress.planned, unit=self.unit)

    @property
    def progress(self) -> Progress:
        return progress_of(
            [
                (card.prescription.sets_min, sum(1 for row in card.rows if row.logged))
                for card in self.cards
            ]
        )


def describe_sets(sets: list[SetLog], unit: str, increment: Decimal) -> str:
    """“100 kg × 8, 8, 7 @ RIR 2”; per leg “20 kg × 12/11 @ RIR 2” (left/right)."""
    if not sets:
        return ""
    parts, current_load, reps = [], None, []
    for logged in sets:
        load = format_load(load_kg=logged.load_kg, unit=unit, increment=increment)
        if load != current_load and reps:
            parts.append(f"{current_load} × {', '.join(reps)}")
            reps = []
        current_load = load
        reps.append(_reps_text(logged))
    parts.append(f"{current_load} × {', '.join(reps)}")
    rirs = sorted({logged.rir for logged in sets if logged.rir is not None})
    shown = [str(rirs[0]) if len(rirs) == 1 else f"{rirs[0]}–{rirs[-1]}"] if rirs else []
    if any(logged.rir is None for logged in sets):
        shown.append(NOT_RECORDED_RIR)
    return f"{'; '.join(parts)} @ RIR {', '.join(shown)}"


def _reps_text(logged: SetLog) -> str:
    if logged.reps is None:
        return f"{logged.reps_left}/{logged.reps_right}"
    return str(logged.reps)


def suggestion_for(
    p: SessionPrescription, last_sets: list[SetLog], unit: str, *, bias: RirBias = NO_BIAS
) -> Suggestion:
    """From last time's sets at the RIR they most likely had: measured on a test set,
    corrected by the lifter's bias on the exercise otherwise (tracking.progression)."""
    increment = increment_for(p.performed_exercise, unit)
    return suggest_next(
        last_sets=[
            LastSet(
                load=shown_load(load_kg=logged.load_kg, unit=unit, increment=increment),
                reps=weaker_leg_reps(
                    reps=logged.reps, reps_left=logged.reps_left, reps_right=logged.reps_right
                ),
                rir=likely_rir(rir=logged.rir, actual_rir=logged.actual_rir, bias=bias),
            )
            for logged in last_sets
        ],
        reps_min=p.reps_min,
        reps_max=p.reps_max,
        rir_min=p.rir_min,
        rir_max=p.rir_max,
        increment=increment,
    )


def logged_row(row: SetRow, logged: SetLog, *, bias: RirBias = NO_BIAS) -> SetRow:
    """Fill a row with what was logged, and judge it on the RIR the athlete's test sets on
    the exercise say they had."""
    p = row.prescription
    row.logged, row.uuid = logged, logged.uuid
    row.reps, row.reps_left, row.reps_right = logged.reps, logged.reps_left, logged.reps_right
    row.load = shown_load(load_kg=logged.load_kg, unit=row.unit, increment=row.increment)
    row.rir = logged.rir
    row.actual_rir = logged.actual_rir
    row.note = logged.note
    row.bias = bias
    row.verdict = judge_set_against_tests(
        reps=logged.reps,
        reps_left=logged.reps_left,
        reps_right=logged.reps_right,
        rir=logged.rir,
        reps_min=p.reps_min,
        reps_max=p.reps_max,
        rir_max=p.rir_max,
        bias=bias,
        exercise=p.performed_exercise.name_in_sentence,
    )
    return row


def planned_row(row: SetRow, suggestion: Suggestion) -> SetRow:
    """Prefill a row with today's suggestion, so a set that goes to plan is one tap."""
    reps = suggestion.reps_for_set(row.number)
    if row.prescription.per_leg:
        row.reps_left = row.reps_right = reps
    else:
        row.reps = reps
    row.load = suggestion.load
    row.rir = min(DEFAULT_RIR, row.prescription.rir_max)
    return row


MAX_EXTRA_ROWS = 10


def extra_rows_from(query: QueryDict) -> dict[int, int]:
    """?more=12&more=12 asks for two more blank rows on prescription 12."""
    extra = Counter(parse_whole_number(value) for value in query.getlist("more"))
    return {pid: min(count, MAX_EXTRA_ROWS) for pid, count in extra.items() if pid is not None}


def set_numbers_to_draw(
    *, sets_max: int, logged: list[int], extra: int, highest: int = MAX_SETS
) -> list[int]:
    """The prescribed sets, the sets logged, and the blank rows asked for (the lowest free
    numbers up to the highest a set can have). Never more, whatever set numbers are
    stored: one set numbered 99999999999999 once drew that many rows."""
    drawn = set(range(1, min(sets_max, highest) + 1)) | set(logged)
    free = [number for number in range(sets_max + 1, highest + 1) if number not in drawn]
    return sorted(drawn | set(free[:extra]))


def _add_set_query(extra_rows: dict[int, int], prescription_id: int) -> str:
    more = [pid for pid, count in extra_rows.items() for _ in range(count)]
    return urlencode([("more", pid) for pid in [*more, prescription_id]])


def carry_down(rows: list[SetRow]) -> None:
    """With no suggested load (a first session), a set still to log starts from the load
    and reps of the set logged before it: the lifter types them once per exercise."""
    last = None
    for row in rows:
        if row.logged:
            last = row
        elif row.load is None and last is not None:
            row.load = last.load
            row.reps, row.reps_left, row.reps_right = last.reps, last.reps_left, last.reps_right


def undone_row(row: SetRow, undone: SetLog) -> SetRow:
    """A set just undone goes back to a set to log with the values it was logged with,
    so logging it again is one tap (and never a load the lifter must type again)."""
    row.reps, row.reps_left, row.reps_right = undone.reps, undone.reps_left, undone.reps_right
    row.load = shown_load(load_kg=undone.load_kg, unit=row.unit, increment=row.increment)
    row.rir = DEFAULT_RIR if undone.rir is None else undone.rir
    row.actual_rir = undone.actual_rir
    return row


def load_session(
    *,
    session: Session,
    athlete,
    extra_rows: dict[int, int] | None = None,
    today: dt.date | None = None,
) -> SessionPage:
    """The page for a session; extra_rows asks for more blank rows on a prescription."""
    unit = athlete.unit
    prescriptions = list(
        SessionPrescription.objects.filter(session=session)
        .select_related("exercise", "swapped_to", "athlete_note")
        .prefetch_related(Prefetch("alternatives", queryset=Exercise.objects.order_by("name")))
        .order_by("order")
    )
    logs = {}
    for logged in SetLog.objects.filter(prescription__session=session):
        logs[(logged.prescription_id, logged.set_number)] = logged
    history = last_time_sets(
        athlete=athlete,
        exercise_ids={p.performed_exercise.pk for p in prescriptions},
        before=session.date,
    )
    # The lifter's test sets: their bias corrects last time's RIR for the suggestions and
    # this session's for the verdicts and the records; they plan today's test sets.
    record = calibration_record(athlete)
    extra_rows = extra_rows or {}
    cards = []
    for p in prescriptions:
        exercise = p.performed_exercise
        bias = record.bias(exercise.pk)
        last_sets = history.get(exercise.pk, [])
        suggestion = suggestion_for(p, last_sets, unit, bias=bias)
        plate_setup = plate_setup_for(exercise=exercise, athlete=athlete)
        numbers = set_numbers_to_draw(
            sets_max=p.sets_max,
            logged=[number for (pid, number) in logs if pid == p.pk],
            extra=extra_rows.get(p.pk, 0),
        )
        rows = []
        for number in numbers:
            row = SetRow(
                prescription=p,
                number=number,
                unit=unit,
                increment=increment_for(exercise, unit),
                plate_setup=plate_setup,
                bias=bias,
            )
            logged = logs.get((p.pk, number))
            rows.append(
                logged_row(row, logged, bias=bias) if logged else planned_row(row, suggestion)
            )
        carry_down(rows)
        offer_test_set(rows, due=record.due(exercise, on=session.date))
        cards.append(
            Card(
                prescription=p,
                exercise=exercise,
                options=[p.exercise, *p.alternatives.all()],
                last_time=describe_sets(last_sets, unit, increment_for(exercise, unit)),
                suggestion=suggestion,
                rows=rows,
                add_set_query=_add_set_query(extra_rows, p.pk),
                unit=unit,
            )
        )
    _mark_records(athlete=athlete, session=session, cards=cards, biases=record.biases())
    past = session.date < (today or athlete_today(athlete))
    return SessionPage(session=session, cards=cards, unit=unit, past=past)


def offer_test_set(rows: list[SetRow], *, due: bool) -> None:
    """An exercise's last set may be a test set, planned or by one tap; a per-leg one
    may not (a test set checks one rep count against one said RIR)."""
    if not rows or rows[-1].prescription.per_leg:
        return
    last = rows[-1]
    last.test_set_offered = True
    last.test_set_due = due


def _mark_records(
    *, athlete, session: Session, cards: list[Card], biases: dict[int, RirBias]
) -> None:
    """Mark the logged rows that are personal records: one query, none before a set. Each
    set at the RIR it most likely had (``biases``: the athlete's, per exercise id)."""
    logged = [row for card in cards for row in card.rows if row.logged]
    if not logged:
        return
    by_exercise: dict[int, list[SetRow]] = {}
    for row in logged:
        by_exercise.setdefault(row.logged.exercise_id, []).append(row)
    bests = load_bests(
        athlete=athlete,
        exercise_ids=by_exercise,
        before=before_session(date=session.date),
        corrections=corrections_of(biases),
    )
    for exercise_id, rows in by_exercise.items():
        bias = biases.get(exercise_id, NO_BIAS)
        marks = mark_records(
            before=bests.get(exercise_id, []),
            sets=[Attempt.of(row.logged, bias=bias) for row in rows],
        )
        for row, mark in zip(rows, marks, strict=True):
            row.record = mark
