"""The review history: durable, versioned, shared safely, scheduled with FSRS."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import fsrs
import pytest

from quizgen.errors import HistoryError
from quizgen.making.question import Question, QuestionKind
from quizgen.study.answers import Verdict
from quizgen.study.history import MIGRATIONS, RATINGS, History, default_path
from quizgen.study.stats import streak

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def question(qid: str, kind: QuestionKind = "short_answer", tags: tuple[str, ...] = ("summit",)) -> Question:
    return Question(id=qid, kind=kind, prompt="?", answer="Moscow", tags=list(tags),
                    fact_ids=["f"], fact_kind="event", template_id="t", sources=[])


def verdict(correct: bool, given: str = "Moscow") -> Verdict:
    return Verdict(correct, given, "Moscow")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


def test_the_default_history_lives_in_the_user_data_folder(isolated_home: Path) -> None:
    path = default_path()
    assert path == isolated_home / ".local" / "share" / "quizgen" / "history.sqlite3"
    with History.open() as history:
        assert history.path == path
    assert path.exists()


def test_a_new_history_is_at_the_latest_schema_in_wal_mode(db: Path) -> None:
    with History.open(db) as history:
        assert history.version == len(MIGRATIONS)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"cards", "reviews"}


def test_an_answer_is_committed_as_soon_as_it_is_recorded(db: Path) -> None:
    history = History.open(db)
    review_id = history.record(question("q1"), verdict(False, "Minsk"), RATINGS["again"], T0)
    # Another connection sees it while the first is still open: it is on disk, not pending.
    other = sqlite3.connect(db)
    row = other.execute("SELECT question_id, given, expected, correct, rating, reviewed_at "
                        "FROM reviews WHERE id = ?", (review_id,)).fetchone()
    assert row == ("q1", "Minsk", "Moscow", 0, 1, "2026-03-02T09:00:00.000000+00:00")
    assert other.execute("SELECT count(*) FROM cards").fetchone()[0] == 1
    history.close()


def test_scheduling_follows_fsrs(db: Path) -> None:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    expected, _ = scheduler.review_card(fsrs.Card(card_id=1, due=T0), fsrs.Rating.Good, T0)
    expected, _ = scheduler.review_card(expected, fsrs.Rating.Good, expected.due)
    with History.open(db) as history:
        history.record(question("q1"), verdict(True), RATINGS["good"], T0)
        first_due = history.due_dates()["q1"]
        history.record(question("q1"), verdict(True), RATINGS["good"], first_due)
        assert history.due_dates()["q1"] == expected.due
    assert expected.due - T0 > dt.timedelta(days=1)


def test_a_wrong_answer_comes_back_sooner_than_a_right_one(db: Path) -> None:
    with History.open(db) as history:
        history.record(question("wrong"), verdict(False), RATINGS["again"], T0)
        history.record(question("right"), verdict(True), RATINGS["good"], T0)
        history.record(question("easy"), verdict(True), RATINGS["easy"], T0)
        due = history.due_dates()
    assert T0 < due["wrong"] < due["right"] < due["easy"]


def test_rerating_an_answer_schedules_it_as_if_rated_so_at_once(db: Path, tmp_path: Path) -> None:
    with History.open(db) as history:
        history.record(question("q1"), verdict(True), RATINGS["good"], T0)
        later = T0 + dt.timedelta(days=3)
        review_id = history.record(question("q1"), verdict(True), RATINGS["good"], later)
        history.rerate(review_id, RATINGS["easy"])
        rerated = history.due_dates()["q1"]
        ratings = [r["rating"] for r in history.reviews()]
    with History.open(tmp_path / "direct.sqlite3") as direct:
        direct.record(question("q1"), verdict(True), RATINGS["good"], T0)
        direct.record(question("q1"), verdict(True), RATINGS["easy"], later)
        assert direct.due_dates()["q1"] == rerated
    assert ratings == [RATINGS["good"], RATINGS["easy"]]


def test_due_lists_existing_questions_most_overdue_first(db: Path) -> None:
    with History.open(db) as history:
        history.record(question("late"), verdict(False), RATINGS["again"], T0)
        history.record(question("later"), verdict(False), RATINGS["again"],
                       T0 + dt.timedelta(minutes=5))
        history.record(question("gone"), verdict(False), RATINGS["again"], T0)
        history.record(question("future"), verdict(True), RATINGS["easy"], T0)
        now = T0 + dt.timedelta(hours=1)
        assert history.due({"late", "later", "future"}, now) == ["late", "later"]
        assert history.due({"late", "later", "future"}, T0) == []


def test_stats_count_reviews_accuracy_due_and_streak(db: Path) -> None:
    day, minutes = dt.timedelta(days=1), dt.timedelta(minutes=10)
    b = question("b", "true_false", ("summit", "armenia"))
    with History.open(db) as history:
        history.record(question("a", "cloze", ("summit",)), verdict(True), 3, T0 - 2 * day)
        history.record(question("a", "cloze", ("summit",)), verdict(False), 1, T0 - day)
        history.record(b, verdict(True), 3, T0 - day)
        history.record(b, verdict(True), 3, T0 - day + minutes)
        history.record(question("gone", "true_false", ("armenia",)), verdict(False), 1, T0)
        stats = history.stats({"a", "b", "c"}, now=T0 + dt.timedelta(hours=1), tz=dt.UTC)
    data = stats.to_json()
    assert (data["reviews"], data["correct"], data["accuracy"]) == (5, 3, 0.6)
    assert data["by_kind"] == {"cloze": {"reviews": 2, "correct": 1, "accuracy": 0.5},
                               "true_false": {"reviews": 3, "correct": 2, "accuracy": 0.6667}}
    assert data["by_tag"]["summit"] == {"reviews": 4, "correct": 3, "accuracy": 0.75}
    assert data["by_tag"]["armenia"] == {"reviews": 3, "correct": 2, "accuracy": 0.6667}
    # "a" was missed a day ago (due again in minutes); "b" is due in about a day;
    # "gone" left the bank and counts for nothing due; "c" was never asked.
    assert (data["due"], data["due_next_7_days"], data["cards"], data["new"]) == (1, 1, 2, 1)
    assert data["streak_days"] == 3


@pytest.mark.parametrize(("days", "streak_days"), [
    ([], 0), ([0], 1), ([1], 1), ([0, 1, 2], 3), ([1, 2, 3], 3), ([0, 2, 3], 1), ([2, 3], 0),
])
def test_a_streak_is_consecutive_days_up_to_today_or_yesterday(
        days: list[int], streak_days: int) -> None:
    today = dt.date(2026, 3, 2)
    assert streak({today - dt.timedelta(days=d) for d in days}, today) == streak_days


def test_two_histories_on_one_file_both_write(db: Path) -> None:
    first, second = History.open(db), History.open(db)
    for n in range(5):
        first.record(question(f"q{n}"), verdict(True), 3, T0)
        second.record(question(f"q{n}"), verdict(False), 1, T0 + dt.timedelta(seconds=1))
    assert len(list(first.reviews())) == 10
    first.close()
    second.close()


def test_a_migration_backs_the_file_up_first(db: Path) -> None:
    with History.open(db) as history:
        history.record(question("q1"), verdict(True), 3, T0)
    added = (("ALTER TABLE reviews ADD COLUMN duration_ms INTEGER",),)
    with History.open(db, migrations=(*MIGRATIONS, *added)) as history:
        assert history.version == len(MIGRATIONS) + 1
        assert [r["question_id"] for r in history.reviews()] == ["q1"]
    backup = db.with_name(f"history.sqlite3.v{len(MIGRATIONS)}.bak")
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert old.execute("SELECT question_id FROM reviews").fetchall() == [("q1",)]
    columns = {r[1] for r in sqlite3.connect(db).execute("PRAGMA table_info(reviews)")}
    assert "duration_ms" in columns


def test_a_history_from_a_newer_quizgen_is_refused(db: Path) -> None:
    History.open(db).close()
    sqlite3.connect(db).execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(HistoryError, match="written by a newer quizgen"):
        History.open(db)


def test_a_file_that_is_not_a_database_is_a_clear_error(db: Path) -> None:
    db.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(HistoryError, match=rf"{db}: not a readable quizgen history"):
        History.open(db)


def test_another_programs_database_is_not_taken_over(db: Path) -> None:
    sqlite3.connect(db).execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(HistoryError, match="not a quizgen history"):
        History.open(db)


def test_a_damaged_history_is_a_clear_error(db: Path) -> None:
    with History.open(db) as history:
        for n in range(400):
            history.record(question(f"question-{n:04d}" + "x" * 200), verdict(True), 3, T0)
        history.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    data[3 * page: 3 * page + 200] = b"\xff" * 200
    db.write_bytes(bytes(data))
    with pytest.raises(HistoryError, match=str(db)):
        History.open(db)


def test_a_folder_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(HistoryError, match="cannot open the review history"):
        History.open(tmp_path / "file" / "history.sqlite3")
