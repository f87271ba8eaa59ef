"""``quizgen quiz``, ``review`` and ``stats`` through the CLI, with answers piped in."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import IO

from click.testing import Result

from quizgen.making.question import Question
from quizgen.making.selection import load_and_generate
from quizgen.study.answers import Verdict
from quizgen.study.history import RATINGS, History
from tests.conftest import BANK_ARGS, BRICS, CORPUS, FACTS, QUESTIONS, ROOT

PLACE = "event-place:next-summit-moscow"              # short answer: Moscow
DATE = "event-date:next-summit-moscow"                # short answer: 11 November 2026
CLOZE = "event-place-quote:next-summit-moscow"        # cloze: Moscow
BRICS_ARGS = ["--bank", str(BRICS.parent)]  # the default bank makes no timeline


@cache
def bank() -> dict[str, Question]:
    return {q.id: q for q in load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions}


def mc() -> Question:
    return next(q for q in bank().values() if q.kind == "multiple_choice")


def tf() -> Question:
    return next(q for q in bank().values() if q.kind == "true_false")


def wrong_tf() -> str:
    return "yes" if tf().answer == "False" else "no"


def asking(*ids: str) -> list[str]:
    return [arg for i in ids for arg in ("--question", i)]


def stored(db: Path) -> list[tuple[str, str, int]]:
    with History.open(db) as history:
        return [(r["question_id"], r["given"], int(r["correct"])) for r in history.reviews()]


def test_piped_answers_are_checked_scored_and_saved(run: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    answers = f"{mc().answer_letter}\n{wrong_tf()}\nMoscwo\n"
    result = run("quiz", *BANK_ARGS, "--db", str(db), *asking(mc().id, tf().id, PLACE),
                 input=answers)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"Question 1 of 3 (multiple choice) [{mc().id}]" in out
    assert "Type a letter A–D, or the text of an option." in out
    assert f"Wrong. The answer is: {tf().answer}" in out
    assert "Right. Accepted with a typo; the exact spelling is: Moscow" in out
    assert "Source: Fergana News, undated: “The next CSTO summit will be held on November 11, " \
           "2026, in Moscow.”" in out
    assert out.rstrip().endswith(f"Score: 2 of 3 (67%)\nMissed:\n  - {tf().prompt}\n"
                                 f"    answer: {tf().answer}   you said: {wrong_tf()}\n"
                                 f"Saved to {db}")
    assert stored(db) == [(mc().id, mc().answer_letter, 1), (tf().id, wrong_tf(), 0),
                          (PLACE, "Moscwo", 1)]


def test_the_summary_names_the_option_a_missed_letter_chose(run: Callable[..., Result],
                                                            tmp_path: Path) -> None:
    wrong = (mc().answer_index or 0) + 1
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), *asking(mc().id, PLACE),
                 input=f"{'abcd'[wrong]}\n\n")
    assert f"Wrong. The answer is: {mc().answer_key()}" in result.stdout
    assert (f"    answer: {mc().answer_key()}   you said: {'ABCD'[wrong]}) {mc().options[wrong]}"
            in result.stdout)
    assert "    answer: Moscow   you said: (nothing)" in result.stdout


def test_every_kind_can_be_answered_from_a_pipe(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    matching = next(q for q in bank().values() if q.kind == "matching")
    pairs = " ".join(f"{i + 1}{'abcde'[j]}" for i, j in enumerate(matching.pairs))
    answers = [pairs, "nov 11, 2026", "moscow", "B", "t"]
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), "--json",
                 *asking(matching.id, DATE, CLOZE, mc().id, tf().id),
                 input="\n".join(answers) + "\n")
    data = json.loads(result.stdout)
    assert [r["correct"] for r in data["results"]] == [
        True, True, True, mc().answer_letter == "B", tf().answer == "True"]
    # The full solution follows each answer: every pair by name …
    assert f"  1{pairs[1]}  {matching.left[0]} – {matching.right[matching.pairs[0]]}" \
           in result.stderr
    # … and the order with dates, for a timeline (of the second bank).
    timeline = next(q for q in load_and_generate(BRICS / "facts.yaml", BRICS, QUESTIONS)[1].questions
                    if q.kind == "ordering")
    order = " ".join("ABCDE"[i] for i in timeline.order)
    result = run("quiz", *BRICS_ARGS, "--db", str(tmp_path / "h2"), "--json",
                 *asking(timeline.id), input=order + "\n")
    data = json.loads(result.stdout)
    assert data["results"][0]["correct"] and data["results"][0]["expected"] == order.replace(" ", ", ")
    first = timeline.order[0]
    assert f"  {'ABCDE'[first]}  {timeline.items[first]}: " in result.stderr


def test_json_prints_the_result_on_stdout_and_the_quiz_on_stderr(
        run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), "--json",
                 *asking(PLACE, DATE), input="moscow\n12 November 2026\n")
    assert json.loads(result.stdout) == {
        "asked": 2, "correct": 1, "total": 2, "stopped": False,
        "results": [
            {"id": PLACE, "kind": "short_answer", "correct": True, "given": "moscow",
             "expected": "Moscow", "typo": False, "rating": RATINGS["good"]},
            {"id": DATE, "kind": "short_answer", "correct": False, "given": "12 November 2026",
             "expected": "11 November 2026", "typo": False, "rating": RATINGS["again"]},
        ]}
    assert "Question 1 of 2" in result.stderr and "Score: 1 of 2 (50%)" in result.stderr


def test_end_of_input_ends_the_quiz_with_the_summary_so_far(run: Callable[..., Result],
                                                            tmp_path: Path) -> None:
    db = tmp_path / "h"
    result = run("quiz", *BANK_ARGS, "--db", str(db), *asking(PLACE, DATE, CLOZE),
                 input="Moscow\n")
    assert result.exit_code == 0
    assert "Stopped after 1 of 3 questions.\nScore: 1 of 1 (100%)" in result.stdout
    assert stored(db) == [(PLACE, "Moscow", 1)]


def test_an_unreadable_piped_answer_counts_as_wrong_and_says_why(
        run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), *asking(mc().id),
                 input="Z\n")
    assert "Could not read that: there is no option Z." in result.stdout
    assert "Score: 0 of 1 (0%)" in result.stdout


def test_without_db_the_history_goes_to_the_user_data_folder(
        run: Callable[..., Result], isolated_home: Path) -> None:
    result = run("quiz", *BANK_ARGS, *asking(PLACE), input="Moscow\n")
    path = isolated_home / ".local" / "share" / "quizgen" / "history.sqlite3"
    assert f"Saved to {path}" in result.stdout
    assert stored(path) == [(PLACE, "Moscow", 1)]


def test_an_unknown_question_id_is_an_error(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), *asking("no:such"))
    assert result.exit_code == 1
    assert "Error: --question no:such: no such question in this bank" in result.output


def test_filters_that_match_nothing_are_an_error(run: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), "--kind", "matching",
                 "--tag", "disputed")
    assert result.exit_code == 1 and "no questions match these filters" in result.output


def test_a_damaged_history_is_a_clear_error(run: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "h"
    db.write_text("not a database " * 200)
    for command in ("quiz", "review", "stats"):
        result = run(command, *BANK_ARGS, "--db", str(db), input="")
        assert result.exit_code == 1, command
        assert f"Error: {db}: not a readable quizgen history" in result.output
        assert "Traceback" not in result.output


def test_quiz_takes_n_questions_by_kind(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), "--json", "--n", "4",
                 "--kind", "true_false", "--seed", "3", input="t\n" * 4)
    data = json.loads(result.stdout)
    assert data["asked"] == 4
    assert all(bank()[r["id"]].kind == "true_false" for r in data["results"])


def test_review_asks_what_is_due_first(run: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "h"
    missed = bank()[DATE]
    with History.open(db) as history:
        history.record(missed, Verdict(False, "x", missed.answer), RATINGS["again"],
                       dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    result = run("review", *BANK_ARGS, "--db", str(db), "--json", "--n", "3",
                 input="11 Nov 2026\n\n\n")
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["results"]][0] == DATE
    assert data["asked"] == 3 and data["correct"] >= 1
    again = run("quiz", *BANK_ARGS, "--db", str(db), "--due", "--json", "--n", "1", input="x\n")
    assert json.loads(again.stdout)["results"][0]["id"] != DATE  # answered: no longer due


def test_review_with_nothing_to_ask_says_so(run: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "h"
    with History.open(db) as history:
        for q in bank().values():
            if q.kind == "matching":
                history.record(q, Verdict(True, "x", q.answer), RATINGS["easy"])
    result = run("review", *BANK_ARGS, "--db", str(db), "--kind", "matching", input="")
    assert result.exit_code == 0
    assert "Nothing is due and there are no new questions: come back later." in result.output


def test_stats_reports_reviews_accuracy_and_due(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    db = str(tmp_path / "h")
    run("quiz", *BANK_ARGS, "--db", db, *asking(PLACE, DATE, CLOZE),
        input="Moscow\n1 Jan 2026\nMoscow\n")
    data = json.loads(run("stats", *BANK_ARGS, "--db", db, "--json").stdout)
    assert (data["reviews"], data["correct"], data["accuracy"]) == (3, 2, 0.6667)
    assert data["due"] == 0 and data["due_next_7_days"] == 3
    assert data["new"] == len(bank()) - 3 and data["streak_days"] == 1
    assert data["by_kind"]["cloze"] == {"reviews": 1, "correct": 1, "accuracy": 1.0}
    text = run("stats", *BANK_ARGS, "--db", db).stdout
    assert "Reviews 3   correct 2 (67%)   streak 1 day(s)" in text
    assert f"Due now 0   in the next 7 days 3   new {len(bank()) - 3} (never asked)" in text
    assert "fill in the blank" in text and "summit" in text


def test_stats_before_any_quiz_are_zero(run: Callable[..., Result]) -> None:
    data = json.loads(run("stats", *BANK_ARGS, "--json").stdout)  # the default history
    assert (data["reviews"], data["due"], data["accuracy"], data["streak_days"]) == (0, 0, None, 0)


# --- real processes ----------------------------------------------------------------


def quizgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "quizgen", *args]


def test_a_real_process_reads_answers_from_a_pipe(tmp_path: Path) -> None:
    db = tmp_path / "h"
    result = subprocess.run(quizgen("quiz", *BANK_ARGS, "--db", str(db), *asking(PLACE, DATE)),
                            input="Moscow\n2026-11-11\n", capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert "Score: 2 of 2 (100%)" in result.stdout
    assert "\x1b[" not in result.stdout  # plain text when piped
    assert stored(db) == [(PLACE, "Moscow", 1), (DATE, "2026-11-11", 1)]


def _read_until(stream: IO[str], start: str) -> None:
    for line in stream:
        if line.startswith(start):
            return
    raise AssertionError(f"the quiz ended before {start!r}")


def test_answers_survive_a_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "h"
    ids = [PLACE, DATE, CLOZE, mc().id, PLACE]
    proc = subprocess.Popen(quizgen("quiz", *BANK_ARGS, "--db", str(db), *asking(*ids)),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdin and proc.stdout
    proc.stdin.write("Moscow\n1 January 2026\nMoskow\n")
    proc.stdin.flush()
    _read_until(proc.stdout, "Question 4 of 5")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert stored(db) == [(PLACE, "Moscow", 1), (DATE, "1 January 2026", 0), (CLOZE, "Moskow", 1)]
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_quizzes_at_once_on_one_history(tmp_path: Path) -> None:
    db = tmp_path / "h"
    ids = [PLACE, DATE, CLOZE, PLACE, DATE, CLOZE]
    answers = ["Moscow", "11 November 2026", "Moscow"] * 2
    procs = [subprocess.Popen(quizgen("quiz", *BANK_ARGS, "--db", str(db), *asking(*ids)),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
             for _ in range(2)]
    for proc in procs:
        assert proc.stdout
        _read_until(proc.stdout, "Question 1 of 6")
    # Alternate between the two, each answer committed while the other quiz is open.
    for n, answer in enumerate(answers, start=1):
        for proc in procs:
            assert proc.stdin and proc.stdout
            proc.stdin.write(answer + "\n")
            proc.stdin.flush()
            _read_until(proc.stdout, f"Question {n + 1} of 6" if n < 6 else "Score: 6 of 6")
    for proc in procs:
        assert proc.stdin
        proc.stdin.close()
        assert proc.wait() == 0
    rows = stored(db)
    assert len(rows) == 12 and all(correct for _, _, correct in rows)
    assert [qid for qid, _, _ in rows[::2]] == ids


def asked_ids(output: str) -> list[str]:
    """The ids of the questions a plain quiz transcript shows, in order."""
    return re.findall(r"^Question \d+ of \d+ \([^)]*\) \[(.+)\]$", output, re.M)


def test_without_a_seed_each_quiz_is_a_new_sample_and_says_its_seed(
        run: Callable[..., Result], tmp_path: Path) -> None:
    first, second = (run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), input="\n" * 10)
                     for _ in range(2))
    assert asked_ids(first.stdout) != asked_ids(second.stdout)
    seed = re.search(r"^seed (\d+) \(repeat this quiz with --seed \1\)$", first.stdout, re.M)
    assert seed is not None
    again = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), "--seed", seed[1],
                input="\n" * 10)
    assert asked_ids(again.stdout) == asked_ids(first.stdout)


def test_the_same_seed_asks_the_same_questions(run: Callable[..., Result], tmp_path: Path) -> None:
    a, b = (run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), "--seed", "11",
                input="\n" * 10) for _ in range(2))
    assert asked_ids(a.stdout) == asked_ids(b.stdout) and len(asked_ids(a.stdout)) == 10


def test_a_default_quiz_mixes_kinds_and_asks_each_fact_once(run: Callable[..., Result],
                                                            tmp_path: Path) -> None:
    for seed in range(8):
        result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), "--seed", str(seed),
                     input="\n" * 10)
        ids = asked_ids(result.stdout)
        kinds = Counter(bank()[i].kind for i in ids)
        assert len(ids) == 10 and kinds["true_false"] <= 4 and len(kinds) >= 3, kinds
        facts = [f for i in ids for f in bank()[i].fact_ids]
        assert len(facts) == len(set(facts))


def test_the_quiz_says_when_the_facts_are_from(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("quiz", *BANK_ARGS, "--db", str(tmp_path / "h"), *asking(PLACE), input="\n")
    assert result.stdout.startswith("Facts as reported on 27 November 2025\n")
    assert "seed" not in result.stdout.split("Question 1")[0], "asked by id: no sample, no seed"


def test_review_counts_due_and_new_and_marks_each_question(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    db = tmp_path / "h"
    missed = bank()[DATE]
    with History.open(db) as history:
        history.record(missed, Verdict(False, "x", missed.answer), RATINGS["again"],
                       dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    result = run("review", *BANK_ARGS, "--db", str(db), "--n", "4", input="\n" * 4)
    assert result.exit_code == 0, result.output
    assert "Review: 1 due, 3 new" in result.stdout
    headers = re.findall(r"^Question \d+ of 4 \((.*)\) \[(.+)\]$", result.stdout, re.M)
    assert headers[0][1] == DATE and re.search(r", due, \d+ days? overdue$", headers[0][0])
    assert all(kind.endswith(", new") for kind, _ in headers[1:])
