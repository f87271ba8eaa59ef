"""Dates as news reports give them: a full day, a month, or only a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = list(calendar.month_name)[1:]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``2025``, ``"2025-11"``, ``"2025-11-27"`` or a date object."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("expected a date without a time of day")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}" if value >= 0 else str(value)  # YAML reads 0001 as 1
        if not isinstance(value, str):
            raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(f"{value!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year < dt.MINYEAR:
            raise ValueError(f"{value!r} has no year 0: the calendar starts at 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{value!r} has no month {month}")
        if day is not None:
            assert month is not None
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"{value!r} is not a real day") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> dt.date:
        """The earliest day this date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day this date may mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def is_before(self, other: PartialDate) -> bool:
        """True when this date certainly comes before ``other``."""
        return self.last_day < other.first_day

    def is_after(self, other: PartialDate) -> bool:
        """True when this date certainly comes after ``other``."""
        return self.first_day > other.last_day

    def readable(self) -> str:
        """``27 November 2025``, ``November 2025`` or ``2025``."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"  # type: ignore[operator]
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def iso(self) -> str:
        """``2025-11-27``, ``2025-11`` or ``2025``."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def shifted(self, amount: int) -> PartialDate | None:
        """A nearby date of the same precision, ``amount`` steps away; None past 0001 or 9999."""
        if self.day:
            ordinal = self.first_day.toordinal() + amount
            if not dt.date.min.toordinal() <= ordinal <= dt.date.max.toordinal():
                return None
            day = dt.date.fromordinal(ordinal)
            return PartialDate(day.year, day.month, day.day)
        if self.month:
            index = self.year * 12 + self.month - 1 + amount
            year, month = index // 12, index % 12 + 1
        else:
            year, month = self.year + amount, None
        return PartialDate(year, month) if dt.MINYEAR <= year <= dt.MAXYEAR else None

    def __str__(self) -> str:
        return self.readable()
