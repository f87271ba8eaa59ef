"""Facts × templates → questions, each carrying its answer, distractors and sources."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizgen.study.answers import normalize
from quizgen.making.audit import defects
from quizgen.bank.loader import Bank
from quizgen.bank.dates import PartialDate
from quizgen.bank.facts import Fact, Role
from quizgen.gcpause import gc_paused
from quizgen.making.question import Question, SourceRef
from quizgen.making.sandbox import WATCHDOG
from quizgen.making.templates import QuestionTemplate

BLANK = "_____"
OPTIONS = 4
GROUP_SIZES = (3, 4, 5)
# Question's list fields, always passed: pydantic deep-copies a `[]` default on every use.
_LIST_FIELDS = ("accept", "options", "items", "order", "left", "right", "pairs")
GROUP_WINDOW = 60  # facts considered together when grouping (see _cover_with_groups)


@dataclass(frozen=True)
class Skipped:
    """A question that was not made, and why."""

    template_id: str
    fact_ids: tuple[str, ...]
    reason: str


@dataclass
class Generation:
    """What a bank and its templates yield."""

    questions: list[Question] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def generate_questions(bank: Bank, templates: Sequence[QuestionTemplate], seed: int = 0) -> Generation:
    """Make every question the templates allow; the same inputs give the same output.

    Each render is bounded in time (see quizgen.making.sandbox): a runaway template raises
    TemplateError naming the template and the fact.
    """
    with WATCHDOG.watching(), gc_paused():
        return _Generator(bank, templates, seed).run()


class _Generator:
    def __init__(self, bank: Bank, templates: Sequence[QuestionTemplate], seed: int) -> None:
        self.bank = bank
        self.templates = templates
        self.seed = seed
        self.out = Generation()
        self.asked: dict[tuple[str, ...], str] = {}  # what a question asks -> the first id
        self.as_of = bank.facts_file.as_of
        self.aliases = _alias_groups(bank.facts)
        self.pools = _pools(bank)
        self.pool_index = {pool: {v: i for i, v in enumerate(values)}
                           for pool, values in self.pools.items()}
        self.surnames = _unique_surnames(self.pools.get("person", []), self.aliases)
        self.rendered: dict[tuple[int, str], str] = {}
        self.wrong_answers: dict[tuple[str, str, Any], str] = {}  # see _wrong_answer
        self.sources = {f.id: [self._source_ref(s.doc, s.quote) for s in f.sources] for f in bank.facts}
        self.globals: dict[str, Any] = {
            "bank": {"title": bank.title, "as_of": self.as_of},
            "past": lambda d: d is not None and d.last_day <= self.as_of.last_day,
            "period": self._period,
        }

    def _period(self, start: PartialDate | None, end: PartialDate | None) -> str:
        """``past``, ``present`` or ``future`` for a span, as seen on the bank's ``as_of``."""
        today = self.as_of.last_day
        if start is not None and start.first_day > today:
            return "future"
        if end is not None and end.last_day < today:
            return "past"
        return "present"

    # -- the run ---------------------------------------------------------------

    def run(self) -> Generation:
        # The facts of each kind, disputed or not, in bank order: each template takes one
        # or (for fact: any) all kinds of these, without scanning the bank again.
        by_kind: dict[tuple[str, bool], list[Fact]] = defaultdict(list)
        for fact in self.bank.facts:
            by_kind[fact.kind, fact.disputed is not None].append(fact)
        for template in self.templates:
            if template.fact == "any":
                facts = [f for f in self.bank.facts if (f.disputed is not None) == template.disputed]
            else:
                facts = by_kind[template.fact, template.disputed]
            if template.question in ("ordering", "matching"):
                self._group_questions(template, facts)
            else:
                self._single_questions(template, facts)
        self._balance_answer_positions()
        return self.out

    def _single_questions(self, template: QuestionTemplate, facts: list[Fact]) -> None:
        contexts = [(fact, ctx) for fact in facts for ctx in self._contexts(template, fact)
                    if template.applies(ctx, fact.id)]
        # What the bank holds true for this template: wrong options must not be among it.
        truths: dict[str, set[str]] = defaultdict(set)
        if template.question != "cloze":
            for fact, ctx in contexts:
                prompt = self._render_once(template, "prompt", ctx, fact.id)
                answer = (self._render_once(template, "answer", ctx, fact.id)
                          if template.answer else "")
                truths[normalize(prompt)].add(normalize(answer))
        maker = getattr(self, f"_{template.question}")
        for fact, ctx in contexts:
            part = ctx.get("part")
            qid = f"{template.id}:{fact.id}" + (f":{part}" if part else "")
            maker(template, fact, ctx, qid, truths)
        self.rendered.clear()

    def _render_once(self, t: QuestionTemplate, name: str, ctx: dict[str, Any],
                     fact_id: str) -> str:
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

    # -- one maker per question kind ----------------------------------------

    def _short_answer(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
                      truths: dict[str, set[str]]) -> None:
        prompt = self._render_once(t, "prompt", ctx, fact.id)
        if len(truths[normalize(prompt)]) > 1:
            self._skip(t, [fact], "ambiguous: the bank gives several right answers to this prompt")
            return
        answer = self._render_once(t, "answer", ctx, fact.id)
        self._emit(t, [fact], qid, ctx, kind="short_answer", prompt=prompt,
                   answer=answer, accept=self._accept(t, fact, ctx, answer))

    def _multiple_choice(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
                         truths: dict[str, set[str]]) -> None:
        prompt = self._render_once(t, "prompt", ctx, fact.id)
        answer = self._render_once(t, "answer", ctx, fact.id)
        accept = self._accept(t, fact, ctx, answer)
        right = truths[normalize(prompt)]
        if len(right) > 1:
            self._skip(t, [fact], "ambiguous: the bank gives several right answers to this prompt")
            return
        taken = {normalize(a) for a in [answer, *accept]}
        wrong: list[str] = []
        for value in self._wrong_values(t, fact, ctx, qid):
            text = self._wrong_answer(t, fact, ctx, value)
            key = normalize(text)
            if key in taken or key in right:
                continue
            taken.add(key)
            wrong.append(text)
            if len(wrong) == OPTIONS - 1:
                break
        else:
            # None at all also when the answer is not of the pool's type (see _wrong_values).
            found = f"only {len(wrong)}" if wrong else "no"
            self._skip(t, [fact], f"{found} wrong options of the answer's type in the "
                       f"{t.swap.pool if t.swap else '?'} pool; needs {OPTIONS - 1}")
            return
        options = [answer, *wrong]
        self._emit(t, [fact], qid, ctx, kind="multiple_choice", prompt=prompt, answer=answer,
                   accept=accept, options=options, answer_index=0)

    def _true_false(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
                    truths: dict[str, set[str]]) -> None:
        statement = self._render_once(t, "prompt", ctx, fact.id)
        self._emit(t, [fact], f"{qid}:true", ctx, kind="true_false", prompt=statement,
                   answer="True", options=["True", "False"], answer_index=0)
        for value in self._wrong_values(t, fact, ctx, qid):
            false = t.render("prompt", self._swapped(t, fact, ctx, value), fact.id)
            if normalize(false) in truths or false == statement:
                continue
            self._emit(t, [fact], f"{qid}:false", ctx, kind="true_false", prompt=false,
                       answer="False", options=["True", "False"], answer_index=1,
                       explanation_prefix=f"False. {statement}")
            return
        self._skip(t, [fact], "no false statement that the bank does not hold true")

    def _cloze(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
               truths: dict[str, set[str]]) -> None:
        answer = self._render_once(t, "answer", ctx, fact.id)
        forms = [answer, *self._accept(t, fact, ctx, answer)]
        refs = self.sources[fact.id]
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
                self._emit(t, [fact], qid, ctx, kind="cloze", prompt=f"{before}{BLANK}{after}",
                           answer=form, accept=[f for f in forms if f != form],
                           cloze_before=before, cloze_after=after, sources=ordered)
                return
        self._skip(t, [fact], "the answer does not occur exactly once in the text")

    # -- ordering and matching: questions over groups of facts -------------

    def _group_questions(self, t: QuestionTemplate, facts: list[Fact]) -> None:
        members: list[tuple[Any, ...]] = []  # (fact, date, item) or (fact, left, right)
        for fact in facts:
            ctx = {**self.globals, "fact": fact, "real": fact}
            if not t.applies(ctx, fact.id):
                continue
            if t.question == "ordering":
                key = getattr(fact, t.order_by or "", None)
                if isinstance(key, PartialDate):
                    members.append((fact, key, t.render("item", ctx, fact.id)))
            else:
                members.append((fact, t.render("left", ctx, fact.id), t.render("right", ctx, fact.id)))
        fits = _distinct_dates if t.question == "ordering" else _distinct_pairs
        groups = _cover_with_groups(members, fits, random.Random(t.id))
        if not groups:
            self._skip(t, [m[0] for m in members], f"fewer than {GROUP_SIZES[0]} facts fit together")
        for group in groups:
            group_facts = [m[0] for m in group]
            qid = f"{t.id}:" + "+".join(sorted(f.id for f in group_facts))
            rng = random.Random(f"{self.seed}:{qid}")
            ctx = {**self.globals, "facts": group_facts}
            prompt = t.render("prompt", ctx, qid)
            if t.question == "ordering":
                chronological = sorted(group, key=lambda m: m[1].first_day)
                shown = chronological[:]
                while shown == chronological:
                    rng.shuffle(shown)
                items = [m[2] for m in shown]
                order = [shown.index(m) for m in chronological]
                answer = "; ".join(f"{m[2]} ({m[1].readable()})" for m in chronological)
                self._emit(t, group_facts, qid, ctx, kind="ordering", prompt=prompt,
                           answer=answer, items=items, order=order)
            else:
                right = [m[2] for m in group]
                # No entry beside its partner: even one such row gives that pair away.
                while any(r == m[2] for r, m in zip(right, group, strict=True)):
                    rng.shuffle(right)
                pairs = [right.index(m[2]) for m in group]
                answer = "; ".join(f"{m[1]} – {m[2]}" for m in group)
                self._emit(t, group_facts, qid, ctx, kind="matching", prompt=prompt,
                           answer=answer, left=[m[1] for m in group], right=right, pairs=pairs)

    # -- helpers ---------------------------------------------------------------

    def _emit(self, t: QuestionTemplate, facts: list[Fact], qid: str, ctx: dict[str, Any], *,
              explanation_prefix: str = "", sources: list[SourceRef] | None = None,
              **fields: Any) -> None:
        explanation = t.render("explanation", ctx, qid) if t.explanation else ""
        if not explanation and len(facts) == 1:
            explanation = facts[0].note or ""
        explanation = " ".join(p for p in (explanation_prefix, explanation) if p)
        if sources is None:
            sources = [s for f in facts for s in self.sources[f.id][: 1 if len(facts) > 1 else None]]
        tags = sorted({*t.tags, *(tag for f in facts for tag in f.tags), *(f.kind for f in facts),
                       *(["disputed"] if t.disputed else [])})
        question = Question(id=qid, explanation=explanation, tags=tags,
                            fact_ids=[f.id for f in facts], fact_kind=facts[0].kind,
                            template_id=t.id, sources=sources,
                            **{**{name: [] for name in _LIST_FIELDS}, **fields})
        problems = defects(question)
        if problems:
            self._skip(t, facts, "broken: " + "; ".join(problems))
            return
        asked = (question.kind, question.prompt,
                 *sorted([*question.items, *question.left, *question.right]))
        first = self.asked.setdefault(asked, qid)
        if first != qid:
            self._skip(t, facts, f"repeats question {first}")
            return
        self.out.questions.append(question)

    def _skip(self, t: QuestionTemplate, facts: Sequence[Fact], reason: str) -> None:
        self.out.skipped.append(Skipped(t.id, tuple(f.id for f in facts), reason))

    def _accept(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], answer: str) -> list[str]:
        forms = [t.render(f"accept{i}", ctx, fact.id) for i in range(len(t.accept))]
        value = getattr(fact, t.swap.field, None) if t.swap else None
        if isinstance(value, str):
            forms += [a for a in self.aliases.get(value, ()) if a != value]
            if t.swap and t.swap.pool == "person" and value in self.surnames:
                forms.append(self.surnames[value])  # "Putin" for Vladimir Putin
        if isinstance(value, PartialDate) and value.day:
            forms += [value.iso(), f"{value.first_day:%B} {value.day}, {value.year}"]
        seen = {normalize(answer)}
        out = []
        for form in forms:
            key = normalize(form)
            if form and key not in seen:
                seen.add(key)
                out.append(form)
        return out

    def _wrong_answer(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], value: Any) -> str:
        """The answer as it reads with the swapped field set to a wrong ``value``.

        An answer that reads nothing but that field depends on its source text and the value
        alone, so it is rendered once per source, field and value, and shared by every fact
        (and template) that asks for it. Only strings and dates are shared that way: equal
        numbers may print differently (``2``, ``2.0``).
        """
        if type(value) not in (str, PartialDate) or not t.answer_reads_only_swap:
            return t.render("answer", self._swapped(t, fact, ctx, value), fact.id)
        assert t.answer is not None and t.swap is not None  # as answer_reads_only_swap checks
        key = (t.answer, t.swap.field, value)
        text = self.wrong_answers.get(key)
        if text is None:
            text = self.wrong_answers[key] = t.render("answer", self._swapped(t, fact, ctx, value),
                                                      fact.id)
        return text

    def _swapped(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], value: Any) -> dict[str, Any]:
        """The context with the swapped field set to ``value`` (on a copy of the fact)."""
        assert t.swap is not None
        name = t.swap.field
        if name.startswith("source."):
            return {**ctx, "source": {**ctx["source"], name.removeprefix("source."): value}}
        return {**ctx, "fact": fact.model_copy(update={name: value})}

    def _wrong_values(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any],
                      qid: str) -> Iterable[Any]:
        """Values to put in place of the swapped one for wrong options, in a stable order.

        ``swap.field`` names a fact field, or ``source.<key>`` for per-source templates.
        """
        if t.swap is None:
            return
        name, pool = t.swap.field, t.swap.pool
        on_source = name.startswith("source.")
        key = name.removeprefix("source.")
        value = ctx["source"][key] if on_source else getattr(fact, name, None)
        if value is None:
            return
        rng = random.Random(f"distractors:{qid}")
        values: Iterable[Any]
        if pool == "date":
            # Shuffling the steps, then shifting lazily, gives the order shuffling the shifted
            # dates would (a shuffle depends on the length alone); most callers stop early.
            # A wrong date stays on the same side of `as_of` as the right one: "When was …"
            # with a date still to come among the options would answer itself.
            steps = [s for n in range(1, 8) for s in (n, -n)]
            rng.shuffle(steps)
            today = self.as_of.last_day
            past = value.last_day <= today
            values = (d for d in (value.shifted(s) for s in steps) if (d.last_day <= today) == past)
        elif pool == "number":
            factors = [0.5, 2, 1.5, 0.75, 3, 0.25, 4, 10]
            rng.shuffle(factors)
            values = (_round_like(value * f, value) for f in factors)
        elif pool == "claim":
            outlet = ctx["source"]["outlet"]
            values = [s.claim for s, ref in zip(fact.sources, self.sources[fact.id], strict=True)
                      if ref.outlet != outlet and s.claim != value]
        else:
            same = self.aliases.get(value, {value}) if isinstance(value, str) else {value}
            if not any(v in self.pool_index.get(pool, {}) for v in same):
                # The answer is not itself a value of the pool (a country that speaks, in the
                # pool of people): wrong options of another type would give it away.
                return
            values = self._sample_pool(pool, same, rng, 24)
        yield from values

    def _sample_pool(self, pool: str, exclude: set[Any], rng: random.Random, k: int) -> list[Any]:
        """``rng.sample`` of the pool without ``exclude``, without copying the pool.

        ``sample`` draws positions from the length alone, so drawing positions in the
        filtered pool and stepping them past the excluded ones gives the same values as
        sampling a filtered copy, at a cost that does not grow with the pool.
        """
        values = self.pools.get(pool, [])
        index = self.pool_index.get(pool, {})
        skip = sorted(index[v] for v in exclude if v in index)
        n = len(values) - len(skip)
        out = []
        for j in rng.sample(range(n), min(n, k)):
            for s in skip:
                if s > j:
                    break
                j += 1
            out.append(values[j])
        return out

    def _source_ref(self, doc_id: str, quote: str) -> SourceRef:
        meta = self.bank.document(doc_id).meta
        return SourceRef(doc=doc_id, outlet=meta.outlet, title=meta.title,
                         published=meta.published.iso() if meta.published else None, quote=quote)

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
            position = block.pop()
            wrong = q.options[1:]
            random.Random(f"{self.seed}:{q.id}").shuffle(wrong)
            options = wrong[:position] + [q.answer] + wrong[position:]
            self.out.questions[i] = q.model_copy(update={"options": options, "answer_index": position})


