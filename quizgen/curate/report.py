"""The curator's report: one self-contained HTML page showing the bank at a glance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizgen.bank.corpus import Document
from quizgen.bank.loader import Bank
from quizgen.curate.coverage import Citation, Span, citations, coverage, paragraphs, sentences
from quizgen.making.generate import Generation, Skipped
from quizgen.making.question import Question

_NOT_FIELDS = {"id", "kind", "sources", "tags", "disputed", "note"}


@dataclass(frozen=True)
class Piece:
    """A run of article text: cited by some facts (or none), with references after it."""

    text: str
    cited_by: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()  # citations that start here
    refs: tuple[str, ...] = ()  # facts whose citation ends here


@dataclass
class Sentence:
    pieces: list[Piece]

    @property
    def cited(self) -> bool:
        return any(p.cited_by for p in self.pieces)


@dataclass
class ArticleView:
    doc: Document
    paragraphs: list[list[Sentence]]
    sentence_count: int
    covered: int
    facts: list[str]

    @property
    def share(self) -> float:
        return self.covered / self.sentence_count if self.sentence_count else 0.0


@dataclass
class FactView:
    number: int
    fact: Any
    fields: list[tuple[str, str]]
    sources: list[tuple[Document, str, str]]  # document, quote, anchor
    questions: list[Question] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def build_report(bank: Bank, generation: Generation) -> str:
    """The report's HTML: summary, articles with cited passages marked, facts with questions."""
    import jinja2

    numbers = {fact.id: i + 1 for i, fact in enumerate(bank.facts)}
    articles = [_article(bank, doc, numbers) for _, doc in sorted(bank.documents.items())]
    facts = [_fact(bank, fact, numbers[fact.id], generation) for fact in bank.facts]
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quizgen", "assets"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    from importlib.resources import files

    css = files("quizgen").joinpath("assets/report.css").read_text(encoding="utf-8")
    return env.get_template("report.html.j2").render(
        bank=bank, articles=articles, facts=facts, css=css, numbers=numbers,
        kinds=sorted(Counter(f.kind for f in bank.facts).items()),
        uncited=[a for a in articles if not a.facts],
        disputed=[f for f in bank.facts if f.disputed],
        total_questions=len(generation.questions), total_skipped=len(generation.skipped),
    )


def write_report(facts: Path, corpus: Path, questions_dir: Path, out: Path) -> Bank:
    """Load and generate, then write the report to ``out`` atomically."""
    from quizgen.atomic import write_atomic
    from quizgen.making.selection import load_and_generate

    bank, generation = load_and_generate(facts, corpus, questions_dir)
    write_atomic(out, build_report(bank, generation))
    return bank


def _article(bank: Bank, doc: Document, numbers: dict[str, int]) -> ArticleView:
    cited = citations(bank, doc)
    spans = sentences(doc.body)
    paras: list[list[Sentence]] = []
    for para in paragraphs(doc.body):
        paras.append([_sentence(doc.body, s, cited, numbers) for s in spans
                      if para.start <= s.start < para.end])
    covered = round(coverage(spans, cited) * len(spans))
    return ArticleView(doc, paras, len(spans), covered, sorted({c.fact_id for c in cited},
                                                                key=numbers.__getitem__))


def _sentence(body: str, sentence: Span, cited: list[Citation], numbers: dict[str, int]) -> Sentence:
    inside = [c for c in cited if c.span.overlaps(sentence)]
    cuts = sorted({sentence.start, sentence.end,
                   *(max(sentence.start, min(sentence.end, x))
                     for c in inside for x in (c.span.start, c.span.end))})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start == end:
            continue
        by = tuple(c for c in inside if c.span.start < end and start < c.span.end)
        pieces.append(Piece(
            body[start:end],
            cited_by=tuple(sorted({c.fact_id for c in by}, key=numbers.__getitem__)),
            anchors=tuple(c.anchor for c in by if c.span.start == start),
            refs=tuple(c.fact_id for c in by if c.span.end == end),
        ))
    return Sentence(pieces)


def _fact(bank: Bank, fact: Any, number: int, generation: Generation) -> FactView:
    values = fact.model_dump(exclude=_NOT_FIELDS, exclude_defaults=False)
    fields = [(name, _shown(getattr(fact, name))) for name in values
              if getattr(fact, name) not in (None, [], "")]
    sources = [(bank.document(s.doc), s.quote, f"cite-{fact.id}-{j}")
               for j, s in enumerate(fact.sources)]
    return FactView(
        number, fact, fields, sources,
        questions=[q for q in generation.questions if fact.id in q.fact_ids],
        skipped=[s for s in generation.skipped if fact.id in s.fact_ids],
    )


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
