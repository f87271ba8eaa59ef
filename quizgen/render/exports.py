"""One entry point for every export format: ``render_export(questions, "gift", …)``."""

from __future__ import annotations

from collections.abc import Sequence

from quizgen.making.question import Question


def render_export(questions: Sequence[Question], fmt: str, *, title: str) -> str:
    """The questions as the text of a ``json``, ``csv``, ``gift`` or ``md`` file."""
    if fmt == "json":
        from quizgen.render.json import to_json

        return to_json(questions)
    if fmt == "csv":
        from quizgen.render.csv import to_csv

        return to_csv(questions)
    if fmt == "gift":
        from quizgen.render.gift import to_gift

        return to_gift(questions, title=title)
    if fmt == "md":
        from quizgen.render.markdown import to_markdown

        return to_markdown(questions, title=title)
    raise ValueError(f"unknown export format {fmt!r}")
