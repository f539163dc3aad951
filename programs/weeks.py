"""ISO weeks as the app names them in URLs: 2026-W48."""

import datetime as dt
import re
from dataclasses import dataclass

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> "IsoWeek":
        """Raise ValueError for anything that is not an existing week such as 2026-W48."""
        match = _ISO_WEEK.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a week like 2026-W48")
        year, week = int(match[1]), int(match[2])
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise ValueError(f"{text!r} is not a week of {year}") from None
        return cls(year, week)

    @classmethod
    def of(cls, day: dt.date) -> "IsoWeek":
        year, week, _ = day.isocalendar()
        return cls(year, week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def day(self, weekday: int) -> dt.date:
        """The date of a weekday, Monday = 0 as in date.weekday()."""
        return self.monday + dt.timedelta(days=weekday)

    def days(self) -> list[dt.date]:
        return [self.day(weekday) for weekday in range(7)]

    def shifted(self, weeks: int) -> "IsoWeek":
        return IsoWeek.of(self.monday + dt.timedelta(weeks=weeks))
