"""Signs, decimals and symbols decide an answer; symbols alone are an answer (issue 17, 8-9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import cli
from tests.commands.test_cli_quiz import asking, stored
from tests.conftest import bank_args
from tests.render.test_anki import import_apkg, open_collection

# The next summit's place (Moscow), renamed by a test.
PLACE = "event-place:next-summit-moscow"

FIGURE = "figure-value:collective-forces-strength"


def set_fields(root: Path, fact_id: str, **fields: str) -> Path:
    """Set the first line of each field in one fact of the temporary bank; the bank's root."""
    facts = root / "corpus" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    start = text.index(f"  - id: {fact_id}\n")
    end = text.find("\n  - id: ", start + 1)
    block = text[start:end]
    for name, value in fields.items():
        block, count = re.subn(rf"(?m)^    {name}: .*$", f"    {name}: {value}", block, count=1)
        assert count == 1, name
    facts.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return root


def verdicts(root: Path, qid: str, answers: list[str], db: Path) -> list[int]:
    """Whether each answer, given in a quiz of its own, was stored as right."""
    for given in answers:
        result = CliRunner().invoke(cli, ["quiz", *bank_args(root), "--db", str(db),
                                          *asking(qid)], input=given + "\n")
        assert result.exit_code == 0, result.output
    rows = stored(db)
    assert [given for _, given, _ in rows] == answers
    return [correct for _, _, correct in rows]


# -- 8. the sign, the decimals and the symbols of an answer count ---------------------------

ANSWERS = {
    "a negative share": (FIGURE, {"value": '"-3.5%"', "number": "-3.5"},
                         {"+3.5%": 0, "3.5": 0, "3.5%": 0, "-3.5%": 1, "−3.5 %": 1}),
    "a minus sign": (FIGURE, {"value": '"−1"', "number": "-1"}, {"1": 0, "+1": 0, "-1": 1}),
    "trailing zeros": (FIGURE, {"value": '"2.5"', "number": "2.5"},
                       {"2.50": 1, "2.5": 1, "25": 0, "2.6": 0}),
    "a symbol in a name": (PLACE, {"place": '"C#"'}, {"C++": 0, "C": 0, "c#": 1}),
}


@pytest.mark.parametrize(("qid", "fields", "answers"), ANSWERS.values(), ids=ANSWERS.keys())
def test_the_sign_decimals_and_symbols_of_an_answer_decide_it(
        tmp_bank: Path, tmp_path: Path, qid: str, fields: dict[str, str],
        answers: dict[str, int]) -> None:
    fact = "collective-forces-strength" if qid == FIGURE else "next-summit-moscow"
    root = set_fields(tmp_bank, fact, **fields)
    assert verdicts(root, qid, list(answers), tmp_path / "h.sqlite3") == list(answers.values())


# -- 9. an answer of symbols only; outlets without Latin letters --------------------------


def test_an_answer_of_emoji_only_is_right_when_typed_exactly(tmp_bank: Path,
                                                             tmp_path: Path) -> None:
    root = set_fields(tmp_bank, "next-summit-moscow", place='"🇰🇬"')
    assert verdicts(root, PLACE, ["🇰🇬", "🇷🇺", "?"], tmp_path / "h.sqlite3") == [1, 0, 0]


def test_outlets_without_latin_letters_get_tags_of_their_own(tmp_bank: Path,
                                                             tmp_path: Path) -> None:
    for doc, outlet in (("reuters", "ⵜⴰⵎⴰⵣⵉⵖⵜ"), ("trend", "★★★")):
        article = tmp_bank / "corpus" / f"{doc}.md"
        text = article.read_text(encoding="utf-8")
        article.write_text(re.sub(r'(?m)^outlet: .*$', f'outlet: "{outlet}"', text, count=1),
                           encoding="utf-8")
    deck = tmp_path / "deck.apkg"
    result = CliRunner().invoke(cli, ["anki", *bank_args(tmp_bank), "-o", str(deck)])
    assert result.exit_code == 0, result.output
    col = open_collection(tmp_path / "anki")
    try:
        import_apkg(col, deck)
        tags = {t for n in col.find_notes("") for t in col.get_note(n).tags
                if t.startswith("source::")}
    finally:
        col.close()
    assert {"source::reuters", "source::trend"} <= tags
    assert "source::unknown" not in tags
