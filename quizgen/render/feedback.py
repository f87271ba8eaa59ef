"""What every LMS export (GIFT, Moodle XML, QTI) shows as a question's general feedback."""

from __future__ import annotations

import html

from quizgen.making.question import Question


def feedback_html(q: Question) -> str:
    """The explanation, every source (outlet, date, quote) and the date of the facts, as HTML."""
    def text(value: str) -> str:
        return html.escape(value, quote=False)

    parts = [text(q.explanation)] if q.explanation else []
    for s in q.sources:
        parts.append(f"<b>{text(s.outlet)}</b> ({text(s.when)}): “{text(s.quote)}”")
    if q.as_of:
        parts.append(f"<i>{text(q.as_of_line)}.</i>")
    return "<br>".join(parts)
