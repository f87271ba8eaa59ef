"""CSV export: one flashcard per question (front, back, tags), ready for Anki's importer.

The file starts with Anki's header lines (``#separator:comma``, ``#html:false``,
``#columns:…``, ``#tags column:3``) so Anki imports it without questions asked; other
programs see them as comment rows. Every field is one line, so the file also pastes into
tools that take one card per line (such as Quizlet, via a spreadsheet). A field that a
spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``) gets a ``'`` in
front, as OWASP advises; Anki shows that ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from quizgen.making.question import Question

COLUMNS = ("Front", "Back", "Tags")  # Basic's field names: Anki maps columns by name
ANKI_HEADER = ("#separator:comma", "#html:false", f"#columns:{','.join(COLUMNS)}",
               "#tags column:3")


def to_csv(questions: Sequence[Question], *, title: str = "") -> str:
    """The questions as CSV text: Anki header lines, then ``front,back,tags`` per question."""
    out = io.StringIO()
    out.write("\n".join(ANKI_HEADER) + "\n")
    # Every field quoted: Anki reads a line starting with '#' as a comment, even mid-file.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for q in questions:
        writer.writerow([safe_cell(card_front(q)), safe_cell(card_back(q)),
                         safe_cell(" ".join(q.tags))])
    return out.getvalue()


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(text: str) -> str:
    """``text``, with a ``'`` in front if a spreadsheet would read it as a formula (OWASP)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def card_front(q: Question) -> str:
    """What the card asks: the prompt, with what the kind shows beside it."""
    if q.kind == "multiple_choice":
        text = f"{q.prompt} ({' / '.join(q.options)})"
    elif q.kind == "true_false":
        text = f"True or false? {q.prompt}"
    elif q.kind == "ordering":
        text = f"{q.prompt} {'; '.join(q.items)}"
    elif q.kind == "matching":
        text = f"{q.prompt} {'; '.join(q.left)} — with: {'; '.join(q.right)}"
    else:  # short answer, and cloze whose prompt holds its blank
        text = q.prompt
    return _one_line(text)


def card_back(q: Question) -> str:
    """The answer (ordering and matching: the full solution), then the explanation."""
    if not q.explanation:
        text = q.answer
    elif q.explanation.startswith(q.answer):  # "False. …" already names the answer
        text = q.explanation
    else:
        text = f"{q.answer} — {q.explanation}"
    if q.as_of:
        text += f" ({q.as_of_line}.)"
    return _one_line(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())
