"""Facts × templates → questions, each carrying its answer, distractors and sources.

The run is here; each question kind's maker is in :mod:`quizgen.making.makers`, and the
pools wrong options come from in :mod:`quizgen.making.pools`.
"""

from __future__ import annotations

import functools
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from quizgen.bank.dates import PartialDate
from quizgen.bank.facts import Fact
from quizgen.bank.loader import Bank
from quizgen.bank.sentences import sentences_around
from quizgen.bank.text import normalize
from quizgen.forked import map_on_two_cores
from quizgen.gcpause import gc_paused
from quizgen.making.audit import InternalIds, defects
from quizgen.making.clues import person_countries, person_words, speaker_clue
from quizgen.making.context import template_globals
from quizgen.making.explain import Explainer
from quizgen.making.generation import Generation, Skipped
from quizgen.making.makers import SINGLE_MAKERS
from quizgen.making.makers.groups import make_groups
from quizgen.making.makers.multiple_choice import OPTIONS
from quizgen.making.pools import Pools
from quizgen.making.question import NO_ITEMS, FrozenList, Question, SourceRef
from quizgen.making.sandbox import WATCHDOG
from quizgen.making.templates import QuestionTemplate
from quizgen.making.trie import any_of
from quizgen.making.wording import post_forms

# Generation runs on two cores from this many (template, fact) pairs: below it, a fork
# costs more than it saves (the default bank has about 1,000).
TWO_CORES_FROM = 20_000
# Question's list fields, always passed: a dataclass default makes a new `[]` each time.
_LIST_FIELDS = ("accept", "options", "items", "order", "left", "right", "pairs")


def generate_questions(bank: Bank, templates: Sequence[QuestionTemplate], seed: int = 0) -> Generation:
    """Make every question the templates allow; the same inputs give the same output.

    Each render is bounded in time (see quizgen.making.sandbox): a runaway template raises
    TemplateError naming the template and the fact.
    """
    with WATCHDOG.watching(), gc_paused():
        return Generator(bank, templates, seed).run()


