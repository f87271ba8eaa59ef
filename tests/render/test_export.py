"""Exports for other tools: CSV flashcards (read by Anki itself), Markdown, JSON."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quizgen.making.question import LETTERS, Question
from quizgen.making.selection import load_and_generate
from quizgen.render.csv import ANKI_HEADER, card_back, card_front, to_csv
from quizgen.render.exports import render_export
from quizgen.render.markdown import escape, to_markdown
from tests.conftest import QUESTIONS, ROOT, every_kind

HOSTILE = ROOT / "tests" / "hostile" / "ok-html-everywhere" / "corpus"


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return every_kind()


@pytest.fixture(scope="module")
def hostile() -> list[Question]:
    return load_and_generate(HOSTILE / "facts.yaml", HOSTILE, QUESTIONS)[1].questions


def first(questions: list[Question], kind: str) -> Question:
    return next(q for q in questions if q.kind == kind)


def csv_rows(text: str) -> list[list[str]]:
    """The data rows: what a CSV reader sees once Anki's ``#`` header lines are set aside."""
    return [row for row in csv.reader(io.StringIO(text)) if not row[0].startswith("#")]


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_has_one_row_of_front_back_tags_per_question(questions: list[Question]) -> None:
    text = to_csv(questions)
    assert text.splitlines()[:4] == list(ANKI_HEADER)
    rows = csv_rows(text)
    assert len(rows) == len(questions)
    for row, q in zip(rows, questions, strict=True):
        assert row == [card_front(q), card_back(q), " ".join(q.tags)]
        assert all("\n" not in field and field == field.strip() for field in row)


def test_csv_cards_by_kind(questions: list[Question]) -> None:
    mc = first(questions, "multiple_choice")
    assert card_front(mc) == f"{mc.prompt} ({' / '.join(mc.options)})"
    assert card_back(mc).startswith(mc.answer)
    tf = first(questions, "true_false")
    assert card_front(tf) == f"True or false? {tf.prompt}"
    assert card_back(tf).split(" ")[0].rstrip(".") == tf.answer
    cloze = first(questions, "cloze")
    assert "_____" in card_front(cloze) and card_back(cloze).startswith(cloze.answer)
    ordering = first(questions, "ordering")
    assert all(item in card_front(ordering) for item in ordering.items)
    assert card_back(ordering).startswith(ordering.answer)
    matching = first(questions, "matching")
    assert all(t in card_front(matching) for t in [*matching.left, *matching.right])
    assert card_back(matching).startswith(matching.answer)


def test_csv_back_names_the_answer_once(questions: list[Question]) -> None:
    false = next(q for q in questions if q.kind == "true_false" and q.answer == "False"
                 and q.explanation.startswith("False."))
    assert card_back(false) == f"{false.explanation} (Facts as reported on 27 November 2025.)"
    assert not card_back(false).startswith("False — False")


def test_anki_imports_the_csv_as_one_basic_note_per_question(
        questions: list[Question], hostile: list[Question], tmp_path: Path) -> None:
    """The real Anki backend reads the file: fields, tags and HTML-looking text as text."""
    pytest.importorskip("anki", reason="the anki package (test extra) is not installed")
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportCsvRequest

    path = tmp_path / "cards.csv"
    chosen = questions[:40] + hostile
    path.write_text(to_csv(chosen), encoding="utf-8")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = col.get_csv_metadata(path=str(path), delimiter=None)
        assert list(metadata.column_labels) == ["Front", "Back", "Tags"]
        assert metadata.tags_column == 3 and not metadata.is_html
        col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        from html import escape as html_escape

        # html:false means Anki stores the text HTML-escaped, so it shows exactly as written
        assert sorted((n["Front"], n["Back"], sorted(n.tags)) for n in notes) == sorted(
            (html_escape(card_front(q)), html_escape(card_back(q)), sorted(q.tags))
            for q in chosen)
        assert any("&lt;script&gt;" in note["Front"] for note in notes)
    finally:
        col.close()


