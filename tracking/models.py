"""What was done: one row per completed set."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from programs.bounds import EARLIEST_DATE, LATEST_STORED_DATE, MAX_REPS, MAX_SETS
from programs.models import DATE_BOUNDS_MESSAGE, Exercise, SessionPrescription

# The moments the database keeps: the stored dates' window, in UTC. Read back in any
# time zone they stay real dates (9999-12-31 west of UTC did not).
EARLIEST_MOMENT = dt.datetime.combine(EARLIEST_DATE, dt.time.min, tzinfo=dt.UTC)
LATEST_MOMENT = dt.datetime.combine(LATEST_STORED_DATE, dt.time.max, tzinfo=dt.UTC)

MAX_RIR = 10
MAX_LOAD_KG = 1000
SET_NOTE_MAX_LENGTH = 200
TEST_SET_MESSAGE = gettext_lazy(
    "A test set needs the reps at the stop, the RIR you said, and the reps you did after it."
)
SET_NOTE_TOO_LONG_MESSAGE = format_lazy(
    gettext_lazy("A set's note can be at most {max_length} characters: shorten it and save again."),
    max_length=SET_NOTE_MAX_LENGTH,
)


class SetLog(models.Model):
    # Made on the phone before the first post, so a retried or replayed tick is recognised.
    uuid = models.UUIDField(unique=True, verbose_name=gettext_lazy("uuid"))
    prescription = models.ForeignKey(
        SessionPrescription,
        on_delete=models.CASCADE,
        related_name="set_logs",
        verbose_name=gettext_lazy("prescription"),
    )
    # The exercise actually trained: after a swap to an alternative it counts for its own
    # exercise in history and progression.
    exercise = models.ForeignKey(
        Exercise,
        on_delete=models.PROTECT,
        related_name="set_logs",
        verbose_name=gettext_lazy("exercise"),
    )
    set_number = models.PositiveSmallIntegerField(verbose_name=gettext_lazy("set number"))
    reps = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=gettext_lazy("reps")
    )
    reps_left = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=gettext_lazy("reps left")
    )
    reps_right = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=gettext_lazy("reps right")
    )
    load_kg = models.DecimalField(
        max_digits=10, decimal_places=6, verbose_name=gettext_lazy("load kg")
    )
    # None: "not recorded", an imported set whose file gave no RPE/RIR. Never made up.
    rir = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=gettext_lazy("rir"))
    # A test set (tracking.calibration): after stopping where they would and saying their
    # RIR, the lifter went on to technical failure; this is how many more reps they did,
    # the RIR they really had. None: an ordinary set.
    actual_rir = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=gettext_lazy("actual rir")
    )
    logged_at = models.DateTimeField(default=timezone.now, verbose_name=gettext_lazy("logged at"))
    note = models.CharField(
        max_length=SET_NOTE_MAX_LENGTH, blank=True, verbose_name=gettext_lazy("note")
    )

    class Meta:
        verbose_name = gettext_lazy("set log")
        verbose_name_plural = gettext_lazy("set logs")
        ordering = ["prescription", "set_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["prescription", "set_number"], name="setlog_one_per_set_number"
            ),
            models.CheckConstraint(
                condition=Q(set_number__gte=1, set_number__lte=MAX_SETS),
                name="setlog_set_number_range",
                violation_error_message=format_lazy(
                    gettext_lazy("Sets are numbered from 1 to {limit}."), limit=MAX_SETS
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(reps__isnull=False, reps_left__isnull=True, reps_right__isnull=True)
                    | Q(reps__isnull=True, reps_left__isnull=False, reps_right__isnull=False)
                ),
                name="setlog_reps_or_both_legs",
                violation_error_message=gettext_lazy(
                    "Log reps, or reps for the left and the right leg."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    (Q(reps__isnull=True) | Q(reps__gte=0, reps__lte=MAX_REPS))
                    & (Q(reps_left__isnull=True) | Q(reps_left__gte=0, reps_left__lte=MAX_REPS))
                    & (Q(reps_right__isnull=True) | Q(reps_right__gte=0, reps_right__lte=MAX_REPS))
                ),
                name="setlog_reps_range",
            ),
            models.CheckConstraint(
                condition=Q(load_kg__gte=0, load_kg__lte=MAX_LOAD_KG), name="setlog_load_range"
            ),
            models.CheckConstraint(
                condition=Q(rir__isnull=True) | Q(rir__gte=0, rir__lte=MAX_RIR), name="setlog_rir"
            ),
            models.CheckConstraint(
                condition=Q(logged_at__gte=EARLIEST_MOMENT, logged_at__lte=LATEST_MOMENT),
                name="setlog_logged_at_in_bounds",
                violation_error_message=DATE_BOUNDS_MESSAGE,
            ),
            # SQLite does not hold a varchar to its length.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), SET_NOTE_MAX_LENGTH),
                name="setlog_note_length",
                violation_error_message=SET_NOTE_TOO_LONG_MESSAGE,
            ),
            # A test measures a said RIR against reps done on both legs at once.
            models.CheckConstraint(
                condition=Q(actual_rir__isnull=True)
                | Q(rir__isnull=False, reps__isnull=False, actual_rir__lte=MAX_REPS),
                name="setlog_test_set_said_and_done",
                violation_error_message=TEST_SET_MESSAGE,
            ),
        ]
        indexes = [
            models.Index(fields=["exercise", "logged_at"]),
            # An athlete's test sets are read on every session page: a few among thousands.
            models.Index(
                fields=["exercise"],
                condition=Q(actual_rir__isnull=False),
                name="setlog_test_sets",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} set {self.set_number}"


class CalibrationChoice(models.Model):
    """An athlete's or their coach's word on test sets for one exercise, over the default
    (tracking.calibration.safe_to_fail): planned, or not."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="test_set_choices",
        verbose_name=gettext_lazy("athlete"),
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="+", verbose_name=gettext_lazy("exercise")
    )
    planned = models.BooleanField(verbose_name=gettext_lazy("planned"))

    class Meta:
        verbose_name = gettext_lazy("calibration choice")
        verbose_name_plural = gettext_lazy("calibration choices")
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "exercise"], name="calibrationchoice_one_per_exercise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.athlete}: test sets on {self.exercise} {'on' if self.planned else 'off'}"


