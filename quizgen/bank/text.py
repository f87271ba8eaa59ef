"""Folding text for comparison: what generation, audits and answer checking agree on."""

from __future__ import annotations

import functools
import re
import unicodedata

_ARTICLES = re.compile(r"^(the|a|an)\s+")
_PUNCT = re.compile(r"[^\w\s]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


# Generation and audits normalise the same option texts many times over.
@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold case, diacritics, punctuation, spacing and a leading article away."""
    from unidecode import unidecode

    # unidecode folds character by character in Python; ASCII runs pass through unchanged,
    # so folding only the other runs gives the same text, faster.
    folded = _NON_ASCII.sub(lambda m: unidecode(m.group()),
                            unicodedata.normalize("NFKC", text)).lower()
    folded = " ".join(_PUNCT.sub(" ", folded).split())
    return _ARTICLES.sub("", folded)
