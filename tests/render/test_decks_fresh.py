"""decks/ holds what `quizgen build` makes from the bank and templates as they are now.

Rebuilds into a temporary folder and compares bytes with the committed files. When the
deck differs, the failure says which notes changed and whether they would reach a
learner: Anki takes an updated note only if it is newer than the learner's copy.
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from quizgen.making.selection import load_and_generate
from quizgen.render.build import deck_path, write_bank_deck
from tests.conftest import CORPUS, FACTS, QUESTIONS, ROOT

DECKS = ROOT / "decks"


@pytest.fixture(scope="module")
def generated() -> Any:
    return load_and_generate(FACTS, CORPUS, QUESTIONS)


def read_deck(path: Path, scratch: Path) -> dict[str, Any]:
    """Notes by GUID (fields, tags), note types by id (css, templates), and the note times."""
    with zipfile.ZipFile(path) as archive:
        (scratch / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(scratch / "collection.anki2")
    try:
        notes = {guid: (flds, tags) for guid, flds, tags in
                 db.execute("SELECT guid, flds, tags FROM notes")}
        mods = {mod for (mod,) in db.execute("SELECT DISTINCT mod FROM notes")}
        (models,) = db.execute("SELECT models FROM col").fetchone()
    finally:
        db.close()
    return {"notes": notes, "mod": max(mods), "models": models}


def explain(committed: Path, rebuilt: Path, scratch: Path) -> str:
    """Why the committed deck differs from a rebuild, and what to do about it."""
    (scratch / "old").mkdir(parents=True)
    (scratch / "new").mkdir()
    old, new = read_deck(committed, scratch / "old"), read_deck(rebuilt, scratch / "new")
    added = new["notes"].keys() - old["notes"].keys()
    removed = old["notes"].keys() - new["notes"].keys()
    changed = {g for g in new["notes"].keys() & old["notes"].keys()
               if new["notes"][g] != old["notes"][g]}
    content_changed = bool(changed) or (
        _without_times(old["models"]) != _without_times(new["models"]))
    summary = (f"{committed} is stale: {len(changed)} notes changed, {len(added)} added, "
               f"{len(removed)} removed (note times {old['mod']} → {new['mod']}).")
    if content_changed and new["mod"] <= old["mod"]:
        return (summary + " The notes or note types changed but their modification time did "
                "not increase, so a learner's Anki would skip the changes on import. Set "
                "FORMAT_STAMP in quizgen/render/anki.py to the current time, then run "
                "`quizgen build` and commit decks/.")
    return summary + " Run `quizgen build` and commit decks/."


def _without_times(models_json: str) -> str:
    import json

    models = json.loads(models_json)
    for model in models.values():
        model.pop("mod", None)
    return json.dumps(models, sort_keys=True)


def test_the_committed_deck_matches_a_rebuild(generated: Any, tmp_path: Path) -> None:
    bank, generation = generated
    committed = deck_path(bank, DECKS)
    assert committed.is_file(), f"{committed} is missing: run `quizgen build` and commit decks/"
    rebuilt = tmp_path / committed.name
    write_bank_deck(bank, generation.questions, rebuilt, questions_dir=QUESTIONS)
    if rebuilt.read_bytes() != committed.read_bytes():
        pytest.fail(explain(committed, rebuilt, tmp_path))


def test_decks_holds_exactly_what_build_writes_and_every_file_is_fresh(
        generated: Any, tmp_path: Path) -> None:
    pytest.importorskip("quizgen.render.sheet", reason="the sheet renderer is not in this checkout")
    from quizgen.render.build import build_outputs

    bank, generation = generated
    written = build_outputs(bank, generation.questions, tmp_path / "out", questions_dir=QUESTIONS)
    committed = sorted(p.name for p in DECKS.iterdir() if not p.name.startswith("."))
    assert committed == sorted(p.name for p in written), "decks/ holds files build does not make"
    stale = [p.name for p in written if p.read_bytes() != (DECKS / p.name).read_bytes()]
    assert not stale, f"stale in decks/: {stale}; run `quizgen build` and commit decks/"


def test_the_explanation_names_a_change_that_would_not_reach_learners(
        generated: Any, tmp_path: Path) -> None:
    """The guard above is real: same time, changed notes → the message says to bump it."""
    from quizgen.render.anki import write_apkg

    bank, generation = generated
    questions = generation.questions[:5]
    old, new = tmp_path / "old.apkg", tmp_path / "new.apkg"
    write_apkg(questions, old, deck_name="D", timestamp=2_000_000_000)
    edited = [questions[0].replace(**{"explanation": "corrected"}), *questions[1:]]
    write_apkg(edited, new, deck_name="D", timestamp=2_000_000_000)
    message = explain(old, new, tmp_path / "same")
    assert "1 notes changed" in message and "Set FORMAT_STAMP" in message
    write_apkg(edited, new, deck_name="D", timestamp=2_000_000_100)
    message = explain(old, new, tmp_path / "later")
    assert "Set FORMAT_STAMP" not in message and "Run `quizgen build`" in message
