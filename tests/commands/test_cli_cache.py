"""The cache from the command line: a warm run writes exactly the bytes a cold run writes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli
from tests.conftest import BANK_ARGS, bank_args

OUTPUTS = [  # every output a command writes from a bank's questions
    ("export", "q.json", ["--seed", "4"]),
    ("export", "q.csv", []),
    ("export", "q.gift", ["--kind", "multiple_choice"]),
    ("export", "q.md", ["--seed", "2"]),
    ("anki", "deck.apkg", []),
    ("sheet", "sheet.html", ["--n", "30", "--seed", "5"]),
    ("sheet", "sheet.pdf", ["--n", "10", "--seed", "3"]),  # without --seed, a fresh sample each run
]


def write(run: Callable[..., Result], command: str, out: Path, *args: str) -> bytes:
    result = run(command, *BANK_ARGS, *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def cached_files(cache_dir: Path) -> list[str]:
    return sorted(p.name.split(".", 1)[1] for p in cache_dir.glob("*.pickle"))


@pytest.mark.parametrize(("command", "name", "args"), OUTPUTS)
def test_a_warm_run_writes_the_bytes_a_cold_run_writes(
        run: Callable[..., Result], tmp_path: Path, cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch, command: str, name: str, args: list[str]) -> None:
    cold = write(run, command, tmp_path / f"cold-{name}", "--no-cache", *args)
    if name.endswith(".pdf") and write(run, command, tmp_path / name, "--no-cache", *args) != cold:
        pytest.skip("this machine's WeasyPrint does not write the same PDF twice")
    assert cached_files(cache_dir) == []
    filling = write(run, command, tmp_path / f"filling-{name}", *args)
    assert cached_files(cache_dir) == ["bank.pickle", "generation.pickle"]

    def refuse(*_: object) -> None:
        raise AssertionError("generated again although the cache holds the bank")

    monkeypatch.setattr("quizgen.making.selection.generate_fresh", refuse)
    warm = write(run, command, tmp_path / f"warm-{name}", *args)
    assert filling == cold
    assert warm == cold


def quiz_output(run: Callable[..., Result], *args: str) -> str:
    result = run("quiz", *BANK_ARGS, "--n", "5", "--seed", "9", "--db", "h.sqlite3", *args,
                 input="\n" * 5)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_warm_quiz_asks_the_questions_a_cold_one_asks(
        run: Callable[..., Result], cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    cold = quiz_output(run, "--no-cache")
    assert cached_files(cache_dir) == []
    assert quiz_output(run) == cold
    monkeypatch.setattr("quizgen.making.selection.generate_fresh", lambda *_: None)
    assert quiz_output(run) == cold  # from the cache: generating would have failed
    assert cold.count("\nQuestion ") >= 5


def test_editing_an_input_is_seen_at_once(run: Callable[..., Result], tmp_bank: Path) -> None:
    out = tmp_bank / "q.md"
    fresh = tmp_bank / "fresh.md"
    assert run("export", *bank_args(tmp_bank), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    facts = tmp_bank / "corpus" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert "subject: the next CSTO summit\n" in text
    facts.write_text(text.replace("subject: the next CSTO summit\n",
                                  "subject: the next CSTO meeting\n"), encoding="utf-8")
    assert run("export", *bank_args(tmp_bank), "-o", str(out)).exit_code == 0
    assert run("export", *bank_args(tmp_bank), "--no-cache", "-o", str(fresh)).exit_code == 0
    assert out.read_bytes() == fresh.read_bytes() != before
    assert "the next CSTO meeting" in out.read_text(encoding="utf-8")


def test_a_truncated_cache_file_is_ignored(run: Callable[..., Result], tmp_path: Path,
                                           cache_dir: Path) -> None:
    cold = write(run, "export", tmp_path / "cold.json", "--no-cache")
    write(run, "export", tmp_path / "fill.json")
    for path in cache_dir.glob("*.pickle"):
        path.write_bytes(path.read_bytes()[:100])
    assert write(run, "export", tmp_path / "after.json") == cold
    assert all(p.stat().st_size > 1000 for p in cache_dir.glob("*.pickle"))  # rewritten


def test_check_always_checks(run: Callable[..., Result], tmp_path: Path, cache_dir: Path) -> None:
    from quizgen.making.cache import Entry, bank_key
    from quizgen.making.generation import Generation
    from tests.conftest import CORPUS, FACTS, QUESTIONS

    key = bank_key(FACTS, CORPUS, QUESTIONS, 0)
    assert key is not None
    Entry(key, cache_dir).write("generation", Generation())  # a lying entry: no questions
    Entry(key, cache_dir).write("bank", None)
    checked = run("check", *BANK_ARGS)
    assert checked.exit_code == 0
    assert checked.output == run("check", *BANK_ARGS, "--no-cache").output
    assert "Questions: 0" not in checked.output


def test_cache_shows_and_clears(run: Callable[..., Result], tmp_path: Path, cache_dir: Path) -> None:
    assert run("cache").output == (f"cache: {cache_dir}\n  0 files of generated questions, "
                                   "0 compiled templates, 0 split paragraphs, "
                                   "0 files of validated input, 0 written decks, 0.0 MB; "
                                   "caching is on\n")
    from quizgen.bank import sentences

    sentences._around.cache_clear()  # this process may have split them already
    sentences._sentence_spans.cache_clear()
    write(run, "export", tmp_path / "q.json")
    templates = len(list(cache_dir.glob("*.code")))
    paragraphs = len(list(cache_dir.glob("*.spans")))
    validated = len([*cache_dir.glob("*.facts"), *cache_dir.glob("*.model")])
    assert validated > 10
    assert templates > 40
    assert paragraphs > 10
    shown = run("cache").output
    assert shown.startswith(f"cache: {cache_dir}\n  2 files of generated questions, "
                            f"{templates} compiled templates, {paragraphs} split paragraphs, "
                            f"{validated} files of validated input, 0 written decks, ")
    assert run("cache", "--clear").output == (
        f"removed {templates + paragraphs + validated + 2} files from {cache_dir}\n")
    assert list(cache_dir.iterdir()) == []


def test_cache_says_when_it_is_off(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZGEN_NO_CACHE", "1")
    assert run("cache").output.endswith("caching is off (QUIZGEN_NO_CACHE is set)\n")


def test_two_processes_racing_on_one_entry_both_succeed(tmp_path: Path, cache_dir: Path) -> None:
    env = {**os.environ, "QUIZGEN_CACHE_DIR": str(cache_dir)}
    runs = [subprocess.Popen([sys.executable, "-m", "quizgen", "export", *BANK_ARGS, "-o",
                              str(tmp_path / f"{i}.json")], env=env, stderr=subprocess.PIPE)
            for i in range(3)]
    for proc in runs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    outputs = {(tmp_path / f"{i}.json").read_bytes() for i in range(3)}
    assert len(outputs) == 1
    assert cached_files(cache_dir) == ["bank.pickle", "generation.pickle"]
    assert not [p for p in cache_dir.iterdir() if p.name.endswith(".tmp")]
    warm = subprocess.run([sys.executable, "-m", "quizgen", "export", *BANK_ARGS, "-o",
                           str(tmp_path / "warm.json")], env=env, capture_output=True, check=True)
    assert warm.returncode == 0
    assert (tmp_path / "warm.json").read_bytes() in outputs


def kept_decks(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*.output"))


def refuse_to_generate(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("loaded the bank although the cache holds its deck")

    monkeypatch.setattr("quizgen.render.build.load_and_generate", refuse)


def test_a_rebuilt_deck_is_the_kept_deck_copied_back_without_loading_the_bank(
        run: Callable[..., Result], tmp_path: Path, cache_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = run("anki", *BANK_ARGS, "--no-cache", "-o", str(tmp_path / "cold.apkg"))
    cold = (tmp_path / "cold.apkg").read_bytes()
    assert kept_decks(cache_dir) == []
    assert write(run, "anki", tmp_path / "filling.apkg") == cold
    assert len(kept_decks(cache_dir)) == 1
    assert ", 1 written deck, " in run("cache").output
    refuse_to_generate(monkeypatch)
    warm = run("anki", *BANK_ARGS, "-o", str(tmp_path / "warm.apkg"))
    assert warm.exit_code == 0, warm.output
    assert (tmp_path / "warm.apkg").read_bytes() == cold
    assert warm.output.replace("warm.apkg", "cold.apkg") == fresh.output  # "Wrote 283 notes…"


def test_other_options_or_an_edited_input_never_get_the_kept_deck(
        run: Callable[..., Result], tmp_bank: Path, cache_dir: Path) -> None:
    def deck(name: str, *args: str) -> bytes:
        result = run("anki", *bank_args(tmp_bank), *args, "-o", str(tmp_bank / name))
        assert result.exit_code == 0, result.output
        return (tmp_bank / name).read_bytes()

    whole = deck("whole.apkg")
    assert deck("mc.apkg", "--kind", "multiple_choice") != whole
    assert deck("named.apkg", "--deck", "Mine") != whole
    assert deck("seeded.apkg", "--seed", "3") == deck("seeded-fresh.apkg", "--seed", "3",
                                                      "--no-cache")
    assert len(kept_decks(cache_dir)) == 4  # one per bank and set of options
    facts = tmp_bank / "corpus" / "facts.yaml"
    facts.write_bytes(facts.read_bytes().replace(b"the next CSTO summit", b"the next CSTO meeting"))
    edited = deck("edited.apkg")
    assert edited != whole
    assert edited == deck("edited-fresh.apkg", "--no-cache")
    assert len(kept_decks(cache_dir)) == 4  # the edited bank's deck replaced the old one


def test_a_damaged_kept_deck_is_ignored_and_rewritten(
        run: Callable[..., Result], tmp_path: Path, cache_dir: Path) -> None:
    cold = write(run, "anki", tmp_path / "cold.apkg", "--no-cache")
    write(run, "anki", tmp_path / "filling.apkg")
    (kept,) = kept_decks(cache_dir)
    whole = kept.read_bytes()
    kept.write_bytes(whole[: len(whole) // 2])  # truncated
    assert write(run, "anki", tmp_path / "after-truncation.apkg") == cold
    assert kept.read_bytes() == whole
    flipped = bytearray(whole)
    flipped[-1000] ^= 1  # one bit of the deck itself
    kept.write_bytes(bytes(flipped))
    assert write(run, "anki", tmp_path / "after-flip.apkg") == cold
    assert kept.read_bytes() == whole


def test_a_deck_on_standard_output_is_not_kept(run: Callable[..., Result],
                                               cache_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["anki", *BANK_ARGS, "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK")
    assert kept_decks(cache_dir) == []
