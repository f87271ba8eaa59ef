"""Facts validated one by one, kept by their mapping: the same bank and errors as validating
the whole file, only changed facts validated again, a damaged file never trusted."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from quizgen.bank import validated
from quizgen.bank.facts import FactsFile, FactsHead
from quizgen.bank.loader import load_bank
from quizgen.bank.yamlfile import parse_yaml
from quizgen.errors import BankError
from quizgen.store import cache_disabled, write_payload
from tests.conftest import CORPUS, FACTS


def data() -> dict[str, Any]:
    parsed = parse_yaml(FACTS.read_text(encoding="utf-8"), FACTS)
    assert isinstance(parsed, dict)
    return parsed


def same(ours: FactsFile, theirs: FactsFile) -> None:
    assert ours == theirs
    assert ours.model_fields_set == theirs.model_fields_set
    assert [f.model_fields_set for f in ours.facts] == [f.model_fields_set for f in theirs.facts]
    assert ours.model_dump_json() == theirs.model_dump_json()


def count_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the facts validated one by one from now on."""
    seen: list[str] = []
    models = validated._models()

    def counting() -> dict[str, type[BaseModel]]:
        return {kind: _counted(model, seen) for kind, model in models.items()}

    monkeypatch.setattr(validated, "_models", counting)
    return seen


def _counted(model: type[BaseModel], seen: list[str]) -> type[BaseModel]:
    class Counted:
        @staticmethod
        def model_validate(raw: dict[str, Any]) -> BaseModel:
            seen.append(raw["id"])
            return model.model_validate(raw)

    return Counted  # type: ignore[return-value]


def test_a_cold_run_and_a_hit_give_the_whole_files_validation(cache_dir: Path) -> None:
    expected = FactsFile.model_validate(data())
    same(validated.validate_facts(data(), FACTS), expected)  # cold: stores them
    assert len(list(cache_dir.glob("*.facts"))) == 1
    same(validated.validate_facts(data(), FACTS), expected)  # a hit
    with cache_disabled():
        same(validated.validate_facts(data(), FACTS), expected)


def test_only_the_edited_fact_is_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    validated.validate_facts(data(), FACTS)
    seen = count_validations(monkeypatch)
    assert validated.validate_facts(data(), FACTS).facts  # all kept
    assert seen == []
    edited = data()
    edited["facts"][3]["note"] = "An edited note."
    same(validated.validate_facts(edited, FACTS), FactsFile.model_validate(edited))
    assert seen == [edited["facts"][3]["id"]]
    assert validated.validate_facts(edited, FACTS).facts[3].note == "An edited note."
    assert seen == [edited["facts"][3]["id"]]  # and then kept


def test_an_invalid_edit_raises_what_the_whole_file_raises() -> None:
    validated.validate_facts(data(), FACTS)
    edits: list[Callable[[dict[str, Any]], object]] = [
        lambda d: d["facts"][0].update(id="Not A Slug"),
        lambda d: d["facts"][1].update(kind="rumour"),
        lambda d: d["facts"][2].pop("sources"),
        lambda d: d.update(title=""),
        lambda d: d.update(facts="none")]
    for edit in edits:
        edited = copy.deepcopy(data())
        edit(edited)
        with pytest.raises(ValidationError) as whole:
            FactsFile.model_validate(edited)
        with pytest.raises(ValidationError) as ours:
            validated.validate_facts(edited, FACTS)
        assert ours.value.errors() == whole.value.errors()


def test_the_bank_loads_the_same_and_errors_read_the_same(tmp_bank: Path) -> None:
    facts = tmp_bank / "corpus" / "facts.yaml"
    assert load_bank(facts, tmp_bank / "corpus", kept=True).facts_file == load_bank(
        FACTS, CORPUS).facts_file
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("kind: role", "kind: rol", 1), encoding="utf-8")
    with pytest.raises(BankError) as plain:
        load_bank(facts, tmp_bank / "corpus")
    with pytest.raises(BankError) as kept:
        load_bank(facts, tmp_bank / "corpus", kept=True)
    assert str(kept.value) == str(plain.value)


@pytest.mark.parametrize("damage", ["truncate", "flip", "foreign", "not models"])
def test_a_damaged_file_is_ignored_and_rewritten(cache_dir: Path, damage: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    validated.validate_facts(data(), FACTS)
    (path,) = cache_dir.glob("*.facts")
    raw = path.read_bytes()
    name = path.name.removesuffix(".facts")
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        path.write_bytes(raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:])
    elif damage == "foreign":  # a whole cache file, of another name
        write_payload(path, "another facts", raw.split(b"\n", 3)[3])
    else:  # whole, but holding no models
        write_payload(path, f"{name} facts", pickle.dumps({"a": 1}))
    seen = count_validations(monkeypatch)
    same(validated.validate_facts(data(), FACTS), FactsFile.model_validate(data()))
    assert len(seen) == len(data()["facts"])
    assert path.read_bytes() == raw  # rewritten whole


def _front_matter() -> dict[str, Any]:
    from quizgen.bank.corpus import load_corpus

    doc = next(iter(load_corpus(CORPUS).values()))
    return doc.meta.model_dump(mode="json", exclude_unset=True)


def test_a_kept_model_is_the_validated_one_until_its_mapping_changes(cache_dir: Path) -> None:
    from quizgen.bank.corpus import DocumentMeta

    raw = _front_matter()
    expected = DocumentMeta.model_validate(raw)
    assert validated.validate_kept(DocumentMeta, raw) == expected  # cold: stored
    (path,) = cache_dir.glob("*.model")
    hit = validated.validate_kept(DocumentMeta, raw)
    assert hit == expected and hit.model_fields_set == expected.model_fields_set
    edited = {**raw, "outlet": "Another outlet"}
    assert validated.validate_kept(DocumentMeta, edited).outlet == "Another outlet"
    assert len(list(cache_dir.glob("*.model"))) == 2
    with pytest.raises(ValidationError) as whole:
        DocumentMeta.model_validate({**raw, "id": "Not A Slug"})
    with pytest.raises(ValidationError) as ours:
        validated.validate_kept(DocumentMeta, {**raw, "id": "Not A Slug"})
    assert ours.value.errors() == whole.value.errors()
    assert len(list(cache_dir.glob("*.model"))) == 2  # what does not validate is not kept
    for damaged in (path.read_bytes()[:-3], path.read_bytes().replace(b"model\n", b"other\n", 1)):
        path.write_bytes(damaged)
        assert validated.validate_kept(DocumentMeta, raw) == expected
    stored = path.read_bytes()
    name = path.name.removesuffix(".model")  # whole, but of another model: ignored
    write_payload(path, f"{name} model", pickle.dumps(FactsHead.model_construct()))
    assert validated.validate_kept(DocumentMeta, raw) == expected
    assert path.read_bytes() == stored


def test_templates_and_articles_load_the_same_through_the_cache(tmp_bank: Path) -> None:
    from quizgen.bank.corpus import load_corpus
    from quizgen.making.templates import load_templates

    for _ in range(2):  # cold, then kept
        assert load_templates(tmp_bank / "questions", kept=True) == load_templates(
            tmp_bank / "questions")
        kept_docs = load_corpus(tmp_bank / "corpus", kept=True)
        plain = load_corpus(tmp_bank / "corpus")
        assert {k: d.meta for k, d in kept_docs.items()} == {k: d.meta for k, d in plain.items()}
