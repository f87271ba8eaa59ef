"""Printable question sheets: HTML from a Jinja2 template, PDF through WeasyPrint.

A sheet is what a teacher hands out: the questions in sections by kind; the answer key
and the sources of every answer go in a file of their own (or after the questions). The
HTML holds no scripts and loads nothing: its CSS is inline, and the PDF renderer refuses
every URL.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from quizgen.errors import OutputError

if TYPE_CHECKING:
    import jinja2

    from quizgen.making.question import Question

KEY_PLACES = ("separate", "end", "none")  # the key in its own file, after the questions, or not at all
DEFAULT_N = 20  # a lesson's worth: two to three pages of questions at 10.5 pt
PAPERS = {"a4": "A4", "letter": "letter"}
SUFFIXES = (".html", ".pdf")
# Sections in the order a test usually runs: quick recognition first, writing last.
SECTIONS: dict[str, tuple[str, str]] = {
    "multiple_choice": ("Multiple choice", "Tick the box of the one right answer."),
    "true_false": ("True or false", "Tick True or False."),
    "cloze": ("Fill in the blank", "Write the missing words on the line."),
    "short_answer": ("Short answer", "Write your answer on the line."),
    "matching": ("Matching", "Write the letter of the matching entry in the box beside each "
                             "numbered entry."),
    "ordering": ("Ordering", "Write the letters in the boxes, earliest first."),
}


class RefusedURL(ValueError):
    """Raised when the renderer asks for any URL: a sheet loads no file and no network resource."""


def refuse_url(url: str, *_: Any) -> NoReturn:
    """The PDF renderer's URL fetching: refuse ``file:``, ``http:`` and all the rest."""
    raise RefusedURL(f"a question sheet loads no external resource (asked for {url[:80]!r})")


def choose_questions(questions: Sequence[Question], n: int | None, seed: int) -> list[Question]:
    """At most ``n`` of ``questions`` for one sheet (all for None), in sections by kind.

    The sample is :func:`quizgen.making.sampling.sample`'s, as for a quiz: kinds mixed,
    one question per fact while the bank allows, options and true/false answers balanced.
    """
    from quizgen.making.sampling import by_sections, sample

    return by_sections(sample(questions, n, seed), tuple(SECTIONS))


def variant_path(path: Path, letter: str) -> Path:
    """``quiz.pdf`` → ``quiz-A.pdf``."""
    return path.with_name(f"{path.stem}-{letter}{path.suffix}")


def key_path(path: Path) -> Path:
    """``quiz.pdf`` → ``quiz-key.pdf``: where ``--key separate`` puts the answer key."""
    return path.with_name(f"{path.stem}-key{path.suffix}")


def write_sheet(questions: Sequence[Question], path: Path, *, title: str, seed: int = 0,
                paper: str = "a4", n: int | None = DEFAULT_N, key: str = "end") -> list[Path]:
    """Write a sheet of (at most ``n`` of) ``questions`` to ``path``: ``.html`` or ``.pdf``."""
    return write_sheets(questions, path, title=title, seed=seed, paper=paper, n=n, key=key)


