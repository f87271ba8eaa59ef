"""The benchmark's inputs are sound: synthetic banks check out, and the genanki floor
writes the very notes quizgen writes. (Timings are measured by bench/run.py, never here.)"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import QUESTIONS, ROOT

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
from run import deck_notes, disputed_bank  # noqa: E402  (bench/ is scripts, not a package)


def synth(facts: int, out: Path, seed: int | None = None) -> Path:
    seed_args = ["--seed", str(seed)] if seed is not None else []
    subprocess.run([sys.executable, str(BENCH / "synth.py"), "--facts", str(facts), "--out",
                    str(out), *seed_args], check=True, capture_output=True)
    return out


def quizgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quizgen", *args], capture_output=True, text=True,
                          check=False)


def bank_args(bank: Path) -> list[str]:
    return ["--facts", str(bank / "facts.yaml"), "--corpus", str(bank), "--questions",
            str(QUESTIONS)]


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth(350, tmp_path_factory.mktemp("synth"))


def test_a_synthetic_bank_passes_check(bank: Path) -> None:
    result = quizgen("check", *bank_args(bank))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_a_synthetic_bank_has_every_fact_kind_and_several_questions_per_fact(bank: Path) -> None:
    result = quizgen("export", *bank_args(bank), "--format", "json", "-o", str(bank / "q.json"))
    assert result.returncode == 0, result.stderr
    questions = json.loads((bank / "q.json").read_text(encoding="utf-8"))
    per_fact = Counter(f for q in questions for f in q["fact_ids"])
    import yaml

    facts = yaml.safe_load((bank / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    # Every fact but the background ones is asked about; a country's own official only
    # as a successor or predecessor (by name or post, the name's sound gives the country away).
    askable = {f["id"] for f in facts if f.get("importance") != "background"}
    national = {f["id"] for f in facts if f["kind"] == "role" and f.get("country")
                and not f.get("organisation") and not f.get("succeeds")}
    assert askable - national <= set(per_fact) <= askable
    assert len(questions) >= 2 * 350
    assert {q["kind"] for q in questions} == {"short_answer", "multiple_choice", "true_false",
                                              "cloze", "ordering", "matching"}
    facts_yaml = (bank / "facts.yaml").read_text(encoding="utf-8")
    for kind in ("event", "role", "exercise", "membership", "document", "statement", "figure"):
        assert f"kind: {kind}\n" in facts_yaml


def test_the_same_seed_writes_the_same_bank(tmp_path: Path) -> None:
    first, second = synth(60, tmp_path / "a", seed=3), synth(60, tmp_path / "b", seed=3)
    files = sorted(p.name for p in first.iterdir())
    assert files == sorted(p.name for p in second.iterdir())
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in files)


def test_the_genanki_floor_writes_the_same_notes_as_quizgen(bank: Path, tmp_path: Path) -> None:
    ours, floor, notes = tmp_path / "ours.apkg", tmp_path / "floor.apkg", tmp_path / "notes.json"
    assert quizgen("anki", *bank_args(bank), "-o", str(ours)).returncode == 0
    extracted = deck_notes(ours)
    notes.write_text(json.dumps(extracted), encoding="utf-8")
    subprocess.run([sys.executable, str(BENCH / "genanki_floor.py"), str(notes), str(floor)],
                   check=True)

    def content(deck: Path) -> list[tuple[str, tuple[str, ...], str]]:
        return sorted((n["guid"], tuple(n["fields"]), n["deck"]) for n in deck_notes(deck))

    assert len(extracted) > 700
    assert content(floor) == content(ours)


def test_the_dispute_bench_bank_cites_one_disputed_fact_many_times(tmp_path: Path) -> None:
    bank = disputed_bank(tmp_path, 300)  # the 3 sources of the first dispute, 100 times
    text = (bank / "corpus" / "facts.yaml").read_text(encoding="utf-8")
    assert text.count("- doc:") == (ROOT / "corpus" / "facts.yaml").read_text(
        encoding="utf-8").count("- doc:") + 297
    result = quizgen("check", "--facts", str(bank / "corpus" / "facts.yaml"), "--corpus",
                     str(bank / "corpus"), "--questions", str(QUESTIONS))
    assert result.returncode == 0, result.stdout + result.stderr
