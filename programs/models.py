"""The plan: the exercise catalogue, day templates, programs, assignments, sessions."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from accounts.models import COACHES_GROUP
from programs import catalogue_words
from programs.bounds import (
    EARLIEST_DATE,
    LATEST_STORED_DATE,
    MAX_REPS,
    MAX_REST_SECONDS,
    MAX_SETS,
    MAX_SLOT_ORDER,
)

MAX_TARGET_RIR = 3  # the guide: 1–2 reps in reserve on most sets, three at the most

DATE_BOUNDS_MESSAGE = format_lazy(
    gettext_lazy("Dates go from {earliest} to {latest} at the most."),
    earliest=f"{EARLIEST_DATE:%d %b %Y}",
    latest=f"{LATEST_STORED_DATE:%d %b %Y}",
)


def date_in_stored_bounds(field: str) -> Q:
    """The dates the database keeps. A CHECK cannot read today's date, so the year-ahead
    limit stays with forms and importers; this one keeps unreadable dates out."""
    return Q(**{f"{field}__gte": EARLIEST_DATE, f"{field}__lte": LATEST_STORED_DATE})


class Muscle(models.TextChoices):
    QUADS = "quads", gettext_lazy("Quads")
    HAMSTRINGS = "hamstrings", gettext_lazy("Hamstrings")
    GLUTES = "glutes", gettext_lazy("Glutes")
    ADDUCTORS = "adductors", gettext_lazy("Adductors")
    CALVES = "calves", gettext_lazy("Calves")


class Mechanics(models.TextChoices):
    COMPOUND = "compound", gettext_lazy("Compound")
    ISOLATION = "isolation", gettext_lazy("Isolation")


class Equipment(models.TextChoices):
    BARBELL = "barbell", gettext_lazy("Barbell")
    MACHINE = "machine", gettext_lazy("Machine")
    DUMBBELL = "dumbbell", gettext_lazy("Dumbbell")
    BODYWEIGHT = "bodyweight", gettext_lazy("Bodyweight")
    CABLE = "cable", gettext_lazy("Cable")


class Focus(models.TextChoices):
    STRENGTH = "strength", gettext_lazy("Strength + Compounds")
    BALANCE = "balance", gettext_lazy("Balance + Isolation")


class Weekday(models.IntegerChoices):
    MONDAY = 0, gettext_lazy("Monday")
    TUESDAY = 1, gettext_lazy("Tuesday")
    WEDNESDAY = 2, gettext_lazy("Wednesday")
    THURSDAY = 3, gettext_lazy("Thursday")
    FRIDAY = 4, gettext_lazy("Friday")
    SATURDAY = 5, gettext_lazy("Saturday")
    SUNDAY = 6, gettext_lazy("Sunday")


class ExerciseQuerySet(models.QuerySet):
    def visible_to(self, athlete) -> "ExerciseQuerySet":
        """The shared catalogue and the athlete's own exercises (made on import): never
        another athlete's."""
        return self.filter(Q(owner__isnull=True) | Q(owner=athlete))

    def seen_by_coach(self, user) -> "ExerciseQuerySet":
        """The catalogue and the own exercises of the coach's athletes; a superuser's, all."""
        if user.is_superuser:
            return self
        return self.filter(Q(owner__isnull=True) | Q(owner__in=athletes_of(user).values("pk")))


