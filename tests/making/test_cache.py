"""The cache of generated questions: keyed by every input byte, never trusted when damaged."""

from __future__ import annotations

from pathlib import Path
from types import CodeType

import pytest

from quizgen import store
from quizgen.errors import TemplateError
from quizgen.making import cache
from quizgen.making.cache import Entry, bank_key, compiled_code
from quizgen.making.generation import Generation
from quizgen.making.selection import generate_fresh, load_and_generate, load_generation
from quizgen.making.templates import environment
from quizgen.store import cache_disabled, cache_enabled
from tests.conftest import CORPUS, FACTS, QUESTIONS


def paths(root: Path) -> tuple[Path, Path, Path]:
    return root / "corpus" / "facts.yaml", root / "corpus", root / "questions"


def entry_for(root: Path, cache_dir: Path, seed: int = 0) -> Entry:
    key = bank_key(*paths(root), seed)
    assert key is not None
    return Entry(key, cache_dir)


def every_input(root: Path) -> list[Path]:
    return sorted([*(root / "corpus").iterdir(), *(root / "questions").iterdir()])


def test_the_key_changes_when_any_byte_of_any_input_changes(tmp_bank: Path) -> None:
    before = bank_key(*paths(tmp_bank), 0)
    inputs = every_input(tmp_bank)
    assert len(inputs) == 15  # facts, five articles, nine template files
    for path in inputs:
        data = path.read_bytes()
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:])
        assert bank_key(*paths(tmp_bank), 0) != before, path.name
        path.write_bytes(data)
        assert bank_key(*paths(tmp_bank), 0) == before


