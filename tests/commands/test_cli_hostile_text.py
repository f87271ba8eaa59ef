"""Bank text shows literally wherever a person opens it (issue 17, items 4-6)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli
from tests.conftest import BANK_ARGS, FACTS, bank_args
from tests.render.test_anki import import_apkg, open_collection, visible

FIGURE = "    value: more than 30,000 people\n"
NOTE = "    note: The Collective Forces include units of the armed forces of all member states.\n"
# Where that note stands in the default bank: its line, and the index of its fact.
_DEFAULT = FACTS.read_text(encoding="utf-8")
NOTE_LINE = _DEFAULT.splitlines(keepends=True).index(NOTE) + 1
NOTE_FACT = _DEFAULT[:_DEFAULT.index(NOTE)].count("\n  - id: ") - 1


@pytest.fixture
def edit(tmp_bank: Path) -> Callable[[str, str], Path]:
    """Replace one line of the temporary bank's facts file; the bank's root."""

    def replace(old: str, new: str) -> Path:
        facts = tmp_bank / "corpus" / "facts.yaml"
        text = facts.read_text(encoding="utf-8")
        assert text.count(old) == 1
        facts.write_text(text.replace(old, new), encoding="utf-8")
        return tmp_bank

    return replace


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


# -- 4. CSV formula injection --------------------------------------------------------------


def test_no_csv_cell_starts_a_formula(edit: Callable[[str, str], Path], tmp_path: Path) -> None:
    bank = edit(FIGURE, '    value: "=HYPERLINK(\\"http://evil.example\\", \\"click\\")"\n')
    out = tmp_path / "cards.csv"
    result = invoke("export", *bank_args(bank), "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    cells = [cell for row in rows if not row[0].startswith("#") for cell in row]
    assert any("=HYPERLINK" in cell for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert "'=HYPERLINK(" in out.read_text(encoding="utf-8")


# -- 5. control characters -----------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\e[2J", "\\a", "\\0", "\\r", "\\x9b"])
def test_a_control_character_in_a_fact_is_refused_with_file_line_and_field(
        edit: Callable[[str, str], Path], escape: str) -> None:
    bank = edit(NOTE, f'    note: "Right{escape} and more"\n')
    for command in ("check", "questions"):
        result = invoke(command, *bank_args(bank))
        assert result.exit_code == 1, result.output
        where = f"{bank / 'corpus' / 'facts.yaml'}:{NOTE_LINE}: facts[{NOTE_FACT}].note"
        assert f"{where}: control character" in result.output
        assert "Traceback" not in result.output


def test_a_control_character_in_an_article_is_refused(tmp_bank: Path) -> None:
    article = tmp_bank / "corpus" / "reuters.md"
    article.write_text(article.read_text(encoding="utf-8") + "\x1b]0;pwned\x07\n",
                       encoding="utf-8")
    result = invoke("check", *bank_args(tmp_bank))
    assert result.exit_code == 1
    assert f"{article}:" in result.output and "control character U+001B" in result.output


def test_control_characters_in_piped_answers_are_never_echoed_raw(tmp_path: Path) -> None:
    result = invoke("quiz", *BANK_ARGS, "--n", "2", "--db", str(tmp_path / "h.sqlite3"),
                    input="\x1b[2J\x1b]0;title\x07\rRight\n\x9b\n")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\r" not in result.output and "\x9b" not in result.output
    assert "\\x1b[2J" in result.output


# -- 6. Anki media and MathJax -------------------------------------------------------------


def test_sound_tags_and_mathjax_in_bank_text_stay_text_in_anki(
        edit: Callable[[str, str], Path], tmp_path: Path) -> None:
    bank = edit(NOTE, '    note: "Listen [sound:x.mp3] and see \\\\(x^2\\\\) [latex]y[/latex]."\n')
    deck = tmp_path / "deck.apkg"
    result = invoke("anki", *bank_args(bank), "-o", str(deck))
    assert result.exit_code == 0, result.output
    col = open_collection(tmp_path / "anki")
    try:
        import_apkg(col, deck)
        shown = 0
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            assert card.question_av_tags() == [] and card.answer_av_tags() == []
            answer = card.answer()
            if "Listen" in answer:
                shown += 1
                text, _ = visible(answer)
                assert "Listen [sound:x.mp3] and see \\(x^2\\) [latex]y[/latex]." in text
                assert "\\(" not in answer  # MathJax finds no delimiter in the page's HTML
        assert shown
    finally:
        col.close()