class Generator:
    """One run over a bank: the makers render, check and emit through it."""

    def __init__(self, bank: Bank, templates: Sequence[QuestionTemplate], seed: int) -> None:
        self.bank = bank
        self.templates = templates
        self.seed = seed
        self.out = Generation()
        self.asked: dict[tuple[str, ...], str] = {}  # what a question asks -> the first id
        self.as_of = bank.facts_file.as_of
        self.as_of_iso = self.as_of.iso()
        self.pools = Pools(bank)
        self.rendered: dict[tuple[int, str], str] = {}
        self.events: list[Question | Skipped] = []  # the current template's: see _events
        self.wrong_answers: dict[tuple[str, str, Any], str] = {}  # see wrong_answer
        self.sources = {f.id: FrozenList(source_ref(bank, s.doc, s.quote) for s in f.sources)
                        for f in bank.facts}
        self.tag_lists: dict[tuple[str, ...], list[str]] = {}  # see _tag_list
        self.internals = InternalIds([*(f.id for f in bank.facts), *(t.id for t in templates)])
        self.titles = person_words(bank.facts)
        self.countries = person_countries(bank.facts)
        self.globals = template_globals(bank, self.sources)
        self.explainer = Explainer(templates, self.globals, bank.dispute_sides,
                                   lambda ref: sentences_around(bank.document(ref.doc), ref.quote))

    @functools.cached_property
    def people_named(self) -> re.Pattern[str] | None:
        """Finds a text that holds any spelling of any person's name (anywhere in it)."""
        return any_of(self.titles)

    def run(self) -> Generation:
        work = self._work()
        events = self._events_of_all(work)
        for template_events in events:
            self._replay(template_events)
        self._balance_answer_positions()
        return self.out

    def _work(self) -> list[tuple[QuestionTemplate, list[Fact]]]:
        """Each template with the facts it takes, in template order."""
        # The facts of each kind, disputed or not, in bank order: each template takes one
        # or (for fact: any) all kinds of these, without scanning the bank again.
        by_kind: dict[tuple[str, bool], list[Fact]] = defaultdict(list)
        for fact in self.bank.facts:
            by_kind[fact.kind, fact.disputed is not None].append(fact)
        work = []
        for template in self.templates:
            if template.fact == "any":
                facts = [f for f in self.bank.facts if (f.disputed is not None) == template.disputed]
            else:
                facts = by_kind[template.fact, template.disputed]
            work.append((template, facts))
        return work

    def _events_of_all(self, work: list[tuple[QuestionTemplate, list[Fact]]],
                       ) -> list[list[Question | Skipped]]:
        """Every template's events, in template order; a large bank's on two cores.

        Each template's events depend on nothing another template did (what they share
        are caches of pure functions), so a forked child may make any of them. On any
        error the templates are made again here, in order, so the error is the one a
        single process raises first.
        """
        def events(i: int) -> list[Question | Skipped]:
            return self._events(*work[i])

        if sum(len(facts) for _, facts in work) >= TWO_CORES_FROM:
            # Largest first, each to whichever process is free: the last ones even out.
            order = sorted(range(len(work)), key=lambda i: -len(work[i][1]))
            self._build_shared()
            try:
                made = map_on_two_cores(events, order)
            except Exception:  # noqa: BLE001 - raised again below, in template order
                pass
            else:
                by_template = dict(zip(order, made, strict=True))
                return [by_template[i] for i in range(len(work))]
        return [events(i) for i in range(len(work))]

    def _build_shared(self) -> None:
        """Build, before a fork, the indexes both processes' templates would each build."""
        if any(t.swap and t.swap.field == "speaker" for t in self.templates):
            _ = self.pools.speakers
        if any(t.question == "matching" for t in self.templates):
            _ = self.people_named

    def _events(self, template: QuestionTemplate, facts: list[Fact]) -> list[Question | Skipped]:
        """The questions one template makes and the ones it skips, in the order it met them
        (repeats of other templates' questions are found later, by _replay)."""
        WATCHDOG.rearm()  # a forked child has no timer of its own
        self.events = []
        self.rendered.clear()
        if template.question in ("ordering", "matching"):
            # Background events may fill a timeline; background pairs make matching
            # general knowledge ("Putin – President of Russia").
            make_groups(self, template, facts if template.question == "ordering"
                        else [f for f in facts if f.importance != "background"])
        else:
            self._single_questions(template, facts)
        return self.events

    def _replay(self, events: list[Question | Skipped]) -> None:
        """Add one template's events to the run; a question asked before is skipped."""
        for event in events:
            if isinstance(event, Skipped):
                self.out.skipped.append(event)
                continue
            asked = (event.kind, event.prompt, *sorted([*event.items, *event.left, *event.right]))
            first = self.asked.setdefault(asked, event.id)
            if first != event.id:
                self.out.skipped.append(Skipped(event.template_id, tuple(event.fact_ids),
                                                f"repeats question {first}"))
            else:
                self.out.questions.append(event)

    def _single_questions(self, template: QuestionTemplate, facts: list[Fact]) -> None:
        contexts = [(fact, ctx) for fact in facts for ctx in self._contexts(template, fact)
                    if template.applies(ctx, fact.id)]
        # What the bank holds true for this template: wrong options must not be among it.
        truths: dict[str, set[str]] = defaultdict(set)
        if template.question != "cloze":
            for fact, ctx in contexts:
                prompt = self.render_once(template, "prompt", ctx, fact.id)
                answer = (self.render_once(template, "answer", ctx, fact.id)
                          if template.answer else "")
                truths[normalize(prompt)].add(normalize(answer))
        maker = SINGLE_MAKERS[template.question]
        for fact, ctx in contexts:
            if fact.importance == "background":
                continue  # background facts count among the truths above, but ask nothing
            clue = speaker_clue(template, fact, self.countries)
            if clue:
                self.skip(template, [fact], clue)
                continue
            part = ctx.get("part")
            qid = f"{template.id}:{fact.id}" + (f":{part}" if part else "")
            maker(self, template, fact, ctx, qid, truths)
        self.rendered.clear()

    def render_once(self, t: QuestionTemplate, name: str, ctx: dict[str, Any], fact_id: str) -> str:
        """Render a field for a fact's own context once: the truths pass and the makers share it.

        Keyed by ``id(ctx)``: the contexts live in ``_single_questions`` until it clears this.
        """
        key = (id(ctx), name)
        text = self.rendered.get(key)
        if text is None:
            text = self.rendered[key] = t.render(name, ctx, fact_id)
        return text

    def _contexts(self, template: QuestionTemplate, fact: Fact) -> Iterable[dict[str, Any]]:
        base = {**self.globals, "fact": fact, "real": fact}
        if not template.per_source:
            yield base
            return
        for i, source in enumerate(fact.sources):
            ref = self.sources[fact.id][i]
            yield {**base, "part": str(i + 1), "source": {
                "doc": source.doc, "quote": source.quote, "claim": source.claim,
                "outlet": ref.outlet, "title": ref.title, "published": ref.published}}

    def emit(self, t: QuestionTemplate, facts: list[Fact], qid: str, ctx: dict[str, Any], *,
             explanation_prefix: str = "", sources: list[SourceRef] | None = None,
             **fields: Any) -> None:
        """Add a question, unless its audit finds defects or it repeats an earlier one."""
        if sources is None:
            sources = (self.sources[facts[0].id] if len(facts) == 1
                       else [s for f in facts for s in self.sources[f.id][:1]])
        explanation = self.explainer.explain(t, facts, ctx, qid, explanation_prefix, sources,
                                             fields)
        tags = self._tag_list(sorted({*t.tags, *(tag for f in facts for tag in f.tags),
                                      *(f.kind for f in facts),
                                      *(["disputed"] if t.disputed else [])}))
        # Questions on one fact often say the same (an explanation, a stem asked two ways):
        # one string each, and one shared empty list (see NO_ITEMS), in a large bank.
        fields = {name: (sys.intern(value) if isinstance(value, str)
                         else NO_ITEMS if isinstance(value, list) and not value else value)
                  for name, value in fields.items()}
        question = Question(id=qid, explanation=sys.intern(explanation), tags=tags,
                            fact_ids=[f.id for f in facts], fact_kind=facts[0].kind,
                            template_id=t.id, sources=sources, as_of=self.as_of_iso,
                            point=self._point(facts),
                            importance="main" if any(f.importance == "main" for f in facts)
                            else "detail",
                            answer_type=t.swap.pool if t.swap else "",
                            **{**{name: NO_ITEMS for name in _LIST_FIELDS}, **fields})
        problems = defects(question, self.internals, facts)
        if problems:
            self.skip(t, facts, "broken: " + "; ".join(problems))
            return
        self.events.append(question)

    def _tag_list(self, tags: list[str]) -> list[str]:
        """One frozen list for every question holding these tags."""
        key = tuple(tags)
        shared = self.tag_lists.get(key)
        if shared is None:
            shared = self.tag_lists[key] = FrozenList(tags) if tags else NO_ITEMS
        return shared

    def _point(self, facts: Sequence[Fact]) -> str:
        """A question's main point: its fact's, or (in a bank without points) the fact itself."""
        if len(facts) != 1:
            return ""
        return facts[0].point or ("" if self.bank.facts_file.points else facts[0].id)

    def skip(self, t: QuestionTemplate, facts: Sequence[Fact], reason: str) -> None:
        self.events.append(Skipped(t.id, tuple(f.id for f in facts), reason))

    def accept(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], answer: str) -> list[str]:
        """Other forms of ``answer`` to accept: the template's, aliases, a surname, date forms."""
        forms = [t.render(f"accept{i}", ctx, fact.id) for i in range(len(t.accept))]
        value = getattr(fact, t.swap.field, None) if t.swap else None
        if isinstance(value, str):
            forms += sorted(a for a in self.pools.aliases.get(value, ()) if a != value)
            if t.swap and t.swap.pool == "person" and value in self.pools.surnames:
                forms.append(self.pools.surnames[value])  # "Putin" for Vladimir Putin
            if t.swap and t.swap.pool == "role":
                forms += post_forms(value)  # "Secretary-General", "CSTO Secretary-General"
            if t.swap and t.swap.field == "place":
                forms += list(getattr(fact, "place_accept", []))
        if answer == fact.key:
            forms += fact.key_accept  # the blank in another outlet's words
        if isinstance(value, PartialDate) and value.day:
            forms += [value.iso(), f"{value.first_day:%B} {value.day}, {value.year}"]
        elif isinstance(value, PartialDate) and value.month:
            forms.append(f"{value.first_day:%B}")  # "In what month …?" "September"
        seen = {normalize(answer)}
        out = []
        for form in forms:
            key = normalize(form)
            if form and key not in seen:
                seen.add(key)
                out.append(form)
        return out

    def wrong_values(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str) -> Iterable[Any]:
        """Values for the swapped field that make wrong options (see Pools.wrong_values)."""
        return self.pools.wrong_values(t, fact, ctx, qid, self.sources[fact.id])

    def wrong_answer(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], value: Any) -> str:
        """The answer as it reads with the swapped field set to a wrong ``value``.

        An answer that reads nothing but that field depends on its source text and the value
        alone, so it is rendered once per source, field and value, and shared by every fact
        (and template) that asks for it. Only strings and dates are shared that way: equal
        numbers may print differently (``2``, ``2.0``).
        """
        if type(value) not in (str, PartialDate) or not t.answer_reads_only_swap:
            return t.render("answer", self.swapped(t, fact, ctx, value), fact.id)
        assert t.answer is not None and t.swap is not None  # as answer_reads_only_swap checks
        key = (t.answer, t.swap.field, value)
        text = self.wrong_answers.get(key)
        if text is None:
            text = self.wrong_answers[key] = t.render("answer", self.swapped(t, fact, ctx, value),
                                                      fact.id)
        return text

    def swapped(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], value: Any) -> dict[str, Any]:
        """The context with the swapped field set to ``value`` (on a copy of the fact)."""
        assert t.swap is not None
        name = t.swap.field
        if name.startswith("source."):
            return {**ctx, "source": {**ctx["source"], name.removeprefix("source."): value}}
        return {**ctx, "fact": fact.model_copy(update={name: value})}

    def _balance_answer_positions(self) -> None:
        """Spread the right option evenly over A–D, in a seeded order."""
        rng = random.Random(f"positions:{self.seed}")
        block: list[int] = []
        for i, q in enumerate(self.out.questions):
            if q.kind != "multiple_choice":
                continue
            if not block:
                block = list(range(OPTIONS))
                rng.shuffle(block)
            position = block.pop() % len(q.options)  # three options where the pool is small
            wrong = q.options[1:]
            random.Random(f"{self.seed}:{q.id}").shuffle(wrong)
            options = wrong[:position] + [q.answer] + wrong[position:]
            self.out.questions[i] = q.replace(**{"options": options, "answer_index": position})


def source_ref(bank: Bank, doc_id: str, quote: str) -> SourceRef:
    """A quote with what a learner is shown of its article: outlet, title, date."""
    meta = bank.document(doc_id).meta
    return SourceRef(doc=doc_id, outlet=meta.outlet, title=meta.title,
                     published=meta.published.iso() if meta.published else None, quote=quote)


__all__ = ["Generation", "Generator", "Skipped", "generate_questions"]
