"""`quizgen sheet`: printable sheets from the command line."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import BANK_ARGS, bank_args

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext not installed (Debian: apt-get install poppler-utils; .ci/run does it)")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """``(n, first line of the prompt)`` for each question before the answer key.

    Question numbers stand at the left margin; a matching question's numbers are indented.
    """
    front = text.split("Answer key")[0]
    return [(int(m[1]), m[2]) for m in re.finditer(r"^(\d+)\.\s+(.*)$", front, re.M)]


def test_sheet_writes_html_with_twenty_questions_by_default(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    out = tmp_path / "quiz.html"
    result = run("sheet", *BANK_ARGS, "--seed", "5", "-o", str(out), "--key", "end")
    assert result.exit_code == 0, result.output
    assert result.output == (f"wrote {out}\n"
                             "seed 5 (print the same sheet again with --seed 5)\n")
    html = out.read_text(encoding="utf-8")
    assert html.count('class="question"') == 20
    assert "<h1>CSTO Summit 2025</h1>" in html and "<h2>Answer key</h2>" in html


@needs_pdftotext
def test_sheet_writes_a_pdf_a_teacher_can_print(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    out = tmp_path / "quiz.pdf"
    result = run("sheet", *BANK_ARGS, "--n", "6", "--title", "Friday quiz", "-o", str(out))
    assert result.exit_code == 0, result.output
    pages = pdf_text(out).split("\f")[:-1]
    assert pages[0].lstrip().startswith("Friday quiz")
    assert "Name" in pages[0] and "Class" in pages[0] and "Date" in pages[0]
    assert "Answer all 6 questions" in pages[0]
    assert [n for n, _ in numbered_lines(pdf_text(out))] == [1, 2, 3, 4, 5, 6]
    assert "Answer key" not in pdf_text(out)
    assert "Answer key" in pdf_text(tmp_path / "quiz-key.pdf")


def test_kind_tag_and_n_choose_the_questions(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "tf.html"
    result = run("sheet", *BANK_ARGS, "--kind", "true_false", "--tag", "armenia", "--n", "3",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count('class="question"') == 3
    assert html.count("<section class=\"section") == 1 and "kind-true_false" in html


def test_the_seed_changes_the_sheet_and_the_same_seed_repeats_it(run: Callable[..., Result],
                                                                 tmp_path: Path) -> None:
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        assert run("sheet", *BANK_ARGS, "--seed", seed, "-o", str(tmp_path / f"{name}.html")
                   ).exit_code == 0
    a, b, c = ((tmp_path / f"{x}.html").read_bytes() for x in "abc")
    assert a == b and a != c


def test_letter_paper(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "quiz.html"
    assert run("sheet", *BANK_ARGS, "--paper", "letter", "-o", str(out)).exit_code == 0
    assert "@page { size: letter; }" in out.read_text(encoding="utf-8")


@needs_pdftotext
def test_variants_write_one_pdf_per_letter_with_the_same_questions(
        run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "quiz.pdf"
    result = run("sheet", *BANK_ARGS, "--variants", "2", "--n", "8", "--key", "none",
                 "--seed", "3", "-o", str(out))
    assert result.exit_code == 0, result.output
    written = [tmp_path / "quiz-A.pdf", tmp_path / "quiz-B.pdf"]
    assert result.output == "".join(f"wrote {p}\n" for p in written) + \
        "seed 3 (print the same sheet again with --seed 3)\n"
    assert sorted(tmp_path.iterdir()) == written
    texts = [pdf_text(p) for p in written]
    assert "Version A" in texts[0] and "Version B" in texts[1]
    a, b = ([line for _, line in numbered_lines(t)] for t in texts)
    assert len(a) == len(b) == 8 and a != b


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "quiz.docx"], "quiz.docx: give a file ending in .html or .pdf"),
    (["--variants", "27", "-o", "q.pdf"], "27 is not in the range 1<=x<=26"),
    (["--variants", "0", "-o", "q.pdf"], "0 is not in the range 1<=x<=26"),
    (["--paper", "a3", "-o", "q.pdf"], "'a3' is not one of 'a4', 'letter'"),
    (["--n", "0", "-o", "q.pdf"], "0 is not in the range x>=1"),
    ([], "Missing option '-o' / '--output'"),
])
def test_usage_errors(run: Callable[..., Result], tmp_path: Path, args: list[str],
                      message: str) -> None:
    args = [str(tmp_path / a) if a.startswith(("quiz.", "q.")) else a for a in args]
    result = run("sheet", *BANK_ARGS, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_no_matching_questions_is_a_clear_error(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    out = tmp_path / "quiz.pdf"
    result = run("sheet", *BANK_ARGS, "--kind", "matching", "--tag", "disputed", "-o", str(out))
    assert result.exit_code == 1
    assert result.output == (f"Error: {out}: no questions to put on the sheet "
                             "(check --kind and --tag)\n")
    assert not out.exists()


def test_a_broken_bank_writes_no_sheet(run: Callable[..., Result], tmp_bank: Path,
                                       tmp_path: Path) -> None:
    (tmp_bank / "corpus" / "reuters.md").unlink()
    out = tmp_path / "quiz.html"
    result = run("sheet", *bank_args(tmp_bank), "-o", str(out))
    assert result.exit_code == 1 and "unknown document 'reuters'" in result.output
    assert not out.exists()


def test_a_hostile_bank_prints_its_html_as_text(run: Callable[..., Result],
                                                tmp_path: Path) -> None:
    from tests.conftest import QUESTIONS, ROOT

    bank = ROOT / "tests" / "hostile" / "ok-html-everywhere" / "corpus"
    out = tmp_path / "quiz.html"
    result = run("sheet", "--facts", str(bank / "facts.yaml"), "--corpus", str(bank),
                 "--questions", str(QUESTIONS), "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


@needs_pdftotext
def test_the_student_pdf_holds_no_answers_and_the_key_pdf_holds_them_with_sources(
        run: Callable[..., Result], tmp_path: Path) -> None:

    out = tmp_path / "quiz.pdf"
    result = run("sheet", *BANK_ARGS, "--seed", "4", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiz-key.pdf", "quiz.pdf"]
    student, key = pdf_text(out), pdf_text(tmp_path / "quiz-key.pdf")
    for text in (student, key):
        assert "Facts as reported on 27 November 2025" in text
    assert "Answer key" not in student and "What each answer rests on" not in student
    assert re.search(r"Name\s.*Class\s.*Date\s.*Score", student)
    assert "Answer key" in key and "What each answer rests on" in key and "--seed 4" in key
    # The sources list each outlet with its date ("Izvestia, undated"): only the key has them.
    # (A fill-in-the-blank shows a whole sentence of an article, which may hold another
    # fact's quote, so quotes alone are no test.)
    assert "undated" not in student and "undated" in key


def test_key_end_and_key_none_write_one_file(run: Callable[..., Result], tmp_path: Path) -> None:
    for place, has_key in (("end", True), ("none", False)):
        out = tmp_path / place / "quiz.html"
        out.parent.mkdir()
        assert run("sheet", *BANK_ARGS, "--key", place, "-o", str(out)).exit_code == 0
        assert [p.name for p in out.parent.iterdir()] == ["quiz.html"]
        html = out.read_text(encoding="utf-8")
        assert ("<h2>Answer key</h2>" in html) is has_key and ('class="sources"' in html) is has_key
        assert html.count('class="question"') == 20


def test_variants_differ_in_every_section_key(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "quiz.html"
    assert run("sheet", *BANK_ARGS, "--variants", "2", "--seed", "0", "-o", str(out)).exit_code == 0

    def keys(path: Path) -> list[str]:
        return re.findall(r'<td class="answer">(.*?)(?:<div|</td>)', path.read_text(encoding="utf-8"))

    a, b = keys(tmp_path / "quiz-A-key.html"), keys(tmp_path / "quiz-B-key.html")
    assert len(a) == len(b) == 20 and a != b
    assert "1e 2c 3d 4a 5b" not in " ".join(a) or "1e 2c 3d 4a 5b" not in " ".join(b)
