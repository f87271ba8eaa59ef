"""Moodle XML export: what GIFT carries, plus per-answer feedback and weights.

| quizgen kind      | Moodle question type                                                  |
| ----------------- | --------------------------------------------------------------------- |
| short_answer      | ``shortanswer``: every accepted form at 100%                          |
| multiple_choice   | ``multichoice`` (one answer), options in the order shown              |
| true_false        | ``truefalse``                                                         |
| cloze             | ``shortanswer``; the text keeps its ``_____`` blank                   |
| matching          | ``matching``                                                          |
| ordering          | ``matching``: each item to its place, 1st the earliest                 |

Each question sits in the category ``<title>/<fact kind>``, is named by its prompt (as in
GIFT) with its id in an XML comment before it, and has its explanation, sources and the
date of the facts as general feedback; every option has its weight and its feedback (a
wrong one says which was right).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from quizgen.making.question import Question
from quizgen.render.feedback import feedback_html
from quizgen.render.gift import ordinal, question_names

TYPES = {"short_answer": "shortanswer", "cloze": "shortanswer", "multiple_choice": "multichoice",
         "true_false": "truefalse", "matching": "matching", "ordering": "matching"}
PENALTY = "0.3333333"  # Moodle's default for a retry in an interactive quiz


def to_moodle_xml(questions: Sequence[Question], *, title: str) -> str:
    """The questions as a Moodle XML file: a category per fact kind, then its questions."""
    root = ET.Element("quiz")
    names = question_names(questions)
    for kind in sorted({q.fact_kind for q in questions}):
        category = ET.SubElement(root, "question", type="category")
        _text(ET.SubElement(category, "category"), f"$course$/top/{_path(title)}/{_path(kind)}")
        for q in questions:
            if q.fact_kind == kind:
                root.append(ET.Comment(f" {q.id} ({q.kind}) ".replace("--", "- -")))
                root.append(question(q, names[q.id]))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"])


def _path(text: str) -> str:
    # Moodle reads "/" in a category path as a level; "//" stands for a slash.
    return " ".join(text.split()).replace("/", "//")


def _text(parent: ET.Element, text: str) -> ET.Element:
    ET.SubElement(parent, "text").text = text
    return parent


def _html(parent: ET.Element, tag: str, text: str) -> None:
    _text(ET.SubElement(parent, tag, format="html"), text)


def question(q: Question, name: str) -> ET.Element:
    """One question element."""
    element = ET.Element("question", type=TYPES[q.kind])
    _text(ET.SubElement(element, "name"), name)
    prompt = q.prompt if q.kind != "ordering" else \
        f"{q.prompt} Give each its place: 1st is the earliest."
    _html(element, "questiontext", f"<p>{html.escape(prompt, quote=False)}</p>")
    _html(element, "generalfeedback", feedback_html(q))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = PENALTY
    ET.SubElement(element, "hidden").text = "0"
    if q.kind == "multiple_choice":
        ET.SubElement(element, "single").text = "true"
        ET.SubElement(element, "shuffleanswers").text = "false"
        ET.SubElement(element, "answernumbering").text = "ABCD"
        right = html.escape(q.answer, quote=False)
        for i, option in enumerate(q.options):
            good = i == q.answer_index
            answer = ET.SubElement(element, "answer", fraction="100" if good else "0",
                                   format="html")
            _text(answer, html.escape(option, quote=False))
            _html(answer, "feedback", "Right." if good else f"No: the answer is {right}.")
    elif q.kind == "true_false":
        for value in ("true", "false"):
            good = (value == "true") == (q.answer == "True")
            answer = ET.SubElement(element, "answer", fraction="100" if good else "0",
                                   format="moodle_auto_format")
            _text(answer, value)
            _html(answer, "feedback", "Right." if good else f"No: it is {q.answer.lower()}.")
    elif q.kind in ("short_answer", "cloze"):
        ET.SubElement(element, "usecase").text = "0"
        for form in (q.answer, *q.accept):
            answer = ET.SubElement(element, "answer", fraction="100",
                                   format="moodle_auto_format")
            _text(answer, form.replace("*", "\\*"))  # "*" is Moodle's wildcard
            _html(answer, "feedback", "")
    else:
        ET.SubElement(element, "shuffleanswers").text = "true"
        for left, right in _pairs(q):
            sub = ET.SubElement(element, "subquestion", format="html")
            _text(sub, html.escape(left, quote=False))
            _text(ET.SubElement(sub, "answer"), right)
    return element


def _pairs(q: Question) -> list[tuple[str, str]]:
    if q.kind == "matching":
        return [(left, q.right[j]) for left, j in zip(q.left, q.pairs, strict=True)]
    rank = {index: r for r, index in enumerate(q.order)}
    return [(text, ordinal(rank[i] + 1)) for i, text in enumerate(q.items)]
