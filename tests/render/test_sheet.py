"""Question sheets: which questions, how they are laid out, and the PDF a teacher prints."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib.abc import MetaPathFinder
from pathlib import Path

import pytest

from quizgen.errors import OutputError
from quizgen.making.question import Question
from quizgen.making.sampling import GROUP_KINDS
from quizgen.making.variants import make_variant
from quizgen.render.sheet import (
    SECTIONS,
    RefusedURL,
    _environment,
    choose_questions,
    html_to_pdf,
    refuse_url,
    refusing_fetcher,
    render_html,
    variant_path,
    write_sheet,
    write_sheets,
)
from tests.conftest import ROOT, every_kind

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext not installed (Debian: apt-get install poppler-utils; .ci/run does it)")


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return every_kind()


@pytest.fixture(scope="module")
def chosen(questions: list[Question]) -> list[Question]:
    return choose_questions(questions, 20, seed=0)


def pdf_pages(path: Path, *, layout: bool = True) -> list[str]:
    """The text of each page, read by poppler's pdftotext (``layout=False``: table cells
    one after another rather than side by side)."""
    text = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def flat(text: str) -> str:
    """Whitespace collapsed, and a line broken after a hyphen ("counter-\nnarcotics") rejoined."""
    return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(text.split()))


def shown_text(q: Question) -> str:
    """The part of a question's text that reads the same on paper (a cloze's blank is a line)."""
    return q.cloze_before if q.kind == "cloze" else q.prompt


def hostile(q: Question, prompt: str) -> Question:
    return q.replace(**{"prompt": prompt, "cloze_before": prompt})


# -- choosing questions ---------------------------------------------------------------------


def test_a_sheet_takes_n_questions_of_every_kind(chosen: list[Question]) -> None:
    assert len(chosen) == 20
    kinds: Counter[str] = Counter(q.kind for q in chosen)
    assert set(kinds) == set(SECTIONS)
    assert all(kinds[k] == 1 for k in GROUP_KINDS), "one matching and one ordering per 20"
    # Kinds share the sheet; the default bank makes few fill-ins (9), so they may run short.
    assert max(kinds.values()) <= 6 and min(kinds[k] for k in kinds if k not in GROUP_KINDS) >= 2


def test_no_two_questions_on_a_sheet_share_a_fact(chosen: list[Question]) -> None:
    facts = [f for q in chosen for f in q.fact_ids]
    assert len(facts) == len(set(facts))


def test_the_sheet_runs_in_sections_by_kind(chosen: list[Question]) -> None:
    order = list(SECTIONS)
    assert [order.index(q.kind) for q in chosen] == sorted(order.index(q.kind) for q in chosen)


def test_the_choice_is_seeded(questions: list[Question], chosen: list[Question]) -> None:
    assert choose_questions(questions, 20, seed=0) == chosen
    assert choose_questions(list(reversed(questions)), 20, seed=0) == chosen
    assert {q.id for q in choose_questions(questions, 20, seed=1)} != {q.id for q in chosen}


def test_when_facts_run_out_the_sheet_still_fills(questions: list[Question]) -> None:
    everything = choose_questions(questions, None, seed=0)
    assert sorted(q.id for q in everything) == sorted(q.id for q in questions)
    assert len(choose_questions(questions, 120, seed=0)) == 120


def test_a_sheet_of_one_kind_takes_all_of_it(questions: list[Question]) -> None:
    matching = [q for q in questions if q.kind == "matching"]
    assert len(choose_questions(matching, 20, seed=0)) == len(matching) > 1


# -- HTML -----------------------------------------------------------------------------------


def test_the_template_environment_escapes_and_is_strict() -> None:
    import jinja2

    env = _environment()
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("sheet.html.j2").render(title="t")


def test_the_html_lays_out_every_kind(chosen: list[Question]) -> None:
    html = render_html(chosen, title="Quiz")
    assert html.count('class="question"') == 20
    for kind, (heading, instruction) in SECTIONS.items():
        assert f'<section class="section kind-{kind}">' in html
        assert f"<h2>{heading} <span class=\"how\">{instruction}</span></h2>" in html
    mc = sum(q.kind == "multiple_choice" for q in chosen)
    tf = sum(q.kind == "true_false" for q in chosen)
    assert html.count('<li><span class="box"></span>') == 4 * mc
    assert html.count('<p class="true-false"><span class="box"></span>True') == tf
    assert html.count('<div class="ruled">') == sum(q.kind == "short_answer" for q in chosen)
    assert html.count('<span class="blank">') == sum(q.kind == "cloze" for q in chosen)
    ordering = next(q for q in chosen if q.kind == "ordering")
    assert html.count('<td class="cell">') == len(ordering.items)
    matching = next(q for q in chosen if q.kind == "matching")
    assert html.count('<td class="answer-box">') == len(matching.left)


def test_the_html_has_the_head_then_questions_then_key_then_sources(
        chosen: list[Question]) -> None:
    html = render_html(chosen, title="Quiz")
    marks = ["<h1>Quiz</h1>", ">Name<", ">Class<", ">Date<", "Answer all 20 questions",
             'id="q1"', 'id="q20"', "<h2>Answer key</h2>", "<h2>Sources</h2>"]
    positions = [html.index(m) for m in marks]
    assert positions == sorted(positions)
    css = html[html.index("<style>"):html.index("</style>")]
    assert re.search(r"section\.key \{ break-before: page; \}", css)
    assert re.search(r"\.question \{[^}]*break-inside: avoid;", css)


def test_the_key_gives_each_answer_and_the_sources_each_quote(chosen: list[Question]) -> None:
    from markupsafe import escape

    html = render_html(chosen, title="Quiz")
    key = html[html.index("<h2>Answer key</h2>"):html.index("<h2>Sources</h2>")]
    sources = html[html.index("<h2>Sources</h2>"):]
    for q in chosen:
        assert escape(q.answer_key()) in key
        for s in q.sources:
            assert escape(s.quote) in sources and escape(s.outlet) in sources
    assert "undated" in sources
    assert all(escape(s.when) in sources for q in chosen for s in q.sources)


class Tags(HTMLParser):
    """Every tag and attribute name in a document, and the text of its <style>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.style = ""
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_question_text_is_escaped_and_the_html_loads_nothing(chosen: list[Question]) -> None:
    evil = '<img src="file:///etc/passwd"><script>alert(1)</script>'
    html = render_html([hostile(q, evil) for q in chosen[:3]], title="<b>Title</b>")
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;&lt;script&gt;" in html
    assert "&lt;b&gt;Title&lt;/b&gt;" in html
    parsed = Tags(html)
    assert parsed.tags.isdisjoint({"script", "img", "link", "iframe", "object", "embed"})
    assert parsed.attributes <= {"lang", "charset", "name", "content", "class", "id"}
    assert "url(" not in parsed.style and "@import" not in parsed.style


