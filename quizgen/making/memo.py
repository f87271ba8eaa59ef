"""Template helpers that depend on a fact alone, computed once per fact."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact

_T = TypeVar("_T")


def once_per_fact(helper: Callable[[Fact], _T]) -> Callable[[Fact], _T]:
    """``helper``, computed once per fact id; each call gets its own copy to change.

    A disputed fact with N sources has N per-source questions, each asking for its sides:
    computed every time, that is N² work (8,000 sources took 93 s).
    """
    made: dict[str, _T] = {}

    def once(fact: Fact) -> _T:
        if fact.id not in made:
            made[fact.id] = helper(fact)
        return copy.deepcopy(made[fact.id])

    once.__doc__ = helper.__doc__
    return once
