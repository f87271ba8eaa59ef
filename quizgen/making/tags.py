"""Tags as people type them: counted for ``quizgen tags``, matched without regard to case."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence

from quizgen.errors import FilterError
from quizgen.making.question import Question


def count_tags(questions: Iterable[Question]) -> Counter[str]:
    """How many questions carry each tag."""
    return Counter(tag for q in questions for tag in q.tags)


def has_tag(question_tags: Iterable[str], wanted: Sequence[str]) -> bool:
    """True when any wanted tag is among the question's, ignoring case."""
    folded = {t.casefold() for t in wanted}
    return any(t.casefold() in folded for t in question_tags)


def check_tags(questions: Iterable[Question], wanted: Sequence[str]) -> None:
    """Raise :class:`FilterError` for a wanted tag no question carries, naming close ones."""
    known = sorted(count_tags(questions))
    folded = {t.casefold() for t in known}
    for tag in wanted:
        if tag.casefold() not in folded:
            close = difflib.get_close_matches(tag.casefold(), [t.casefold() for t in known],
                                              n=5, cutoff=0.5)
            hint = (f"did you mean {', '.join(close)}?" if close
                    else f"the bank's tags: {', '.join(known[:30])}{' …' if len(known) > 30 else ''}")
            raise FilterError(f"--tag {tag!r}: no question has this tag; {hint} "
                              "(`quizgen tags` lists them all)")
