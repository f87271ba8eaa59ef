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
import time
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.atomic import atomic_path
from quizgen.errors import HistoryError
from quizgen.study.history_checks import check_rows, check_schema
from quizgen.study.schedule import card_from_json, iso, load_card, schedule, store_card

if TYPE_CHECKING:

    from quizgen.making.question import Question
    from quizgen.study.answers import Verdict
    from quizgen.study.stats import Stats

DB_NAME = "history.sqlite3"
WAL_RETRY_S = 0.05
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


class History:
    """An open history file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # --- opening and migrating ---------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None,
             migrations: Sequence[Sequence[str]] = MIGRATIONS, *, create: bool = True) -> History:
        """Open (or create) the history at ``path``, check it and bring it up to date.

        With ``create=False`` a file that does not exist is an error, not a new history.
        """
        path = Path(path) if path is not None else default_path()
        if not create and not path.exists():
            raise HistoryError(f"{path}: no review history there; check the --db path, "
                               f"or take a quiz first: quizgen quiz --db {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"{path}: cannot open the review history: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # WAL lets two quizzes write the same file; FULL makes each commit durable.
            _to_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise HistoryError(
                    f"{path}: the review history is damaged ({'; '.join(problems[:3])}); "
                    "restore a backup or move the file away to start afresh")
            history = cls(path, conn)
            history._migrate(migrations)
            if migrations is MIGRATIONS:
                check_schema(conn, path)
                check_rows(conn, path)
            # Fail now, not after the first answer, if the file cannot be written.
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
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
        if version < 0:
            raise HistoryError(f"{self.path}: schema version {version} is not one quizgen "
                               "writes; pass another file with --db")
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

    def record(self, question: Question, verdict: Verdict, rating: int,
               when: dt.datetime | None = None) -> int:
        """Store one answer and its new schedule in one committed transaction; its row id."""
        when = when or utcnow()
        with self.transaction() as conn:
            before = load_card(conn, question.id)
            cursor = conn.execute(
                "INSERT INTO reviews (question_id, kind, tags, reviewed_at, given, expected, "
                "correct, typo, rating, card_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (question.id, question.kind, json.dumps(sorted(question.tags)), iso(when),
                 verdict.given, verdict.expected, int(verdict.correct), int(verdict.typo),
                 rating, before.to_json() if before else None))
            store_card(conn, question.id, schedule(before, rating, when))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def rerate(self, review_id: int, rating: int) -> None:
        """Change the rating of an answer already stored, and schedule its card again."""
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
                card = card_from_json(before)
                when = dt.datetime.fromisoformat(reviewed_at)
                store_card(conn, question_id, schedule(card, rating, when))

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
            (iso(now),))
        present = set(existing)
        return [qid for (qid,) in rows if qid in present]

    def stats(self, existing: Collection[str], now: dt.datetime | None = None,
              tz: dt.tzinfo | None = None) -> Stats:
        """Answers so far, and the schedule of the questions that still exist."""
        from quizgen.study.stats import collect_stats

        return collect_stats(self, existing, now, tz)


def _to_wal(conn: sqlite3.Connection) -> None:
    """Put the history in WAL mode, waiting while another process does the same.

    SQLite answers "database is locked" at once, without its busy timeout, to a second
    connection switching a new file to WAL while the first is at it (two quizzes started
    together on a new history): that is retried here for as long as the timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)
