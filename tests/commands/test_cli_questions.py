"""``quizgen questions``: the bank's questions in a table, filtered and sampled."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import CliRunner, Result

from quizgen.cli import cli
from tests.conftest import BANK_ARGS


def listing(*args: str) -> Result:
    # A wide terminal, so that no id is folded across lines.
    return CliRunner().invoke(cli, ["questions", *BANK_ARGS, *args], terminal_width=400,
                              env={"COLUMNS": "400"})


def test_the_title_counts_the_questions_and_n_samples_them() -> None:
    result = listing("--n", "7")
    assert result.exit_code == 0, result.output
    assert "7 questions" in result.output


def test_kind_and_fact_filter_the_table() -> None:
    result = listing("--fact", "next-summit-moscow", "--kind", "true_false")
    assert result.exit_code == 0, result.output
    assert "event-date-statement:next-summit-moscow:true" in result.output
    assert "multiple_choice" not in result.output
    assert "russia-chairmanship-start" not in result.output


def test_the_same_seed_lists_the_same_questions() -> None:
    assert listing("--n", "5", "--seed", "4").output == listing("--n", "5", "--seed", "4").output
    assert listing("--n", "5", "--seed", "4").output != listing("--n", "5", "--seed", "5").output


def test_no_answers_hides_the_answer_column() -> None:
    assert "┃ answer" in listing("--n", "3").output
    assert "┃ answer" not in listing("--n", "3", "--no-answers").output


def test_an_unknown_fact_id_is_a_usage_error(run: Callable[..., Result]) -> None:
    result = run("questions", *BANK_ARGS, "--fact", "no-such-fact")
    assert result.exit_code == 2
    assert "no fact with id 'no-such-fact'" in result.output
