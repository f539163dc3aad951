import datetime as dt
import secrets
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

KG_PER_LB = Decimal("0.45359237")

USERNAME_TAKEN_MESSAGE = gettext_lazy("That username is taken: pick another one.")
EMAIL_TAKEN_MESSAGE = gettext_lazy("An account already uses that e-mail address.")

# The group a coach is in: the data migration makes it, the admin and the desk test it,
# and the database's assignment trigger names it too.
COACHES_GROUP = "Coaches"


def is_coach(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=COACHES_GROUP).exists()


def may_coach(user) -> bool:
    return user.is_authenticated and (user.is_superuser or is_coach(user))


class Unit(models.TextChoices):
    KG = "kg", "kg"
    LB = "lb", "lb"


# The plate calculator's defaults: a gym's usual bar and pairs of plates, per unit.
DEFAULT_BAR = {Unit.KG: Decimal("20"), Unit.LB: Decimal("45")}
DEFAULT_PLATES = {Unit.KG: "25 20 15 10 5 2.5 1.25", Unit.LB: "45 35 25 10 5 2.5"}
# Past any bar or plate a gym has; the bounds the account form and the database share.
MAX_BAR = {Unit.KG: Decimal("50"), Unit.LB: Decimal("110")}
MAX_PLATE = {Unit.KG: Decimal("50"), Unit.LB: Decimal("110")}
MAX_PLATE_KINDS = 12
PLATES_MAX_LENGTH = 100
BAR_MESSAGE = gettext_lazy("The bar must weigh from 0 to {max} {unit}.")
PLATES_REQUIRED_MESSAGE = gettext_lazy("Enter at least one plate.")
UNKNOWN_LANGUAGE_MESSAGE = gettext_lazy("Pick a language from the list.")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            gettext("“{value}” is not a time zone we know, such as Europe/Paris.").format(
                value=value
            )
        )


# The guide's and the research's answer to "how often": one test a month per exercise is
# enough to follow a lifter's guesses, and costs one hard set (tracking.calibration).
TEST_SET_EVERY_WEEKS = 4
MAX_TEST_SET_EVERY_WEEKS = 26
TEST_SET_EVERY_MESSAGE = format_lazy(
    gettext_lazy("Plan a test set every 1 to {weeks} weeks, or 0 for never."),
    weeks=MAX_TEST_SET_EVERY_WEEKS,
)


class User(AbstractUser):
    """Everyone who logs in; an athlete's own settings live here, in one place."""

    unit = models.CharField(
        max_length=2, choices=Unit.choices, default=Unit.KG, verbose_name=gettext_lazy("unit")
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        verbose_name=gettext_lazy("time zone"),
    )
    # The plate calculator's bar and plates, one set per unit: a gym has either. The plates
    # are the weights of the pairs on hand, heaviest first, as the account form writes them.
    bar_kg = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_BAR[Unit.KG],
        verbose_name=gettext_lazy("bar (kg)"),
    )
    bar_lb = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_BAR[Unit.LB],
        verbose_name=gettext_lazy("bar (lb)"),
    )
    plates_kg = models.CharField(
        max_length=PLATES_MAX_LENGTH,
        default=DEFAULT_PLATES[Unit.KG],
        verbose_name=gettext_lazy("plates (kg)"),
    )
    plates_lb = models.CharField(
        max_length=PLATES_MAX_LENGTH,
        default=DEFAULT_PLATES[Unit.LB],
        verbose_name=gettext_lazy("plates (lb)"),
    )
    # How often a test set (tracking.calibration) is planned on each exercise; 0: never.
    # The athlete's coach changes it.
    test_set_every_weeks = models.PositiveSmallIntegerField(
        default=TEST_SET_EVERY_WEEKS, verbose_name=gettext_lazy("test set every (weeks)")
    )
    # Blank: follow the browser's Accept-Language (legplanner.language).
    language = models.CharField(
        max_length=10,
        blank=True,
        default="",
        choices=settings.LANGUAGES,
        verbose_name=gettext_lazy("language"),
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(test_set_every_weeks__lte=MAX_TEST_SET_EVERY_WEEKS),
                name="user_test_set_every_weeks_range",
                violation_error_message=TEST_SET_EVERY_MESSAGE,
            ),
            # “Anna” and “anna” would be two accounts that look like one at the login.
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_unique_ignoring_case",
                violation_error_message=USERNAME_TAKEN_MESSAGE,
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_ignoring_case",
                violation_error_message=EMAIL_TAKEN_MESSAGE,
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"bar_{unit}__gte": 0, f"bar_{unit}__lte": MAX_BAR[unit]}),
                    name=f"user_bar_{unit}_range",
                    violation_error_message=format_lazy(BAR_MESSAGE, max=MAX_BAR[unit], unit=unit),
                )
                for unit in Unit
            ),
            # Only a shipped language or none: a stale code would activate no catalogue.
            models.CheckConstraint(
                condition=Q(language="") | Q(language__in=[code for code, _ in settings.LANGUAGES]),
                name="user_language_shipped",
                violation_error_message=UNKNOWN_LANGUAGE_MESSAGE,
            ),
            *(
                models.CheckConstraint(
                    condition=~Q(**{f"plates_{unit}": ""}),
                    name=f"user_plates_{unit}_not_empty",
                    violation_error_message=PLATES_REQUIRED_MESSAGE,
                )
                for unit in Unit
            ),
        ]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def bar_and_plates(self, unit: str) -> tuple[Decimal, tuple[Decimal, ...]]:
        """The bar and the plates (heaviest first) the athlete loads in ``unit``."""
        unit = Unit(unit).value
        return getattr(self, f"bar_{unit}"), tuple(
            Decimal(weight) for weight in getattr(self, f"plates_{unit}").split()
        )

    def choose_language(self, *, language: str) -> None:
        """``language``: a code of settings.LANGUAGES, or blank to follow the browser."""
        self.language = language
        self.save(update_fields=["language"])

    def change_settings(
        self,
        *,
        unit: str,
        time_zone: str,
        email: str | None = None,
        plates: tuple[str, Decimal, tuple[Decimal, ...]] | None = None,
    ) -> None:
        """``plates``: the unit they are in, the bar and the plates, heaviest first."""
        self.unit, self.time_zone = unit, time_zone
        fields = ["unit", "time_zone"]
        if email is not None:
            self.email = email
            fields.append("email")
        if plates is not None:
            in_unit, bar, weights = plates
            in_unit = Unit(in_unit).value
            setattr(self, f"bar_{in_unit}", bar)
            setattr(self, f"plates_{in_unit}", " ".join(str(weight) for weight in weights))
            fields += [f"bar_{in_unit}", f"plates_{in_unit}"]
        self.save(update_fields=fields)