def test_the_paper_size_and_variant_show(chosen: list[Question]) -> None:
    assert "@page { size: A4; }" in render_html(chosen, title="t")
    letter = render_html(chosen, title="t", paper="letter", variant="B")
    assert "@page { size: letter; }" in letter
    assert 'Version <b>B</b>' in letter and "<h2>Answer key — version B</h2>" in letter


def test_the_same_questions_give_the_same_html_bytes(questions: list[Question],
                                                    tmp_path: Path) -> None:
    write_sheet(questions, tmp_path / "a.html", title="t", seed=3)
    write_sheet(questions, tmp_path / "b.html", title="t", seed=3)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_a_sheet_needs_html_or_pdf_and_some_questions(questions: list[Question],
                                                      tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"sheet\.docx: a question sheet is written as "):
        write_sheet(questions, tmp_path / "sheet.docx", title="t")
    with pytest.raises(OutputError, match="no questions to put on the sheet"):
        write_sheet([], tmp_path / "sheet.html", title="t")
    with pytest.raises(OutputError, match="unknown paper size 'a3'"):
        write_sheet(questions, tmp_path / "sheet.html", title="t", paper="a3")
    assert list(tmp_path.iterdir()) == []


def test_variant_files_are_named_by_letter(questions: list[Question], tmp_path: Path) -> None:
    assert variant_path(Path("out/quiz.pdf"), "C") == Path("out/quiz-C.pdf")
    written = write_sheets(questions, tmp_path / "quiz.html", title="t", variants=3)
    assert written == [tmp_path / f"quiz-{x}{key}.html" for x in "ABC" for key in ("", "-key")]
    assert sorted(tmp_path.iterdir()) == sorted(written)


