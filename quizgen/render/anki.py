"""Anki decks (.apkg): stable identities, sources on every card, byte-identical rebuilds.

How the pieces stay stable, so that a learner can re-import a corrected deck:

- A note's GUID is ``genanki.guid_for(question.id)``; question ids never change with
  wording or seed, so a rebuilt note updates the note the learner already has.
- Note type and deck ids are hashes of fixed names (``stable_id``), never random.
- Anki matches note types by id and treats a type whose field or template *names*
  changed as a different type (it imports a copy and refuses to update the notes).
  So each note type has a ``version``: change its fields or its templates' number or
  names, and you must bump the version, which changes both its id and its name.
  ``tests/render/test_anki.py`` pins the current ids and schemas so this cannot slip.
- Anki updates a note only when the incoming note is newer than its own copy.
  ``bank_timestamp`` dates the bank by its last change (see there), and every note,
  note type and card of a deck gets that one time, so rebuilding an unchanged bank
  gives the same bytes and rebuilding a changed one gives newer notes.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from unidecode import unidecode

from quizgen.atomic import write_atomic
from quizgen.bank.changes import last_change
from quizgen.bank.loader import Bank
from quizgen.gcpause import gc_paused
from quizgen.making.question import LETTERS, Question, SourceRef
from quizgen.render.apkg import write_package

# The last time the way quizgen turns questions into notes changed (card templates, CSS,
# field HTML) without the bank changing. Decks are never dated earlier, so a learner's
# Anki sees notes and note types as newer and takes the change. Set it to the current
# time whenever decks/ changes although the bank did not: tests/render/test_decks_fresh.py
# fails with a message saying so.
FORMAT_STAMP = int(datetime(2026, 12, 1, 23, 50, tzinfo=UTC).timestamp())

CSS_ASSET = "anki.css"

# Subdecks by fact kind: "<deck>::Exercises".
SUBDECKS = {
    "event": "Events",
    "role": "People and posts",
    "exercise": "Exercises",
    "membership": "Membership",
    "document": "Documents",
    "statement": "Statements",
    "figure": "Figures",
}

# -- note types ----------------------------------------------------------------

_BACK = """\
<div class="qg qg-back" id="answer">
<div class="qg-label">Answer</div>
<div class="qg-answer">{{Answer}}</div>
{{#Explanation}}<div class="qg-explanation">{{Explanation}}</div>{{/Explanation}}
<div class="qg-sources"><div class="qg-label">Sources</div>{{Sources}}</div>
<div class="qg-id">{{Id}}</div>
</div>"""

_CLOZE_BACK = """\
<div class="qg qg-back" id="answer">
{{#Explanation}}<div class="qg-explanation">{{Explanation}}</div>{{/Explanation}}
<div class="qg-sources"><div class="qg-label">Sources</div>{{Sources}}</div>
<div class="qg-id">{{Id}}</div>
</div>"""

_CLOZE_FRONT = '<div class="qg qg-front"><div class="qg-prompt qg-cloze">{{cloze:Text}}</div></div>'

_CHOICE_FRONT = """\
<div class="qg qg-front qg-choice">
<div class="qg-prompt">{{Question}}</div>
<div class="qg-options">{{Options}}</div>
</div>"""


@dataclass(frozen=True)
class NoteType:
    """One quizgen note type. Bump ``version`` when ``fields`` or template names change."""

    key: str
    label: str
    version: int
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # (name, front, back)
    cloze: bool = False

    @property
    def name(self) -> str:
        """``quizgen: Multiple choice``, with `` v2`` and so on after the first version."""
        suffix = f" v{self.version}" if self.version > 1 else ""
        return f"quizgen: {self.label}{suffix}"

    @property
    def model_id(self) -> int:
        return stable_id(f"quizgen note type {self.key} v{self.version}")

    def schema(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What Anki compares to tell whether an incoming type is the same: the names."""
        return self.fields, tuple(name for name, _, _ in self.templates)


BASIC = NoteType(
    key="basic", label="Basic", version=1,
    fields=("Question", "Answer", "Explanation", "Sources", "Id"),
    templates=(("Question",
                '<div class="qg qg-front"><div class="qg-prompt">{{Question}}</div></div>',
                "{{FrontSide}}\n" + _BACK),),
)
CHOICE = NoteType(
    key="multiple-choice", label="Multiple choice", version=1,
    fields=("Question", "Options", "Correct", "Answer", "Explanation", "Sources", "Id"),
    # The back marks the right option with CSS keyed on the letter in `Correct`.
    templates=(("Question", _CHOICE_FRONT,
                _CHOICE_FRONT.replace('"qg-options"', '"qg-options qg-correct-{{Correct}}"')
                + "\n" + _BACK),),
)
CLOZE = NoteType(
    key="cloze", label="Cloze", version=1, cloze=True,
    fields=("Text", "Explanation", "Sources", "Id"),
    templates=(("Cloze", _CLOZE_FRONT, _CLOZE_FRONT + "\n" + _CLOZE_BACK),),
)
NOTE_TYPES = (BASIC, CHOICE, CLOZE)
NOTE_TYPE_FOR_KIND = {
    "short_answer": BASIC, "true_false": BASIC, "ordering": BASIC, "matching": BASIC,
    "multiple_choice": CHOICE, "cloze": CLOZE,
}


def stable_id(name: str) -> int:
    """A fixed id for a name, in the range genanki uses for its own ids (2**30 to 2**31)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def deck_id(full_name: str) -> int:
    """The fixed id of a deck (Anki matches decks by name; the id only has to be stable)."""
    return stable_id(f"quizgen deck {full_name}")


def subdeck_name(deck_name: str, fact_kind: str) -> str:
    """``CSTO Summit 2025::Exercises`` for an exercise question."""
    return f"{deck_name}::{SUBDECKS.get(fact_kind, fact_kind.replace('_', ' ').capitalize())}"


def stylesheet() -> str:
    """The one stylesheet every quizgen note type shares."""
    return resources.files("quizgen").joinpath("assets", CSS_ASSET).read_text(encoding="utf-8")


# -- fields --------------------------------------------------------------------


# What Anki reads in a field's text besides HTML: `[sound:…]` and `[latex]` tags (their
# bracket), MathJax's `\(…\)` and `\[…\]` (its backslash; MathJax reads the page's text,
# where an entity is already a backslash again, so the backslash goes in a span it skips).
_ANKI_MARKUP = {"[": "&#91;", "]": "&#93;",
                "\\": '<span class="tex2jax_ignore mathjax_ignore">&#92;</span>'}


def esc(text: str) -> str:
    """Escape text for an Anki field: it shows literally and runs nothing."""
    escaped = html.escape(text, quote=True).replace("\n", "<br>")
    if "[" in escaped or "]" in escaped or "\\" in escaped:
        escaped = re.sub(r"[\[\]\\]", lambda m: _ANKI_MARKUP[m.group()], escaped)
    return escaped


def note_fields(q: Question) -> list[str]:
    """The field values of the note for ``q``, in its note type's field order."""
    sources = sources_html(q.sources)
    if q.as_of:  # "will" and "is scheduled" read right long after the facts
        sources += f'<p class="qg-as-of">{esc(q.as_of_line)}.</p>'
    explanation = f"<p>{esc(q.explanation)}</p>" if q.explanation else ""
    if q.kind == "cloze":
        return [cloze_text(q), explanation, sources, esc(q.id)]
    if q.kind == "multiple_choice":
        letter = q.answer_letter or ""
        options = "".join(
            f'<li class="qg-option"><span class="qg-letter">{LETTERS[i]}</span> '
            f'<span class="qg-text">{esc(option)}</span></li>'
            for i, option in enumerate(q.options))
        answer = f'<span class="qg-letter">{letter}</span> {esc(q.answer)}'
        return [f"<p>{esc(q.prompt)}</p>", f'<ol class="qg-list">{options}</ol>', letter,
                answer, explanation, sources, esc(q.id)]
    return [question_html(q), answer_html(q), explanation, sources, esc(q.id)]


def question_html(q: Question) -> str:
    """The front of a basic note: the prompt, and what the kind needs besides it."""
    prompt = f"<p>{esc(q.prompt)}</p>"
    if q.kind == "true_false":
        return prompt + '<p class="qg-hint">True or false?</p>'
    if q.kind == "ordering":
        return prompt + lettered(q.items)
    if q.kind == "matching":
        left = "".join(f'<li><span class="qg-letter">{i + 1}</span> '
                       f'<span class="qg-text">{esc(t)}</span></li>' for i, t in enumerate(q.left))
        return (prompt + '<div class="qg-match">'
                f'<ol class="qg-list">{left}</ol>{lettered(q.right, lower=True)}</div>')
    return prompt


def answer_html(q: Question) -> str:
    """The answer of a basic note, with what else is accepted or the full solution."""
    if q.kind == "ordering":
        parts = q.answer.split("; ")
        # The answer text adds each item's date; use it when it lines up with the items.
        if len(parts) != len(q.order) or any(
                not part.startswith(q.items[i]) for part, i in zip(parts, q.order, strict=True)):
            parts = [q.items[i] for i in q.order]
        steps = "".join(f'<li><span class="qg-letter">{LETTERS[i]}</span> '
                        f'<span class="qg-text">{esc(part)}</span></li>'
                        for i, part in zip(q.order, parts, strict=True))
        return (f'<p class="qg-key">{esc(q.answer_key())}</p>'
                f'<ol class="qg-list qg-solution">{steps}</ol>')
    if q.kind == "matching":
        rows = "".join(
            f'<li><span class="qg-letter">{i + 1}</span> <span class="qg-text">{esc(left)}'
            # Arrow and letter stay on one line with the text that follows them.
            f' <span class="qg-arrow">→\u00a0<span class="qg-letter qg-inline">'
            f'{LETTERS[j].lower()}</span></span>\u00a0{esc(q.right[j])}</span></li>'
            for i, (left, j) in enumerate(zip(q.left, q.pairs, strict=True)))
        return (f'<p class="qg-key">{esc(q.answer_key())}</p>'
                f'<ol class="qg-list qg-solution">{rows}</ol>')
    main = f'<p class="qg-main">{esc(q.answer)}</p>'
    if q.accept:
        main += f'<p class="qg-accept">Also accepted: {esc(", ".join(q.accept))}</p>'
    return main


def lettered(items: Sequence[str], *, lower: bool = False) -> str:
    """Items as a list lettered A, B, C (or a, b, c)."""
    letters = LETTERS.lower() if lower else LETTERS
    rows = "".join(f'<li><span class="qg-letter">{letters[i]}</span> '
                   f'<span class="qg-text">{esc(t)}</span></li>' for i, t in enumerate(items))
    return f'<ol class="qg-list">{rows}</ol>'


def cloze_text(q: Question) -> str:
    """``before {{c1::answer}} after``, escaped so that no text can open another cloze."""
    def cloze_safe(text: str) -> str:
        return esc(text).replace("{", "&#123;").replace("}", "&#125;")

    # A colon pair inside the deletion would start a hint: keep colons literal there.
    answer = cloze_safe(q.answer).replace(":", "&#58;")
    return f"{cloze_safe(q.cloze_before)}{{{{c1::{answer}}}}}{cloze_safe(q.cloze_after)}"


def sources_html(sources: Iterable[SourceRef]) -> str:
    """Each article once (outlet, date, title), with every quote taken from it."""
    return _sources_html(tuple(sources))


# Every question of a fact shows the same sources: build their HTML once per bank.
@functools.lru_cache(maxsize=1 << 16)
def _sources_html(sources: tuple[SourceRef, ...]) -> str:
    by_doc: dict[str, list[SourceRef]] = {}
    for source in sources:
        by_doc.setdefault(source.doc, []).append(source)
    items = []
    for refs in by_doc.values():
        first = refs[0]
        quotes = "".join(f'<blockquote class="qg-quote">“{esc(r.quote)}”</blockquote>'
                         for r in refs)
        items.append(f'<li class="qg-source"><span class="qg-outlet">{esc(first.outlet)}</span>'
                     f' <span class="qg-date">{esc(first.when)}</span>'
                     f'<div class="qg-title">{esc(first.title)}</div>{quotes}</li>')
    return f'<ul class="qg-source-list">{"".join(items)}</ul>'


@functools.lru_cache(maxsize=1 << 12)
def tag_slug(text: str) -> str:
    """``Anadolu Agency`` → ``anadolu_agency``: Anki tags have no spaces; empty for ``★★★``."""
    return re.sub(r"[^a-z0-9]+", "_", unidecode(text).lower()).strip("_")


def note_tags(q: Question) -> list[str]:
    """The question's tags (fact kinds, fact tags, ``disputed``) and ``source::<outlet>``.

    An outlet whose name gives no slug (no letters unidecode can spell) is tagged by its
    document's id, so that two such outlets never share one tag.
    """
    tags = [_tag(t) for t in q.tags]
    tags += [f"source::{tag_slug(s.outlet) or s.doc}" for s in q.sources]
    return sorted(set(tags))


@functools.lru_cache(maxsize=1 << 12)
def _tag(text: str) -> str:
    """A tag as Anki takes it: no spaces."""
    return re.sub(r"\s+", "_", text)


# -- the package ---------------------------------------------------------------


def build_decks(questions: Sequence[Question], *, deck_name: str,
                description: str = "") -> list[Any]:
    """genanki decks: the top deck, then one subdeck per fact kind, with the notes."""
    import genanki

    css = stylesheet()
    models = {
        nt.key: genanki.Model(
            nt.model_id, nt.name,
            fields=[{"name": f} for f in nt.fields],
            templates=[{"name": name, "qfmt": front, "afmt": back}
                       for name, front, back in nt.templates],
            css=css,
            model_type=genanki.Model.CLOZE if nt.cloze else genanki.Model.FRONT_BACK,
        )
        for nt in NOTE_TYPES
    }
    top = genanki.Deck(deck_id(deck_name), deck_name, description=esc(description))
    decks: dict[str, Any] = {}
    for position, q in enumerate(questions):
        name = subdeck_name(deck_name, q.fact_kind)
        if name not in decks:
            decks[name] = genanki.Deck(deck_id(name), name)
        # `due` orders new cards as the questions came.
        decks[name].add_note(genanki.Note(
            model=models[NOTE_TYPE_FOR_KIND[q.kind].key], fields=note_fields(q),
            tags=note_tags(q), guid=genanki.guid_for(q.id), due=position))
    return [top, *(decks[name] for name in sorted(decks))]


def write_apkg(questions: Sequence[Question], path: Path, *, deck_name: str,
               timestamp: float, description: str = "",
               written: Callable[[Path], None] = lambda _: None) -> None:
    """Write ``questions`` as an Anki package; the same inputs give the same bytes.

    ``written`` is shown the finished package (a temporary file) before it takes its place.
    """
    # genanki makes several objects per note; with the whole bank alive, the cyclic
    # collector would keep rescanning it (half the time of a 100,000-note deck).
    with gc_paused():
        decks = build_decks(questions, deck_name=deck_name, description=description)

        def write(tmp: Path) -> None:
            write_package(decks, timestamp, tmp)
            written(tmp)

        write_atomic(path, write)


# -- when the bank last changed --------------------------------------------------


def bank_timestamp(bank: Bank, questions_dir: Path | None = None) -> float:
    """The note modification time of a deck built from ``bank``: its last change.

    Each input (the facts file, the corpus folder, the templates folder) is dated by
    the commit that last changed it when it is committed and unmodified in a git
    checkout (the same in every clone), else by the newest modification time of its
    files (a bank outside git, or one being edited). The deck gets the latest of
    these, and never earlier than ``FORMAT_STAMP``.
    """
    return inputs_timestamp(bank.facts_path, bank.corpus_dir, questions_dir)


def inputs_timestamp(facts: Path, corpus: Path, questions_dir: Path | None = None) -> float:
    """``bank_timestamp`` from the bank's paths alone (no bank loaded)."""
    paths = [facts, corpus, *([questions_dir] if questions_dir else [])]
    return float(max([FORMAT_STAMP, *(last_change(p) for p in paths)]))
