"""What ``quizgen stats`` reports: answers, accuracy by tag and kind, what is due, the streak."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizgen.study.history import History


@dataclass
class Tally:
    """Answers and how many of them were right."""

    reviews: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float | None:
        return round(self.correct / self.reviews, 4) if self.reviews else None

    def add(self, correct: bool) -> None:
        self.reviews += 1
        self.correct += bool(correct)

    def to_json(self) -> dict[str, Any]:
        return {"reviews": self.reviews, "correct": self.correct, "accuracy": self.accuracy}


@dataclass
class Stats:
    """What ``quizgen stats`` reports."""

    overall: Tally = field(default_factory=Tally)
    by_tag: dict[str, Tally] = field(default_factory=dict)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    due: int = 0
    due_next_7_days: int = 0
    new: int = 0
    cards: int = 0
    streak_days: int = 0
    last_review: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "reviews": self.overall.reviews, "correct": self.overall.correct,
            "accuracy": self.overall.accuracy,
            "due": self.due, "due_next_7_days": self.due_next_7_days,
            "new": self.new, "cards": self.cards, "streak_days": self.streak_days,
            "last_review": self.last_review,
            "by_tag": {k: v.to_json() for k, v in sorted(self.by_tag.items())},
            "by_kind": {k: v.to_json() for k, v in sorted(self.by_kind.items())},
        }


def collect_stats(history: History, existing: Collection[str], now: dt.datetime | None = None,
                  tz: dt.tzinfo | None = None) -> Stats:
    """Answers so far, and the schedule of the questions that still exist."""
    from quizgen.study.history import utcnow

    now = now or utcnow()
    stats = Stats()
    days: set[dt.date] = set()
    for review in history.reviews():
        correct = review["correct"]
        stats.overall.add(correct)
        stats.by_kind.setdefault(review["kind"], Tally()).add(correct)
        for tag in review["tags"]:
            stats.by_tag.setdefault(tag, Tally()).add(correct)
        at = dt.datetime.fromisoformat(review["reviewed_at"])
        days.add(at.astimezone(tz).date())
        stats.last_review = review["reviewed_at"]
    present = set(existing)
    due = {qid: when for qid, when in history.due_dates().items() if qid in present}
    stats.cards = len(due)
    stats.new = len(present - set(due))
    week = now + dt.timedelta(days=7)
    counts = Counter("now" if when <= now else "week" if when <= week else "later"
                     for when in due.values())
    stats.due, stats.due_next_7_days = counts["now"], counts["week"]
    stats.streak_days = streak(days, now.astimezone(tz).date())
    return stats


def streak(days: Collection[dt.date], today: dt.date) -> int:
    """Days in a row with at least one answer, ending today (or yesterday, if not yet today)."""
    day = today if today in days else today - dt.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= dt.timedelta(days=1)
    return count
