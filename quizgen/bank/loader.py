"""A bank: the corpus and the facts that cite it, loaded and cross-checked."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quizgen.bank.controls import control_problems
from quizgen.bank.corpus import Document, load_corpus
from quizgen.bank.disputes import Sides, dispute_sides
from quizgen.bank.facts import Fact, FactsFile, Role
from quizgen.bank.messages import merge_union_errors, plain_message
from quizgen.bank.quotes import diagnose
from quizgen.bank.textfile import read_text
from quizgen.bank.yamlfile import line_of, parse_yaml
from quizgen.errors import BankError
from quizgen.gcpause import gc_paused

DEFAULT_FACTS = Path("corpus/facts.yaml")
DEFAULT_CORPUS = Path("corpus")
DEFAULT_QUESTIONS = Path("questions")
EXPLAINED_MISSES = 5


@dataclass
class Bank:
    """The facts file, its corpus and where both came from."""

    facts_file: FactsFile
    documents: dict[str, Document]
    facts_path: Path
    corpus_dir: Path
    by_id: dict[str, Fact] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {fact.id: fact for fact in self.facts_file.facts}

    @property
    def facts(self) -> list[Fact]:
        return self.facts_file.facts

    @property
    def title(self) -> str:
        return self.facts_file.title

    def document(self, doc_id: str) -> Document:
        return self.documents[doc_id]

    @functools.cached_property
    def dispute_sides(self) -> Sides:
        """Each article's passages that a side of a dispute quotes, with the disputed fact."""
        return dispute_sides(self.facts)


def load_bank(facts_path: Path = DEFAULT_FACTS, corpus_dir: Path = DEFAULT_CORPUS, *,
              kept: bool = False) -> Bank:
    """Load and cross-check a bank; raise BankError listing every problem found.

    ``kept``: validate only the facts, front matter and fields the cache has not seen
    (quizgen.bank.validated; the same bank, the same errors); ``check`` validates all itself.
    """
    documents = load_corpus(corpus_dir, kept=kept)
    text = read_text(facts_path, "facts file")
    data = parse_yaml(text, facts_path)
    if controls := control_problems(data, text, facts_path):
        raise BankError(controls, summary=f"Invalid facts file {facts_path.name}")
    if not isinstance(data, dict):
        raise BankError(
            [f"{facts_path}:1: expected a mapping with `title`, `as_of` and `facts`, "
             f"found {_kind_of(data)}"],
            summary=f"Invalid facts file {facts_path.name}",
        )
    try:
        with gc_paused():
            if kept:
                from quizgen.bank.validated import validate_facts

                facts_file = validate_facts(data, facts_path)
            else:
                facts_file = FactsFile.model_validate(data)
    except ValidationError as exc:
        raise BankError(
            [_describe(err, text, facts_path, data) for err in merge_union_errors(exc.errors())],
            summary=f"Invalid facts file {facts_path.name}",
        ) from None
    problems = _cross_check(facts_file, documents, text, facts_path)
    if problems:
        raise BankError(problems, summary=f"Problems in {facts_path.name} (ids, documents, quotes)")
    return Bank(facts_file, documents, facts_path, corpus_dir)


def _kind_of(data: Any) -> str:
    return "an empty file" if data is None else f"a {type(data).__name__}"


def _field_path(loc: Sequence[str | int], data: Any) -> tuple[list[str | int], str]:
    """Drop pydantic's union tag from ``loc`` and describe the fact it points into."""
    clean: list[str | int] = []
    label = ""
    for i, part in enumerate(loc):
        if i == 2 and loc[0] == "facts" and isinstance(loc[1], int):
            facts = data.get("facts") if isinstance(data, dict) else None
            fact = facts[loc[1]] if isinstance(facts, list) and loc[1] < len(facts) else None
            if isinstance(fact, dict):
                if fact.get("kind") == part:
                    continue
                if isinstance(fact.get("id"), str):
                    label = f" (fact {fact['id']!r})"
        clean.append(part)
    if len(loc) >= 2 and loc[0] == "facts" and isinstance(loc[1], int) and not label:
        facts = data.get("facts") if isinstance(data, dict) else None
        fact = facts[loc[1]] if isinstance(facts, list) and loc[1] < len(facts) else None
        if isinstance(fact, dict) and isinstance(fact.get("id"), str):
            label = f" (fact {fact['id']!r})"
    return clean, label


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _describe(err: Any, text: str, path: Path, data: Any) -> str:
    loc, label = _field_path(err["loc"], data)
    line = line_of(text, loc) or 1
    return f"{path}:{line}: {_dotted(loc)}{label}: {plain_message(err)}"


def _explain_miss(quote: str, doc: Document) -> str:
    diagnosis = diagnose(quote, doc.flat_body)
    return "" if diagnosis is None else "\n" + diagnosis.render()


def _cross_check(
    facts_file: FactsFile, documents: dict[str, Document], text: str, path: Path
) -> list[str]:
    """Check ids, document references, quotes and person references."""
    problems: list[str] = []

    def at(loc: list[str | int], fact_id: str, message: str) -> None:
        problems.append(f"{path}:{line_of(text, loc) or 1}: {_dotted(loc)} (fact {fact_id!r}): {message}")

    seen: dict[str, int] = {}
    people = {f.person for f in facts_file.facts if isinstance(f, Role)}
    for i, fact in enumerate(facts_file.facts):
        if fact.id in seen:
            at(["facts", i, "id"], fact.id, f"duplicate id, first used by facts[{seen[fact.id]}]")
        else:
            seen[fact.id] = i
        for j, source in enumerate(fact.sources):
            doc = documents.get(source.doc)
            if doc is None:
                known = ", ".join(sorted(documents)) or "none"
                at(["facts", i, "sources", j, "doc"], fact.id,
                   f"unknown document {source.doc!r} (corpus has: {known})")
            elif not doc.contains(source.quote):
                # The diagnosis takes a few lines and a fuzzy search: only the first misses get it,
                # so many misses still fit on a screen.
                detail = _explain_miss(source.quote, doc) if len(problems) < EXPLAINED_MISSES else ""
                at(["facts", i, "sources", j, "quote"], fact.id, f"quote not found in {doc.path}{detail}")
        if fact.point is not None and fact.point not in facts_file.points:
            known = ", ".join(sorted(facts_file.points)) or "none yet: list them under `points:`"
            at(["facts", i, "point"], fact.id, f"unknown point {fact.point!r} (points: {known})")
        if isinstance(fact, Role) and fact.succeeds and fact.succeeds not in people:
            at(["facts", i, "succeeds"], fact.id,
               f"{fact.succeeds!r} is not the `person` of any role fact")
    return problems
