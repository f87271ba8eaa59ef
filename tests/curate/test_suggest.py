"""`quizgen suggest`: candidate facts that quote the article verbatim and find the bank's facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from quizgen.bank.loader import load_bank
from quizgen.curate.draft import recall
from quizgen.curate.suggest import suggest_facts
from tests.conftest import CORPUS, FACTS

ARTICLES = sorted(p for p in CORPUS.glob("*.md"))


def suggested(run: Callable[..., Result], article: Path, *args: str) -> list[dict[str, object]]:
    result = run("suggest", str(article), *args)
    assert result.exit_code == 0, result.output
    facts = yaml.safe_load("facts:\n" + result.stdout)["facts"]
    assert isinstance(facts, list)
    return facts


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_every_suggested_quote_is_verbatim_from_the_article(run: Callable[..., Result],
                                                            article: Path) -> None:
    body = article.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    facts = suggested(run, article)
    assert facts
    for fact in facts:
        sources = fact["sources"]
        assert isinstance(sources, list)
        assert [s["doc"] for s in sources] == [article.stem]
        assert sources[0]["quote"] in body  # verbatim, not merely whitespace-equal


def test_the_suggestions_pasted_as_they_stand_pass_the_quote_check(
        run: Callable[..., Result], tmp_bank: Path) -> None:
    facts = [f for article in ARTICLES for f in suggested(run, article)]
    (tmp_bank / "corpus" / "facts.yaml").write_text(
        yaml.safe_dump({"title": "Pasted", "as_of": "2025-11-27", "facts": facts}, allow_unicode=True),
        encoding="utf-8")
    bank = load_bank(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus")
    assert len(bank.facts) == len(facts)
    assert {f.kind for f in bank.facts} == {"event", "role", "exercise", "figure", "membership"}


def test_suggestions_find_four_in_five_of_the_banks_events_figures_and_exercises() -> None:
    bank = load_bank(FACTS, CORPUS)
    found = recall(bank, {d: suggest_facts(doc, bank.facts_file.as_of_day)
                          for d, doc in bank.documents.items()})
    for kind in ("event", "figure", "exercise"):
        hits, total = found[kind]
        assert total > 0 and hits / total >= 0.8, (kind, hits, total)


def test_the_output_names_the_bank_facts_it_already_has_and_the_recall(
        run: Callable[..., Result]) -> None:
    result = run("suggest", str(CORPUS / "fergana.md"), "--facts", str(FACTS))
    assert "# the bank has this as next-summit-moscow\n" in result.stdout
    assert "#   exercise: 3 of 3\n" in result.stdout


def test_rules_read_dates_titles_names_figures_and_members(tmp_path: Path) -> None:
    from quizgen.bank.corpus import load_document

    article = tmp_path / "wire.md"
    article.write_text(
        "---\nid: wire\noutlet: Wire\ntitle: T\nlanguage: en\npublished: 2030-05-01\n---\n"
        "The council will meet on June 3, 2031, in Valdmar. Foreign Minister Ilse Marrow spoke.\n"
        "The \u201cNorthern Shield\u201d exercises involved more than 4,500 troops.\n"
        "The alliance comprises Aldia, Borva, and Cerin, and Dalm suspended its membership.\n",
        encoding="utf-8")
    got = [(s.kind, s.fields) for s in suggest_facts(load_document(article))]
    assert ("event", {"what": "TODO: what happens (June 3, 2031)", "date": "2031-06-03",
                      "place": "Valdmar"}) in got
    assert ("role", {"person": "Ilse Marrow", "role": "Foreign Minister"}) in got
    assert ("exercise", {"name": "Northern Shield", "type": "exercise", "organisation": "TODO"}) in got
    assert ("figure", {"subject": "TODO: the number of troops", "value": "more than 4,500 troops",
                       "number": 4500, "unit": "troops"}) in got
    members = {f["country"]: f["status"] for k, f in got if k == "membership"}
    assert members == {"Aldia": "member", "Borva": "member", "Cerin": "member", "Dalm": "suspended"}


def test_a_missing_article_is_a_clear_error(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("suggest", str(tmp_path / "nope.md"))
    assert result.exit_code == 1
    assert "nope.md: corpus article not found" in result.output
