"""Markdown export: the questions, then the answer key with every answer's sources.

For reading or printing anywhere (GitHub, an editor, pandoc). Every text is escaped, so
a ``*`` or ``<b>`` in a fact shows as typed and never becomes formatting or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizgen.making.question import LETTERS, Question, facts_as_of

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&#!])")


def escape(text: str) -> str:
    """Backslash-escape Markdown's inline specials and fold the text onto one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(questions: Sequence[Question], *, title: str) -> str:
    """The questions as a Markdown document: questions, answer key, sources."""
    as_of = facts_as_of(questions)
    lines = [f"# {escape(title)}", "", *([f"{as_of}.", ""] if as_of else []),
             f"{len(questions)} questions. The answer key and sources follow the questions.", "",
             "## Questions", ""]
    for number, q in enumerate(questions, start=1):
        lines += question_lines(number, q)
    lines += ["## Answer key", ""]
    for number, q in enumerate(questions, start=1):
        lines += key_lines(number, q)
    return "\n".join(lines).rstrip("\n") + "\n"


def question_lines(number: int, q: Question) -> list[str]:
    """One question: the prompt, then its options, items or columns."""
    prompt = escape(q.prompt)
    if q.kind == "true_false":
        prompt = f"True or false? {prompt}"
    lines = [f"**{number}.** {prompt}", ""]
    if q.kind == "multiple_choice":
        lines += [f"- {LETTERS[i]}) {escape(o)}" for i, o in enumerate(q.options)] + [""]
    elif q.kind == "ordering":
        lines += [f"- {LETTERS[i]}) {escape(t)}" for i, t in enumerate(q.items)] + [""]
        lines += ["Order, earliest first: \\_\\_\\_\\_\\_", ""]
    elif q.kind == "matching":
        lines += ["| | |", "| --- | --- |"]
        lines += [f"| {i + 1}. {escape(left)} | {LETTERS[i].lower()}) {escape(right)} |"
                  for i, (left, right) in enumerate(zip(q.left, q.right, strict=True))]
        lines += [""]
    return lines


def key_lines(number: int, q: Question) -> list[str]:
    """One answer: the key, the full answer where the key is letters, the explanation, sources."""
    lines = [f"**{number}.** {escape(q.answer_key())}", ""]
    if q.kind in ("ordering", "matching"):
        lines += [escape(q.answer), ""]
    elif q.accept:
        lines += [f"Also accepted: {escape('; '.join(q.accept))}", ""]
    if q.explanation:
        lines += [f"*{escape(q.explanation)}*", ""]
    for s in q.sources:
        lines.append(f"- {escape(s.outlet)}, {s.when}: “{escape(s.quote)}”")
    return lines + [""]
