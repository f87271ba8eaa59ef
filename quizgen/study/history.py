"""The review history: every answer in SQLite, scheduled with FSRS.

One row per answer in ``reviews`` and one FSRS card per question in ``cards``, both
keyed by the question's stable id, written in one transaction as each answer is given.
The schema version lives in ``PRAGMA user_version``; :data:`MIGRATIONS` brings an old
file up to date after copying it aside.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.atomic import atomic_path
from quizgen.errors import HistoryError

if TYPE_CHECKING:
    import fsrs

    from quizgen.study.answers import Verdict
    from quizgen.making.question import Question

DB_NAME = "history.sqlite3"
BUSY_TIMEOUT_S = 30.0
RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}

# MIGRATIONS[i] takes a file from schema version i to i + 1; append, never edit.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,          -- UTC, fixed-width ISO, so text order is time order
            last_review TEXT
        )""",
        "CREATE INDEX cards_due ON cards (due)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            tags TEXT NOT NULL,         -- JSON list: the question's tags when it was answered
            reviewed_at TEXT NOT NULL,
            given TEXT NOT NULL,
            expected TEXT NOT NULL,
            correct INTEGER NOT NULL,
            typo INTEGER NOT NULL,
            rating INTEGER NOT NULL,    -- FSRS rating: 1 again, 2 hard, 3 good, 4 easy
            card_before TEXT            -- JSON card before this answer, to replay a re-rating
        )""",
        "CREATE INDEX reviews_question ON reviews (question_id)",
        "CREATE INDEX reviews_time ON reviews (reviewed_at)",
    ),
)


def default_path() -> Path:
    """``history.sqlite3`` in the user data folder (``~/.local/share/quizgen`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizgen")) / DB_NAME


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _scheduler() -> fsrs.Scheduler:
    import fsrs

    # No fuzzing: the same answers at the same times give the same schedule.
    return fsrs.Scheduler(enable_fuzzing=False)


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


class History:
    """An open history file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # --- opening and migrating ---------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None,
             migrations: Sequence[Sequence[str]] = MIGRATIONS) -> History:
        """Open (or create) the history at ``path``, check it and bring it up to date."""
        path = Path(path) if path is not None else default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"{path}: cannot open the review history: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # WAL lets two quizzes write the same file; FULL makes each commit durable.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise HistoryError(
                    f"{path}: the review history is damaged ({'; '.join(problems[:3])}); "
                    "restore a backup or move the file away to start afresh")
            history = cls(path, conn)
            history._migrate(migrations)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise HistoryError(
                f"{path}: not a readable quizgen history ({exc}); "
                "pass another file with --db, or move this one away") from None
        except BaseException:
            conn.close()
            raise
        return history

    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, migrations: Sequence[Sequence[str]]) -> None:
        version = self._version()
        if version > len(migrations):
            raise HistoryError(
                f"{self.path}: written by a newer quizgen (schema {version}, this one "
                f"knows {len(migrations)}); upgrade quizgen")
        if version == len(migrations):
            return
        tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version == 0 and tables:
            raise HistoryError(f"{self.path}: this SQLite file is not a quizgen history; "
                               "pass another file with --db")
        if version > 0:
            self.backup(self.path.with_name(f"{self.path.name}.v{version}.bak"))
        with self.transaction():
            # Another process may have migrated while this one waited for the lock.
            for number in range(self._version(), len(migrations)):
                for statement in migrations[number]:
                    self.conn.execute(statement)
            self.conn.execute(f"PRAGMA user_version = {len(migrations)}")

    def backup(self, target: Path) -> None:
        """Copy the whole history (WAL included) to ``target``, atomically."""
        with atomic_path(target) as tmp:
            copy = sqlite3.connect(tmp)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()

    @property
    def version(self) -> int:
        return self._version()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    class _Transaction:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def __enter__(self) -> sqlite3.Connection:
            # IMMEDIATE takes the write lock now, so a read-then-write cannot be overtaken.
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
            self.conn.execute("COMMIT" if kind is None else "ROLLBACK")

    def transaction(self) -> History._Transaction:
        return History._Transaction(self.conn)

    # --- writing -----------------------------------------------------------------

    def _card(self, question_id: str) -> fsrs.Card | None:
        import fsrs

        row = self.conn.execute(
            "SELECT state, step, stability, difficulty, due, last_review FROM cards "
            "WHERE question_id = ?", (question_id,)).fetchone()
        if row is None:
            return None
        state, step, stability, difficulty, due, last = row
        return fsrs.Card(card_id=1, state=fsrs.State(state), step=step, stability=stability,
                         difficulty=difficulty, due=dt.datetime.fromisoformat(due),
                         last_review=dt.datetime.fromisoformat(last) if last else None)

    def _store_card(self, question_id: str, card: fsrs.Card) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO cards (question_id, state, step, stability, difficulty, "
            "due, last_review) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (question_id, card.state.value, card.step, card.stability, card.difficulty,
             _iso(card.due), _iso(card.last_review) if card.last_review else None))

    @staticmethod
    def _schedule(before: fsrs.Card | None, rating: int, when: dt.datetime) -> fsrs.Card:
        import fsrs

        card = before or fsrs.Card(card_id=1, due=when)
        after, _ = _scheduler().review_card(card, fsrs.Rating(rating), review_datetime=when)
        return after

    def record(self, question: Question, verdict: Verdict, rating: int,
               when: dt.datetime | None = None) -> int:
        """Store one answer and its new schedule in one committed transaction; its row id."""
        when = when or utcnow()
        with self.transaction() as conn:
            before = self._card(question.id)
            cursor = conn.execute(
                "INSERT INTO reviews (question_id, kind, tags, reviewed_at, given, expected, "
                "correct, typo, rating, card_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (question.id, question.kind, json.dumps(sorted(question.tags)), _iso(when),
                 verdict.given, verdict.expected, int(verdict.correct), int(verdict.typo),
                 rating, before.to_json() if before else None))
            self._store_card(question.id, self._schedule(before, rating, when))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def rerate(self, review_id: int, rating: int) -> None:
        """Change the rating of an answer already stored, and schedule its card again."""
        import fsrs

        with self.transaction() as conn:
            row = conn.execute(
                "SELECT question_id, reviewed_at, card_before FROM reviews WHERE id = ?",
                (review_id,)).fetchone()
            if row is None:
                raise HistoryError(f"{self.path}: no answer {review_id} to rate")
            question_id, reviewed_at, before = row
            later = conn.execute("SELECT 1 FROM reviews WHERE question_id = ? AND id > ?",
                                 (question_id, review_id)).fetchone()
            conn.execute("UPDATE reviews SET rating = ? WHERE id = ?", (rating, review_id))
            if later is None:  # a newer answer (another quiz) has already rescheduled it
                card = fsrs.Card.from_json(before) if before else None
                when = dt.datetime.fromisoformat(reviewed_at)
                self._store_card(question_id, self._schedule(card, rating, when))

    # --- reading -----------------------------------------------------------------

    def reviews(self) -> Iterator[dict[str, Any]]:
        """Every stored answer, oldest first."""
        cursor = self.conn.execute(
            "SELECT id, question_id, kind, tags, reviewed_at, given, expected, correct, typo, "
            "rating FROM reviews ORDER BY id")
        for row in cursor:
            (rid, qid, kind, tags, at, given, expected, correct, typo, rating) = row
            yield {"id": rid, "question_id": qid, "kind": kind, "tags": json.loads(tags),
                   "reviewed_at": at, "given": given, "expected": expected,
                   "correct": bool(correct), "typo": bool(typo), "rating": rating}

    def due_dates(self) -> dict[str, dt.datetime]:
        """When each question with a card is next due."""
        return {qid: dt.datetime.fromisoformat(due)
                for qid, due in self.conn.execute("SELECT question_id, due FROM cards")}

    def due(self, existing: Collection[str], now: dt.datetime | None = None) -> list[str]:
        """Ids of existing questions due by ``now``, most overdue first."""
        now = now or utcnow()
        rows = self.conn.execute(
            "SELECT question_id FROM cards WHERE due <= ? ORDER BY due, question_id",
            (_iso(now),))
        present = set(existing)
        return [qid for (qid,) in rows if qid in present]

    def stats(self, existing: Collection[str], now: dt.datetime | None = None,
              tz: dt.tzinfo | None = None) -> Stats:
        """Answers so far, and the schedule of the questions that still exist."""
        now = now or utcnow()
        stats = Stats()
        days: set[dt.date] = set()
        for review in self.reviews():
            correct = review["correct"]
            stats.overall.add(correct)
            stats.by_kind.setdefault(review["kind"], Tally()).add(correct)
            for tag in review["tags"]:
                stats.by_tag.setdefault(tag, Tally()).add(correct)
            at = dt.datetime.fromisoformat(review["reviewed_at"])
            days.add(at.astimezone(tz).date())
            stats.last_review = review["reviewed_at"]
        present = set(existing)
        due = {qid: when for qid, when in self.due_dates().items() if qid in present}
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
