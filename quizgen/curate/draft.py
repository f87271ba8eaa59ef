"""Suggestions as YAML to paste under ``facts:``, and how many of a bank's facts they find."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from quizgen.bank.corpus import Document
from quizgen.bank.loader import Bank
from quizgen.bank.quotes import yaml_quoted
from quizgen.curate.coverage import Span, locate
from quizgen.curate.suggest import Suggestion

RECALL_KINDS = ("event", "figure", "exercise", "role", "membership")


def to_yaml(doc: Document, suggestions: Sequence[Suggestion], bank: Bank | None = None) -> str:
    """The suggestions as facts-file YAML; comments say which the bank already has."""
    lines = [f"# {len(suggestions)} suggested facts from {doc.path}: paste what you keep under",
             "# `facts:`, fill in each TODO, then run `quizgen check`. Nothing is added to the bank.", ""]
    cited = _bank_spans(bank, doc) if bank else []
    counts: dict[str, int] = {}
    for s in suggestions:
        counts[s.kind] = counts.get(s.kind, 0) + 1
        already = sorted({fid for fid, kind, span in cited if kind == s.kind and span.overlaps(s.span)})
        notes = [*s.notes, *([f"the bank has this as {', '.join(already)}"] if already else [])]
        lines += [f"  # {note}" for note in notes]
        lines.append(f"  - id: {doc.id}-{s.kind}-{counts[s.kind]}")
        lines.append(f"    kind: {s.kind}")
        lines += [f"    {name}: {_scalar(value)}" for name, value in s.fields.items()]
        lines += ["    sources:", f"      - doc: {doc.id}", f"        quote: {yaml_quoted(s.quote)}", ""]
    if bank is not None:
        lines.append("# The bank's facts citing this article that these suggestions find (by quote overlap):")
        for kind, (found, total) in recall(bank, {doc.id: suggestions}).items():
            if total:
                lines.append(f"#   {kind}: {found} of {total}")
    return "\n".join(lines) + "\n"


def recall(bank: Bank, suggestions: dict[str, Sequence[Suggestion]]) -> dict[str, tuple[int, int]]:
    """Per kind: (facts some suggestion of that kind overlaps, facts citing these articles)."""
    out: dict[str, tuple[int, int]] = {}
    for kind in RECALL_KINDS:
        found = total = 0
        for fact in bank.facts:
            if fact.kind != kind or not any(s.doc in suggestions for s in fact.sources):
                continue
            total += 1
            found += any(
                sug.kind == kind and sug.span.overlaps(span)
                for doc_id, span in _fact_spans(bank, fact.id, suggestions)
                for sug in suggestions[doc_id])
        out[kind] = (found, total)
    return out


def _fact_spans(bank: Bank, fact_id: str, docs: Iterable[str]) -> list[tuple[str, Span]]:
    fact = bank.by_id[fact_id]
    spans = []
    for source in fact.sources:
        if source.doc in docs:
            span = locate(source.quote, bank.document(source.doc).body)
            if span is not None:
                spans.append((source.doc, span))
    return spans


def _bank_spans(bank: Bank, doc: Document) -> list[tuple[str, str, Span]]:
    return [(fact.id, fact.kind, span) for fact in bank.facts
            for doc_id, span in _fact_spans(bank, fact.id, [doc.id]) if doc_id == doc.id]


def _scalar(value: str | int | float) -> str:
    return str(value) if isinstance(value, int | float) else yaml_quoted(value)


def suggest_article(article: Path, facts: Path) -> tuple[str, str]:
    """The YAML for ``article``, compared with the bank at ``facts`` where that loads, and a note."""
    from quizgen.bank.corpus import load_document
    from quizgen.bank.loader import load_bank
    from quizgen.curate.suggest import suggest_facts
    from quizgen.errors import BankError

    doc = load_document(article)
    bank: Bank | None = None
    note = ""
    if facts.exists():
        try:
            bank = load_bank(facts, article.parent)
        except BankError as exc:
            note = f"Not compared with {facts}: {exc.problems[0]}"
    if bank is not None and doc.id not in bank.documents:
        bank, note = None, f"Not compared with {facts}: {article} is not in its corpus"
    as_of = bank.facts_file.as_of_day if bank else None
    return to_yaml(doc, suggest_facts(doc, as_of), bank), note
