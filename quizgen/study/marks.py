"""What folding an answer must keep: signed numbers and symbols.

:func:`quizgen.bank.text.normalize` drops punctuation, which is right for "Bishkek," but
wrong for ``-3.5%`` (a sign), ``2.5`` (a decimal point) and ``C#`` (a symbol): two answers
that differ in these say different things, however alike they fold.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal

# A sign counts only where no word or number goes before it ("2024-2025" is a range);
# digit groups ("30,000", "30 000") are one number, as in answers.canonical.
_NUMBER = re.compile(
    r"(?<![\w.])([+\-\u2212]?)(\d{1,3}(?:[,'\u00a0\u202f ]\d{3})+(?!\d)|\d+)(\.\d+)?")
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty")
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def numbers(text: str) -> tuple[Decimal, ...]:
    """The numbers in ``text`` with their signs, in order: ``"-3.5% of 2.50"`` → (-3.5, 2.5)."""
    # Accents folded away, as normalize does: "fivé" is "five", and so 5.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _NUMBER_WORD.sub(lambda m: str(_WORDS.index(m.group().lower())), text)
    found = []
    for m in _NUMBER.finditer(text):
        sign, whole, fraction = m.groups()
        value = Decimal(re.sub(r"\D", "", whole) + (fraction or ""))
        found.append(-value if sign and sign != "+" else value)
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def symbols(text: str) -> str:
    """The symbols in ``text`` that are not a number's sign, sorted: ``C#`` → ``#``, 🇷🇺 → itself."""
    text = _NUMBER.sub(lambda m: m.group()[len(m.group(1)):], unicodedata.normalize("NFKC", text))
    return "".join(sorted(ch for ch in text
                          if ch == "#" or unicodedata.category(ch).startswith("S")))


def same_marks(given: str, form: str) -> bool:
    """True when ``given`` and ``form`` hold the same signed numbers and the same symbols."""
    return numbers(given) == numbers(form) and symbols(given) == symbols(form)
