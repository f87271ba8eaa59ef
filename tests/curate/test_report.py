"""`quizgen report`: one self-contained HTML page with every article and every fact."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import Result

from quizgen.bank.loader import load_bank
from quizgen.curate.coverage import Citation, Span, coverage, locate, sentences
from tests.conftest import BANK_ARGS, CORPUS, FACTS, bank_args


class Page(HTMLParser):
    """The ids, tags and links of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.marks: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.links.append(value)
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        self._in_mark = False if tag == "mark" else self._in_mark

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks.append(data)


def write(run: Callable[..., Result], out: Path, *args: str) -> Page:
    result = run("report", *(args or BANK_ARGS), "-o", str(out))
    assert result.exit_code == 0, result.output
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    return page


def test_the_report_holds_every_fact_and_every_article(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "bank.html"
    page = write(run, out)
    bank = load_bank(FACTS, CORPUS)
    assert {f"fact-{f.id}" for f in bank.facts} <= page.ids
    assert {f"doc-{d}" for d in bank.documents} <= page.ids
    assert list(tmp_path.iterdir()) == [out]


def test_every_link_stays_inside_the_page_and_nothing_runs(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    page = write(run, tmp_path / "bank.html")
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.links and all(link.startswith("#") for link in page.links)
    assert {link[1:] for link in page.links} <= page.ids  # no link points nowhere


def test_every_cited_quote_is_marked_in_its_article(run: Callable[..., Result], tmp_path: Path) -> None:
    page = write(run, tmp_path / "bank.html")
    # Marks split where another citation starts or ends: compare without whitespace.
    marked = "".join("".join(page.marks).split())
    bank = load_bank(FACTS, CORPUS)
    for fact in bank.facts:
        for source in fact.sources:
            assert "".join(source.quote.split()) in marked, (fact.id, source.quote)


def test_an_article_no_fact_cites_is_listed_and_has_no_marks(run: Callable[..., Result],
                                                             tmp_bank: Path) -> None:
    (tmp_bank / "corpus" / "gazette.md").write_text(
        "---\nid: gazette\noutlet: The Gazette\ntitle: Nothing cited\nlanguage: en\n---\n"
        "Nobody quotes this. Nor this.\n", encoding="utf-8")
    out = tmp_bank / "bank.html"
    write(run, out, *bank_args(tmp_bank))
    html = out.read_text(encoding="utf-8")
    uncited = html.split("<h3>Articles cited by no fact</h3>")[1].split("<h3>")[0]
    assert 'href="#doc-gazette"' in uncited
    assert "0 of 2 sentences cited (0%) by 0 facts" in html


def test_the_same_bank_gives_the_same_bytes(run: Callable[..., Result], tmp_path: Path) -> None:
    write(run, tmp_path / "a.html")
    write(run, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_a_broken_bank_writes_nothing_and_keeps_the_old_report(run: Callable[..., Result],
                                                               tmp_bank: Path) -> None:
    out = tmp_bank / "bank.html"
    out.write_text("old report", encoding="utf-8")
    (tmp_bank / "corpus" / "facts.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    result = run("report", *bank_args(tmp_bank), "-o", str(out))
    assert result.exit_code == 1
    assert "YAML syntax error" in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "old report"


def test_sentences_split_within_paragraphs() -> None:
    body = "First one. Second one.\n\nThird, alone\n"
    assert [body[s.start:s.end] for s in sentences(body)] == ["First one.", "Second one.", "Third, alone"]


def test_a_quote_is_located_across_line_breaks_and_coverage_counts_sentences() -> None:
    body = "One two.\nThree  four. Five."
    span = locate("two. Three four.", body)
    assert span == Span(4, 21)
    assert locate("two four", body) is None
    assert coverage(sentences(body), [Citation("f", 0, span)]) == pytest.approx(2 / 3)


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 1800) -> None:
    """Render ``html`` in headless Chromium to ``png``."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
             "--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={png}",
             html.as_uri()],
            check=True, capture_output=True, timeout=120)


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="Chromium is not installed (apt-get install chromium)")
def test_chromium_renders_the_report(run: Callable[..., Result], tmp_path: Path) -> None:
    from PIL import Image

    html = tmp_path / "bank.html"
    write(run, html)
    png = tmp_path / "bank.png"
    screenshot(html, png)
    with Image.open(png) as image:
        assert image.size == (1280, 1800)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    # A blank or unstyled page has a handful of colours; the marks, bars and text give many,
    # and the yellow of a cited passage is among them.
    assert len(colours) > 50
    assert any(rgb == (0xfd, 0xe6, 0x8a) for _, rgb in colours)
