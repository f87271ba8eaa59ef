"""The quiz as a person sees it: the real program in a pseudo-terminal, driven by pexpect."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pexpect
import pytest

from quizgen.making.question import Question
from quizgen.making.selection import load_and_generate
from quizgen.study.history import History
from tests.conftest import BANK_ARGS, CORPUS, FACTS, QUESTIONS, ROOT

PLACE = "event-place:next-summit-moscow"
CLOZE = "event-place-quote:next-summit-moscow"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@cache
def multiple_choice() -> Question:
    return next(q for q in load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions
                if q.kind == "multiple_choice" and q.sources[0].outlet == "Izvestia")


class Screen:
    """What a pexpect child has printed, read with colour codes removed."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.raw = ""
        self.pos = 0

    @property
    def plain(self) -> str:
        return ANSI.sub("", self.raw).replace("\r", "")

    def expect(self, text: str) -> str:
        """Wait until ``text`` appears; return what was shown since the last match."""
        while True:
            plain = self.plain
            at = plain.find(text, self.pos)
            if at >= 0:
                before, self.pos = plain[self.pos:at], at + len(text)
                return before
            try:
                self.raw += self.child.read_nonblocking(4096, timeout=30)
            except pexpect.EOF:
                raise AssertionError(f"ended before {text!r}:\n{plain[self.pos:]}") from None

    def send(self, line: str) -> None:
        self.child.sendline(line)

    def finish(self) -> int:
        """Read to the end; the exit status."""
        try:
            while True:
                self.raw += self.child.read_nonblocking(4096, timeout=30)
        except pexpect.EOF:
            pass
        self.child.close()
        assert "Traceback" not in self.plain
        return int(self.child.exitstatus)


@pytest.fixture
def quiz(tmp_path: Path) -> Iterator[tuple[Screen, Path]]:
    db = tmp_path / "history.sqlite3"
    args = ["-m", "quizgen", "quiz", *BANK_ARGS, "--db", str(db),
            "--question", multiple_choice().id, "--question", PLACE, "--question", CLOZE]
    child = pexpect.spawn(sys.executable, args, cwd=ROOT, encoding="utf-8", timeout=30,
                          dimensions=(40, 120), env={**os.environ, "TERM": "xterm-256color"})
    yield Screen(child), db
    child.close(force=True)


def reviews(db: Path) -> list[tuple[str, str, bool, int]]:
    with History.open(db) as history:
        return [(r["question_id"], r["given"], r["correct"], r["rating"])
                for r in history.reviews()]


def test_a_learner_answers_in_a_terminal_and_rates_a_short_answer(
        quiz: tuple[Screen, Path]) -> None:
    screen, db = quiz
    mc = multiple_choice()
    wrong = "ABCD"[((mc.answer_index or 0) + 1) % 4]
    screen.expect("Question 1 of 3")
    shown = screen.expect("›")
    assert f"A  {mc.options[0]}" in shown and f"D  {mc.options[3]}" in shown
    assert "Type a letter A–D, or the text of an option." in shown
    screen.send("Q")  # not an option: asked again, not marked wrong
    screen.expect("Could not read that: there is no option Q.")
    screen.send(wrong)
    screen.expect(f"✗ Wrong. The answer is: {mc.answer_key()}")
    screen.expect("Izvestia, undated: “")

    screen.expect("Question 2 of 3")
    screen.expect("›")
    screen.send("moscwo")
    screen.expect("✓ Right!  Accepted with a typo; the exact spelling is Moscow")
    screen.expect("How well did you know it?")
    screen.send("4")  # easy, though misspelt

    screen.expect("Question 3 of 3")
    screen.expect("›")
    screen.send("Moscow")
    screen.expect("✓ Right!")
    screen.expect("How well did you know it?")
    screen.send("")  # Enter: keep the default
    summary = screen.expect("Saved to")
    assert "Score: 2 of 3 (67%)" in summary and "Missed" in summary
    assert screen.finish() == 0
    assert reviews(db) == [(mc.id, wrong, False, 1), (PLACE, "moscwo", True, 4),
                           (CLOZE, "Moscow", True, 3)]


def test_ctrl_c_ends_the_quiz_with_the_summary_so_far(quiz: tuple[Screen, Path]) -> None:
    screen, db = quiz
    mc = multiple_choice()
    screen.expect("›")
    screen.send(mc.answer_letter or "")
    screen.expect("✓ Right!")
    screen.expect("Question 2 of 3")
    screen.expect("›")
    screen.child.sendintr()
    summary = screen.expect("Saved to")
    assert "Stopped after 1 of 3 questions." in summary and "Score: 1 of 1 (100%)" in summary
    assert screen.finish() == 0
    assert reviews(db) == [(mc.id, mc.answer_letter, True, 3)]


def test_end_of_input_at_a_terminal_ends_the_quiz_cleanly(quiz: tuple[Screen, Path]) -> None:
    screen, db = quiz
    screen.expect("›")
    screen.child.sendeof()
    summary = screen.expect("Score: 0 of 0")
    assert "Stopped after 0 of 3 questions." in summary
    assert screen.finish() == 0 and reviews(db) == []
