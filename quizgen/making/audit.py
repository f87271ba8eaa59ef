"""Checks an exam author would make: over one question, and over a whole bank."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizgen.bank.controls import CONTROL
from quizgen.bank.facts import Fact
from quizgen.bank.text import normalize
from quizgen.making.question import LETTERS, Question
from quizgen.making.trie import compiled_trie

_RESIDUE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_NONE = re.compile(r"\bNone\b")
_MARKED = re.compile(r"[-_0-9]")
_TOKEN = re.compile(r"[\w-]+")  # a whole token, as internals_pattern's guards bound it


# Defects no template should ever produce: `quizgen check` fails on them (the others only
# skip the question, since a fact can simply not suit a template).
EXPOSES_INTERNALS = "learner text exposes internals"
TEMPLATE_RESIDUE = "template residue"
BLANK_IN_WORD = "the cloze blank is not on word boundaries"
IMPOSSIBLE_FIGURE = "an option gives an impossible figure"
SEVERE = (EXPOSES_INTERNALS, BLANK_IN_WORD, IMPOSSIBLE_FIGURE, TEMPLATE_RESIDUE)
_SHARE = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(?:%|per ?cent\b|percent\b)", re.IGNORECASE)
_NEGATIVE_COUNT = re.compile(r"(?<![\w.])-\d")


def defects(q: Question, internals: InternalIds | re.Pattern[str] | None = None,
            facts: Sequence[Fact] = ()) -> list[str]:
    """What makes a single question unfit to emit; empty when it is fine.

    ``internals`` matches what a learner must never read (fact and template ids); braces
    that ``facts`` (or the question's sources) hold are their data, not template residue.
    """
    problems = []
    texts = [q.prompt, q.answer, *q.options, *q.items, *q.left, *q.right]
    # One search over the texts joined by a line break (which no pattern below can match
    # across) finds what a search per text would, at a fraction of the cost.
    joined = "\n".join(texts)
    # Every residue pattern holds a brace, and `None` holds itself: a plain substring test
    # rules most texts out before the (slower) regular expression has to run.
    if ("{" in joined or "}" in joined) and _template_residue(joined, q, facts):
        problems.append(TEMPLATE_RESIDUE)
    if CONTROL.search(joined):
        problems.append("a control character in the text")
    if "None" in joined and _NONE.search(joined):
        problems.append("'None' in the text")
    if "  " in joined:
        problems.append("doubled spaces")
    if not q.prompt[:1].isupper() and q.prompt[:1] not in "“\"'‘(":
        problems.append("prompt starts in lower case")
    if any(not t.strip() for t in texts):
        problems.append("empty text")
    if q.kind == "multiple_choice" and len({normalize(o) for o in q.options}) != len(q.options):
        problems.append("duplicate options")
    if q.kind in ("short_answer", "multiple_choice", "cloze") and answer_in_prompt(q):
        problems.append("the answer appears in the prompt")
    if internals is not None and internals.search("\n".join([joined, q.explanation])):
        problems.append(EXPOSES_INTERNALS)
    if q.kind == "cloze" and (q.cloze_before[-1:].isalnum() or q.cloze_after[:1].isalnum()):
        problems.append(BLANK_IN_WORD)
    if q.kind == "multiple_choice" and any(_impossible(o) for o in q.options):
        problems.append(IMPOSSIBLE_FIGURE)
    return problems


# Punctuation a sentence puts around a word it quotes from the data.
_EDGES = ".,;:!?\"'“”‘’()[]«»…"


def _template_residue(text: str, q: Question, facts: Sequence[Fact]) -> bool:
    """True when a marker stands in a word of ``text`` that the facts' own text does not hold."""
    data: set[str] | None = None
    for m in _RESIDUE.finditer(text):
        start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        ends = [i for i in (text.find(" ", m.end()), text.find("\n", m.end())) if i >= 0]
        word = text[start:min(ends, default=len(text))].strip(_EDGES)
        if data is None:  # only once a marker is found: most questions hold none
            own = [*(t for f in facts for t in _texts(f.model_dump(mode="json"))),
                   *(t for s in q.sources for t in _texts(s.to_dict()))]
            data = {w.strip(_EDGES) for t in own for w in t.split()}
        if word not in data:
            return True
    return False


def _texts(value: Any) -> Iterator[str]:
    """Every string in a model's dump."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _impossible(option: str) -> bool:
    """A share over 100 or under 0 per cent, or a negative count."""
    for m in _SHARE.finditer(option):
        if not 0 <= float(m.group(1).replace(",", "")) <= 100:
            return True
    return bool(_NEGATIVE_COUNT.search(option)) and any(ch.isdigit() for ch in option)


class InternalIds:
    """Finds where a fact or template id stands in a text, as ``internals_pattern(ids)``'s
    ``search`` does, without compiling a pattern of every id (a bank-sized one took a
    fifth of a second and more, every run).

    An id of word characters and hyphens alone stands in a text as a whole token exactly
    when it is one whole run of them there: a set of those ids meets the text's runs. The
    few other ids keep their pattern.
    """

    def __init__(self, ids: Sequence[str]) -> None:
        marked = {i for i in ids if _MARKED.search(i)}
        self.tokens = {i for i in marked if _TOKEN.fullmatch(i)}
        self.others = compiled_trie(internals_source(sorted(marked - self.tokens)))

    def search(self, text: str) -> bool:
        """Whether any of the ids stands in ``text`` as a whole token."""
        return (not self.tokens.isdisjoint(_TOKEN.findall(text))
                or (self.others is not None and self.others.search(text) is not None))


def internals_pattern(ids: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern matching any of ``ids`` that could not be an ordinary word (it holds - _ or a digit)."""
    source = internals_source(ids)
    return None if source is None else re.compile(source)


def internals_source(ids: Sequence[str]) -> str | None:
    """The text of :func:`internals_pattern` (uncompiled: :class:`InternalIds` compiles it,
    for its few ids that are not plain tokens, as a trie)."""
    marked = sorted({i for i in ids if _MARKED.search(i)}, key=len, reverse=True)
    if not marked:
        return None
    return r"(?<![\w-])(?:" + "|".join(map(re.escape, marked)) + r")(?![\w-])"


def answer_in_prompt(q: Question) -> bool:
    """True when the answer (or an accepted form) stands in the prompt as whole words."""
    prompt = f" {normalize(q.prompt)} "
    forms = (normalize(a) for a in [q.answer, *q.accept])
    return any(f" {form} " in prompt for form in forms if form)


@dataclass
class Audit:
    """Bank-wide statistics of the kind an exam author checks."""

    total: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    positions: Counter[str] = field(default_factory=Counter)
    longest_is_right: int = 0
    multiple_choice: int = 0
    duplicate_options: list[str] = field(default_factory=list)
    answer_in_prompt: list[str] = field(default_factory=list)
    facts_without_questions: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """Findings that should be fixed; empty when the bank reads well."""
        out = []
        if self.multiple_choice:
            expected = self.multiple_choice / len(LETTERS[:4])
            skew = max(abs(self.positions[letter] - expected) for letter in LETTERS[:4])
            if skew > max(2.0, 0.15 * expected):
                out.append(f"right answers unevenly spread over A–D: {dict(self.positions)}")
            if self.longest_is_right > 0.4 * self.multiple_choice:
                out.append(f"the right option is the longest in {self.longest_is_right} of "
                           f"{self.multiple_choice} multiple-choice questions")
        if self.duplicate_options:
            out.append(f"duplicate options in {', '.join(self.duplicate_options)}")
        if self.answer_in_prompt:
            out.append(f"answer in its own prompt: {', '.join(self.answer_in_prompt)}")
        if self.facts_without_questions:
            out.append(f"facts with no question: {', '.join(self.facts_without_questions)}")
        return out


def audit(questions: Sequence[Question], fact_ids: Sequence[str]) -> Audit:
    """Stress-test a generated bank as an exam author would."""
    result = Audit(total=len(questions))
    asked = {fid for q in questions for fid in q.fact_ids}
    result.facts_without_questions = [fid for fid in fact_ids if fid not in asked]
    for q in questions:
        result.by_kind[q.kind] += 1
        if q.kind == "multiple_choice" and q.answer_letter:
            result.multiple_choice += 1
            result.positions[q.answer_letter] += 1
            lengths = [len(o) for o in q.options]
            if lengths[q.answer_index or 0] == max(lengths) and lengths.count(max(lengths)) == 1:
                result.longest_is_right += 1
            if len({normalize(o) for o in q.options}) != len(q.options):
                result.duplicate_options.append(q.id)
        if q.kind in ("short_answer", "multiple_choice", "cloze") and answer_in_prompt(q):
            result.answer_in_prompt.append(q.id)
    return result
