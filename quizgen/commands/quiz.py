"""``quizgen quiz``, ``quizgen review`` and ``quizgen stats``: learning in the terminal.

The quiz logic is in :mod:`quizgen.study.quiz`; this module holds the two faces it shows: a
rich one for a person at a terminal and a plain one, one answer per line, for pipes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from quizgen.commands.options import bank_options, filter_options

if TYPE_CHECKING:
    from rich.console import Console

    from quizgen.study.answers import Verdict
    from quizgen.making.question import Question
    from quizgen.study.quiz import Choice, Summary

KIND_NAMES = {
    "short_answer": "short answer", "multiple_choice": "multiple choice",
    "true_false": "true or false", "cloze": "fill in the blank",
    "ordering": "put in order", "matching": "match the pairs",
}
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _source_lines(question: Question) -> list[tuple[str, str]]:
    """``(outlet and date, quote)`` for each distinct source quote."""

    seen: set[tuple[str, str]] = set()
    lines = []
    for s in question.sources:
        line = (f"{s.outlet}, {s.when}", s.quote)
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return lines


def _solution_lines(question: Question) -> list[str]:
    """The full solution of an ordering or matching question, one line each."""
    from quizgen.making.question import LETTERS

    if question.kind == "ordering":
        # The answer text names the items in order with their dates: "X (2002); Y (2024)".
        dated = question.answer.split("; ")
        if len(dated) != len(question.order):
            dated = [question.items[i] for i in question.order]
        return [f"{LETTERS[i]}  {text}" for i, text in zip(question.order, dated, strict=True)]
    if question.kind == "matching":
        return [f"{n + 1}{LETTERS[j].lower()}  {question.left[n]} – {question.right[j]}"
                for n, j in enumerate(question.pairs)]
    return []


def _said(question: Question, given: str) -> str:
    """What the learner answered, with the text of a chosen option: ``B) Minsk``."""
    from quizgen.making.question import LETTERS

    letter = given.strip().strip("()").rstrip(").:").strip().upper()
    if question.kind == "multiple_choice" and len(letter) == 1 and letter in LETTERS:
        index = LETTERS.index(letter)
        if index < len(question.options):
            return f"{letter}) {question.options[index]}"
    return given.strip()


# --- plain text, for pipes ---------------------------------------------------------


class PlainUI:
    """One answer per input line; plain text out, so the quiz can be scripted."""

    interactive = False

    def __init__(self, stdin: TextIO, out: TextIO) -> None:
        self.stdin = stdin
        self.out = out

    def _say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, number: int, total: int, question: Question) -> str:
        from quizgen.study.answers import answer_format
        from quizgen.making.question import LETTERS

        self._say(f"\nQuestion {number} of {total} ({KIND_NAMES[question.kind]}) [{question.id}]")
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
        for line in _solution_lines(question):
            self._say(f"  {line}")
        if question.explanation:
            self._say(f"Note: {question.explanation}")
        for where, quote in _source_lines(question):
            self._say(f"Source: {where}: “{quote}”")

    def rate(self, question: Question, verdict: Verdict, default: int) -> int:
        return default

    def summary(self, summary: Summary, history_path: Path | None) -> None:
        self._say()
        if summary.stopped:
            self._say(f"Stopped after {summary.asked} of {summary.total} questions.")
        self._say(f"Score: {summary.correct} of {summary.asked} "
                  f"({_percent(summary.correct, summary.asked)})")
        if summary.missed:
            self._say("Missed:")
            for r in summary.missed:
                self._say(f"  - {r.question.prompt}")
                said = _said(r.question, r.verdict.given) or "(nothing)"
                self._say(f"    answer: {r.verdict.expected}   you said: {said}")
        if history_path and summary.asked:
            self._say(f"Saved to {history_path}")


# --- rich, for a person at a terminal ----------------------------------------------


class RichUI:
    """Colour, lettered options, what to type, and the sources after each answer."""

    interactive = True

    def __init__(self, console: Console) -> None:
        self.console = console
        self.shown: Question | None = None

    def ask(self, number: int, total: int, question: Question) -> str:
        if question is not self.shown:  # asked again after an unreadable answer: just the prompt
            self._show(number, total, question)
            self.shown = question
        return self.console.input("[bold cyan]›[/] ")

    def _show(self, number: int, total: int, question: Question) -> None:
        from rich.rule import Rule
        from rich.table import Table
        from rich.text import Text

        from quizgen.study.answers import answer_format
        from quizgen.making.question import LETTERS

        c = self.console
        c.print()
        c.print(Rule(f"[bold]Question {number} of {total}[/] · {KIND_NAMES[question.kind]}",
                     style="blue"))
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
        self.console.print(f"[yellow]Could not read that:[/] {verdict.problem}", highlight=False)

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
        for solution in _solution_lines(question):
            c.print(Text("   " + solution))
        if question.explanation:
            c.print(Text(question.explanation, style="italic"))
        lines = _source_lines(question)
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

        c = self.console
        c.print()
        c.print(Rule("[bold]Result[/]", style="blue"))
        if summary.stopped:
            c.print(f"Stopped after {summary.asked} of {summary.total} questions.")
        style = "green" if summary.asked and summary.correct == summary.asked else "bold"
        c.print(f"[{style}]Score: {summary.correct} of {summary.asked} "
                f"({_percent(summary.correct, summary.asked)})[/]")
        if summary.missed:
            table = Table(title="Missed", title_justify="left", show_lines=True)
            table.add_column("question", ratio=3)
            table.add_column("you said", style="red", ratio=1)
            table.add_column("answer", style="green", ratio=1)
            for r in summary.missed:
                table.add_row(r.question.prompt, _said(r.question, r.verdict.given) or "—",
                              r.verdict.expected)
            c.print(table)
        if history_path and summary.asked:
            from quizgen.study.history import default_path

            db = "" if history_path == default_path() else f" --db {history_path}"
            c.print(f"[dim]Saved to {history_path}. `quizgen review{db}` asks what is due; "
                    f"`quizgen stats{db}` shows your progress.[/]", soft_wrap=True)


# --- the commands ------------------------------------------------------------------


def _quiz_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--n", type=click.IntRange(min=1), default=10, show_default=True,
                     help="How many questions."),
        click.option("--question", "ids", multiple=True, metavar="ID",
                     help="Ask exactly this question (repeatable, in order)."),
        click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="History file [default: history.sqlite3 in the user data folder]."),
        click.option("--json", "as_json", is_flag=True,
                     help="Print the result as JSON on stdout (the quiz itself goes to stderr)."),
    ]):
        func = option(func)
    return bank_options(filter_options(func))


def _take(facts_path: Path, corpus_dir: Path, questions_dir: Path, choice: Choice,
          due: bool, db: Path | None, as_json: bool) -> None:
    """Load the bank, pick the questions, run the quiz with the right face, report."""
    from rich.console import Console

    from quizgen.study.history import History
    from quizgen.study.quiz import Summary, choose_questions, choose_review, run_quiz
    from quizgen.making.selection import load_and_generate

    _, generation = load_and_generate(facts_path, corpus_dir, questions_dir, seed=choice.seed)
    with History.open(db) as history:
        if due:
            chosen = choose_review(generation.questions, choice, history)
        else:
            chosen = choose_questions(generation.questions, choice)
        out = sys.stderr if as_json else sys.stdout
        ui: RichUI | PlainUI = (RichUI(Console(file=out, highlight=False)) if sys.stdin.isatty()
                                else PlainUI(sys.stdin, out))
        if chosen:
            summary = run_quiz(chosen, ui, history)
            ui.summary(summary, history.path)
        else:
            summary = Summary(total=0)
            click.echo("Nothing is due and there are no new questions: come back later.",
                       err=as_json)
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))


@click.command()
@_quiz_options
@click.option("--due", is_flag=True, help="Ask what is due first, then new questions.")
def quiz(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
         tags: tuple[str, ...], seed: int, n: int, ids: tuple[str, ...], db: Path | None,
         as_json: bool, due: bool) -> None:
    """Take a quiz in the terminal; every answer is saved to your review history.

    Multiple choice takes a letter or the option's text; true/false takes t/f, yes/no;
    ordering takes the letters in order (C A B); matching takes pairs (1b 2a 3c).
    The same seed asks the same questions: use --seed for others, or `quizgen review`
    to study what is due. Piped input is read one answer per line.

    \b
    Examples:
      quizgen quiz
      quizgen quiz --n 5 --kind multiple_choice --seed 7
      printf 'b\\nt\\n' | quizgen quiz --question ID1 --question ID2 --json
    """
    from quizgen.study.quiz import Choice

    _take(facts_path, corpus_dir, questions_dir, Choice(n, kinds, tags, seed, ids), due, db,
          as_json)


@click.command()
@_quiz_options
def review(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
           tags: tuple[str, ...], seed: int, n: int, ids: tuple[str, ...], db: Path | None,
           as_json: bool) -> None:
    """Review what is due (spaced repetition), then new questions.

    \b
    Example:
      quizgen review --n 20
    """
    from quizgen.study.quiz import Choice

    _take(facts_path, corpus_dir, questions_dir, Choice(n, kinds, tags, seed, ids), True, db,
          as_json)


@click.command()
@bank_options
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="History file [default: history.sqlite3 in the user data folder].")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(facts_path: Path, corpus_dir: Path, questions_dir: Path, db: Path | None,
          as_json: bool) -> None:
    """Show your reviews, accuracy by tag and kind, what is due, and your streak.

    \b
    Examples:
      quizgen stats
      quizgen stats --json
    """
    from quizgen.study.history import History
    from quizgen.making.selection import load_and_generate

    _, generation = load_and_generate(facts_path, corpus_dir, questions_dir)
    with History.open(db) as history:
        result = history.stats({q.id for q in generation.questions})
        path = history.path
    if as_json:
        click.echo(json.dumps(result.to_json() | {"db": str(path)}, indent=2))
    else:
        _print_stats(result.to_json(), path)


def _print_stats(data: dict[str, Any], path: Path) -> None:
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
                          _percent(row["correct"], row["reviews"]))
        console.print(table)
    console.print(f"[dim]History: {path}[/]")