class Exercise(models.Model):
    # Unique per owner (the catalogue is one owner): two athletes may each have their own
    # "Pull Up" without learning of the other's.
    name = models.CharField(max_length=80, verbose_name=gettext_lazy("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=gettext_lazy("slug"))
    primary_muscle = models.CharField(
        max_length=12, choices=Muscle.choices, verbose_name=gettext_lazy("primary muscle")
    )
    mechanics = models.CharField(
        max_length=10, choices=Mechanics.choices, verbose_name=gettext_lazy("mechanics")
    )
    equipment = models.CharField(
        max_length=10, choices=Equipment.choices, verbose_name=gettext_lazy("equipment")
    )
    unilateral = models.BooleanField(default=False, verbose_name=gettext_lazy("unilateral"))
    # Increments are in the athlete's unit, so each unit keeps its own round plate step.
    increment_kg = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.5"),
        verbose_name=gettext_lazy("load increment (kg)"),
    )
    increment_lb = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("5"),
        verbose_name=gettext_lazy("load increment (lb)"),
    )
    setup_cues = models.TextField(
        blank=True,
        help_text=gettext_lazy("How to set up and align, one per line."),
        verbose_name=gettext_lazy("setup cues"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_exercises",
        help_text=gettext_lazy(
            "The athlete who made it on import; empty for the shared catalogue."
        ),
        verbose_name=gettext_lazy("owner"),
    )

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("exercise")
        verbose_name_plural = gettext_lazy("exercises")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(owner__isnull=True),
                name="exercise_catalogue_name_unique",
                violation_error_message=gettext_lazy(
                    "The catalogue already has an exercise of this name."
                ),
            ),
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="exercise_owner_name_unique",
                violation_error_message=gettext_lazy(
                    "This athlete already has an exercise of this name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(increment_kg__gt=0) & Q(increment_lb__gt=0),
                name="exercise_increment_positive",
                violation_error_message=gettext_lazy("Load increments must be above zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        """The name in the lifter's language, for the house's exercises."""
        return catalogue_words.exercise_name(self.name)

    @property
    def name_in_sentence(self) -> str:
        return catalogue_words.in_sentence(self.shown_name)

    @property
    def shown_cues(self) -> list[str]:
        return catalogue_words.cues(self.setup_cues)


class PrescriptionFields(models.Model):
    """What to do in one slot; shared by a template's prescription and a session's copy."""

    order = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SLOT_ORDER)],
        verbose_name=gettext_lazy("order"),
    )
    sets_min = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)],
        verbose_name=gettext_lazy("sets min"),
    )
    sets_max = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)],
        verbose_name=gettext_lazy("sets max"),
    )
    reps_min = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPS)],
        verbose_name=gettext_lazy("reps min"),
    )
    reps_max = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPS)],
        verbose_name=gettext_lazy("reps max"),
    )
    per_leg = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Reps are counted for each leg."),
        verbose_name=gettext_lazy("per leg"),
    )
    tempo = models.CharField(
        max_length=120,
        blank=True,
        help_text=gettext_lazy("Tempo or cue on every set."),
        verbose_name=gettext_lazy("tempo"),
    )
    rest_seconds = models.PositiveSmallIntegerField(
        default=120,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_REST_SECONDS)],
        verbose_name=gettext_lazy("rest seconds"),
    )
    rir_min = models.PositiveSmallIntegerField(
        default=1,
        verbose_name=gettext_lazy("target RIR from"),
        validators=[MaxValueValidator(MAX_TARGET_RIR)],
    )
    rir_max = models.PositiveSmallIntegerField(
        default=2,
        verbose_name=gettext_lazy("target RIR to"),
        validators=[MaxValueValidator(MAX_TARGET_RIR)],
    )

    class Meta:
        abstract = True
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(order__gte=1, order__lte=MAX_SLOT_ORDER),
                name="%(class)s_order_range",
                violation_error_message=format_lazy(
                    gettext_lazy("Slots are numbered from 1 to {limit}."), limit=MAX_SLOT_ORDER
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(sets_min__gte=1) & Q(sets_min__lte=F("sets_max")) & Q(sets_max__lte=MAX_SETS)
                ),
                name="%(class)s_sets_range",
                violation_error_message=format_lazy(
                    gettext_lazy("Sets: from 1 to {limit}, the minimum not above the maximum."),
                    limit=MAX_SETS,
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(reps_min__gte=1) & Q(reps_min__lte=F("reps_max")) & Q(reps_max__lte=MAX_REPS)
                ),
                name="%(class)s_reps_range",
                violation_error_message=format_lazy(
                    gettext_lazy("Reps: from 1 to {limit}, the minimum not above the maximum."),
                    limit=MAX_REPS,
                ),
            ),
            models.CheckConstraint(
                condition=Q(rir_min__lte=F("rir_max")) & Q(rir_max__lte=MAX_TARGET_RIR),
                name="%(class)s_rir_target",
                violation_error_message=gettext_lazy(
                    "Target RIR: the lower bound must not be above the upper, "
                    "and the target is 3 reps in reserve at the most."
                ),
            ),
        ]

    @property
    def sets_label(self) -> str:
        if self.sets_min == self.sets_max:
            return str(self.sets_min)
        return f"{self.sets_min}–{self.sets_max}"

    @property
    def reps_label(self) -> str:
        reps = (
            str(self.reps_min)
            if self.reps_min == self.reps_max
            else f"{self.reps_min}–{self.reps_max}"
        )
        return gettext("{reps} per leg").format(reps=reps) if self.per_leg else reps

    @property
    def shown_tempo(self) -> str:
        return catalogue_words.shown(catalogue_words.TEMPO, self.tempo)

    @property
    def dose_label(self) -> str:
        """“4 × 5–8”, “2–3 × 10–14 per leg”."""
        return f"{self.sets_label} × {self.reps_label}"

    @property
    def rir_label(self) -> str:
        if self.rir_min == self.rir_max:
            return f"RIR {self.rir_min}"
        return f"RIR {self.rir_min}–{self.rir_max}"

    @property
    def rest_label(self) -> str:
        minutes, seconds = divmod(self.rest_seconds, 60)
        if not minutes:
            return f"{seconds} s"
        return f"{minutes} min" if not seconds else f"{minutes} min {seconds} s"


# A prescription's dose, the fields beyond its slot (order) and its exercise: what a
# session copies, what an export carries.
DOSE_FIELDS = [
    field.name
    for field in PrescriptionFields._meta.local_fields
    if not field.primary_key and field.name != "order"
]


class OwnedQuerySet(models.QuerySet):
    """Rows a coach may use: the house's (no owner) and their own; a superuser's, all."""

    def usable_by(self, user) -> "OwnedQuerySet":
        if user.is_superuser:
            return self
        return self.filter(Q(owner__isnull=True) | Q(owner=user))


class DayTemplate(models.Model):
    name = models.CharField(max_length=80, unique=True, verbose_name=gettext_lazy("name"))
    focus = models.CharField(
        max_length=10, choices=Focus.choices, verbose_name=gettext_lazy("focus")
    )
    purpose = models.CharField(max_length=200, blank=True, verbose_name=gettext_lazy("purpose"))
    # Empty: the house's (the guide's), which only superusers edit. Its own owner, not the
    # programs', so that a template in no program yet, or in two, is still someone's.
    # SET_NULL: a coach who deletes their account leaves their templates to the house,
    # which their athletes' programs and sessions still use.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=gettext_lazy(
            "The coach who edits it; empty for the house's, which only superusers edit."
        ),
        verbose_name=gettext_lazy("owner"),
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("day template")
        verbose_name_plural = gettext_lazy("day templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        return catalogue_words.shown(catalogue_words.DAY_TEMPLATE, self.name)

    @property
    def shown_purpose(self) -> str:
        return catalogue_words.shown(catalogue_words.PURPOSE, self.purpose)


class Prescription(PrescriptionFields):
    day_template = models.ForeignKey(
        DayTemplate,
        on_delete=models.CASCADE,
        related_name="prescriptions",
        verbose_name=gettext_lazy("day template"),
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("exercise")
    )
    alternatives = models.ManyToManyField(
        Exercise, blank=True, related_name="+", verbose_name=gettext_lazy("alternatives")
    )

    class Meta(PrescriptionFields.Meta):
        verbose_name = gettext_lazy("prescription")
        verbose_name_plural = gettext_lazy("prescriptions")
        constraints = [
            *PrescriptionFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["day_template", "order"],
                name="prescription_slot_unique",
                violation_error_message=gettext_lazy(
                    "Two prescriptions of a day template share a slot."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day_template}: {self.order}. {self.exercise} {self.dose_label}"


class Program(models.Model):
    """The split: two day templates in order."""

    name = models.CharField(max_length=80, unique=True, verbose_name=gettext_lazy("name"))
    day_one = models.ForeignKey(
        DayTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("Day 1")
    )
    day_two = models.ForeignKey(
        DayTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("Day 2")
    )
    is_default = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Given to athletes who sign up."),
        verbose_name=gettext_lazy("is default"),
    )
    # Empty: the house program (the guide's), which only superusers edit; a coach who
    # deletes their account leaves theirs to the house (their athletes still follow it).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=gettext_lazy(
            "The coach who edits it; empty for the house's, which only superusers edit."
        ),
        verbose_name=gettext_lazy("owner"),
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("program")
        verbose_name_plural = gettext_lazy("programs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="program_single_default",
                violation_error_message=gettext_lazy("Only one program can be the default."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        return catalogue_words.shown(catalogue_words.PROGRAM, self.name)


CONSECUTIVE_DAYS_MESSAGE = gettext_lazy(
    "Pick two weekdays that are not next to each other (Sunday and Monday count too): "
    "the guide warns against going heavy every session, so the two sessions are spread apart."
)


NOT_A_COACH_MESSAGE = gettext_lazy("The coach must be in the Coaches group.")
ATHLETE_KEPT_MESSAGE = gettext_lazy("This assignment has sessions: it stays with its athlete.")
OVERLAP_MESSAGE = gettext_lazy("The athlete already follows a program on some of these dates.")


# The weekday spread, said twice beside each other: as the database's CHECK and as the
# function the forms and the importers call. Day 1 before Day 2 in the week, a rest day
# between them, and none across the weekend (Sunday to Monday).
def _spread_apart() -> Q:
    return Q(weekday_two__gte=F("weekday_one") + 2) & ~Q(weekday_one=0, weekday_two=6)


def days_spread_apart(*, weekday_one: int, weekday_two: int) -> bool:
    return weekday_two >= weekday_one + 2 and (weekday_one, weekday_two) != (0, 6)


class AssignmentQuerySet(models.QuerySet):
    def open(self) -> "AssignmentQuerySet":
        """Not ended: at most one per athlete (assignment_one_open_per_athlete)."""
        return self.filter(end_date__isnull=True)

    def covering(self, first, last=None) -> "AssignmentQuerySet":
        """Those that cover any day from first to last, or from first on without a last
        (first and last may be OuterRefs)."""
        ending = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        return ending if last is None else ending.filter(start_date__lte=last)


def open_assignment_of(athlete) -> "Assignment | None":
    """The athlete's open assignment (it may start later), with its program and coach."""
    return (
        Assignment.objects.open().filter(athlete=athlete).select_related("program", "coach").first()
    )


class Assignment(models.Model):
    """An athlete following a program on two weekdays, from a start date."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=gettext_lazy("athlete"),
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=gettext_lazy("program"),
    )
    weekday_one = models.PositiveSmallIntegerField(
        choices=Weekday.choices, default=Weekday.MONDAY, verbose_name=gettext_lazy("Day 1 on")
    )
    weekday_two = models.PositiveSmallIntegerField(
        choices=Weekday.choices, default=Weekday.THURSDAY, verbose_name=gettext_lazy("Day 2 on")
    )
    start_date = models.DateField(verbose_name=gettext_lazy("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=gettext_lazy("end date"))
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_assignments",
        verbose_name=gettext_lazy("coach"),
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("assignment")
        verbose_name_plural = gettext_lazy("assignments")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday_one__gte=0) & Q(weekday_two__lte=6) & _spread_apart(),
                name="assignment_days_spread_apart",
                # format_lazy, not +: a lazy string added to a str is cast at import, so
                # in English whatever the language.
                violation_error_message=format_lazy(
                    "{} {}",
                    CONSECUTIVE_DAYS_MESSAGE,
                    gettext_lazy("Day 1 comes first in the week."),
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="assignment_ends_after_start",
                violation_error_message=gettext_lazy(
                    "The end date cannot be before the start date."
                ),
            ),
            models.CheckConstraint(
                condition=date_in_stored_bounds("start_date")
                & (Q(end_date__isnull=True) | date_in_stored_bounds("end_date")),
                name="assignment_dates_in_bounds",
                violation_error_message=DATE_BOUNDS_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["athlete"],
                condition=Q(end_date__isnull=True),
                name="assignment_one_open_per_athlete",
                violation_error_message=gettext_lazy(
                    "This athlete already follows a program: end it first."
                ),
            ),
        ]

    def __str__(self) -> str:
        return gettext("{athlete} on {program} from {start_date}").format(
            athlete=self.athlete, program=self.program, start_date=self.start_date
        )

    def covers(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def clean(self) -> None:
        """The database's triggers and exclusion constraint, said as a form error first
        (the admin's form would otherwise meet them as a 500). Not tied to a field: a form
        may leave any of them out."""
        super().clean()
        errors = []
        if self.coach_id is not None and not self.coach.groups.filter(name=COACHES_GROUP).exists():
            errors.append(NOT_A_COACH_MESSAGE)
        if self.athlete_id is not None and self.start_date is not None:
            if self.pk and self.sessions.exclude(athlete_id=self.athlete_id).exists():
                errors.append(ATHLETE_KEPT_MESSAGE)
            if self.overlapping().exists():
                errors.append(OVERLAP_MESSAGE)
        if errors:
            raise ValidationError(errors)

    def overlapping(self) -> models.QuerySet:
        """The athlete's other assignments that share a day with this one."""
        others = Assignment.objects.filter(athlete_id=self.athlete_id).exclude(pk=self.pk)
        return others.covering(self.start_date, self.end_date)


def athletes_of(user) -> models.QuerySet:
    """The athletes a coach (or a superuser) sees, as a queryset of users: those whose
    latest assignment names the coach, so an athlete who moved to another coach leaves
    the first one's desk, and one whose program was ended stays on it."""
    assignments = Assignment.objects.filter(athlete=OuterRef("pk"))
    users = get_user_model().objects.filter(Exists(assignments))
    if user.is_superuser:
        return users
    latest_coach = assignments.order_by("-start_date", "-pk").values("coach_id")[:1]
    return users.annotate(current_coach=Subquery(latest_coach)).filter(current_coach=user.pk)


class Session(models.Model):
    """One dated workout generated from a day template for one athlete."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=gettext_lazy("athlete"),
    )
    # RESTRICT, not PROTECT: deleting the athlete removes both, but an assignment that
    # was trained cannot be deleted on its own (end it instead).
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.RESTRICT,
        related_name="sessions",
        verbose_name=gettext_lazy("assignment"),
    )
    day_template = models.ForeignKey(
        DayTemplate,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("day template"),
    )
    date = models.DateField(verbose_name=gettext_lazy("date"))
    day_number = models.PositiveSmallIntegerField(
        choices=[(1, gettext_lazy("Day 1")), (2, gettext_lazy("Day 2"))],
        verbose_name=gettext_lazy("day number"),
    )
    # Copied so that renaming a template never rewrites a session already trained.
    name = models.CharField(max_length=80, verbose_name=gettext_lazy("name"))
    focus = models.CharField(
        max_length=10, choices=Focus.choices, verbose_name=gettext_lazy("focus")
    )

    class Meta:
        verbose_name = gettext_lazy("session")
        verbose_name_plural = gettext_lazy("sessions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "date"],
                name="session_one_per_athlete_per_date",
                violation_error_message=gettext_lazy(
                    "This athlete already has a session on that date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(day_number__in=[1, 2]), name="session_day_number_valid"
            ),
            models.CheckConstraint(
                condition=date_in_stored_bounds("date"),
                name="session_date_in_bounds",
                violation_error_message=DATE_BOUNDS_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return gettext("{date} Day {number} {name} ({athlete})").format(
            date=self.date, number=self.day_number, name=self.name, athlete=self.athlete
        )

    @property
    def shown_name(self) -> str:
        """Its day template's name when it was made, in the lifter's language."""
        return catalogue_words.shown(catalogue_words.DAY_TEMPLATE, self.name)


class SessionPrescription(PrescriptionFields):
    """A session's own copy of a prescription, frozen once a set is logged against it."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="prescriptions",
        verbose_name=gettext_lazy("session"),
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("exercise")
    )
    alternatives = models.ManyToManyField(
        Exercise, blank=True, related_name="+", verbose_name=gettext_lazy("alternatives")
    )
    source = models.ForeignKey(
        Prescription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=gettext_lazy("source"),
    )
    # The athlete's pick among the alternatives for this session; the prescription itself
    # stays as copied, so generation never mistakes a swap for a template edit.
    swapped_to = models.ForeignKey(
        Exercise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("swapped to"),
    )

    class Meta(PrescriptionFields.Meta):
        verbose_name = gettext_lazy("session prescription")
        verbose_name_plural = gettext_lazy("session prescriptions")
        constraints = [
            *PrescriptionFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["session", "order"], name="sessionprescription_slot_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.order}. {self.exercise} {self.dose_label}"

    @property
    def performed_exercise(self) -> Exercise:
        return self.swapped_to or self.exercise

    def swap_to(self, exercise: Exercise) -> None:
        self.swapped_to = None if exercise.pk == self.exercise_id else exercise
        self.save(update_fields=["swapped_to"])


class PrescriptionOverride(models.Model):
    """One athlete's own version of a template's prescription, from a date on.

    Empty fields follow the template, so a later edit of the template still reaches the
    athlete for what the coach did not change. Generation applies it to the athlete's
    sessions dated from ``starts_on``: a session already trained, or already past, keeps
    what it was.
    """

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prescription_overrides",
        verbose_name=gettext_lazy("athlete"),
    )
    # PROTECT: deleting a template's slot must not take athletes' adjustments with it.
    prescription = models.ForeignKey(
        Prescription,
        on_delete=models.PROTECT,
        related_name="overrides",
        verbose_name=gettext_lazy("prescription"),
    )
    starts_on = models.DateField(verbose_name=gettext_lazy("starts on"))
    exercise = models.ForeignKey(
        Exercise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("exercise"),
    )
    sets_min = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)],
        verbose_name=gettext_lazy("sets min"),
    )
    sets_max = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)],
        verbose_name=gettext_lazy("sets max"),
    )
    reps_min = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPS)],
        verbose_name=gettext_lazy("reps min"),
    )
    reps_max = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REPS)],
        verbose_name=gettext_lazy("reps max"),
    )
    rest_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_REST_SECONDS)],
        verbose_name=gettext_lazy("rest seconds"),
    )
    rir_min = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TARGET_RIR)],
        verbose_name=gettext_lazy("rir min"),
    )
    rir_max = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TARGET_RIR)],
        verbose_name=gettext_lazy("rir max"),
    )

    OVERRIDDEN_FIELDS = [
        "sets_min",
        "sets_max",
        "reps_min",
        "reps_max",
        "rest_seconds",
        "rir_min",
        "rir_max",
    ]

    class Meta:
        verbose_name = gettext_lazy("prescription override")
        verbose_name_plural = gettext_lazy("prescription overrides")
        ordering = ["prescription__day_template", "prescription__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "prescription"],
                name="prescriptionoverride_one_per_athlete",
                violation_error_message=gettext_lazy(
                    "This athlete already has an adjustment of this slot."
                ),
            ),
            # The pairs are checked against the template's values by the form that makes
            # them; the database holds what it can check on its own.
            models.CheckConstraint(
                condition=(
                    (Q(sets_min__isnull=True) | Q(sets_min__gte=1, sets_min__lte=MAX_SETS))
                    & (Q(sets_max__isnull=True) | Q(sets_max__gte=1, sets_max__lte=MAX_SETS))
                    & (Q(reps_min__isnull=True) | Q(reps_min__gte=1, reps_min__lte=MAX_REPS))
                    & (Q(reps_max__isnull=True) | Q(reps_max__gte=1, reps_max__lte=MAX_REPS))
                    & (Q(rest_seconds__isnull=True) | Q(rest_seconds__lte=MAX_REST_SECONDS))
                    & (Q(rir_min__isnull=True) | Q(rir_min__lte=MAX_TARGET_RIR))
                    & (Q(rir_max__isnull=True) | Q(rir_max__lte=MAX_TARGET_RIR))
                ),
                name="prescriptionoverride_values_in_range",
            ),
            models.CheckConstraint(
                condition=date_in_stored_bounds("starts_on"),
                name="prescriptionoverride_starts_on_in_bounds",
                violation_error_message=DATE_BOUNDS_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prescription} for {self.athlete}"

    def values_over(self, prescription: Prescription) -> dict:
        """The fields of the prescription this athlete does differently (the exercise too,
        which must be loaded); a swapped exercise is counted per leg when it is unilateral."""
        values = {
            name: getattr(self, name)
            for name in self.OVERRIDDEN_FIELDS
            if getattr(self, name) is not None
        }
        if self.exercise_id is not None and self.exercise_id != prescription.exercise_id:
            values["exercise_id"] = self.exercise_id
            values["per_leg"] = self.exercise.unilateral
        return values