def test_the_key_changes_with_the_seed_a_new_file_and_quizgens_code(
        tmp_bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = bank_key(*paths(tmp_bank), 0)
    assert bank_key(*paths(tmp_bank), 1) != before
    (tmp_bank / "questions" / "extra.yaml").write_text("[]\n", encoding="utf-8")
    assert bank_key(*paths(tmp_bank), 0) != before
    (tmp_bank / "questions" / "extra.yaml").unlink()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another build of quizgen")
    assert bank_key(*paths(tmp_bank), 0) != before


def test_no_key_for_a_bank_that_cannot_be_read(tmp_path: Path) -> None:
    assert bank_key(tmp_path / "missing.yaml", CORPUS, QUESTIONS, 0) is None
    assert bank_key(FACTS, tmp_path / "missing", QUESTIONS, 0) is None


def test_a_hit_gives_what_a_fresh_run_gives_without_generating(
        tmp_bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh_bank, fresh = generate_fresh(*paths(tmp_bank), 3)
    load_and_generate(*paths(tmp_bank), seed=3)  # fills the cache

    def refuse(*args: object) -> None:
        raise AssertionError("generated again although the cache holds the bank")

    monkeypatch.setattr("quizgen.making.selection.generate_fresh", refuse)
    bank, hit = load_and_generate(*paths(tmp_bank), seed=3)
    assert [q.to_dict() for q in hit.questions] == [q.to_dict() for q in fresh.questions]
    assert hit.skipped == fresh.skipped
    assert bank.facts == fresh_bank.facts and bank.title == fresh_bank.title
    assert load_generation(*paths(tmp_bank), seed=3).questions == fresh.questions


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "foreign key", "garbage"])
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(
        tmp_bank: Path, cache_dir: Path, damage: str) -> None:
    _, fresh = generate_fresh(*paths(tmp_bank))
    load_generation(*paths(tmp_bank))
    entry = entry_for(tmp_bank, cache_dir)
    stored = entry.path("generation")
    whole = stored.read_bytes()
    if damage == "truncated":
        stored.write_bytes(whole[: len(whole) // 2])
    elif damage == "flipped byte":
        stored.write_bytes(whole[:-10] + bytes([whole[-10] ^ 1]) + whole[-9:])
    elif damage == "empty":
        stored.write_bytes(b"")
    elif damage == "garbage":
        stored.write_bytes(b"\x00\xff" * 1000)
    else:  # another bank's entry under this name: its header names another key
        Entry("0" * 64, cache_dir).write("generation", Generation())
        stored.write_bytes(Entry("0" * 64, cache_dir).path("generation").read_bytes())
    assert entry.read("generation") is None
    assert load_generation(*paths(tmp_bank)).questions == fresh.questions
    assert stored.read_bytes() == whole  # rebuilt whole


def test_an_input_changed_while_generating_is_not_stored(
        tmp_bank: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = tmp_bank / "corpus" / "facts.yaml"
    before = entry_for(tmp_bank, cache_dir)

    def edit_during_run(facts_path: Path, corpus: Path, questions: Path, seed: int) -> object:
        result = generate_fresh(facts_path, corpus, questions, seed)
        facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return result

    monkeypatch.setattr("quizgen.making.selection.generate_fresh", edit_during_run)
    load_generation(*paths(tmp_bank))
    assert list(cache_dir.glob("*.pickle")) == []
    assert before.read("generation") is None


def test_off_by_environment_or_for_a_block(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    assert cache_enabled()
    with cache_disabled():
        assert not cache_enabled()
        load_generation(FACTS, CORPUS, QUESTIONS)
    assert cache_enabled()
    monkeypatch.setenv("QUIZGEN_NO_CACHE", "1")
    assert not cache_enabled()
    load_generation(FACTS, CORPUS, QUESTIONS)
    assert list(cache_dir.iterdir()) == []
    monkeypatch.setenv("QUIZGEN_NO_CACHE", "0")
    assert cache_enabled()


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(blocker / "cache"))
    _, fresh = generate_fresh(FACTS, CORPUS, QUESTIONS)
    assert load_generation(FACTS, CORPUS, QUESTIONS).questions == fresh.questions
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_the_user_cache_folder_is_used_without_the_override(monkeypatch: pytest.MonkeyPatch,
                                                            cache_dir: Path) -> None:
    monkeypatch.delenv("QUIZGEN_CACHE_DIR")
    assert store.cache_dir() == cache_dir / "xdg" / "quizgen"


def jinja_code(source: str) -> CodeType:
    code = environment().compile(source)
    assert isinstance(code, CodeType)
    return code


def test_compiled_template_code_is_kept_and_never_trusted_when_damaged(cache_dir: Path) -> None:
    source = "{{ fact.what | capfirst }} was held."
    made = jinja_code(source)
    assert compiled_code(source, lambda: made) is made
    (stored,) = cache_dir.glob("*.code")

    def refuse() -> CodeType:
        raise AssertionError("compiled again although the cache holds the code")

    assert compiled_code(source, refuse) == made
    stored.write_bytes(stored.read_bytes()[:-3])
    again = jinja_code(source)
    assert compiled_code(source, lambda: again) is again  # the damaged file was ignored


def test_a_template_that_does_not_compile_is_reported_every_time(tmp_bank: Path) -> None:
    broken = tmp_bank / "questions" / "events.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("{% endif %}", "{% endiff %}", 1),
                      encoding="utf-8")
    for _ in range(2):
        with pytest.raises(TemplateError, match="endiff"):
            load_generation(*paths(tmp_bank))


def test_sentence_spans_are_kept_by_the_paragraphs_text_and_never_trusted_when_damaged(
        cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizgen.bank import sentences

    paragraph = "The summit opened on Monday. Leaders met in Kazan. ‘We agree.’ ‘Good.’"
    cold = sentences._segment(paragraph)
    sentences._sentence_spans.cache_clear()
    assert sentences._sentence_spans(paragraph) == cold
    (stored,) = cache_dir.glob("*.spans")

    def refuse(_: str) -> list[tuple[int, int]]:
        raise AssertionError("segmented again although the cache holds the spans")

    monkeypatch.setattr(sentences, "_segment", refuse)
    sentences._sentence_spans.cache_clear()
    assert sentences._sentence_spans(paragraph) == cold  # a hit: what a cold run gives
    edited = paragraph.replace("Kazan", "Kazan, Russia")
    with pytest.raises(AssertionError, match="segmented again"):
        sentences._sentence_spans(edited)  # another text: another key
    monkeypatch.undo()
    stored.write_bytes(stored.read_bytes()[:-2])  # truncated
    sentences._sentence_spans.cache_clear()
    assert sentences._sentence_spans(paragraph) == cold  # ignored and rebuilt
    for damaged in (b"", stored.read_bytes().replace(b"\x00", b"\x01")):
        stored.write_bytes(damaged)
        sentences._sentence_spans.cache_clear()
        assert sentences._sentence_spans(paragraph) == cold
    sentences._sentence_spans.cache_clear()


def test_a_kept_value_that_is_not_valid_is_computed_again(cache_dir: Path) -> None:
    assert store.kept("sentences", "x", lambda: "not spans", lambda _: True) == "not spans"
    assert store.kept("sentences", "x", lambda: [(0, 1)], lambda v: isinstance(v, list)) == [(0, 1)]
    assert store.kept("sentences", "x", lambda: [(9, 9)], lambda _: True) == [(0, 1)]


def test_a_templates_condition_is_kept_and_gives_what_jinja2_gives(cache_dir: Path) -> None:
    from quizgen.making.templates import _compile_expression

    source = "fact.kind == 'event' and fact.place"
    direct = environment().compile_expression(source)
    kept = _compile_expression(source)
    (stored,) = cache_dir.glob("*.code")
    again = _compile_expression(source)  # from the cache
    for context in ({"fact": {"kind": "event", "place": "Kazan"}},
                    {"fact": {"kind": "role", "place": "Kazan"}}, {"fact": {"kind": "event"}}):
        assert kept(**context) == again(**context) == direct(**context)
    stored.write_bytes(stored.read_bytes()[:-3])
    assert _compile_expression(source)(fact={"kind": "event", "place": "X"}) == "X"
    with pytest.raises(Exception, match="unexpected"):
        _compile_expression("fact.kind ==")
    assert len(list(cache_dir.glob("*.code"))) == 1  # an error is never stored