def write_sheets(questions: Sequence[Question], path: Path, *, title: str, seed: int = 0,
                 paper: str = "a4", n: int | None = DEFAULT_N,
                 variants: int | None = None, key: str = "separate",
                 inputs: Collection[Path] = ()) -> list[Path]:
    """Write one sheet, or ``variants`` sheets ``FILE-A``, ``FILE-B``, …; return the paths.

    ``key`` places the answer key and sources: ``separate`` (``FILE-key``), ``end`` (after
    the questions, from a new page) or ``none``. Variants hold the same facts, reordered
    and reshuffled within each section, each with its own key. None of them may be one of
    the bank's ``inputs``.
    """
    from quizgen.atomic import refuse_inputs, write_atomic
    from quizgen.making.variants import make_variants, variant_letters

    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise OutputError(f"{path}: a question sheet is written as .html or .pdf")
    if paper not in PAPERS:
        raise OutputError(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    if key not in KEY_PLACES:
        raise OutputError(f"unknown key place {key!r}; use one of {', '.join(KEY_PLACES)}")
    chosen = choose_questions(questions, n, seed)
    if not chosen:
        raise OutputError(f"{path}: no questions to put on the sheet (check --kind and --tag)")
    if variants is None:
        versions: list[tuple[Path, str | None, list[Question]]] = [(path, None, chosen)]
    else:
        letters = variant_letters(variants)
        drawn = make_variants(chosen, seed=seed, letters=letters, alternatives=questions)
        versions = [(variant_path(path, letter), letter, qs)
                    for letter, qs in zip(letters, drawn, strict=True)]
    parts = {"separate": (("questions", None), ("key", key_path)), "end": (("both", None),),
             "none": (("questions", None),)}[key]
    files = [(name(target) if name else target, part, letter, qs)
             for target, letter, qs in versions for part, name in parts]
    refuse_inputs([target for target, _, _, _ in files], inputs)
    # Render everything before writing anything: a failure leaves no half-written set.
    htmls = [render_html(qs, title=title, paper=paper, variant=letter, part=part, seed=seed)
             for _, part, letter, qs in files]
    rendered: list[tuple[Path, str | bytes]] = list(zip(
        [target for target, _, _, _ in files], htmls, strict=True))
    if path.suffix.lower() == ".pdf":  # a sheet and its key on two cores where there are two
        from quizgen.forked import map_on_two_cores

        _load_weasyprint()  # once, before forking; reports a missing WeasyPrint here
        rendered = list(zip([target for target, _ in rendered],
                            map_on_two_cores(html_to_pdf, htmls), strict=True))
    for target, content in rendered:
        write_atomic(target, content)
    return [target for target, _ in rendered]


# -- HTML ----------------------------------------------------------------------------


@dataclass
class SheetQuestion:
    """One question as the template lays it out: numbered, with its lists labelled."""

    number: int
    q: Question
    options: list[tuple[str, str]] = field(default_factory=list)
    items: list[tuple[str, str]] = field(default_factory=list)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # 1, left, a, right
    short_options: bool = False
    key: str = ""
    key_detail: str = ""
    sources: list[tuple[str, str, str]] = field(default_factory=list)  # outlet, date, quote


@dataclass
class Section:
    """A run of questions of one kind under its heading and instruction."""

    kind: str
    heading: str
    instruction: str
    questions: list[SheetQuestion]


def render_html(questions: Sequence[Question], *, title: str, paper: str = "a4",
                variant: str | None = None, part: str = "both", seed: int | None = None) -> str:
    """The sheet as a standalone HTML document, questions numbered in the given order.

    ``part`` is ``questions`` (the student's sheet), ``key`` (the answer key and sources,
    for the teacher) or ``both`` (the key after the questions).
    """
    from importlib.resources import files

    from markupsafe import Markup

    from quizgen.making.question import LETTERS, facts_as_of

    numbered = []
    for number, q in enumerate(questions, start=1):
        item = SheetQuestion(number, q, key=q.answer_key(),
                             sources=[(s.outlet, s.when, s.quote) for s in q.sources])
        if q.kind in ("ordering", "matching"):
            item.key_detail = q.answer
        elif q.accept:
            item.key_detail = "also accepted: " + "; ".join(q.accept)
        if q.kind == "multiple_choice":
            item.options = [(LETTERS[i], o) for i, o in enumerate(q.options)]
            item.short_options = max(map(len, q.options), default=0) <= 32
        elif q.kind == "ordering":
            item.items = [(LETTERS[i], t) for i, t in enumerate(q.items)]
        elif q.kind == "matching":
            item.rows = [(str(i + 1), left, LETTERS[i].lower(), right)
                         for i, (left, right) in enumerate(zip(q.left, q.right, strict=True))]
        numbered.append(item)
    sections: list[Section] = []
    for item in numbered:
        if not sections or sections[-1].kind != item.q.kind:
            heading, instruction = SECTIONS[item.q.kind]
            sections.append(Section(item.q.kind, heading, instruction, []))
        sections[-1].questions.append(item)
    css = (files("quizgen") / "assets" / "sheet.css").read_text(encoding="utf-8")
    return _environment().get_template("sheet.html.j2").render(
        title=title, variant=variant, paper_size=PAPERS[paper], css=Markup(css),
        sections=sections, numbered=numbered, count=len(numbered), part=part, seed=seed,
        as_of=facts_as_of(questions),
    )


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    # Autoescaped and strict: every question text is data, and a typo in the template fails.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("quizgen", "assets"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# -- PDF -----------------------------------------------------------------------------


def html_to_pdf(html: str) -> bytes:
    """Render sheet HTML to PDF bytes with WeasyPrint: bundled fonts only, loading no URL."""
    from quizgen.render.fonts import PDF_OPTIONS, sheet_font_config

    weasyprint = _load_weasyprint()
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=refusing_fetcher())
    pdf: bytes = document.write_pdf(font_config=sheet_font_config(weasyprint), **PDF_OPTIONS)
    return pdf


def refusing_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL (see :func:`refuse_url`)."""
    urls = _load_weasyprint().urls
    base = getattr(urls, "URLFetcher", None)
    if base is None:  # WeasyPrint before 68 takes a plain function
        return refuse_url

    class RefusingFetcher(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> NoReturn:
            refuse_url(url)

    return RefusingFetcher()


def _load_weasyprint() -> Any:
    """Import WeasyPrint; when it or Pango is missing, an error that says what to install."""
    try:
        import weasyprint
        import weasyprint.urls
    except ImportError:
        raise OutputError(
            "cannot write PDF: WeasyPrint is not installed. Run `pip install weasyprint` in "
            "quizgen's environment, or write the sheet as .html and print it from a browser."
        ) from None
    except OSError as exc:  # WeasyPrint is there but cannot load Pango's shared libraries
        detail = str(exc).splitlines()[0] if str(exc) else "no detail"
        raise OutputError(
            f"cannot write PDF: WeasyPrint could not load (OSError: {detail}).\n"
            "Install Pango, e.g. `sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0` "
            "(Debian/Ubuntu) or `brew install pango` (macOS); or write the sheet as .html "
            "and print it from a browser."
        ) from None
    return weasyprint
