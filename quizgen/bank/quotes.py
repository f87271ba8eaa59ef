"""Why a quote is not found: the characters that differ from the closest passage, named.

Matching stays exact (runs of whitespace aside); this only explains a miss, so a
curator sees "en dash – in the article, hyphen - in the quote" and the text to paste.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

# Characters that look alike or are invisible, by the name a curator knows them by.
NAMES = {
    "-": "hyphen -",
    "\u2010": "Unicode hyphen \u2010",
    "\u2011": "non-breaking hyphen \u2011",
    "\u2013": "en dash \u2013",
    "\u2014": "em dash \u2014",
    "\u2212": "minus sign \u2212",
    "'": "straight apostrophe '",
    "\u2019": "curly apostrophe \u2019",
    "\u2018": "opening single quotation mark \u2018",
    "`": "backtick `",
    '"': 'straight double quote "',
    "\u201c": "opening double quotation mark \u201c",
    "\u201d": "closing double quotation mark \u201d",
    "\u00ab": "guillemet \u00ab",
    "\u00bb": "guillemet \u00bb",
    " ": "space",
    "\u00a0": "non-breaking space",
    "\u202f": "narrow non-breaking space",
    "\t": "tab",
    "\u2026": "ellipsis \u2026",
    "\ufeff": "byte-order mark (U+FEFF, invisible)",
    "\u200b": "zero-width space (U+200B, invisible)",
    "\u200c": "zero-width non-joiner (U+200C, invisible)",
    "\u200d": "zero-width joiner (U+200D, invisible)",
    "\u2060": "word joiner (U+2060, invisible)",
    "\u00ad": "soft hyphen (U+00AD, invisible)",
}
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
MAX_DIFFERENCES = 4  # beyond this the passage is another sentence, not a typo of the quote
CONTEXT = 18


@dataclass(frozen=True)
class Difference:
    """One place where the quote and the article differ."""

    at: int  # offset in the passage
    article: str
    quote: str

    def describe(self) -> str:
        """"en dash – in the article, hyphen - in the quote"."""
        if self.article and self.quote and _nfc(self.article) == _nfc(self.quote):
            return (f"{_nfc(self.article)!r} is written differently (Unicode normalisation): "
                    f"{_codes(self.article)} in the article, {_codes(self.quote)} in the quote")
        return f"{_names(self.article)} in the article, {_names(self.quote)} in the quote"


@dataclass(frozen=True)
class Diagnosis:
    """The closest passage of the article and how the quote differs from it."""

    passage: str
    differences: tuple[Difference, ...]

    @property
    def fixable(self) -> bool:
        """True when the passage is the quote with a few characters changed."""
        return 0 < len(self.differences) <= MAX_DIFFERENCES

    def render(self, indent: str = "    ") -> str:
        """The lines printed under "quote not found"."""
        if not self.fixable:
            return f'{indent}closest passage: "{visible(self.passage)}"'
        lines = []
        for diff in self.differences:
            start = max(0, diff.at - CONTEXT)
            end = diff.at + len(diff.article) + CONTEXT
            before = ("…" if start else "") + visible(self.passage[start : diff.at])
            after = visible(self.passage[diff.at + len(diff.article) : end])
            after += "…" if end < len(self.passage) else ""
            lines.append(f"{indent}{diff.describe()}: {before}[{visible(diff.article)}]{after}")
        lines.append(f"{indent}paste this quote: {yaml_quoted(self.passage)}")
        return "\n".join(lines)


def diagnose(quote: str, haystack: str) -> Diagnosis | None:
    """Compare ``quote`` with the most similar part of ``haystack`` (whitespace-collapsed text)."""
    from rapidfuzz import fuzz

    # Each whitespace run becomes its first character, so a non-breaking space the
    # article lacks is still named; a space against a space of another kind is no difference.
    needle = re.sub(r"\s+", lambda m: m.group()[0], quote.strip())

    hit = fuzz.partial_ratio_alignment(needle, haystack)
    if hit is None or hit.score < 40:
        return None
    # The alignment's edges can be off by a few characters: compare over a wider window
    # and keep the part of it that lines up with the quote.
    pad = max(8, len(needle) // 4)
    low = max(0, hit.dest_start - pad)
    window = haystack[low : hit.dest_end + pad]
    ops = [op for op in SequenceMatcher(None, needle, window, autojunk=False).get_opcodes()]
    while ops and ops[0][0] == "insert":
        ops.pop(0)
    while ops and ops[-1][0] == "insert":
        ops.pop()
    if not ops:
        return None
    first, last = ops[0][3], ops[-1][4]
    passage = window[first:last]
    diffs = tuple(
        Difference(at=b0 - first, article=window[b0:b1], quote=needle[a0:a1])
        for tag, a0, a1, b0, b1 in ops
        if tag != "equal" and not (window[b0:b1].isspace() and needle[a0:a1].isspace())
    )
    return Diagnosis(passage, diffs)


def visible(text: str) -> str:
    """``text`` with invisible characters shown as <U+200B>."""
    return "".join(f"<U+{ord(c):04X}>" if _invisible(c) else c for c in text)


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML scalar to paste after ``quote:``: double quotes, escapes as needed."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif _invisible(c) or unicodedata.category(c) in ("Cc", "Zl", "Zp"):
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _invisible(c: str) -> bool:
    return unicodedata.category(c) == "Cf" or c == "\u00ad"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _codes(text: str) -> str:
    return " + ".join(f"U+{ord(c):04X}" for c in text)


def _names(text: str) -> str:
    if not text:
        return "nothing"
    if len(text) > 3:
        return repr(visible(text))
    return " + ".join(NAMES.get(c) or _unicode_name(c) for c in text)


def _unicode_name(c: str) -> str:
    name = unicodedata.name(c, f"U+{ord(c):04X}").lower()
    if unicodedata.combining(c) or _invisible(c):
        return f"{name} (U+{ord(c):04X})"
    return f"{c!r}" if c.isalnum() else f"{name} {c}"
