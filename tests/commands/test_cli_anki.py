"""`quizgen anki -o FILE.apkg`: a deck from the CLI, filtered, importable, reproducible."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from click.testing import Result

from quizgen.making.selection import load_and_generate
from tests.conftest import BANK_ARGS, CORPUS, FACTS, QUESTIONS, bank_args


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


def import_apkg(col: Collection, path: Path) -> None:
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path),
                                                     options=ImportAnkiPackageOptions()))


@pytest.fixture(scope="module")
def all_questions() -> list[str]:
    return [q.id for q in load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions]


def test_writes_every_question_as_a_note(run: Callable[..., Result], tmp_path: Path,
                                         collection: Collection, all_questions: list[str]) -> None:
    out = tmp_path / "csto.apkg"
    result = run("anki", *BANK_ARGS, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {len(all_questions)} notes to {out} "
                             "(deck 'CSTO Summit 2025')\n")
    import_apkg(collection, out)
    assert collection.note_count() == len(all_questions)
    assert "CSTO Summit 2025::People and posts" in collection.decks.all_names()


def test_kind_and_tag_filters_choose_the_notes(run: Callable[..., Result], tmp_path: Path,
                                               collection: Collection) -> None:
    out = tmp_path / "exercises.apkg"
    result = run("anki", *BANK_ARGS, "--kind", "multiple_choice", "--kind", "cloze",
                 "--tag", "exercises", "-o", str(out))
    assert result.exit_code == 0, result.output
    expected = [q for q in load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions
                if q.kind in ("multiple_choice", "cloze") and "exercises" in q.tags]
    assert expected and f"Wrote {len(expected)} notes" in result.output
    import_apkg(collection, out)
    assert collection.note_count() == len(expected)
    assert set(collection.find_notes("tag:exercises")) == set(collection.find_notes(""))
    names = {collection.get_note(n).note_type()["name"]  # type: ignore[index]
             for n in collection.find_notes("")}
    assert names <= {"quizgen: Multiple choice", "quizgen: Cloze"}


def test_deck_option_names_the_deck(run: Callable[..., Result], tmp_path: Path,
                                    collection: Collection) -> None:
    out = tmp_path / "d.apkg"
    assert run("anki", *BANK_ARGS, "--kind", "short_answer", "--deck", "My CSTO",
               "-o", str(out)).exit_code == 0
    import_apkg(collection, out)
    assert "My CSTO::Events" in collection.decks.all_names()


def test_running_twice_writes_identical_bytes(run: Callable[..., Result], tmp_path: Path) -> None:
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    assert run("anki", *BANK_ARGS, "-o", str(first)).exit_code == 0
    assert run("anki", *BANK_ARGS, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_no_matching_question_is_an_error_and_writes_nothing(run: Callable[..., Result],
                                                             tmp_path: Path) -> None:
    out = tmp_path / "none.apkg"
    result = run("anki", *BANK_ARGS, "--kind", "matching", "--tag", "disputed", "-o", str(out))
    assert result.exit_code == 1
    assert "Error: no questions match these filters" in result.output
    assert not out.exists()


def test_a_broken_bank_is_a_clear_error(run: Callable[..., Result], tmp_bank: Path,
                                        tmp_path: Path) -> None:
    facts = tmp_bank / "corpus" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("kind: event", "kind: evnt", 1),
                     encoding="utf-8")
    out = tmp_path / "d.apkg"
    result = run("anki", *bank_args(tmp_bank), "-o", str(out))
    assert result.exit_code == 1
    assert "facts.yaml:" in result.output and "unknown kind 'evnt'" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_unwritable_output_is_a_clear_error(run: Callable[..., Result], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("anki", *BANK_ARGS, "--kind", "short_answer", "-o", str(blocker / "d.apkg"))
    assert result.exit_code == 1
    assert f"{blocker / 'd.apkg'}: cannot write" in result.output
    assert "Traceback" not in result.output


def test_output_must_be_a_file(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("anki", *BANK_ARGS, "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.output


def test_help_shows_an_example(run: Callable[..., Result]) -> None:
    result = run("anki", "--help")
    assert "quizgen anki -o csto.apkg" in result.output
    for option in ("--kind", "--tag", "--facts", "--deck", "--output"):
        assert option in result.output
