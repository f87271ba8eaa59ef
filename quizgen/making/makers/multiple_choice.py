"""Multiple choice: the answer and three wrong options from the swapped field's pool."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizgen.bank.text import normalize
from quizgen.making.makers.cloze import word_spans
from quizgen.making.makers.short_answer import AMBIGUOUS

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.making.generate import Generator
    from quizgen.making.templates import QuestionTemplate

OPTIONS = 4
FEWEST = 3  # options, for pools a bank may hold only three of (a bank of three articles)
SMALL_POOLS = ("outlet",)


def make_multiple_choice(gen: Generator, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any],
                         qid: str, truths: dict[str, set[str]]) -> None:
    prompt = gen.render_once(t, "prompt", ctx, fact.id)
    answer = gen.render_once(t, "answer", ctx, fact.id)
    accept = gen.accept(t, fact, ctx, answer)
    right = truths[normalize(prompt)]
    if len(right) > 1:
        gen.skip(t, [fact], AMBIGUOUS)
        return
    taken = {normalize(a) for a in [answer, *accept]}
    wrong: list[str] = []
    for value in gen.wrong_values(t, fact, ctx, qid):
        text = gen.wrong_answer(t, fact, ctx, value)
        key = normalize(text)
        # An option the prompt itself names ("Who will succeed X?" offering X) is no option.
        if key in taken or key in right or word_spans(prompt, text):
            continue
        taken.add(key)
        wrong.append(text)
        if len(wrong) == OPTIONS - 1:
            break
    else:
        if len(wrong) >= FEWEST - 1 and t.swap and t.swap.pool in SMALL_POOLS:
            gen.emit(t, [fact], qid, ctx, kind="multiple_choice", prompt=prompt, answer=answer,
                     accept=accept, options=[answer, *wrong], answer_index=0)
            return
        # None at all also when the answer is not of the pool's type (see Pools.wrong_values).
        found = f"only {len(wrong)}" if wrong else "no"
        gen.skip(t, [fact], f"{found} wrong options of the answer's type in the "
                 f"{t.swap.pool if t.swap else '?'} pool; needs {OPTIONS - 1}")
        return
    # "Foreign Minister" for Foreign Minister of Brazil would also fit Foreign Minister of Saudi Arabia.
    accept = [a for a in accept if not any(normalize(w).startswith(normalize(a)) for w in wrong)
              and a not in getattr(fact, "place_accept", ())]  # "Russia" picks no city
    options = [answer, *wrong]
    gen.emit(t, [fact], qid, ctx, kind="multiple_choice", prompt=prompt, answer=answer,
             accept=accept, options=options, answer_index=0)