class UndoneSet(models.Model):
    """The UUID of a set the athlete undid: a late replay of its tick (a queue on a phone
    that lost the answer) must not bring the set back."""

    uuid = models.UUIDField(unique=True, verbose_name=gettext_lazy("uuid"))
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="undone_sets",
        verbose_name=gettext_lazy("athlete"),
    )
    undone_at = models.DateTimeField(default=timezone.now, verbose_name=gettext_lazy("undone at"))

    class Meta:
        verbose_name = gettext_lazy("undone set")
        verbose_name_plural = gettext_lazy("undone sets")

    def __str__(self) -> str:
        return f"{self.uuid} undone by {self.athlete}"


EXERCISE_NOTE_MAX_LENGTH = 500
EXERCISE_NOTE_TOO_LONG_MESSAGE = format_lazy(
    gettext_lazy("A note can be at most {max_length} characters: shorten it and save again."),
    max_length=EXERCISE_NOTE_MAX_LENGTH,
)


class ExerciseNote(models.Model):
    """The athlete's own note on one exercise of a session (“knee fine at depth”): one per
    slot, edited in place. A slot is one athlete's, so this is one per athlete per slot."""

    prescription = models.OneToOneField(
        SessionPrescription,
        on_delete=models.CASCADE,
        related_name="athlete_note",
        verbose_name=gettext_lazy("prescription"),
    )
    text = models.CharField(max_length=EXERCISE_NOTE_MAX_LENGTH, verbose_name=gettext_lazy("text"))
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=gettext_lazy("updated at"))

    class Meta:
        verbose_name = gettext_lazy("exercise note")
        verbose_name_plural = gettext_lazy("exercise notes")
        constraints = [
            # An emptied note is deleted, never stored blank.
            models.CheckConstraint(condition=~Q(text=""), name="exercisenote_text_not_empty"),
            # SQLite does not hold a varchar to its length.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), EXERCISE_NOTE_MAX_LENGTH),
                name="exercisenote_text_length",
                violation_error_message=EXERCISE_NOTE_TOO_LONG_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"Note on {self.prescription}: {self.text[:40]}"