# -- PDF ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sheet_pdf(questions: list[Question], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sheet") / "sheet.pdf"
    write_sheet(questions, path, title="CSTO Summit 2025", seed=0)
    return path


@needs_pdftotext
def test_the_pdf_holds_every_question_then_the_key_on_a_later_page(
        sheet_pdf: Path, chosen: list[Question]) -> None:
    pages = [flat(p) for p in pdf_pages(sheet_pdf)]
    key_page = next(i for i, p in enumerate(pages) if "Answer key" in p)
    sources_page = next(i for i, p in enumerate(pages) if p.startswith("Sources "))
    question_pages = " ".join(pages[:key_page])
    last_question_page = 0
    for number, q in enumerate(chosen, start=1):
        text = flat(shown_text(q))
        assert f"{number}. {text}" in question_pages, text
        last_question_page = max(i for i, p in enumerate(pages[:key_page]) if text in p)
    assert key_page > last_question_page
    assert sources_page > key_page
    assert "Answer key" not in question_pages


@needs_pdftotext
def test_the_pdf_key_and_sources_name_every_answer(sheet_pdf: Path,
                                                   chosen: list[Question]) -> None:
    pages = [flat(p) for p in pdf_pages(sheet_pdf, layout=False)]  # a cell's lines together
    key_page = next(i for i, p in enumerate(pages) if "Answer key" in p)
    back = " ".join(pages[key_page:])
    for q in chosen:
        assert flat(q.answer_key()) in back
        for s in q.sources:
            assert s.outlet in back
            assert flat(s.quote)[:40] in back


@needs_pdftotext
def test_the_pdf_page_says_its_number_and_title(sheet_pdf: Path) -> None:
    pages = pdf_pages(sheet_pdf)
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page
        assert "CSTO Summit 2025" in page


