"""Cloze: a source's text with the answer blanked, where it occurs exactly once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.making.generate import Generator
    from quizgen.making.templates import QuestionTemplate

BLANK = "_____"


def make_cloze(gen: Generator, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
               truths: dict[str, set[str]]) -> None:
    answer = gen.render_once(t, "answer", ctx, fact.id)
    forms = [answer, *gen.accept(t, fact, ctx, answer)]
    refs = gen.sources[fact.id]
    for i, source in enumerate(fact.sources):
        text = t.render("text", {**ctx, "quote": source.quote}, fact.id)
        for form in forms:
            at = text.find(form)
            if at < 0 or text.find(form, at + 1) >= 0:
                continue
            intro = t.render("prompt", {**ctx, "source": {"outlet": refs[i].outlet}}, fact.id)
            before = f"{intro} {text[:at]}" if intro else text[:at]
            after = text[at + len(form):]
            ordered = [refs[i], *refs[:i], *refs[i + 1:]]
            gen.emit(t, [fact], qid, ctx, kind="cloze", prompt=f"{before}{BLANK}{after}",
                     answer=form, accept=[f for f in forms if f != form],
                     cloze_before=before, cloze_after=after, sources=ordered)
            return
    gen.skip(t, [fact], "the answer does not occur exactly once in the text")
