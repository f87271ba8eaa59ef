"""What the quiz shows in any face: kind names, sources, solutions, the stats table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizgen.making.question import Question

KIND_NAMES = {
    "short_answer": "short answer", "multiple_choice": "multiple choice",
    "true_false": "true or false", "cloze": "fill in the blank",
    "ordering": "put in order", "matching": "match the pairs",
}
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def source_lines(question: Question) -> list[tuple[str, str]]:
    """``(outlet and date, quote)`` for each distinct source quote."""

    seen: set[tuple[str, str]] = set()
    lines = []
    for s in question.sources:
        line = (f"{s.outlet}, {s.when}", s.quote)
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return lines


def solution_lines(question: Question) -> list[str]:
    """The full solution of an ordering or matching question, one line each."""
    from quizgen.making.question import LETTERS

    if question.kind == "ordering":
        # The answer text names the items in order with their dates: "X: 2002; Y: 2024".
        dated = question.answer.split("; ")
        if len(dated) != len(question.order):
            dated = [question.items[i] for i in question.order]
        return [f"{LETTERS[i]}  {text}" for i, text in zip(question.order, dated, strict=True)]
    if question.kind == "matching":
        return [f"{n + 1}{LETTERS[j].lower()}  {question.left[n]} – {question.right[j]}"
                for n, j in enumerate(question.pairs)]
    return []


def said(question: Question, given: str) -> str:
    """What the learner answered, with the text of a chosen option: ``B) Minsk``.

    Control characters the learner typed or piped in are shown as escapes, never raw.
    """
    from quizgen.bank.controls import visible
    from quizgen.making.question import LETTERS

    letter = given.strip().strip("()").rstrip(").:").strip().upper()
    if question.kind == "multiple_choice" and len(letter) == 1 and letter in LETTERS:
        index = LETTERS.index(letter)
        if index < len(question.options):
            return f"{letter}) {question.options[index]}"
    return visible(given.strip())


def print_stats(data: dict[str, Any], path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    accuracy = "–" if data["accuracy"] is None else f"{round(100 * data['accuracy'])}%"
    console.print(f"[bold]Reviews[/] {data['reviews']}   [bold]correct[/] {data['correct']} "
                  f"({accuracy})   [bold]streak[/] {data['streak_days']} day(s)")
    console.print(f"[bold]Due now[/] {data['due']}   [bold]in the next 7 days[/] "
                  f"{data['due_next_7_days']}   [bold]new[/] {data['new']} (never asked)")
    for title, rows in (("By kind", data["by_kind"]), ("By tag", data["by_tag"])):
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        table.add_column(title.split()[-1])
        table.add_column("reviews", justify="right")
        table.add_column("correct", justify="right")
        table.add_column("accuracy", justify="right")
        for name, row in rows.items():
            table.add_row(KIND_NAMES.get(name, name), str(row["reviews"]), str(row["correct"]),
                          percent(row["correct"], row["reviews"]))
        console.print(table)
    console.print(f"[dim]History: {path}[/]")
