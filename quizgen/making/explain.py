"""Explanations: every question tells the student why its answer is right.

A single-fact question explains itself with the fact stated as a plain true sentence
(what its true/false template says of it) and the curator's note; a question over a
group of facts lists each fact with the outlet that reports it. Where there is no note
(or no statement), the source's own words follow, credited to that outlet alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from quizgen.bank.disputes import Sides, shows_a_side
from quizgen.bank.text import normalize
from quizgen.making.clues import names_country
from quizgen.making.wording import clipped, reported

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.making.question import SourceRef
    from quizgen.making.templates import QuestionTemplate


class Explainer:
    """Builds explanations, stating each fact once per run."""

    def __init__(self, templates: Sequence[QuestionTemplate], context: dict[str, Any],
                 sides: Sides, widen: Callable[[SourceRef], str]) -> None:
        self.statements = [t for t in templates if t.question == "true_false" and not t.disputed]
        self.context = context
        self.sides = sides  # what sides of disputes quote, by article
        self.widen = widen  # a source's quote as the whole sentence(s) it stands in
        self.stated: dict[str, str] = {}
        self.shown: dict[tuple[bool, SourceRef], str] = {}  # see shown_words

    def statement(self, fact: Fact) -> str:
        """The fact as a true sentence, or "" when no true/false template states it."""
        if fact.id not in self.stated:
            ctx = {**self.context, "fact": fact, "real": fact}
            self.stated[fact.id] = next(
                (t.render("prompt", ctx, fact.id) for t in self.statements
                 if t.fact in (fact.kind, "any") and t.applies(ctx, fact.id)), "")
        return self.stated[fact.id]

    def explain(self, t: QuestionTemplate, facts: Sequence[Fact], ctx: dict[str, Any], qid: str,
                prefix: str, sources: Sequence[SourceRef], fields: dict[str, Any]) -> str:
        """The explanation of a question about ``facts``; ``prefix`` comes first ("False. …").

        ``fields`` are the question's (its ``prompt`` and ``answer``).
        """
        prompt = fields.get("prompt", "")
        if t.explanation:
            return _join(prefix, t.render("explanation", ctx, qid))
        if len(facts) != 1:
            return prefix
        fact = facts[0]
        statement = self.statement(fact) if not fact.disputed else ""
        said = bool(statement) and (statement in prefix or statement == prompt)
        parts = [prefix, "" if said else statement, fact.note or ""]
        # A statement alone is the question turned round: the source's words come too,
        # unless a note says more. Not a fill-in's own sentence, which it already shows.
        shown = sources[:1] if fields.get("kind") == "cloze" else []
        others = [s for s in sources if s not in shown]
        if (not statement or said or not fact.note) and others:
            # The words that bear the answer out: of Masadykov's country, Izvestia's "the
            # representative of Kyrgyzstan", not Fergana's sentence that names no country.
            answer = str(fields.get("answer", ""))
            texts = [self.shown_words(fact, s) for s in others]
            i = next((i for i, text in enumerate(texts) if _bears(text, answer)), 0)
            parts.append(reported(others[i].outlet, texts[i]))
        return _join(*parts)


    def shown_words(self, fact: Fact, ref: SourceRef) -> str:
        """The sentence a quote stands in, or the quote alone where that sentence would also
        show a settled fact beside a side of a dispute (once per source and kind of fact)."""
        settled = not fact.disputed
        key = (settled, ref)
        words = self.shown.get(key)
        if words is None:
            text = self.widen(ref)
            words = self.shown[key] = (clipped(ref.quote, text) if settled and shows_a_side(
                text, ref.doc, ref.quote, self.sides) else text)
        return words


def _bears(text: str, answer: str) -> bool:
    """Whether ``text`` holds ``answer`` (a country also as its people: "Kyrgyz")."""
    if answer in ("", "True", "False"):
        return True
    return normalize(answer) in normalize(text) or names_country(text, answer)


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())
