"""True or false: each fact's true statement, and a false one with the field swapped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizgen.bank.text import normalize
from quizgen.making.makers.cloze import word_spans

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.making.generate import Generator
    from quizgen.making.templates import QuestionTemplate


def make_true_false(gen: Generator, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
                    truths: dict[str, set[str]]) -> None:
    statement = gen.render_once(t, "prompt", ctx, fact.id)
    gen.emit(t, [fact], f"{qid}:true", ctx, kind="true_false", prompt=statement,
             answer="True", options=["True", "False"], answer_index=0)
    for value in gen.wrong_values(t, fact, ctx, qid):
        false = t.render("prompt", gen.swapped(t, fact, ctx, value), fact.id)
        if normalize(false) in truths or false == statement:
            continue
        if isinstance(value, str) and word_spans(statement, value):
            continue  # "X will succeed X": the true statement already names the swapped-in value
        gen.emit(t, [fact], f"{qid}:false", ctx, kind="true_false", prompt=false,
                 answer="False", options=["True", "False"], answer_index=1,
                 explanation_prefix=f"False. {statement}")
        return
    gen.skip(t, [fact], "no false statement that the bank does not hold true")
