"""The plain face of the quiz: one answer per input line, plain text out, for pipes and scripts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from quizgen.bank.controls import visible
from quizgen.study.display import KIND_NAMES, percent, said, solution_lines, source_lines

if TYPE_CHECKING:
    from quizgen.making.question import Question
    from quizgen.study.answers import Verdict
    from quizgen.study.quiz import Summary


class PlainUI:
    """One answer per input line; plain text out, so the quiz can be scripted."""

    interactive = False

    def __init__(self, stdin: TextIO, out: TextIO) -> None:
        self.stdin = stdin
        self.out = out
        self.labels: dict[str, str] = {}  # question id -> "new" or "due, … overdue" (review)

    def header(self, lines: list[str]) -> None:
        """What the quiz is: the date of the facts, the seed, due and new counts."""
        for line in lines:
            self._say(line)

    def _say(self, text: str = "") -> None:
        self.out.write(visible(text) + "\n")
        self.out.flush()

    def ask(self, number: int, total: int, question: Question) -> str:
        from quizgen.making.question import LETTERS
        from quizgen.study.answers import answer_format

        label = self.labels.get(question.id)
        self._say(f"\nQuestion {number} of {total} ({KIND_NAMES[question.kind]}"
                  f"{', ' + label if label else ''}) [{question.id}]")
        self._say(question.prompt)
        if question.kind == "multiple_choice":
            for i, option in enumerate(question.options):
                self._say(f"  {LETTERS[i]}) {option}")
        for i, item in enumerate(question.items):
            self._say(f"  {LETTERS[i]}) {item}")
        for i, item in enumerate(question.left):
            self._say(f"  {i + 1}) {item}")
        for i, item in enumerate(question.right):
            self._say(f"  {LETTERS[i].lower()}) {item}")
        self._say(answer_format(question))
        self.out.write("Answer: ")
        line = self.stdin.readline()
        if not line:
            self._say()
            raise EOFError
        given = line.rstrip("\r\n")
        self._say(given)  # a pipe does not echo; keep the transcript readable
        return given

    def unreadable(self, question: Question, verdict: Verdict) -> None:
        self._say(f"Could not read that: {verdict.problem}")

    def feedback(self, question: Question, verdict: Verdict) -> None:
        if verdict.correct:
            self._say("Right." + (f" Accepted with a typo; the exact spelling is: {verdict.matched}"
                                  if verdict.typo else ""))
        else:
            if verdict.problem:
                self._say(f"Could not read that: {verdict.problem}")
            self._say(f"Wrong. The answer is: {verdict.expected}")
        if verdict.detail and not verdict.correct:
            self._say(f"({verdict.detail})")
        for line in solution_lines(question):
            self._say(f"  {line}")
        if question.explanation:
            self._say(f"Note: {question.explanation}")
        for where, quote in source_lines(question):
            self._say(f"Source: {where}: “{quote}”")

    def rate(self, question: Question, verdict: Verdict, default: int) -> int:
        return default

    def summary(self, summary: Summary, history_path: Path | None) -> None:
        self._say()
        if summary.stopped:
            self._say(f"Stopped after {summary.asked} of {summary.total} questions.")
        self._say(f"Score: {summary.correct} of {summary.asked} "
                  f"({percent(summary.correct, summary.asked)})")
        if summary.missed:
            self._say("Missed:")
            for r in summary.missed:
                self._say(f"  - {r.question.prompt}")
                given = said(r.question, r.verdict.given) or "(nothing)"
                self._say(f"    answer: {r.verdict.expected}   you said: {given}")
        if history_path and summary.asked:
            self._say(f"Saved to {history_path}")
