"""Short answer: the prompt, and the answer with its accepted forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizgen.bank.text import normalize

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.making.generate import Generator
    from quizgen.making.templates import QuestionTemplate

AMBIGUOUS = "ambiguous: the bank gives several right answers to this prompt"


def make_short_answer(gen: Generator, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
                      truths: dict[str, set[str]]) -> None:
    prompt = gen.render_once(t, "prompt", ctx, fact.id)
    if len(truths[normalize(prompt)]) > 1:
        gen.skip(t, [fact], AMBIGUOUS)
        return
    answer = gen.render_once(t, "answer", ctx, fact.id)
    gen.emit(t, [fact], qid, ctx, kind="short_answer", prompt=prompt,
             answer=answer, accept=gen.accept(t, fact, ctx, answer))
