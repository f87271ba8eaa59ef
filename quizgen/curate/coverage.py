"""Which parts of an article the facts cite: sentences, cited spans and coverage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from quizgen.bank.corpus import Document

if TYPE_CHECKING:
    from pysbd import Segmenter

    from quizgen.bank.loader import Bank


@dataclass(frozen=True)
class Span:
    """A stretch of an article body: ``body[start:end]``."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Citation:
    """One source of one fact, located in its article's body."""

    fact_id: str
    source_index: int  # which of the fact's sources
    span: Span

    @property
    def anchor(self) -> str:
        return f"cite-{self.fact_id}-{self.source_index}"


@lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def paragraphs(body: str) -> Iterator[Span]:
    """Each non-blank line of ``body``: articles keep one paragraph per line."""
    for match in re.finditer(r"[^\n]+", body):
        text = match.group()
        if text.strip():
            lead = len(text) - len(text.lstrip())
            yield Span(match.start() + lead, match.start() + len(text.rstrip()))


def sentences(body: str) -> list[Span]:
    """The sentences of ``body`` in order, split by pysbd within each paragraph."""
    out: list[Span] = []
    for para in paragraphs(body):
        text = body[para.start : para.end]
        for piece in _segmenter().segment(text):
            raw = text[piece.start : piece.end]
            start = para.start + piece.start
            if raw.strip():
                out.append(Span(start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip())))
    return out


def locate(quote: str, body: str) -> Span | None:
    """Where ``quote`` occurs in ``body``, whitespace runs matching any whitespace run."""
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(map(re.escape, words)), body)
    return Span(match.start(), match.end()) if match else None


def citations(bank: Bank, doc: Document) -> list[Citation]:
    """Every source quoting ``doc``, in bank order."""
    found: list[Citation] = []
    for fact in bank.facts:
        for j, source in enumerate(fact.sources):
            if source.doc == doc.id:
                span = locate(source.quote, doc.body)
                if span is not None:
                    found.append(Citation(fact.id, j, span))
    return found


def coverage(sentence_spans: list[Span], cited: list[Citation]) -> float:
    """The share of sentences that some citation overlaps (0 for an empty article)."""
    if not sentence_spans:
        return 0.0
    covered = sum(1 for s in sentence_spans if any(c.span.overlaps(s) for c in cited))
    return covered / len(sentence_spans)
