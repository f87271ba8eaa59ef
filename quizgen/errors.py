"""The exceptions quizgen raises for problems a user can fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


SHOWN = 20  # problems a BankError lists; the rest are counted


class QuizgenError(Exception):
    """Base class: a problem with the user's input, reported without a traceback."""


class BankError(QuizgenError):
    """Raised when the corpus or the facts file cannot be read or is invalid.

    Carries every problem found, each already naming its file, line and field.
    """

    def __init__(self, problems: list[str], summary: str | None = None) -> None:
        self.problems = problems
        head = summary or f"{len(problems)} problem(s) in the bank"
        shown = problems[:SHOWN]
        more = len(problems) - len(shown)
        lines = [head + ":", *(f"  {p}" for p in shown)]
        if more:
            lines.append(f"  … and {more} more")
        super().__init__("\n".join(lines))


class FilterError(QuizgenError):
    """Raised when ``--tag`` names no tag in the bank: a usage error (exit 2)."""


class TemplateError(QuizgenError):
    """Raised when a question template is invalid or fails to render for a fact."""


class OutputError(QuizgenError):
    """Raised when an output file cannot be written."""


class HistoryError(QuizgenError):
    """Raised when the review history database cannot be opened or is damaged."""


def validation_message(err: ErrorDetails) -> str:
    """A pydantic error's message, without pydantic's "Value error, " in front of ours."""
    ctx = err.get("ctx")
    if err.get("type") == "value_error" and isinstance(ctx, dict) and "error" in ctx:
        return str(ctx["error"])
    return str(err["msg"])