def test_the_same_questions_give_the_same_pdf_bytes(questions: list[Question], sheet_pdf: Path,
                                                   tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    write_sheet(questions, again, title="CSTO Summit 2025", seed=0)
    assert again.read_bytes() == sheet_pdf.read_bytes()
    assert b"/CreationDate" not in again.read_bytes()


@needs_pdftotext
def test_pdf_variants_hold_the_same_questions_in_another_order_each_with_its_key(
        questions: list[Question], tmp_path: Path) -> None:
    written = write_sheets(questions, tmp_path / "quiz.pdf", title="Quiz", seed=2, variants=2,
                           key="end")
    assert written == [tmp_path / "quiz-A.pdf", tmp_path / "quiz-B.pdf"]
    chosen = choose_questions(questions, 20, seed=2)
    orders = []
    for path, letter in zip(written, "AB", strict=True):
        pages = [flat(p) for p in pdf_pages(path)]
        key_page = next(i for i, p in enumerate(pages) if "Answer key" in p)
        sources_page = next(i for i, p in enumerate(pages) if p.startswith("Sources "))
        front = " ".join(pages[:key_page])
        key = flat(" ".join(pdf_pages(path, layout=False)[key_page:sources_page]))
        assert f"Version {letter}" in front and f"Answer key — version {letter}" in key
        variant = make_variant(chosen, seed=2, letter=letter, alternatives=questions)
        at = {q.id: front.index(flat(shown_text(q))) for q in variant}
        orders.append(sorted(at, key=at.__getitem__))
        assert orders[-1] == [q.id for q in variant]
        # The answers in this variant's order (pdftotext may read a row's notes before
        # its answer, so the row numbers are not a reliable anchor).
        found = 0
        for q in variant:
            found = key.index(flat(q.answer_key()), found)
    assert orders[0] != orders[1]


@needs_pdftotext
def test_a_prompt_with_an_image_of_a_local_file_prints_as_text(
        chosen: list[Question], tmp_path: Path) -> None:
    evil = '<img src="file:///etc/passwd"> and <link rel="stylesheet" href="file:///etc/x.css">'
    path = tmp_path / "evil.pdf"
    write_sheet([hostile(q, evil) for q in chosen[:2]], path, title="t")
    assert '<img src="file:///etc/passwd">' in flat(" ".join(pdf_pages(path)))


def test_the_fetcher_refuses_files_and_the_network() -> None:
    for url in ("file:///etc/passwd", "http://example.com/x.css", "https://example.com/a.png",
                "ftp://example.com/x", "data:text/css,body{}"):
        with pytest.raises(RefusedURL, match="loads no external resource"):
            refuse_url(url)
        with pytest.raises(RefusedURL):
            refusing_fetcher().fetch(url)


@needs_pdftotext
def test_html_that_links_a_local_file_cannot_read_it(tmp_path: Path) -> None:
    """Even HTML that names a local stylesheet (our template never does) loads nothing."""
    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "SECRET-FROM-DISK"; }', encoding="utf-8")
    html = (f'<html><head><link rel="stylesheet" href="{secret.as_uri()}"></head>'
            f'<body><p>Visible</p><img src="{secret.as_uri()}"></body></html>')
    ours = tmp_path / "ours.pdf"
    ours.write_bytes(html_to_pdf(html))
    assert "Visible" in pdf_pages(ours)[0] and "SECRET-FROM-DISK" not in pdf_pages(ours)[0]
    # The control: WeasyPrint's own fetcher would have read it, so the test can fail.
    import weasyprint

    theirs = tmp_path / "theirs.pdf"
    theirs.write_bytes(weasyprint.HTML(string=html).write_pdf())
    assert "SECRET-FROM-DISK" in pdf_pages(theirs)[0]


@needs_pdftotext
def test_letter_paper(questions: list[Question], tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    write_sheet(questions, path, title="t", paper="letter", n=4)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", info), info


def test_weasyprint_does_not_complain_about_the_sheet(chosen: list[Question],
                                                     caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="weasyprint"):
        html_to_pdf(render_html(chosen, title="t"))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


# -- without WeasyPrint ---------------------------------------------------------------------


class _PangoMissing(MetaPathFinder):
    """Make ``import weasyprint`` fail as it does on a machine without Pango."""

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open "
                          "shared object file: No such file or directory")


@pytest.fixture
def no_pango(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    finder = _PangoMissing()
    sys.meta_path.insert(0, finder)
    yield
    sys.meta_path.remove(finder)


@pytest.mark.usefixtures("no_pango")
def test_without_pango_a_pdf_is_a_clear_error_and_html_still_works(
        questions: list[Question], tmp_path: Path) -> None:
    with pytest.raises(OutputError) as error:
        write_sheet(questions, tmp_path / "sheet.pdf", title="t")
    message = str(error.value)
    assert message.startswith("cannot write PDF: WeasyPrint could not load (OSError: cannot "
                              "load library 'libpango-1.0-0'")
    assert "apt-get install libpango-1.0-0" in message and "as .html" in message
    assert not (tmp_path / "sheet.pdf").exists()
    write_sheet(questions, tmp_path / "sheet.html", title="t")
    assert (tmp_path / "sheet.html").exists()


def test_without_weasyprint_installed_a_pdf_is_a_clear_error(
        questions: list[Question], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(OutputError, match=r"WeasyPrint is not installed.*pip install weasyprint"):
        write_sheet(questions, tmp_path / "sheet.pdf", title="t")


def test_the_sheet_assets_ship_with_the_package() -> None:
    assets = ROOT / "quizgen" / "assets"
    assert (assets / "sheet.html.j2").is_file() and (assets / "sheet.css").is_file()
    assert "<script" not in (assets / "sheet.html.j2").read_text(encoding="utf-8")