def _alias_groups(facts: Sequence[Fact]) -> dict[str, set[str]]:
    """Every name with aliases → the set of all its spellings."""
    groups: dict[str, set[str]] = {}
    for fact in facts:
        if isinstance(fact, Role) and fact.aliases:
            group = {fact.person, *fact.aliases} | groups.get(fact.person, set())
            for name in group:
                groups[name] = group
    return groups


POOL_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("role", "person"),),
    "role": (("role", "role"),),
    "country": (("role", "country"), ("membership", "country")),
    "place": (("event", "place"),),
    "organisation": (("role", "organisation"), ("exercise", "organisation"),
                     ("membership", "organisation"), ("document", "organisation")),
    "exercise": (("exercise", "name"),),
    "exercise_type": (("exercise", "type"),),
    "membership_status": (("membership", "status"),),
    "document": (("document", "name"),),
    "document_status": (("document", "status"),),
}


def _unique_surnames(people: list[str], aliases: dict[str, set[str]]) -> dict[str, str]:
    """Each person's last name, where no one else in the bank has it.

    Spellings of one person (aliases) count as one: "Taaltbek Masadykov" does not make
    "Masadykov" ambiguous for Taalatbek Masadykov.
    """
    holders: dict[str, set[frozenset[str]]] = defaultdict(set)
    for person in people:
        if len(person.split()) > 1:
            holders[normalize(person.split()[-1])].add(frozenset(aliases.get(person, {person})))
    return {person: person.split()[-1] for person in people
            if len(person.split()) > 1 and len(holders[normalize(person.split()[-1])]) == 1}