# -- Markdown ----------------------------------------------------------------------------------


def rendered_html(markdown: str) -> str:
    """The HTML a CommonMark renderer (markdown-it, which rich brings) makes of it."""
    from markdown_it import MarkdownIt

    html: str = MarkdownIt("commonmark").enable("table").render(markdown)
    return html


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def rendered_text(markdown: str) -> str:
    """What a reader sees: the rendered document's text, whitespace folded."""
    parser = _Text()
    parser.feed(rendered_html(markdown))
    return " ".join("".join(parser.parts).split())


def test_markdown_has_every_question_then_the_key_with_sources(
        questions: list[Question]) -> None:
    text = rendered_text(to_markdown(questions, title="CSTO Summit 2025"))
    front, key = text.split(" Answer key")
    assert front.startswith(f"CSTO Summit 2025 Facts as reported on 27 November 2025. "
                            f"{len(questions)} questions.")
    for number, q in enumerate(questions, start=1):
        asked = ("True or false? " if q.kind == "true_false" else "") + " ".join(q.prompt.split())
        assert f" {number}. {asked}" in front
        assert f" {number}. {q.answer_key()}" in key
        for s in q.sources:
            assert f"{s.outlet}, " in key and " ".join(s.quote.split()) in key
    assert "undated" in key and "27 November 2025" in key


def test_markdown_lists_options_items_and_columns(questions: list[Question]) -> None:
    mc, ordering, matching = (first(questions, k)
                              for k in ("multiple_choice", "ordering", "matching"))
    text = to_markdown([mc, ordering, matching], title="t")
    for i, option in enumerate(mc.options):
        assert f"- {LETTERS[i]}) {escape(option)}" in text
    for i, item in enumerate(ordering.items):
        assert f"- {LETTERS[i]}) {escape(item)}" in text
    html = rendered_html(text)
    assert html.count("<tr>") == len(matching.left) + 1
    assert "<td>1. " in html and "<td>a) " in html


def test_markdown_shows_html_and_markup_as_typed(hostile: list[Question]) -> None:
    text = to_markdown(hostile, title="<b>*Hostile*</b>")
    html = rendered_html(text)
    assert "<script>" not in html and "<b>" not in html and "<em>Hostile" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "<h1>&lt;b&gt;*Hostile*&lt;/b&gt;</h1>" in html


def test_markdown_blank_prints_as_a_line(questions: list[Question]) -> None:
    cloze = first(questions, "cloze")
    assert " ".join(cloze.prompt.split()) in rendered_text(to_markdown([cloze], title="t"))


# -- JSON and the dispatcher --------------------------------------------------------------------


JSON_KEYS = {"id", "kind", "prompt", "answer", "accept", "options", "answer_index",
             "explanation", "tags", "fact_ids", "template_id", "sources", "as_of"}
EXTRA_KEYS = {"cloze": {"cloze"}, "ordering": {"items", "order"},
              "matching": {"left", "right", "pairs"}}


def test_json_records_have_the_documented_keys(questions: list[Question]) -> None:
    records = json.loads(render_export(questions, "json", title="t"))
    assert len(records) == len(questions)
    for record, q in zip(records, questions, strict=True):
        assert set(record) == JSON_KEYS | EXTRA_KEYS.get(record["kind"], set())
        assert set(record["sources"][0]) == {"doc", "outlet", "title", "published", "quote"}
        assert record["as_of"] == q.as_of and q.as_of in ("2025-11-27", "2024-10-24")


@pytest.mark.parametrize("fmt", ["json", "csv", "gift", "md"])
def test_every_format_is_reproducible(questions: list[Question], fmt: str) -> None:
    assert render_export(questions, fmt, title="t") == render_export(questions, fmt, title="t")


def test_an_unknown_format_is_refused(questions: list[Question]) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        render_export(questions, "xml", title="t")
