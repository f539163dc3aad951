"""ISO weeks as the app names them in URLs: 2026-W48."""

import datetime as dt
import re
from dataclasses import dataclass

from programs.bounds import EARLIEST_DATE, LATEST_STORED_DATE, latest_date

_ISO_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")  # ASCII digits: \d takes "٢٠٢٦" too


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> "IsoWeek":
        """Raise ValueError for anything that is not an existing week such as 2026-W48, or a
        week outside the dates the app keeps (year 9999 has no week after its last)."""
        match = _ISO_WEEK.fullmatch(text)
        if not match:
            raise ValueError(f"{text!r} is not a week like 2026-W48")
        year, week = int(match[1]), int(match[2])
        if not EARLIEST_DATE.year <= year <= LATEST_STORED_DATE.year:
            raise ValueError(f"{text!r} is outside the dates the app keeps")
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise ValueError(f"{text!r} is not a week of {year}") from None
        parsed = cls(year, week)
        if parsed.monday < EARLIEST_DATE or parsed.sunday > LATEST_STORED_DATE:
            raise ValueError(f"{text!r} is outside the dates the app keeps")
        return parsed

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

    def within_reach(self, *, today: dt.date) -> bool:
        """Past weeks, and up to about a year ahead: further, a page would only make
        sessions nobody can train (a century of them once)."""
        return self.monday <= latest_date(today=today)

    def shifted(self, weeks: int) -> "IsoWeek":
        return IsoWeek.of(self.monday + dt.timedelta(weeks=weeks))
