"""Scheduling with FSRS: each question's card, stored in the history's ``cards`` table."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs


def iso(moment: dt.datetime) -> str:
    """UTC, fixed-width ISO: text order is time order."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def scheduler() -> fsrs.Scheduler:
    import fsrs

    # No fuzzing: the same answers at the same times give the same schedule.
    return fsrs.Scheduler(enable_fuzzing=False)


def schedule(before: fsrs.Card | None, rating: int, when: dt.datetime) -> fsrs.Card:
    """The card after one answer rated ``rating`` at ``when`` (a new card if ``before`` is None)."""
    import fsrs

    card = before or fsrs.Card(card_id=1, due=when)
    after, _ = scheduler().review_card(card, fsrs.Rating(rating), review_datetime=when)
    return after


def card_from_json(text: str | None) -> fsrs.Card | None:
    """A card as ``Card.to_json`` stored it, or None."""
    import fsrs

    return fsrs.Card.from_json(text) if text else None


def load_card(conn: sqlite3.Connection, question_id: str) -> fsrs.Card | None:
    """The stored card of a question, or None if it was never answered."""
    import fsrs

    row = conn.execute(
        "SELECT state, step, stability, difficulty, due, last_review FROM cards "
        "WHERE question_id = ?", (question_id,)).fetchone()
    if row is None:
        return None
    state, step, stability, difficulty, due, last = row
    return fsrs.Card(card_id=1, state=fsrs.State(state), step=step, stability=stability,
                     difficulty=difficulty, due=dt.datetime.fromisoformat(due),
                     last_review=dt.datetime.fromisoformat(last) if last else None)


def store_card(conn: sqlite3.Connection, question_id: str, card: fsrs.Card) -> None:
    """Insert or replace a question's card."""
    conn.execute(
        "INSERT OR REPLACE INTO cards (question_id, state, step, stability, difficulty, "
        "due, last_review) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (question_id, card.state.value, card.step, card.stability, card.difficulty,
         iso(card.due), iso(card.last_review) if card.last_review else None))
