"""JSON export: an array of question objects (schema in the README)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from quizgen.making.question import Question


def to_json(questions: Sequence[Question], *, title: str = "") -> str:
    """The questions as a JSON array, stable key order, UTF-8 text."""
    return json.dumps([question_record(q) for q in questions], ensure_ascii=False, indent=2) + "\n"


def question_record(q: Question) -> dict[str, object]:
    """One question as the export's JSON object."""
    record: dict[str, object] = {
        "id": q.id,
        "kind": q.kind,
        "prompt": q.prompt,
        "answer": q.answer,
        "accept": q.accept,
        "options": q.options,
        "answer_index": q.answer_index,
    }
    if q.kind == "cloze":
        record["cloze"] = {"before": q.cloze_before, "after": q.cloze_after}
    if q.kind == "ordering":
        record["items"] = q.items
        record["order"] = q.order
    if q.kind == "matching":
        record["left"] = q.left
        record["right"] = q.right
        record["pairs"] = q.pairs
    record.update({
        "explanation": q.explanation,
        "tags": q.tags,
        "fact_ids": q.fact_ids,
        "template_id": q.template_id,
        "sources": [s.to_dict() for s in q.sources],
        "as_of": q.as_of,
    })
    return record
