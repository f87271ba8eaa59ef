"""A quiz survives hostile answers, history files and bank files (issue 17, items 10-14)."""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli
from tests.commands.test_cli_quiz import CLOZE, DATE, PLACE, asking, bank, mc, stored
from tests.conftest import BANK_ARGS, bank_args


def quiz(db: Path, *ids: str, input: str) -> Result:
    return CliRunner().invoke(cli, ["quiz", *BANK_ARGS, "--db", str(db), *asking(*ids)],
                              input=input)


def matching_id() -> str:
    return next(q.id for q in bank().values() if q.kind == "matching")


# -- 10. answers of any length are stored, and checked in one pass ---------------------------


def test_answers_of_thousands_of_digits_are_stored_not_a_crash(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    ids = [PLACE, CLOZE, mc().id, DATE, matching_id()]
    digits = "9" * 5_000
    result = quiz(db, *ids, input="\n".join([digits] * len(ids)) + "\n")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert [given for _, given, _ in stored(db)] == [digits] * len(ids)


def test_a_megabyte_of_digits_into_a_matching_answer_is_refused_at_once(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    result = quiz(db, matching_id(), input="1" * 1_000_000 + "\n")
    assert result.exit_code == 0
    assert "too long to check" in result.output
    assert len(stored(db)) == 1


# -- 11. bytes that are not UTF-8 --------------------------------------------------------------


def test_windows_1252_answers_are_stored(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    proc = subprocess.run([sys.executable, "-m", "quizgen", "quiz", *BANK_ARGS, "--db", str(db),
                           *asking(PLACE, DATE)], input="Bi\xe9kek\n11 Nov\u2019 2026\n".encode("cp1252"),
                          capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    assert [given for _, given, _ in stored(db)] == ["Bi\ufffdkek", "11 Nov\ufffd 2026"]


# -- 12. history files that are not quizgen's, or damaged -------------------------------------


def other_apps_file(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return path


def damaged(path: Path, sql: str) -> Path:
    assert quiz(path, PLACE, input="Moscow\n").exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()
    return path


def negative_version(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -5")
    conn.close()
    return path


HISTORIES = {
    "another app's file with user_version 1": (other_apps_file, "is not a quizgen history"),
    "user_version -5": (negative_version, "schema version -5"),
    "a due date that is not a date": (
        lambda p: damaged(p, "UPDATE cards SET due = 'tomorrow'"), "cards row 1: due = 'tomorrow'"),
    "tags that are not JSON": (
        lambda p: damaged(p, "UPDATE reviews SET tags = 'not json'"),
        "reviews row 1: tags = 'not json'"),
}


@pytest.mark.parametrize("command", ["quiz", "review", "stats"])
@pytest.mark.parametrize(("make", "message"), HISTORIES.values(), ids=HISTORIES.keys())
def test_a_bad_history_is_refused_before_the_first_question(tmp_path: Path, command: str,
                                                            make: object, message: str) -> None:
    db = make(tmp_path / "h.sqlite3")  # type: ignore[operator]
    result = CliRunner().invoke(cli, [command, *BANK_ARGS, "--db", str(db), "--n", "1"]
                                if command != "stats" else [command, *BANK_ARGS, "--db", str(db)],
                                input="Moscow\n")
    assert result.exit_code == 1, result.output
    assert f"Error: {db}" in result.output and message in result.output
    assert "Question 1" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# -- 13. bank files that are not regular files --------------------------------------------------


def test_an_article_linked_to_dev_zero_is_refused(tmp_bank: Path) -> None:
    (tmp_bank / "corpus" / "zero.md").symlink_to("/dev/zero")
    result = CliRunner().invoke(cli, ["check", *bank_args(tmp_bank)])
    assert result.exit_code == 1
    assert "zero.md: not a regular file" in result.output


def test_facts_from_dev_urandom_are_refused() -> None:
    result = CliRunner().invoke(cli, ["check", "--facts", "/dev/urandom", *BANK_ARGS[2:]])
    assert result.exit_code == 1
    assert "/dev/urandom: not a regular file" in result.output


def test_a_fifo_article_does_not_block(tmp_bank: Path) -> None:
    os.mkfifo(tmp_bank / "corpus" / "pipe.md")
    proc = subprocess.run([sys.executable, "-m", "quizgen", "check", *bank_args(tmp_bank)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "pipe.md: not a regular file" in proc.stderr


# -- 14. standard input or output closed ----------------------------------------------------


@pytest.mark.parametrize("redirect", ["<&-", ">&-"])
def test_a_quiz_with_a_closed_standard_stream_says_so(tmp_path: Path, redirect: str) -> None:
    command = shlex.join([sys.executable, "-m", "quizgen", "quiz", *BANK_ARGS,
                          "--db", str(tmp_path / "h.sqlite3")])
    proc = subprocess.run(["sh", "-c", f"{command} {redirect}"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1, proc.stderr
    assert "standard input or output is closed" in proc.stderr
    assert "Traceback" not in proc.stderr
