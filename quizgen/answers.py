"""Normalising and checking answers."""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = re.compile(r"^(the|a|an)\s+")
_PUNCT = re.compile(r"[^\w\s]")


def normalize(text: str) -> str:
    """Fold case, diacritics, punctuation, spacing and a leading article away."""
    from unidecode import unidecode

    folded = unidecode(unicodedata.normalize("NFKC", text)).lower()
    folded = " ".join(_PUNCT.sub(" ", folded).split())
    return _ARTICLES.sub("", folded)
