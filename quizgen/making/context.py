"""What every template sees besides its fact: the bank, time as of ``as_of``, wording helpers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from quizgen.bank.dates import PartialDate
from quizgen.making.english import join_names
from quizgen.making.wording import TEMPLATE_HELPERS

HOME_EVENTS = 3

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.bank.loader import Bank
    from quizgen.making.question import SourceRef


def template_globals(bank: Bank, sources: Mapping[str, Sequence[SourceRef]]) -> dict[str, Any]:
    """The context shared by every render: ``bank``, ``past``, ``period``, ``tense``,
    ``sides``, ``who``, ``home_place``, ``home_days`` and the wording helpers."""
    as_of = bank.facts_file.as_of
    today = as_of.last_day
    countries = {c for f in bank.facts_file.facts
                 for c in [getattr(f, "country", None)] if isinstance(c, str)}
    places = Counter(p for f in bank.facts_file.facts
                     for p in [getattr(f, "place", None)] if isinstance(p, str))
    occasions = [o for f in bank.facts_file.facts for o in [getattr(f, "occasion", None)] if o]
    places.update({p: sum(p in o for o in occasions) for p in list(places)})
    # Where the story is set (named by three or more of its events and occasions): "Where
    # was …?" answers itself, and the stems around it name it again and again.
    home_place = next((p for p, n in places.most_common(1) if n >= HOME_EVENTS), None)
    # When it is set, likewise: a day three or more occasions name ("at the summit in Bishkek
    # on 27 November 2025"), whose "When was …?" the stems around it answer.
    days = {d for f in bank.facts_file.facts
            for d in [getattr(f, "date", None)] if isinstance(d, PartialDate) and d.day}
    home_days = sorted((d for d in days if sum(d.readable() in o for o in occasions) >= HOME_EVENTS),
                       key=PartialDate.iso)

    def who(speaker: str) -> str:
        """``which country`` for a speaker the bank knows as a country, else ``who``."""
        return "which country" if speaker in countries else "who"

    def period(start: PartialDate | None, end: PartialDate | None) -> str:
        """``past``, ``present`` or ``future`` for a span, as seen on the bank's ``as_of``."""
        if start is not None and start.first_day > today:
            return "future"
        if end is not None and end.last_day < today:
            return "past"
        return "present"

    def tense(date: PartialDate | None) -> str:
        """``past`` or ``future`` for a date, as seen on the bank's ``as_of``."""
        return "past" if date is None or date.last_day <= today else "future"

    def sides(fact: Fact) -> list[dict[str, str]]:
        """A disputed fact's sides: each claim with the outlets that make it, in source order."""
        outlets: dict[str, list[str]] = {}
        for source, ref in zip(fact.sources, sources[fact.id], strict=True):
            names = outlets.setdefault(source.claim or "", [])
            if ref.outlet not in names:
                names.append(ref.outlet)
        return [{"claim": claim, "outlets": join_names(names)} for claim, names in outlets.items()]

    return {
        "bank": {"title": bank.title, "as_of": as_of},
        "past": lambda d: d is not None and d.last_day <= today,
        "period": period,
        "tense": tense,
        "sides": sides,
        "who": who,
        "home_place": home_place,
        "home_days": home_days,
        **TEMPLATE_HELPERS,
    }
