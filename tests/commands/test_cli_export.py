"""`quizgen export`: every format from the command line, chosen by --format or the suffix."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import BANK_ARGS, bank_args


def count_questions(run: Callable[..., Result], tmp_path: Path, *filters: str) -> int:
    out = tmp_path / "count.json"
    assert run("export", *BANK_ARGS, *filters, "-o", str(out)).exit_code == 0
    return len(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("fmt", "name", "starts"), [
    ("json", "q.json", "[\n  {"),
    ("csv", "q.csv", "#separator:comma\n#html:false\n#columns:Front,Back,Tags\n#tags column:3\n"),
    ("gift", "q.gift", "// "),
    ("md", "q.md", "# CSTO Summit 2025\n\n"),
])
def test_each_format_is_written(run: Callable[..., Result], tmp_path: Path, fmt: str,
                                name: str, starts: str) -> None:
    total = count_questions(run, tmp_path)
    for args in (["--format", fmt, "-o", str(tmp_path / f"explicit-{name}")],
                 ["-o", str(tmp_path / name)]):
        result = run("export", *BANK_ARGS, *args)
        assert result.exit_code == 0, result.output
        path = Path(args[-1])
        assert result.output == f"Wrote {total} questions to {path} ({fmt})\n"
        assert path.read_text(encoding="utf-8").startswith(starts)
    assert (tmp_path / name).read_bytes() == (tmp_path / f"explicit-{name}").read_bytes()


def test_gift_goes_into_a_txt_file_when_asked(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "moodle.txt"
    result = run("export", *BANK_ARGS, "--format", "gift", "--kind", "matching", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("\n::") == count_questions(run, tmp_path, "--kind", "matching")
    assert "$CATEGORY: CSTO Summit 2025/statement" in text and " -> " in text


def test_csv_rows_follow_the_filters(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    filters = ("--kind", "multiple_choice", "--tag", "armenia")
    assert run("export", *BANK_ARGS, *filters, "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle) if not r[0].startswith("#")]
    assert len(rows) == count_questions(run, tmp_path, *filters) > 0
    assert all(len(r) == 3 and "armenia" in r[2].split() for r in rows)


def test_markdown_holds_questions_then_the_key(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "q.md"
    assert run("export", *BANK_ARGS, "--kind", "matching", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    n = count_questions(run, tmp_path, "--kind", "matching")
    questions, key = text.split("## Answer key")
    assert f"{n} questions." in questions and f"**{n}.**" in questions
    assert f"**{n}.**" in key and "- " in key


def test_a_suffix_that_names_no_format_is_a_usage_error(run: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    out = tmp_path / "questions.txt"
    result = run("export", *BANK_ARGS, "-o", str(out))
    assert result.exit_code == 2
    assert "cannot tell the format from 'questions.txt'; add --format json|csv|gift|md" in (
        result.output)
    assert not out.exists()


def test_an_unknown_format_is_a_usage_error(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("export", *BANK_ARGS, "--format", "xml", "-o", str(tmp_path / "q.xml"))
    assert result.exit_code == 2
    assert "'xml' is not one of 'json', 'csv', 'gift', 'md'" in result.output


def test_a_broken_bank_writes_no_export(run: Callable[..., Result], tmp_bank: Path,
                                        tmp_path: Path) -> None:
    (tmp_bank / "corpus" / "reuters.md").unlink()
    out = tmp_path / "q.gift"
    result = run("export", *bank_args(tmp_bank), "-o", str(out))
    assert result.exit_code == 1 and "unknown document 'reuters'" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_exporting_into_a_folder_is_refused(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("export", *BANK_ARGS, "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.output


def test_export_writes_canvas_qti_and_moodle_xml_from_their_suffixes(
        run: Callable[..., Result], tmp_path: Path) -> None:
    import re
    import zipfile

    counts = []
    for name, fmt in (("canvas.zip", "qti"), ("moodle.xml", "moodle")):
        result = run("export", *BANK_ARGS, "--kind", "multiple_choice", "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        said = re.search(rf"Wrote (\d+) questions to {re.escape(str(tmp_path / name))} \({fmt}\)",
                         result.output)
        assert said is not None, result.output
        counts.append(int(said[1]))
    with zipfile.ZipFile(tmp_path / "canvas.zip") as package:
        assert "imsmanifest.xml" in package.namelist() and len(package.namelist()) == 2
        assessment = next(n for n in package.namelist() if n != "imsmanifest.xml")
        assert package.read(assessment).count(b"<item ") == counts[0] > 0
    assert (tmp_path / "moodle.xml").read_text(encoding="utf-8").count(
        '<question type="multichoice">') == counts[1] == counts[0]
