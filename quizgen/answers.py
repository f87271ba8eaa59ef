"""Normalising and checking answers."""

from __future__ import annotations

import functools
import re
import unicodedata

_ARTICLES = re.compile(r"^(the|a|an)\s+")
_PUNCT = re.compile(r"[^\w\s]")


# Generation and audits normalise the same option texts many times over.
@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold case, diacritics, punctuation, spacing and a leading article away."""
    from unidecode import unidecode

    folded = unidecode(unicodedata.normalize("NFKC", text)).lower()
    folded = " ".join(_PUNCT.sub(" ", folded).split())
    return _ARTICLES.sub("", folded)
