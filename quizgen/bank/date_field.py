"""``Date``: the field type of a bank's dates (a :class:`PartialDate`, read and written
as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). Apart from the dates themselves, so that what
reads dates without validating a bank (a quiz answer, a cached question) needs no pydantic."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from quizgen.bank.dates import PartialDate


def _validate(value: Any) -> PartialDate:
    return PartialDate.parse(value)


Date = Annotated[
    PartialDate,
    PlainValidator(_validate),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema({
        "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                  {"type": "integer", "minimum": 1, "maximum": 9999}],
        "description": "YYYY, YYYY-MM or YYYY-MM-DD",
    }),
]
