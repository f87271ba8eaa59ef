"""The rich face of the quiz, for a person at a terminal: colour, lettered options, sources."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.bank.controls import visible
from quizgen.study.display import KIND_NAMES, RATING_NAMES, percent, said, solution_lines, source_lines

if TYPE_CHECKING:
    from rich.console import Console

    from quizgen.making.question import Question
    from quizgen.study.answers import Verdict
    from quizgen.study.quiz import Summary


class RichUI:
    """Colour, lettered options, what to type, and the sources after each answer."""

    interactive = True

    def __init__(self, console: Console) -> None:
        self.console = console
        self.shown: Question | None = None
        self.labels: dict[str, str] = {}  # question id -> "new" or "due, … overdue" (review)

    def header(self, lines: list[str]) -> None:
        """What the quiz is: the date of the facts, the seed, due and new counts."""
        from rich.text import Text

        for line in lines:
            self.console.print(Text(line, style="dim"))

    def ask(self, number: int, total: int, question: Question) -> str:
        if question is not self.shown:  # asked again after an unreadable answer: just the prompt
            self._show(number, total, question)
            self.shown = question
        return self.console.input("[bold cyan]›[/] ")

    def _show(self, number: int, total: int, question: Question) -> None:
        from rich.rule import Rule
        from rich.table import Table
        from rich.text import Text

        from quizgen.making.question import LETTERS
        from quizgen.study.answers import answer_format

        c = self.console
        c.print()
        label = self.labels.get(question.id)
        c.print(Rule(f"[bold]Question {number} of {total}[/] · {KIND_NAMES[question.kind]}"
                     + (f" · [yellow]{label}[/]" if label else ""), style="blue"))
        c.print(Text(question.prompt, style="bold"))
        rows = Table.grid(padding=(0, 2))
        if question.kind == "multiple_choice":
            rows.add_column(style="bold cyan", justify="right")
            rows.add_column()
            for i, option in enumerate(question.options):
                rows.add_row(f" {LETTERS[i]}", option)
        elif question.kind == "ordering":
            rows.add_column(style="bold cyan", justify="right")
            rows.add_column()
            for i, item in enumerate(question.items):
                rows.add_row(f" {LETTERS[i]}", item)
        elif question.kind == "matching":
            for style in ("bold cyan", "", "bold magenta", ""):
                rows.add_column(style=style)
            for i in range(max(len(question.left), len(question.right))):
                left = question.left[i] if i < len(question.left) else ""
                right = question.right[i] if i < len(question.right) else ""
                rows.add_row(f" {i + 1}" if left else "", left,
                             LETTERS[i].lower() if right else "", right)
        if rows.columns:
            c.print(rows)
        c.print(Text(answer_format(question) + " · Enter alone: don't know · Ctrl-C: stop",
                     style="dim"))

    def unreadable(self, question: Question, verdict: Verdict) -> None:
        from rich.text import Text

        self.console.print(Text("Could not read that: ", style="yellow")
                           + Text(visible(verdict.problem or "")))

    def feedback(self, question: Question, verdict: Verdict) -> None:
        from rich.table import Table
        from rich.text import Text

        c = self.console
        if verdict.correct:
            line = Text("✓ Right!", style="bold green")
            if verdict.typo:
                line.append("  Accepted with a typo; the exact spelling is ", style="yellow")
                line.append(verdict.matched, style="bold")
        else:
            line = Text("✗ Wrong." if verdict.given.strip() else "✗ Not answered.",
                        style="bold red")
            if verdict.problem:
                line.append(f" ({verdict.problem})", style="yellow")
            line.append(" The answer is: ")
            line.append(verdict.expected, style="bold green")
            if verdict.detail:
                line.append(f"  ({verdict.detail})", style="dim")
        c.print(line)
        for solution in solution_lines(question):
            c.print(Text("   " + solution))
        if question.explanation:
            c.print(Text(question.explanation, style="italic"))
        lines = source_lines(question)
        c.print(Text("Source:" if len(lines) == 1 else "Sources:", style="dim"))
        sources = Table.grid(padding=(0, 1))
        sources.add_column(style="dim", no_wrap=True)
        sources.add_column()
        for where, quote in lines:
            text = Text(where + ": ", style="bold dim")
            text.append(f"“{quote}”", style="dim")
            sources.add_row("  •", text)
        c.print(sources)

    def rate(self, question: Question, verdict: Verdict, default: int) -> int:
        from quizgen.study.history import RATINGS

        names = " · ".join(f"[bold]{n}[/] {name}" for n, name in RATING_NAMES.items())
        while True:
            answer = self.console.input(
                f"[dim]How well did you know it?[/] {names}  [dim](Enter: "
                f"{RATING_NAMES[default]})[/] ").strip().lower()
            if not answer:
                return default
            if answer.isdigit() and int(answer) in RATING_NAMES:
                return int(answer)
            match = [v for k, v in RATINGS.items() if k.startswith(answer)]
            if len(match) == 1:
                return match[0]
            self.console.print("[yellow]Type 1, 2, 3 or 4 (or again, hard, good, easy).[/]")

    def summary(self, summary: Summary, history_path: Path | None) -> None:
        from rich.rule import Rule
        from rich.table import Table
        from rich.text import Text

        c = self.console
        c.print()
        c.print(Rule("[bold]Result[/]", style="blue"))
        if summary.stopped:
            c.print(f"Stopped after {summary.asked} of {summary.total} questions.")
        style = "green" if summary.asked and summary.correct == summary.asked else "bold"
        c.print(f"[{style}]Score: {summary.correct} of {summary.asked} "
                f"({percent(summary.correct, summary.asked)})[/]")
        if summary.missed:
            table = Table(title="Missed", title_justify="left", show_lines=True)
            table.add_column("question", ratio=3)
            table.add_column("you said", style="red", ratio=1)
            table.add_column("answer", style="green", ratio=1)
            for r in summary.missed:
                table.add_row(Text(r.question.prompt),
                              Text(said(r.question, r.verdict.given) or "—"),
                              Text(r.verdict.expected))
            c.print(table)
        if history_path and summary.asked:
            from quizgen.study.history import default_path

            db = "" if history_path == default_path() else f" --db {history_path}"
            c.print(f"[dim]Saved to {history_path}. `quizgen review{db}` asks what is due; "
                    f"`quizgen stats{db}` shows your progress.[/]", soft_wrap=True)