INVITATION_DAYS = 14


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=INVITATION_DAYS)


class InvitationState(models.TextChoices):
    OPEN = "open", gettext_lazy("Open")
    USED = "used", gettext_lazy("Used")
    REVOKED = "revoked", gettext_lazy("Revoked")
    EXPIRED = "expired", gettext_lazy("Expired")


class Invitation(models.Model):
    """A coach's link that signs an athlete up on one program, with that coach."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=gettext_lazy("coach"),
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=gettext_lazy("program"),
    )
    # The only thing in the link: long and random, so links cannot be guessed or counted.
    token = models.CharField(
        max_length=64,
        unique=True,
        default=new_invitation_token,
        editable=False,
        verbose_name=gettext_lazy("token"),
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=gettext_lazy("note"),
        help_text=gettext_lazy("Who it is for (a name or an e-mail address): only you see it."),
    )
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=gettext_lazy("created at")
    )
    expires_at = models.DateTimeField(
        default=invitation_expiry, verbose_name=gettext_lazy("expires at")
    )
    used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=gettext_lazy("used at")
    )
    # SET_NULL keeps the invitation used when the athlete's account is deleted.
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=gettext_lazy("used by"),
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=gettext_lazy("revoked at")
    )

    class Meta:
        verbose_name = gettext_lazy("invitation")
        verbose_name_plural = gettext_lazy("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="invitation_expires_after_creation",
                violation_error_message=gettext_lazy("An invitation must expire after it is made."),
            ),
            models.CheckConstraint(
                condition=Q(used_by__isnull=True) | Q(used_at__isnull=False),
                name="invitation_used_by_has_used_at",
                violation_error_message=gettext_lazy(
                    "An invitation used by someone has a date of use."
                ),
            ),
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_used_and_revoked",
                violation_error_message=gettext_lazy(
                    "An invitation is either used or revoked, not both."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.note:
            return gettext("Invitation to {program} for {note}").format(
                program=self.program, note=self.note
            )
        return gettext("Invitation to {program}").format(program=self.program)

    def state(self, *, now: dt.datetime) -> InvitationState:
        if self.used_at is not None:
            return InvitationState.USED
        if self.revoked_at is not None:
            return InvitationState.REVOKED
        if self.expires_at <= now:
            return InvitationState.EXPIRED
        return InvitationState.OPEN

    def mark_used(self, *, by, now: dt.datetime) -> None:
        self.used_at, self.used_by = now, by
        self.save(update_fields=["used_at", "used_by"])
