"""What a history file must hold before a quiz starts: quizgen's tables, readable values.

Checked when the file is opened, so a bad file is refused before the first question and
no answer is lost to it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from quizgen.errors import HistoryError

COLUMNS = {
    "cards": {"question_id", "state", "step", "stability", "difficulty", "due", "last_review"},
    "reviews": {"id", "question_id", "kind", "tags", "reviewed_at", "given", "expected",
                "correct", "typo", "rating", "card_before"},
}


def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose tables are not quizgen's (another program's ``user_version``)."""
    for table, wanted in COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if not wanted <= have:
            raise HistoryError(f"{path}: this SQLite file is not a quizgen history (table "
                               f"{table!r} is missing or different); pass another file with --db")


def check_rows(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse, naming the row, a value quizgen cannot read (a time, a JSON list of tags)."""
    def bad(table: str, rowid: int, column: str, value: object) -> HistoryError:
        return HistoryError(f"{path}: {table} row {rowid}: {column} = {value!r} is not what "
                            "quizgen writes; fix or delete that row, or pass another file "
                            "with --db")

    for rowid, due, last in conn.execute("SELECT rowid, due, last_review FROM cards"):
        if not is_time(due):
            raise bad("cards", rowid, "due", due)
        if last is not None and not is_time(last):
            raise bad("cards", rowid, "last_review", last)
    for rowid, tags, at in conn.execute("SELECT id, tags, reviewed_at FROM reviews"):
        try:
            ok = isinstance(json.loads(tags), list)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise bad("reviews", rowid, "tags", tags)
        if not is_time(at):
            raise bad("reviews", rowid, "reviewed_at", at)


def is_time(value: object) -> bool:
    """Whether ``value`` is an ISO time as quizgen stores them."""
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
