"""Specs for finding the bank from any folder, `quizgen init` and `quizgen tags`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import ROOT


def quizgen(*args: str, cwd: Path, env: dict[str, str] | None = None,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real program, run from ``cwd`` with QUIZGEN_BANK unset unless ``env`` sets it."""
    base = {k: v for k, v in os.environ.items() if k != "QUIZGEN_BANK"}
    return subprocess.run([sys.executable, "-m", "quizgen", *args], capture_output=True, text=True,
                          cwd=cwd, env={**base, "PYTHONPATH": str(ROOT), **(env or {})},
                          input=input, timeout=300)


def test_outside_the_repository_the_built_in_bank_is_used_and_named(tmp_path: Path) -> None:
    result = quizgen("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "All checks passed." in result.stdout
    assert result.stderr.splitlines()[0] == (
        f"bank: {ROOT / 'corpus' / 'facts.yaml'} (built-in); templates: {ROOT / 'questions'}/ (built-in)")


def test_init_makes_a_bank_that_passes_check_and_refuses_a_second_time(tmp_path: Path) -> None:
    made = quizgen("init", "newbank", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert sorted(p.relative_to(tmp_path / "newbank").as_posix()
                  for p in (tmp_path / "newbank").rglob("*") if p.is_file()) == [
        "README.md", "corpus/example.md", "corpus/facts.yaml"]
    checked = quizgen("check", "--bank", "newbank", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Bank: Laketon Council 2030" in checked.stdout
    assert "templates: " in checked.stderr and "(built-in)" in checked.stderr

    facts = tmp_path / "newbank" / "corpus" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    again = quizgen("init", "newbank", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr.startswith("Error: newbank: already holds newbank/README.md")
    assert "overwrites nothing" in again.stderr
    assert facts.read_text(encoding="utf-8").endswith("# my edit\n")


def test_init_with_templates_copies_the_built_in_ones_and_the_bank_uses_them(tmp_path: Path) -> None:
    assert quizgen("init", "--with-templates", "b", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in (tmp_path / "b" / "questions").iterdir()) == sorted(
        p.name for p in (ROOT / "questions").glob("*.yaml"))
    checked = quizgen("check", cwd=tmp_path / "b")  # a folder with corpus/facts.yaml is the bank
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stderr.splitlines()[0] == (
        "bank: corpus/facts.yaml (current folder); templates: questions/ (current folder)")


def test_quizgen_bank_names_the_bank_for_every_command(tmp_path: Path) -> None:
    assert quizgen("init", "b", cwd=tmp_path).returncode == 0
    result = quizgen("quiz", "--n", "1", cwd=tmp_path, env={"QUIZGEN_BANK": str(tmp_path / "b")},
                     input="b\n")
    assert result.returncode == 0, result.stderr
    assert f"bank: {tmp_path / 'b' / 'corpus' / 'facts.yaml'} (QUIZGEN_BANK)" in result.stderr


def test_a_missing_bank_says_where_it_looked(tmp_path: Path) -> None:
    result = quizgen("stats", cwd=tmp_path, env={"QUIZGEN_BANK": str(tmp_path / "gone")})
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: No bank in {tmp_path / 'gone'} (from QUIZGEN_BANK): a bank is a folder holding "
        "corpus/facts.yaml; `quizgen init DIR` makes one:\n"
        f"  {tmp_path / 'gone' / 'corpus' / 'facts.yaml'}: not found\n")


def test_tags_lists_every_tag_with_its_question_count(tmp_path: Path) -> None:
    result = quizgen("tags", "--bank", str(ROOT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = dict(line.split() for line in result.stdout.splitlines())
    assert int(rows["statement"]) > 50 and rows["armenia"].isdigit()
    assert "disputed" in rows


@pytest.mark.parametrize("tag", ["Armenia", "ARMENIA", "armenia"])
def test_tags_match_in_any_case(run: Callable[..., Result], tag: str) -> None:
    result = run("questions", "--tag", tag, "--no-answers")
    assert result.exit_code == 0
    assert "Armenia" in result.output


def test_an_unknown_tag_is_a_usage_error_naming_close_ones(run: Callable[..., Result]) -> None:
    result = run("questions", "--tag", "armenai")
    assert result.exit_code == 2
    assert ("Error: --tag 'armenai': no question has this tag; did you mean armenia, statement? "
            "(`quizgen tags` lists them all)") in result.output


def test_an_unknown_kind_lists_the_kinds(run: Callable[..., Result]) -> None:
    result = run("quiz", "--kind", "essay")
    assert result.exit_code == 2
    assert "'essay' is not one of 'short_answer', 'multiple_choice'" in result.output
    assert run("questions", "--kind", "Cloze", "--n", "1").exit_code == 0
