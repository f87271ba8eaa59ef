"""Wording helpers: what templates call to write English, and the default explanation.

Templates see :data:`TEMPLATE_HELPERS` as functions (``ask``, ``clause``, ``article``,
``bare``, ``plain_name``, ``restate``, ``plural``); the generator uses the rest.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from quizgen.bank.corpus import collapse_whitespace
from quizgen.bank.sentences import quotable
from quizgen.making.english import article, ask, clause, is_plural, strip_article


def restate(value: str, number: float, new: float, unit: str | None = None) -> str:
    """A reported figure with another number: ``more than 30,000 people`` → ``more than 15,000 people``.

    The number is found as digits (``30,000``, ``30 000``, ``30000``) or, up to twenty,
    as a word (``five``); where neither stands in ``value``, the new number and the unit.
    """
    if new == number:
        return value
    for written in _written_forms(number):
        pattern = _number_pattern(written)
        if pattern.search(value):
            return pattern.sub(_like(written, new).replace("\\", "\\\\"), value, count=1)
    text = _digits(new)
    return f"{text} {unit}" if unit else text


@functools.lru_cache(maxsize=4096)
def _number_pattern(written: str) -> re.Pattern[str]:
    """Where a number written so stands alone (not inside 130,000 or 3.5), compiled once."""
    return re.compile(rf"(?<![\w.,]){re.escape(written)}(?![\w]|[.,]\d)", re.IGNORECASE)


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty"]


def _digits(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"


def _written_forms(number: float) -> list[str]:
    forms = [_digits(number), _digits(number).replace(",", " "), _digits(number).replace(",", "")]
    if float(number).is_integer() and 0 <= number <= 20:
        forms.append(_WORDS[int(number)])
    return list(dict.fromkeys(forms))


def _like(written: str, new: float) -> str:
    """``new`` written the way ``written`` is: as a word, grouped with commas or spaces."""
    if written.isalpha():
        word = _WORDS[int(new)] if float(new).is_integer() and 0 <= new <= 20 else _digits(new)
        return word.capitalize() if written[:1].isupper() else word
    if " " in written:
        return _digits(new).replace(",", " ")
    if "," not in written and len(written) > 3:
        return _digits(new).replace(",", "")
    return _digits(new)


def post_forms(post: str) -> list[str]:
    """Other right ways to write a post.

    ``Secretary-General of the CSTO`` → ``Secretary-General``, ``CSTO Secretary-General``.
    """
    head, sep, holder = post.partition(" of ")
    if not sep:
        return []
    # "Head" alone of "Head of the New Development Bank" says nothing of the post.
    alone = [] if head.lower() in _GENERIC_HEADS else [head]
    return [*alone, f"{strip_article(holder)} {head}"]


_GENERIC_HEADS = {"head", "chief", "leader", "member", "director", "chair", "president"}


def reported(outlet: str, words: str) -> str:
    """The last-resort explanation: a source's words, credited to that outlet alone."""
    quote = quotable(collapse_whitespace(words))
    end = "" if re.search(r"[.!?…][’”]?$", quote) else "."
    return f"{outlet} reported: “{quote}{end}”"


def clipped(quote: str, sentence: str) -> str:
    """A quote shown without the rest of its sentence: ``…`` where that sentence goes on,
    so the quote never reads as the whole of it ("suspended its participation …")."""
    words = collapse_whitespace(quote)
    at = sentence.find(words)
    if at < 0 or not re.search(r"\w", sentence[at + len(words):]):
        return quote
    return words.rstrip(" ,;:—–-") + " …"


_BOUND = re.compile(r"\b(more|fewer|less|over|under|at least|at most|up to|nearly|almost)\b",
                    re.IGNORECASE)


def exact(value: str) -> bool:
    """Whether a reported figure is the number itself, not a bound ("more than 30")."""
    return not _BOUND.search(value)


def plain_name(name: str) -> str:
    """A document's name as an option among others: ``a new anti-terrorism strategy`` →
    ``anti-terrorism strategy`` (an article or "new" would set one option apart)."""
    return re.sub(r"^new\s+", "", strip_article(name), flags=re.IGNORECASE)


TEMPLATE_HELPERS: dict[str, Any] = {
    "exact": exact,
    "plain_name": plain_name,
    "ask": ask,
    "clause": clause,
    "article": article,
    "bare": strip_article,
    "plural": is_plural,
    "restate": restate,
}
