"""The bank lookup: --bank, then QUIZGEN_BANK, then ./corpus/facts.yaml, then the built-in bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.bank.location import builtin_root, locate_bank
from quizgen.errors import BankError
from tests.conftest import ROOT


def make_bank(root: Path, questions: bool = False) -> Path:
    (root / "corpus").mkdir(parents=True)
    (root / "corpus" / "facts.yaml").write_text("facts: []\n", encoding="utf-8")
    if questions:
        (root / "questions").mkdir()
    return root


def test_the_built_in_bank_is_used_where_nothing_else_is_found(tmp_path: Path) -> None:
    where = locate_bank(env={}, cwd=tmp_path)
    assert where.facts == builtin_root() / "corpus" / "facts.yaml"
    assert where.questions == builtin_root() / "questions"
    assert (where.origin, where.questions_origin) == ("built-in", "built-in")


def test_in_a_source_checkout_the_built_in_bank_is_the_top_level_corpus() -> None:
    assert builtin_root() == ROOT


def test_a_folder_holding_corpus_facts_yaml_is_used(tmp_path: Path) -> None:
    make_bank(tmp_path)
    where = locate_bank(env={}, cwd=tmp_path)
    assert where.facts == tmp_path / "corpus" / "facts.yaml"
    assert where.origin == "current folder"
    assert where.questions == builtin_root() / "questions"  # no questions/: built-in templates


def test_the_environment_variable_comes_before_the_current_folder(tmp_path: Path) -> None:
    make_bank(tmp_path / "here")
    env_bank = make_bank(tmp_path / "env", questions=True)
    where = locate_bank(env={"QUIZGEN_BANK": str(env_bank)}, cwd=tmp_path / "here")
    assert (where.facts, where.corpus) == (env_bank / "corpus" / "facts.yaml", env_bank / "corpus")
    assert where.questions == env_bank / "questions"
    assert where.describe().endswith("(QUIZGEN_BANK)")


def test_bank_comes_before_the_environment_variable(tmp_path: Path) -> None:
    named = make_bank(tmp_path / "named")
    where = locate_bank(named, env={"QUIZGEN_BANK": str(make_bank(tmp_path / "env"))}, cwd=tmp_path)
    assert where.facts == named / "corpus" / "facts.yaml"
    assert where.origin == "--bank"


def test_facts_corpus_and_questions_override_parts(tmp_path: Path) -> None:
    bank = make_bank(tmp_path / "bank", questions=True)
    where = locate_bank(bank, facts=tmp_path / "other" / "facts.yaml", env={}, cwd=tmp_path)
    assert (where.facts, where.corpus) == (tmp_path / "other" / "facts.yaml", tmp_path / "other")
    assert where.questions == bank / "questions"
    where = locate_bank(bank, corpus=tmp_path / "c", questions=tmp_path / "q", env={}, cwd=tmp_path)
    assert (where.facts, where.corpus, where.questions) == (
        tmp_path / "c" / "facts.yaml", tmp_path / "c", tmp_path / "q")


@pytest.mark.parametrize("how", ["--bank", "QUIZGEN_BANK"])
def test_a_named_bank_that_is_not_there_says_where_it_looked(tmp_path: Path, how: str) -> None:
    missing = tmp_path / "nowhere"
    bank, env = (missing, {}) if how == "--bank" else (None, {"QUIZGEN_BANK": str(missing)})
    with pytest.raises(BankError) as err:
        locate_bank(bank, env=env, cwd=tmp_path)
    assert f"No bank in {missing} (from {how})" in str(err.value)
    assert f"{missing / 'corpus' / 'facts.yaml'}: not found" in str(err.value)
