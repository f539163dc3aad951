import zoneinfo
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

KG_PER_LB = Decimal("0.45359237")


class Unit(models.TextChoices):
    KG = "kg", "kg"
    LB = "lb", "lb"


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone we know, such as Europe/Paris.")


class User(AbstractUser):
    """Everyone who logs in; an athlete's own settings live here, in one place."""

    unit = models.CharField(max_length=2, choices=Unit.choices, default=Unit.KG)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")
