"""Anki decks, checked by importing them with the real Anki backend.

A deck imports with one note per question, each card renders with its answer and
sources, re-importing adds nothing, and a rebuilt deck updates the notes in place
without losing the learner's reviews.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.bank.loader import load_bank
from quizgen.making.question import Question, SourceRef
from quizgen.making.selection import load_and_generate
from quizgen.render import anki
from quizgen.render.anki import (
    FORMAT_STAMP,
    NOTE_TYPES,
    bank_timestamp,
    deck_id,
    esc,
    note_tags,
    write_apkg,
)
from tests.conftest import CORPUS, FACTS, QUESTIONS, every_kind

STAMP = float(FORMAT_STAMP + 86_400)
DECK = "CSTO Summit 2025"


# -- helpers -------------------------------------------------------------------


def open_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_apkg(col: Collection, path: Path) -> Any:
    """Import as Anki does by default (update notes and note types if newer); the log."""
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


class _Visible(HTMLParser):
    """The text a learner sees, and the elements the HTML really contains."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("style", "script"):
            self._hidden += 1
        if tag in ("br", "p", "li", "div", "blockquote"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def visible(html: str) -> tuple[str, list[str]]:
    parser = _Visible()
    parser.feed(html)
    return "".join(parser.text), parser.tags


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def make_question(**overrides: Any) -> Question:
    data: dict[str, Any] = {
        "id": "test-template:test-fact", "kind": "short_answer",
        "prompt": "Which city hosted the summit?", "answer": "Bishkek",
        "fact_ids": ["test-fact"], "fact_kind": "event", "template_id": "test-template",
        "tags": ["event", "summit"],
        "sources": [SourceRef(doc="reuters", outlet="Reuters", title="A title",
                              published="2025-11-27", quote="The summit was held in Bishkek.")],
    }
    data.update(overrides)
    return Question(**data)


# -- fixtures ------------------------------------------------------------------


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return every_kind()


@pytest.fixture(scope="module")
def deck(questions: list[Question], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "deck.apkg"
    write_apkg(questions, path, deck_name=DECK, timestamp=STAMP)
    return path


@pytest.fixture(scope="module")
def imported(deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collection]:
    """A fresh collection with the default deck imported (read-only for the tests)."""
    col = open_collection(tmp_path_factory.mktemp("collection"))
    import_apkg(col, deck)
    yield col
    col.close()


def note_by_id(col: Collection, question_id: str) -> Any:
    (nid,) = col.find_notes(f'"Id:{question_id}"')
    return col.get_note(nid)


# -- what a deck holds ---------------------------------------------------------


def test_every_question_becomes_one_note_with_one_card(
        imported: Collection, questions: list[Question]) -> None:
    assert imported.note_count() == len(questions)
    assert imported.card_count() == len(questions)


def test_each_kind_gets_its_note_type(imported: Collection, questions: list[Question]) -> None:
    expected = {"short_answer": "quizgen: Basic", "true_false": "quizgen: Basic",
                "ordering": "quizgen: Basic", "matching": "quizgen: Basic",
                "multiple_choice": "quizgen: Multiple choice", "cloze": "quizgen: Cloze"}
    assert {q.kind for q in questions} == set(expected)
    for kind, name in expected.items():
        found = imported.find_notes(f'"note:{name}"')
        assert len(found) == sum(1 for q in questions if expected[q.kind] == name), kind


def test_note_guid_comes_from_the_question_id(imported: Collection,
                                               questions: list[Question]) -> None:
    import genanki

    for q in questions[:20]:
        assert note_by_id(imported, q.id).guid == genanki.guid_for(q.id)


def test_fields_hold_the_escaped_question_answer_explanation_and_sources(
        imported: Collection, questions: list[Question]) -> None:
    q = next(q for q in questions if q.id == "event-date:next-summit-moscow")
    note = note_by_id(imported, q.id)
    assert note.note_type()["name"] == "quizgen: Basic"
    assert note["Question"] == f"<p>{esc(q.prompt)}</p>"
    assert flat(visible(note["Answer"])[0]) == (
        "11 November 2026 Also accepted: 2026-11-11, November 11, 2026")
    assert note["Explanation"] == f"<p>{esc(q.explanation)}</p>"
    sources = flat(visible(note["Sources"])[0])
    for source in q.sources:
        assert flat(f"{source.outlet} {'27 November 2025' if source.published else 'undated'}"
                    ) in sources
        assert source.title in sources
        assert f"“{source.quote}”" in sources
    assert note["Id"] == q.id


def test_multiple_choice_fields_hold_options_and_the_right_letter(
        imported: Collection, questions: list[Question]) -> None:
    q = next(q for q in questions if q.kind == "multiple_choice")
    note = note_by_id(imported, q.id)
    shown = flat(visible(note["Options"])[0])
    assert shown == " ".join(f"{letter} {o}" for letter, o in zip("ABCD", q.options, strict=True))
    assert note["Correct"] == q.answer_letter
    assert flat(visible(note["Answer"])[0]) == f"{q.answer_letter} {q.answer}"


def test_cloze_text_deletes_the_answer_as_c1(imported: Collection,
                                             questions: list[Question]) -> None:
    q = next(q for q in questions if q.kind == "cloze")
    note = note_by_id(imported, q.id)
    assert note["Text"] == f"{esc(q.cloze_before)}{{{{c1::{esc(q.answer)}}}}}{esc(q.cloze_after)}"


def test_tags_are_fact_kinds_fact_tags_and_sources(imported: Collection,
                                                   questions: list[Question]) -> None:
    for q in questions:
        expected = set(q.tags) | {f"source::{anki.tag_slug(s.outlet) or s.doc}" for s in q.sources}
        assert set(note_by_id(imported, q.id).tags) == expected, q.id
    ids = imported.find_notes("tag:source::anadolu_agency")
    assert len(ids) == sum(1 for q in questions if any(s.doc == "anadolu" for s in q.sources))


def test_notes_go_to_a_subdeck_per_fact_kind(imported: Collection,
                                             questions: list[Question]) -> None:
    names = {d.name for d in imported.decks.all_names_and_ids()}
    assert {anki.subdeck_name(DECK, q.fact_kind) for q in questions} <= names
    assert f"{DECK}::People and posts" in names
    for q in questions[::7]:
        card = note_by_id(imported, q.id).cards()[0]
        assert imported.decks.name(card.did) == anki.subdeck_name(DECK, q.fact_kind)


# -- what a learner sees -------------------------------------------------------


def test_every_card_renders_its_question_answer_and_sources(
        imported: Collection, questions: list[Question]) -> None:
    for q in questions:
        card = note_by_id(imported, q.id).cards()[0]
        front, _ = visible(card.question())
        back, tags = visible(card.answer())
        assert "script" not in tags
        if q.kind == "cloze":
            assert "[...]" in front and flat(q.cloze_before) in flat(front)
            assert flat(q.cloze_before + q.answer + q.cloze_after) in flat(back)
        else:
            assert flat(q.prompt) in flat(front), q.id
            assert flat(q.prompt) in flat(back), q.id
            assert "Answer" in back
        if q.kind in ("short_answer", "true_false", "multiple_choice"):
            assert flat(q.answer) in flat(back)
        if q.explanation:
            assert flat(q.explanation) in flat(back)
        for source in q.sources:
            for text in (source.outlet, source.title, f"“{source.quote}”"):
                assert flat(text) in flat(back), (q.id, text)


def test_multiple_choice_shows_options_on_the_front_and_marks_the_right_one_on_the_back(
        imported: Collection, questions: list[Question]) -> None:
    q = next(q for q in questions if q.kind == "multiple_choice" and q.answer_letter != "A")
    card = note_by_id(imported, q.id).cards()[0]
    front, back = card.question(), card.answer()
    for letter, option in zip("ABCD", q.options, strict=True):
        assert f"{letter} {option}" in flat(visible(front)[0])
    assert "qg-correct-" not in front.split("</style>")[1]
    assert f'class="qg-options qg-correct-{q.answer_letter}"' in back
    assert q.answer_index is not None
    nth = q.answer_index + 1
    assert f".qg-correct-{q.answer_letter} .qg-option:nth-child({nth})" in back  # its CSS rule


def test_ordering_and_matching_show_the_items_and_the_solution(
        imported: Collection, questions: list[Question]) -> None:
    order = next(q for q in questions if q.kind == "ordering")
    front = flat(visible(note_by_id(imported, order.id).cards()[0].question())[0])
    back = flat(visible(note_by_id(imported, order.id).cards()[0].answer())[0])
    for letter, item in zip("ABCDE", order.items, strict=False):
        assert f"{letter} {item}" in front
    assert order.answer_key() in back
    solution = back.split(order.answer_key(), 1)[1]
    positions = [solution.index(order.items[i]) for i in order.order]
    assert positions == sorted(positions)  # earliest first

    match = next(q for q in questions if q.kind == "matching")
    back = flat(visible(note_by_id(imported, match.id).cards()[0].answer())[0])
    for i, (left, j) in enumerate(zip(match.left, match.pairs, strict=True)):
        assert f"{i + 1} {left} → {'abcde'[j]} {match.right[j]}" in back


def test_one_stylesheet_with_night_mode_for_all_note_types(imported: Collection) -> None:
    css = {imported.models.by_name(nt.name)["css"] for nt in NOTE_TYPES}  # type: ignore[index]
    assert len(css) == 1
    (sheet,) = css
    assert ".nightMode" in sheet and ".night_mode" in sheet
    assert "@media (max-width:" in sheet


# -- safety: text shows literally ----------------------------------------------


def test_script_and_ampersand_in_a_fact_show_literally_and_run_nothing(tmp_path: Path) -> None:
    nasty = "<script>alert('x')</script> & <b>bold</b> &amp;"
    source = SourceRef(doc="d", outlet="Outlet & Co <i>", title="T <script>",
                       published=None, quote="Q & <script>q</script>")
    questions = [
        make_question(id="t:short", prompt=f"Who said {nasty}?", answer=nasty,
                      explanation=nasty, sources=[source]),
        make_question(id="t:choice", kind="multiple_choice", prompt=nasty, answer=nasty,
                      options=[nasty, "b & c", "<d>", "e"], answer_index=0, sources=[source]),
        make_question(id="t:cloze", kind="cloze", prompt=f"{nasty} _____", answer="x & <y>",
                      cloze_before=f"{nasty} ", cloze_after=" {{c2::z}}", sources=[source]),
    ]
    path = tmp_path / "nasty.apkg"
    write_apkg(questions, path, deck_name="Nasty <deck> & co", timestamp=STAMP)
    col = open_collection(tmp_path / "col")
    import_apkg(col, path)
    assert col.note_count() == 3
    assert col.card_count() == 3  # the literal {{c2::z}} made no second cloze card
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        for html in (card.question(), card.answer()):
            text, tags = visible(html)
            assert "script" not in tags and "b" not in tags and "i" not in tags and "y" not in tags
            assert nasty in text or "x & <y>" in text or "[...]" in text
        back = visible(card.answer())[0]
        assert "Outlet & Co <i>" in back and "T <script>" in back
        assert "“Q & <script>q</script>”" in back
    cloze_card = col.get_card(col.find_cards('"note:quizgen: Cloze"')[0])
    assert f"{nasty} x & <y> {{{{c2::z}}}}" in visible(cloze_card.answer())[0]
    col.close()


@pytest.mark.parametrize("answer", ["a::b", "}}", "{{c2::x}}", "x::y::z", "50:50"])
def test_cloze_answers_with_braces_or_colons_show_whole(answer: str, tmp_path: Path) -> None:
    q = make_question(id="t:cloze", kind="cloze", prompt="before _____ after", answer=answer,
                      cloze_before="before ", cloze_after=" after")
    path = tmp_path / "cloze.apkg"
    write_apkg([q], path, deck_name="Cloze", timestamp=STAMP)
    col = open_collection(tmp_path / "col")
    import_apkg(col, path)
    (cid,) = col.find_cards("")
    card = col.get_card(cid)
    assert answer not in visible(card.question())[0]
    assert f"before {answer} after" in visible(card.answer())[0]
    col.close()


@given(st.text())
def test_escaped_text_reads_back_as_the_original(text: str) -> None:
    text = text.replace("\r", "")  # HTML parsing folds carriage returns into newlines
    assert visible(esc(text))[0] == text


def test_tags_never_contain_spaces() -> None:
    q = make_question(sources=[SourceRef(doc="x", outlet="Agence France-Presse (AFP)",
                                         title="t", published=None, quote="q")])
    assert note_tags(q) == ["event", "source::agence_france_presse_afp", "summit"]


# -- identity ------------------------------------------------------------------

# Pinned on purpose. Anki treats a note type whose field or template names changed under
# the same id as a different type: it imports a copy and leaves the learner's notes as
# they were. If this test fails because you changed fields or templates, bump that note
# type's `version` (which changes its id and name) and update this table; if only the id
# changed, you changed how ids are derived, which would orphan every learner's notes.
PINNED = {
    "quizgen: Basic": (1435890634, (("Question", "Answer", "Explanation", "Sources", "Id"),
                                    ("Question",))),
    "quizgen: Multiple choice": (1596362496, (
        ("Question", "Options", "Correct", "Answer", "Explanation", "Sources", "Id"),
        ("Question",))),
    "quizgen: Cloze": (1220188675, (("Text", "Explanation", "Sources", "Id"), ("Cloze",))),
}


def test_note_type_ids_names_and_schemas_are_pinned() -> None:
    assert {nt.name: (nt.model_id, nt.schema()) for nt in NOTE_TYPES} == PINNED


def test_a_new_version_gets_a_new_id_and_name() -> None:
    from dataclasses import replace

    v2 = replace(anki.CHOICE, version=2)
    assert v2.name == "quizgen: Multiple choice v2"
    assert v2.model_id != anki.CHOICE.model_id
    assert len({nt.model_id for nt in (*NOTE_TYPES, v2)}) == 4


def test_deck_ids_are_fixed_and_distinct() -> None:
    assert deck_id(DECK) == 1178676021
    assert deck_id(f"{DECK}::Exercises") == 1996712181
    names = [DECK, *(anki.subdeck_name(DECK, k) for k in anki.SUBDECKS)]
    assert len({deck_id(n) for n in names}) == len(names)


def test_changing_fields_under_the_same_id_would_strand_the_notes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why note types are versioned: Anki's own behaviour, shown once."""
    from dataclasses import replace

    q = make_question()
    write_apkg([q], tmp_path / "v1.apkg", deck_name="D", timestamp=STAMP)
    changed = replace(anki.BASIC, fields=(*anki.BASIC.fields, "Extra"))
    monkeypatch.setattr(anki, "NOTE_TYPES", (changed, anki.CHOICE, anki.CLOZE))
    monkeypatch.setitem(anki.NOTE_TYPE_FOR_KIND, "short_answer", changed)
    monkeypatch.setattr(anki, "note_fields", lambda q: ["<p>new</p>", "a", "", "", q.id, ""])
    write_apkg([q], tmp_path / "v1-changed.apkg", deck_name="D", timestamp=STAMP + 10)
    col = open_collection(tmp_path / "col")
    import_apkg(col, tmp_path / "v1.apkg")
    log = import_apkg(col, tmp_path / "v1-changed.apkg")
    assert len(log.conflicting) == 1 and not log.updated
    assert "quizgen: Basic" in col.models.all_names()  # the original …
    assert len([n for n in col.models.all_names() if n.startswith("quizgen: Basic")]) == 2
    col.close()


# -- reproducible and updatable ------------------------------------------------


def test_building_twice_gives_identical_bytes(questions: list[Question], deck: Path,
                                              tmp_path: Path) -> None:
    again = tmp_path / "again.apkg"
    write_apkg(questions, again, deck_name=DECK, timestamp=STAMP)
    assert again.read_bytes() == deck.read_bytes()


def test_zip_entries_are_dated_by_the_timestamp_not_the_clock(questions: list[Question],
                                                              tmp_path: Path) -> None:
    write_apkg(questions[:3], tmp_path / "d.apkg", deck_name=DECK, timestamp=1_800_000_000.7)
    with zipfile.ZipFile(tmp_path / "d.apkg") as archive:
        assert {i.filename: (i.date_time, i.create_system, i.external_attr >> 16)
                for i in archive.infolist()} == {
            "collection.anki2": ((2027, 1, 15, 8, 0, 0), 3, 0o644),
            "media": ((2027, 1, 15, 8, 0, 0), 3, 0o644)}


def test_every_time_in_the_collection_is_the_given_timestamp(deck: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(deck) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    assert {m for (m,) in db.execute("SELECT DISTINCT mod FROM notes")} == {int(STAMP)}
    assert {m for (m,) in db.execute("SELECT DISTINCT mod FROM cards")} == {int(STAMP)}
    assert min(i for (i,) in db.execute("SELECT id FROM notes")) == int(STAMP) * 1000
    db.close()


def test_a_different_timestamp_changes_only_times(questions: list[Question], deck: Path,
                                                  tmp_path: Path) -> None:
    later = tmp_path / "later.apkg"
    write_apkg(questions, later, deck_name=DECK, timestamp=STAMP + 60)
    assert later.read_bytes() != deck.read_bytes()


def test_importing_the_same_deck_again_adds_nothing(deck: Path, tmp_path: Path,
                                                     questions: list[Question]) -> None:
    col = open_collection(tmp_path / "col")
    first = import_apkg(col, deck)
    second = import_apkg(col, deck)
    assert len(first.new) == len(questions)
    assert not second.new and not second.updated and not second.conflicting
    assert len(second.duplicate) == len(questions)
    assert col.note_count() == len(questions)
    assert len([n for n in col.models.all_names() if n.startswith("quizgen:")]) == 3
    col.close()


def test_rebuild_after_a_bank_edit_updates_notes_in_place_and_keeps_reviews(
        tmp_bank: Path, tmp_path: Path) -> None:
    facts = tmp_bank / "corpus" / "facts.yaml"
    set_mtimes(tmp_bank, FORMAT_STAMP + 1_000)

    def build(name: str) -> tuple[Path, list[Question]]:
        bank, generation = load_and_generate(facts, tmp_bank / "corpus", tmp_bank / "questions")
        path = tmp_path / name
        write_apkg(generation.questions, path, deck_name=bank.title,
                   timestamp=bank_timestamp(bank, tmp_bank / "questions"))
        return path, generation.questions

    before, old_questions = build("before.apkg")
    col = open_collection(tmp_path / "col")
    import_apkg(col, before)
    edited_id = "event-date:next-summit-moscow"
    card = note_by_id(col, edited_id).cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 4)  # Easy: the card becomes a review card with an interval
    card.load()
    assert card.ivl > 0
    reviewed = (card.id, card.ivl, card.due, card.reps)

    # A curator corrects a fact: the text changes, and so does the file's mtime.
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("    subject: the next CSTO summit\n",
                                  "    subject: the next CSTO leaders' summit\n", 1), encoding="utf-8")
    os.utime(facts, (FORMAT_STAMP + 2_000, FORMAT_STAMP + 2_000))
    after, new_questions = build("after.apkg")
    assert [q.id for q in new_questions] == [q.id for q in old_questions]
    changed = {q.id for q, o in zip(new_questions, old_questions, strict=True) if q != o}
    assert edited_id in changed and len(changed) < len(new_questions)

    log = import_apkg(col, after)
    assert not log.new and not log.conflicting
    assert col.note_count() == len(new_questions)
    note = note_by_id(col, edited_id)
    assert "When will the next CSTO leaders&#x27; summit be held?" in note["Question"]
    for q in new_questions:
        if q.id in changed and q.kind != "cloze":
            assert esc(q.prompt) in note_by_id(col, q.id).fields[0], q.id
    card = col.get_card(reviewed[0])
    assert (card.id, card.ivl, card.due, card.reps) == reviewed
    assert card.nid == note.id
    assert col.db is not None
    assert col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card.id) == 1
    col.close()