def _pools(bank: Bank) -> dict[str, list[Any]]:
    """The values of each type the bank holds, in first-seen order, without repeats."""
    wanted = defaultdict(list)
    for pool, pairs in POOL_FIELDS.items():
        for kind, name in pairs:
            wanted[kind].append((pool, name))
    pools: dict[str, dict[Any, None]] = defaultdict(dict)
    for fact in bank.facts:
        for pool, name in wanted.get(fact.kind, ()):
            value = getattr(fact, name, None)
            if value is not None:
                pools[pool][value] = None
    pools["outlet"] = {doc.meta.outlet: None for doc in bank.documents.values()}
    return {pool: list(values) for pool, values in pools.items()}


def _round_like(value: float, like: float) -> float:
    """Round a made-up figure to the precision of the real one."""
    digits = len(str(int(abs(like)))) - len(str(int(abs(like))).rstrip("0"))
    step = 10 ** max(0, min(digits, len(str(int(abs(value)))) - 1))
    return float(round(value / step) * step) if step > 1 else float(round(value))


def _distinct_dates(a: Any, b: Any) -> bool:
    """Two ordering members ``(fact, date, item)`` whose dates have a clear order."""
    return bool(a[1].is_before(b[1]) or a[1].is_after(b[1]))


def _distinct_pairs(a: Any, b: Any) -> bool:
    """Two matching members ``(fact, left, right)`` that cannot be mistaken for each other."""
    return normalize(a[1]) != normalize(b[1]) and normalize(a[2]) != normalize(b[2])


