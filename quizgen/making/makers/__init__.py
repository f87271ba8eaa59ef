"""One maker per question kind: each turns a template and a fact into questions.

A single-fact maker is called as ``make(gen, template, fact, ctx, qid, truths)`` and
emits through ``gen``; ordering and matching make questions over groups of facts
(:mod:`quizgen.making.makers.groups`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quizgen.making.makers.cloze import make_cloze
from quizgen.making.makers.multiple_choice import make_multiple_choice
from quizgen.making.makers.short_answer import make_short_answer
from quizgen.making.makers.true_false import make_true_false

SINGLE_MAKERS: dict[str, Callable[..., Any]] = {
    "short_answer": make_short_answer,
    "multiple_choice": make_multiple_choice,
    "true_false": make_true_false,
    "cloze": make_cloze,
}
