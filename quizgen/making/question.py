"""The Question: what generation produces and every renderer consumes."""

from __future__ import annotations

import dataclasses
import functools
import operator
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

QuestionKind = Literal[
    "short_answer", "multiple_choice", "true_false", "cloze", "ordering", "matching"
]
LETTERS = string.ascii_uppercase


# Plain frozen dataclasses, not models: generation builds them from validated facts, and a
# run that reads questions back from the cache then needs no validation library at all.
@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRef:
    """A source as shown with a question: the article and the verbatim quote."""

    doc: str
    outlet: str
    title: str
    published: str | None  # ISO date (YYYY[-MM[-DD]]) or None when the article gives none
    quote: str

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (SourceRef, _values(self))

    @property
    def when(self) -> str:
        """``27 November 2025``, or ``undated`` when the article gives no date."""
        return _readable(self.published)

    def to_dict(self) -> dict[str, Any]:
        """Every field."""
        return dataclasses.asdict(self)

    def citation(self) -> str:
        """``Reuters, 27 November 2025, "Title"`` (``undated`` when the article has no date)."""
        return f'{self.outlet}, {self.when}, "{self.title}"'


@functools.lru_cache(maxsize=1 << 12)  # a bank has few articles and many questions
def _readable(published: str | None) -> str:
    from quizgen.bank.dates import PartialDate

    return PartialDate.parse(published).readable() if published else "undated"


def as_of_line(as_of: str | None) -> str:
    """``Facts as reported on 27 November 2025`` for an ISO date; empty for None."""
    return f"Facts as reported on {_readable(as_of)}" if as_of else ""


def facts_as_of(questions: Iterable[Question]) -> str:
    """The as-of line of a set of questions (they come from one bank), or empty."""
    return next((q.as_of_line for q in questions if q.as_of), "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """One question, with its answer and the sources it rests on.

    By kind:
    - ``short_answer``: ``answer``, with ``accept`` listing other accepted forms.
    - ``multiple_choice``: four ``options``; ``answer`` is ``options[answer_index]``.
    - ``true_false``: ``options`` is ``["True", "False"]``; ``answer`` one of them.
    - ``cloze``: ``prompt`` holds a blank (``_____``); ``cloze_before`` + answer +
      ``cloze_after`` is the full text.
    - ``ordering``: ``items`` in shown order; ``order`` lists item indexes from earliest
      to latest; ``answer`` names them in order.
    - ``matching``: ``left`` and ``right`` in shown order; ``pairs[i]`` is the index in
      ``right`` matching ``left[i]``; ``answer`` lists the pairs.
    """

    id: str
    kind: QuestionKind
    prompt: str
    answer: str
    accept: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    answer_index: int | None = None
    cloze_before: str = ""
    cloze_after: str = ""
    items: list[str] = field(default_factory=list)
    order: list[int] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    pairs: list[int] = field(default_factory=list)
    explanation: str = ""
    tags: list[str] = field(default_factory=list)
    fact_ids: list[str]
    fact_kind: str
    template_id: str
    sources: list[SourceRef]
    as_of: str | None = None  # the bank's ``as_of`` (YYYY[-MM[-DD]]): when the facts are from
    point: str = ""  # the main point of the articles it asks about (its fact's, or the fact id)
    importance: str = "main"  # its fact's mark: main or detail
    answer_type: str = ""  # what the answer is (the template's pool: person, date, …), if known

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (Question, _values(self))

    def replace(self, **changes: Any) -> Question:
        """A copy with ``changes`` made (the question itself never changes)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Every field, sources as dicts too (what JSON export writes)."""
        return dataclasses.asdict(self)

    @property
    def as_of_line(self) -> str:
        """``Facts as reported on 27 November 2025`` (empty when the date is not known)."""
        return as_of_line(self.as_of)

    @property
    def answer_letter(self) -> str | None:
        """The letter of the right option (A–D) for multiple choice, else None."""
        return None if self.answer_index is None else LETTERS[self.answer_index]

    def answer_key(self) -> str:
        """The answer as an answer key prints it: ``B``, ``True``, ``C, A, B``, ``1b 2a``."""
        if self.kind == "multiple_choice" and self.answer_letter:
            return f"{self.answer_letter}) {self.answer}"
        if self.kind == "ordering":
            return ", ".join(LETTERS[i] for i in self.order)
        if self.kind == "matching":
            return " ".join(f"{i + 1}{LETTERS[j].lower()}" for i, j in enumerate(self.pairs))
        return self.answer


class FrozenList(list[Any]):
    """A list that refuses every change, for lists many questions share: in a large bank,
    hundreds of thousands of questions hold the same empty lists, their fact's sources and
    the same tags (a question never changes, so sharing them is safe)."""

    def _refused(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a question's list is shared and never changes")

    append = extend = insert = remove = pop = clear = sort = reverse = _refused
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refused

    def __reduce__(self) -> tuple[Any, ...]:
        return (_no_items, ()) if not self else (FrozenList, (tuple(self),))


def _no_items() -> list[Any]:
    return NO_ITEMS


NO_ITEMS: list[Any] = FrozenList()  # the one empty list of every question's empty fields


# Pickling (the cache, and a forked generator's results) by a tuple of the fields' values:
# a third faster both ways than dataclasses' own state of a slotted class.
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in (SourceRef, Question)}
_GETTERS = {cls: operator.attrgetter(*names) for cls, names in _FIELDS.items()}


def _values(obj: SourceRef | Question) -> tuple[Any, ...]:
    return _GETTERS[type(obj)](obj)


def _rebuilt(cls: type[Any], values: tuple[Any, ...]) -> Any:
    """An object of ``cls`` with its fields set to ``values`` (as pickled by ``_values``)."""
    obj = object.__new__(cls)
    for name, value in zip(_FIELDS[cls], values, strict=True):
        object.__setattr__(obj, name, value)
    return obj