def _cover_with_groups(members: list[Any], fits: Callable[[Any, Any], bool],
                       rng: random.Random) -> list[list[Any]]:
    """Groups of 3–5 members that all fit together, covering every member that can be covered.

    Members are grouped within windows of at most ``GROUP_WINDOW`` neighbours (in bank
    order): finding one group shuffles every candidate, so a single window over
    thousands of facts would take cubic time. Banks this small use one window.
    """
    windows = max(1, -(-len(members) // GROUP_WINDOW))
    size, extra = divmod(len(members), windows)
    groups: list[list[Any]] = []
    start = 0
    for w in range(windows):
        end = start + size + (w < extra)
        groups += _cover_window(members[start:end], fits, rng)
        start = end
    return groups


def _cover_window(members: list[Any], fits: Callable[[Any, Any], bool],
                  rng: random.Random) -> list[list[Any]]:
    groups: list[list[Any]] = []
    seen: set[tuple[int, ...]] = set()
    uncovered = list(range(len(members)))
    pending = set(uncovered)  # the same members as `uncovered`, for fast lookups
    attempts = 0
    while uncovered and attempts < 4 * len(members):
        attempts += 1
        anchor = uncovered[0]
        size = rng.choice(GROUP_SIZES)
        others = [i for i in range(len(members)) if i != anchor]
        rng.shuffle(others)
        others.sort(key=lambda i: i not in pending)  # prefer members not yet asked about
        group = [anchor]
        for i in others:
            if len(group) == size:
                break
            if all(fits(members[i], members[j]) for j in group):
                group.append(i)
        if len(group) >= GROUP_SIZES[0]:
            key = tuple(sorted(group))
            if key not in seen:
                seen.add(key)
                groups.append(group)
        pending.difference_update(group)
        uncovered = [i for i in uncovered if i in pending]
    return [[members[i] for i in g] for g in groups]


__all__ = ["Generation", "Skipped", "generate_questions"]