# -- when the bank last changed --------------------------------------------------


def set_mtimes(root: Path, when: float) -> None:
    for path in root.rglob("*"):
        os.utime(path, (when, when))


def git(repo: Path, *args: str, when: int | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "init.defaultBranch=main", "-C", str(repo), *args],
                          capture_output=True, text=True, check=True, env=env)
    return done.stdout


def test_bank_outside_git_is_dated_by_its_newest_file(tmp_bank: Path) -> None:
    set_mtimes(tmp_bank, FORMAT_STAMP + 1_000)
    os.utime(tmp_bank / "corpus" / "reuters.md", (FORMAT_STAMP + 5_000, FORMAT_STAMP + 5_000))
    bank = load_bank(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus")
    assert bank_timestamp(bank, tmp_bank / "questions") == FORMAT_STAMP + 5_000
    os.utime(tmp_bank / "questions" / "events.yaml", (FORMAT_STAMP + 9_000,) * 2)
    assert bank_timestamp(bank, tmp_bank / "questions") == FORMAT_STAMP + 9_000
    assert bank_timestamp(bank) == FORMAT_STAMP + 5_000


def test_bank_is_never_dated_before_the_format_stamp(tmp_bank: Path) -> None:
    set_mtimes(tmp_bank, FORMAT_STAMP - 50_000)
    bank = load_bank(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus")
    assert bank_timestamp(bank, tmp_bank / "questions") == FORMAT_STAMP


def commit_bank_then_something_else(root: Path) -> None:
    """A git history: the bank committed at +3,000 s, then another file at +4,000 s."""
    git(root, "init", "-q")
    git(root, "add", "corpus", "questions")
    git(root, "commit", "-q", "-m", "bank", when=FORMAT_STAMP + 3_000)
    (root / "NOTES.txt").write_text("not part of the bank")
    git(root, "add", "NOTES.txt")
    git(root, "commit", "-q", "-m", "other", when=FORMAT_STAMP + 4_000)


def stamp(root: Path) -> float:
    """The deck timestamp of the bank laid out under ``root``."""
    bank = load_bank(root / "corpus" / "facts.yaml", root / "corpus")
    return bank_timestamp(bank, root / "questions")


def test_committed_bank_is_dated_by_its_last_commit_in_every_clone(tmp_bank: Path,
                                                                     tmp_path: Path) -> None:
    commit_bank_then_something_else(tmp_bank)
    set_mtimes(tmp_bank, FORMAT_STAMP + 99_000)  # a fresh checkout: mtimes say nothing
    assert stamp(tmp_bank) == FORMAT_STAMP + 3_000
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(tmp_bank), str(clone))
    assert stamp(clone) == FORMAT_STAMP + 3_000

    # Editing without committing: dated by the edit, later than the commit.
    facts = tmp_bank / "corpus" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(facts, (FORMAT_STAMP + 3_500,) * 2)
    set_mtimes(tmp_bank / "questions", FORMAT_STAMP + 1_000)
    for doc in (tmp_bank / "corpus").glob("*.md"):
        os.utime(doc, (FORMAT_STAMP + 1_000,) * 2)
    assert stamp(tmp_bank) == FORMAT_STAMP + 3_500

    git(tmp_bank, "commit", "-q", "-am", "edit", when=FORMAT_STAMP + 6_000)
    assert stamp(tmp_bank) == FORMAT_STAMP + 6_000


def test_shallow_clone_that_cannot_date_the_bank_falls_back_to_mtimes(
        tmp_bank: Path, tmp_path: Path) -> None:
    commit_bank_then_something_else(tmp_bank)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tmp_bank}", str(clone))
    set_mtimes(clone, FORMAT_STAMP + 7_000)
    # Not the date of the only commit the clone has (4_000): it did not change the bank.
    assert stamp(clone) == FORMAT_STAMP + 7_000


def test_default_bank_stamp_is_reproducible() -> None:
    bank = load_bank(FACTS, CORPUS)
    assert bank_timestamp(bank, QUESTIONS) == bank_timestamp(bank, QUESTIONS)


def test_the_database_header_does_not_name_the_sqlite_version(
        deck: Path, tmp_path: Path, questions: list[Question]) -> None:
    with zipfile.ZipFile(deck) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    header = (tmp_path / "c.anki2").read_bytes()[:100]
    assert header[96:100] == (3_045_000).to_bytes(4, "big")
    db = sqlite3.connect(tmp_path / "c.anki2")
    assert db.execute("SELECT count() FROM notes").fetchone() == (len(questions),)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_every_card_back_says_when_the_facts_are_from() -> None:
    from quizgen.render.anki import note_fields

    questions = load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions
    for q in questions:
        assert '<p class="qg-as-of">Facts as reported on 27 November 2025.</p>' in \
            "".join(note_fields(q)), q.id
