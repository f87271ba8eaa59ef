"""A quote that is not found names the character that differs and gives the text to paste."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from quizgen.bank.quotes import diagnose, visible, yaml_quoted
from tests.conftest import bank_args

# The first quote of the default bank that cites Reuters on Japarov (role-japarov-president).
REUTERS = "under the chairmanship of Kyrgyzstan’s President Sadyr Japarov"
STRATEGY = "implement a counter-narcotics strategy for 2026–2030"
EXERCISES = "including new phases of the “Interaction,” “Echelon,” and “Search” exercises"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(run: Callable[..., Result], bank: Path) -> Result:
    return run("check", *bank_args(bank))


def pasted(output: str) -> str:
    """The quote the diagnosis says to paste, as YAML reads it."""
    import yaml

    line = next(x for x in output.splitlines() if "paste this quote:" in x)
    value = yaml.safe_load(line.split("paste this quote:", 1)[1])
    assert isinstance(value, str)
    return value


def test_a_hyphen_for_an_en_dash_names_both_and_gives_the_fix(run: Callable[..., Result],
                                                              tmp_bank: Path) -> None:
    edit(tmp_bank / "corpus" / "facts.yaml", STRATEGY, STRATEGY.replace("–", "-"))
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert "en dash – in the article, hyphen - in the quote: … strategy for 2026[–]2030" in result.output
    assert pasted(result.output) == STRATEGY


def test_a_straight_apostrophe_for_a_curly_one(run: Callable[..., Result], tmp_bank: Path) -> None:
    edit(tmp_bank / "corpus" / "facts.yaml", "Kyrgyzstan’s President", "Kyrgyzstan's President")
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert "curly apostrophe ’ in the article, straight apostrophe ' in the quote" in result.output
    assert pasted(result.output) == REUTERS
    assert "Traceback" not in result.output


def test_a_straight_double_quote_for_a_curly_one(run: Callable[..., Result], tmp_bank: Path) -> None:
    edit(tmp_bank / "corpus" / "facts.yaml", f'quote: "{EXERCISES}"',
         "quote: '" + EXERCISES.replace("“Interaction,”", '"Interaction,"') + "'")
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    for mark in ("opening double quotation mark “", "closing double quotation mark ”"):
        assert f'{mark} in the article, straight double quote " in the quote' in result.output
    assert pasted(result.output) == EXERCISES


def test_a_non_breaking_space_is_a_space_but_one_the_article_lacks_is_named(
        run: Callable[..., Result], tmp_bank: Path) -> None:
    facts = tmp_bank / "corpus" / "facts.yaml"
    edit(facts, "Kyrgyzstan’s President", "Kyrgyzstan’s\u00a0President")
    assert check(run, tmp_bank).exit_code == 0
    edit(facts, f'quote: "{STRATEGY}"', 'quote: "' + STRATEGY.replace("2026–", "2026\u00a0–") + '"')
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert "nothing in the article, non-breaking space in the quote" in result.output
    assert pasted(result.output) == STRATEGY


@pytest.mark.parametrize(("char", "name"), [
    ("\u200b", "zero-width space (U+200B, invisible)"),
    ("\ufeff", "byte-order mark (U+FEFF, invisible)"),
    ("\u00ad", "soft hyphen (U+00AD, invisible)"),
])
def test_an_invisible_character_in_the_article_is_named_and_shown(
        run: Callable[..., Result], tmp_bank: Path, char: str, name: str) -> None:
    edit(tmp_bank / "corpus" / "reuters.md", "Sadyr Japarov", f"Sadyr Ja{char}parov")
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert f"{name} in the article, nothing in the quote" in result.output
    assert f"Sadyr Ja[<U+{ord(char):04X}>]parov" in result.output
    # The text to paste carries the invisible character as an escape, so it matches.
    assert pasted(result.output) == REUTERS.replace("Japarov", f"Ja{char}parov")


def test_a_decomposed_accent_against_a_composed_one_is_named_as_normalisation(
        run: Callable[..., Result], tmp_bank: Path) -> None:
    composed = unicodedata.normalize("NFC", "Sadyr Japárov")
    edit(tmp_bank / "corpus" / "reuters.md", "Sadyr Japarov", composed)
    edit(tmp_bank / "corpus" / "facts.yaml", 'Sadyr Japarov"', unicodedata.normalize("NFD", composed) + '"')
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert ("'á' is written differently (Unicode normalisation): U+00E1 in the article, "
            "U+0061 + U+0301 in the quote") in result.output
    assert pasted(result.output) == REUTERS.replace("Japarov", composed.split()[-1])


def test_a_different_sentence_only_shows_the_closest_passage(run: Callable[..., Result],
                                                             tmp_bank: Path) -> None:
    edit(tmp_bank / "corpus" / "facts.yaml", REUTERS,
         "The summit of the bloc was held in the Kyrgyz capital, chaired by Japarov.")
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert "closest passage:" in result.output
    assert "paste this quote" not in result.output


def test_the_front_matter_closing_line_with_a_bom_is_named_at_its_line(
        run: Callable[..., Result], tmp_bank: Path) -> None:
    article = tmp_bank / "corpus" / "reuters.md"
    lines = article.read_text(encoding="utf-8").split("\n")
    closing = lines.index("---", 1)
    lines[closing] = "---\ufeff"
    article.write_text("\n".join(lines), encoding="utf-8")
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert (f"reuters.md:{closing + 1}: the closing '---' line has an invisible character on it "
            "(---<U+FEFF>): delete it") in result.output


def test_diagnosis_keeps_the_whole_passage_when_the_alignment_is_off_at_an_edge() -> None:
    body = "Earlier text. " + REUTERS + " Later text."
    diagnosis = diagnose(REUTERS.replace("under the", "undr the"), body)
    assert diagnosis is not None and diagnosis.fixable
    assert diagnosis.passage == REUTERS
    assert [(d.article, d.quote) for d in diagnosis.differences] == [("e", "")]


def test_yaml_quoted_text_reads_back_as_itself() -> None:
    import yaml

    for text in ['say "no"', "back\\slash", "zero\u200bwidth", "it’s – fine"]:
        assert yaml.safe_load(yaml_quoted(text)) == text


def test_visible_marks_only_invisible_characters() -> None:
    assert visible("a\u200bb c’") == "a<U+200B>b c’"


def test_many_misses_still_fit_on_one_screen(run: Callable[..., Result], tmp_bank: Path) -> None:
    facts = tmp_bank / "corpus" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("CSTO", "CTSO"), encoding="utf-8")
    result = check(run, tmp_bank)
    assert result.exit_code == 1
    assert result.output.count("paste this quote:") == 5
    assert len(result.output.splitlines()) <= 40
