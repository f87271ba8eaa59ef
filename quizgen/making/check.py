"""The report ``quizgen check`` prints: the bank, then the questions it makes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.bank.disputes import settled_on_disputes
from quizgen.bank.loader import Bank
from quizgen.making.audit import SEVERE, Audit, audit
from quizgen.making.generate import Skipped
from quizgen.making.question import Question
from quizgen.making.selection import generate_fresh


@dataclass
class CheckReport:
    """What ``check`` found."""

    bank: Bank
    audit: Audit
    skipped: list[Skipped] = field(default_factory=list)

    errors: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.audit.warnings and not self.errors

    def render(self, verbose: bool = False) -> str:
        bank = self.bank
        facts = bank.facts
        kinds = Counter(f.kind for f in facts)
        outlets = Counter(bank.document(s.doc).meta.outlet for f in facts for s in f.sources)
        multi = sum(1 for f in facts if len({s.doc for s in f.sources}) > 1)
        disputed = [f for f in facts if f.disputed]
        lines = [
            f"Bank: {bank.title} (as of {bank.facts_file.as_of})",
            f"  {len(bank.documents)} documents, {len(facts)} facts; every quote found in its document",
            "  facts per kind:     " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
            "  sources per outlet: " + ", ".join(f"{k} {n}" for k, n in sorted(outlets.items())),
            f"  facts with 2+ sources: {multi}",
            f"  disputed facts: {len(disputed)}"
            + "".join(f"\n    - {f.id}: {f.disputed}" for f in disputed),
            "",
            f"Questions: {self.audit.total}: "
            + ", ".join(f"{k} {n}" for k, n in sorted(self.audit.by_kind.items())),
        ]
        if self.audit.multiple_choice:
            spread = " ".join(f"{k}={self.audit.positions[k]}" for k in "ABCD")
            lines.append(f"  right option position: {spread}; right option is the longest in "
                         f"{self.audit.longest_is_right} of {self.audit.multiple_choice}")
        lines += self._points()
        reasons = Counter(s.reason.split(";")[0] for s in self.skipped)
        lines.append(f"  skipped: {len(self.skipped)}"
                     + "".join(f"\n    {n} × {r}" for r, n in reasons.most_common()))
        if verbose:
            lines += [f"    - {s.template_id} × {', '.join(s.fact_ids)}: {s.reason}"
                      for s in self.skipped]
        warnings = self.audit.warnings
        lines.append("")
        lines += [f"ERROR: {e}" for e in self.errors]
        lines += [f"WARNING: {w}" for w in warnings]
        if self.ok:
            lines.append("All checks passed.")
        return "\n".join(lines)


    def _points(self) -> list[str]:
        """Questions per main point of the articles, and the points no question asks."""
        points = self.bank.facts_file.points
        if not points:
            return []
        asked = Counter(q.point for q in self.questions)
        width = max(len(p) for p in points)
        lines = [f"  main points: {len(points)}; questions per point:"]
        lines += [f"    {p:<{width}}  {asked[p]:>3}  {title}" for p, title in points.items()]
        unasked = [p for p in points if not asked[p]]
        if unasked:
            lines.append(f"  main points with no question: {', '.join(unasked)}")
        return lines


def check_bank(facts: Path, corpus: Path, questions_dir: Path) -> CheckReport:
    """Load, generate and audit, never from the cache; BankError or TemplateError propagate."""
    bank, generation = generate_fresh(facts, corpus, questions_dir)
    # A fact no template means to ask (a plain member, a country's own official) is no
    # warning; one whose every question was passed over is.
    meant = ({i for q in generation.questions for i in q.fact_ids}
             | {i for s in generation.skipped for i in s.fact_ids})
    result = audit(generation.questions,
                   [f.id for f in bank.facts if f.importance != "background" and f.id in meant])
    errors = settled_on_disputes(bank.facts)
    errors += [f"template {s.template_id!r} × {', '.join(s.fact_ids)}: {severe}"
               for s in generation.skipped for severe in SEVERE
               if s.reason.startswith("broken:") and severe in s.reason]
    return CheckReport(bank, result, generation.skipped, errors, generation.questions)
