"""Moodle GIFT export: every question as a question type Moodle imports.

| quizgen kind      | GIFT                                                              |
| ----------------- | ----------------------------------------------------------------- |
| short_answer      | short answer ``{=answer =accepted …}`` (Moodle ignores case)      |
| multiple_choice   | multiple choice ``{=right ~wrong ~wrong ~wrong}``, options in order |
| true_false        | true/false ``{TRUE}`` / ``{FALSE}``                               |
| cloze             | short answer; the prompt keeps its ``_____`` blank                |
| matching          | matching ``{=left -> right …}``                                   |
| ordering          | matching each item to its place ``{=item -> 1st …}`` (1st = earliest) |

Every question is named by its prompt (its id is in the comment above it), sits under
``$CATEGORY: <title>/<fact kind>``, and has its explanation, sources and the date of the
facts as general feedback (``####``). Texts are HTML (``[html]``), escaped, so a ``<`` in a
fact shows as ``<``; short-answer answers stay plain text because Moodle compares them
with what the student types. GIFT cannot escape ``->``, so it is written ``→`` in answers
and matching pairs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from quizgen.making.question import Question

_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    """Escape GIFT's special characters ``\\ ~ = # { } :`` and turn newlines into ``\\n``."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def html_text(text: str) -> str:
    """Text for an ``[html]`` field: HTML-escaped, then GIFT-escaped."""
    return escape(html.escape(text, quote=False))


def category(title: str, fact_kind: str) -> str:
    """``$CATEGORY:`` path: Moodle reads ``/`` as a level and ``//`` as a slash, and does not
    unescape category lines, so backslashes and newlines are dropped instead."""
    def part(text: str) -> str:
        return " ".join(text.replace("\\", "").split()).replace("/", "//")

    return f"{part(title)}/{part(fact_kind)}"


def to_gift(questions: Sequence[Question], *, title: str) -> str:
    """The questions as a GIFT file: one ``$CATEGORY`` per fact kind, then its questions."""
    blocks = [f"// {len(questions)} questions from \"{' '.join(title.split())}\", "
              "written by quizgen (Moodle GIFT)"]
    names = question_names(questions)
    for kind in sorted({q.fact_kind for q in questions}):
        blocks.append(f"$CATEGORY: {category(title, kind)}")
        blocks.extend(question_block(q, names[q.id]) for q in questions if q.fact_kind == kind)
    return "\n\n".join(blocks) + "\n"


def question_block(q: Question, name: str | None = None) -> str:
    """One question: a comment with its id, ``::name::``, the ``[html]`` text and its answers."""
    text = q.prompt
    if q.kind == "true_false":
        answers = ["TRUE" if q.answer_index == 0 else "FALSE"]
    elif q.kind == "multiple_choice":
        answers = [("=" if i == q.answer_index else "~" + _weight(o, "0")) + html_text(o)
                   for i, o in enumerate(q.options)]
    elif q.kind in ("short_answer", "cloze"):
        answers = ["=" + _weight(a, "100") + escape(_no_arrow(a)) for a in (q.answer, *q.accept)]
    elif q.kind == "matching":
        answers = [f"={_match_text(left)} -> {_match_text(q.right[j], plain=True)}"
                   for left, j in zip(q.left, q.pairs, strict=True)]
    else:  # ordering: Moodle has no ordering type in GIFT, so match each item to its place
        text = f"{q.prompt} Give each its place: 1st is the earliest."
        place = {item: rank for rank, item in enumerate(q.order)}
        answers = [f"={_match_text(item)} -> {ordinal(place[i] + 1)}"
                   for i, item in enumerate(q.items)]
    feedback = general_feedback(q)
    lines = [f"// {q.id} ({q.kind})", f"::{html_text(name or question_name(q))}::[html]{html_text(text)}{{"]
    lines += [f"\t{a}" for a in answers]
    if feedback:
        lines.append(f"\t####{feedback}")
    lines.append("}")
    return "\n".join(lines)


NAME_LENGTH = 80  # Moodle lists questions by name: the prompt's start says what each asks


def question_name(q: Question) -> str:
    """The question's name in Moodle: its prompt, cut at a word to about 80 characters."""
    text = " ".join(q.prompt.split())
    if len(text) <= NAME_LENGTH:
        return text
    return text[:NAME_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def question_names(questions: Sequence[Question]) -> dict[str, str]:
    """Each question's name, made unique within the file by ``(2)``, ``(3)``, … after repeats."""
    seen: dict[str, int] = {}
    names = {}
    for q in questions:
        name = question_name(q)
        seen[name] = seen.get(name, 0) + 1
        names[q.id] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return names


def general_feedback(q: Question) -> str:
    """The explanation, every source and the date of the facts, as GIFT-escaped HTML."""
    from quizgen.render.feedback import feedback_html

    return escape(feedback_html(q))


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, … ``11th``, ``21st``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _no_arrow(text: str) -> str:
    # "->" separates the sides of a matching pair (and makes Moodle read a short answer as
    # matching); GIFT has no escape for it.
    return text.replace("->", "→")


def _match_text(text: str, *, plain: bool = False) -> str:
    return escape(_no_arrow(text)) if plain else html_text(_no_arrow(text))


def _weight(answer: str, percent: str) -> str:
    # An answer that starts with "%5%" would be read as a weight; state the real one first.
    return f"%{percent}%" if answer.startswith("%") else ""
