"""Bank text that looks like a template, dates at the calendar's edges, and disputes with
thousands of sources (issue 17, items 7, 15 and 18)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quizgen.bank import disputes
from quizgen.cli import cli
from tests.commands.test_cli_hostile_text import edit  # noqa: F401 - a fixture
from tests.conftest import bank_args
from tests.render.test_anki import import_apkg, open_collection, visible

FIGURE = "    value: more than 30,000 people\n"
BRACES = "more than {{ 30,000 }} {% people %} {# x #}"
EVENT_DATE = "    date: 2026-11-11\n"  # the next summit's


def where(facts: Path, line: str) -> tuple[int, int]:
    """The line number of ``line`` in ``facts`` and the index of the fact holding it."""
    before = facts.read_text(encoding="utf-8").split(line)[0]
    return before.count("\n") + 1, before.count("\n  - id: ") - 1


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def exported(bank: Path) -> dict[str, dict[str, Any]]:
    result = invoke("export", *bank_args(bank), "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    return {q["id"]: q for q in json.loads(result.stdout)}


# -- 7. braces in the data are data; residue is a template's fault ---------------------------


def test_template_markers_in_a_fact_are_shown_literally_not_dropped(
        edit: Callable[[str, str], Path], tmp_path: Path) -> None:  # noqa: F811
    bank = edit(FIGURE, f'    value: "{BRACES}"\n')
    check = invoke("check", *bank_args(bank), "--verbose")
    assert check.exit_code == 0, check.output
    assert "residue" not in check.output
    assert exported(bank)["figure-value:collective-forces-strength"]["answer"] == BRACES
    deck = tmp_path / "deck.apkg"
    assert invoke("anki", *bank_args(bank), "-o", str(deck)).exit_code == 0
    col = open_collection(tmp_path / "anki")
    try:
        import_apkg(col, deck)
        answers = [visible(col.get_card(c).answer())[0] for c in col.find_cards("")]
        assert any(BRACES in text for text in answers)
    finally:
        col.close()


def test_residue_a_template_leaves_fails_check_naming_the_template(tmp_bank: Path) -> None:
    (tmp_bank / "questions" / "hostile.yaml").write_text(
        "- id: hostile\n  fact: figure\n  question: short_answer\n"
        '  prompt: "What is {{ fact.subject }}{% raw %} {{ x }}{% endraw %}?"\n'
        '  answer: "{{ fact.value }}"\n', encoding="utf-8")
    result = invoke("check", *bank_args(tmp_bank))
    assert result.exit_code == 1
    assert "ERROR: template 'hostile' × collective-forces-strength: template residue" in (
        result.output)


# -- 15. dates at the calendar's edges ---------------------------------------------------------


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "9999-12", "9999", "0001"])
def test_dates_at_the_calendars_edges_get_wrong_options_inside_it(
        edit: Callable[[str, str], Path], date: str) -> None:  # noqa: F811
    bank = edit(EVENT_DATE, f"    date: {date}\n")
    check = invoke("check", *bank_args(bank))
    assert check.exit_code == 0, check.output
    choice = exported(bank)["event-date-choice:next-summit-moscow"]
    assert len(set(choice["options"])) == 4 and choice["answer"] in choice["options"]


@pytest.mark.parametrize("date", ["'0000'", "0000", "'0000-05'"])
def test_year_zero_is_refused_by_the_loader_naming_file_line_and_field(
        edit: Callable[[str, str], Path], date: str) -> None:  # noqa: F811
    bank = edit(EVENT_DATE, f"    date: {date}\n")
    facts = bank / "corpus" / "facts.yaml"
    line, index = where(facts, f"    date: {date}\n")
    result = invoke("check", *bank_args(bank))
    assert result.exit_code == 1
    assert f"{facts}:{line}: facts[{index}].date (fact 'next-summit-moscow'): " in result.output
    assert "has no year 0: the calendar starts at 0001" in result.output
    assert "template" not in result.output


# -- 18. a disputed fact with many sources costs what its distinct passages cost -------------

SIDES = '''      - doc: izvestia
        quote: "Vladimir Putin, who has been on a state visit to Kyrgyzstan since December 25"
        claim: Vladimir Putin had been on a state visit to Kyrgyzstan since 25 December.
      - doc: izvestia
        quote: "Vladimir Putin, speaking at the CSTO summit in Bishkek on November 27"
        claim: Vladimir Putin was at the CSTO summit in Bishkek on 27 November.
      - doc: trend
        quote: "BISHKEK, Kyrgyzstan, November 27."
        claim: Vladimir Putin was at the CSTO summit in Bishkek on 27 November.
'''


def passages_compared(bank: Path, times: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many pairs of passages `check` compares with the dispute's sources × ``times``."""
    facts = bank / "corpus" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert text.count(SIDES) == 1
    facts.write_text(text.replace(SIDES, SIDES * times), encoding="utf-8")
    calls: list[tuple[str, str]] = []
    real = disputes._overlap

    def counted(a: str, b: str) -> bool:
        calls.append((a, b))
        return real(a, b)

    with monkeypatch.context() as patch:
        patch.setattr(disputes, "_overlap", counted)
        result = invoke("check", *bank_args(bank))
    facts.write_text(text, encoding="utf-8")
    assert result.exit_code == 0, result.output
    return len(calls)


def test_a_dispute_repeated_by_many_sources_compares_each_passage_once(
        tmp_bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert passages_compared(tmp_bank, 300, monkeypatch) == passages_compared(  # 900 sources
        tmp_bank, 1, monkeypatch)
