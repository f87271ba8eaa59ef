"""How quizgen's cost grows with the bank: time and peak memory of each step of ``quizgen anki``.

Usage: ``python bench/scaling.py BANK_DIR OUT.apkg`` prints one JSON object: for each step
(parse, validate, generate, write, and then what a cached run does instead of the first
three: read the cache) its seconds and the process's peak resident memory when it ended.
``bench/run.py`` runs it in a fresh process per bank size and draws the curve.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("parse", "validate", "generate", "write", "cache hit")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@contextmanager
def step(out: dict[str, dict[str, float]], name: str) -> Iterator[None]:
    """Time the body as step ``name``; note the process's peak memory when it ends."""
    start = time.perf_counter()
    yield
    out[name] = {"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}


def measure(bank_dir: Path, deck: Path) -> dict[str, dict[str, float]]:
    """Run the steps of ``quizgen anki`` one by one, as the command runs them."""
    from quizgen.bank.corpus import load_corpus
    from quizgen.bank.facts import FactsFile
    from quizgen.bank.loader import Bank, _cross_check
    from quizgen.bank.textfile import read_text
    from quizgen.bank.yamlfile import parse_yaml
    from quizgen.gcpause import gc_paused
    from quizgen.making.generate import generate_questions
    from quizgen.making.selection import load_and_generate
    from quizgen.making.templates import load_templates
    from quizgen.render.build import write_bank_deck

    facts, questions_dir = bank_dir / "facts.yaml", ROOT / "questions"
    out: dict[str, dict[str, float]] = {}
    with step(out, "parse"):
        documents = load_corpus(bank_dir)
        text = read_text(facts, "facts file")
        data = parse_yaml(text, facts)
    with step(out, "validate"):
        with gc_paused():
            facts_file = FactsFile.model_validate(data)
        assert not _cross_check(facts_file, documents, text, facts)
        bank = Bank(facts_file, documents, facts, bank_dir)
    del data, facts_file
    with step(out, "generate"):
        generation = generate_questions(bank, load_templates(questions_dir))
    with step(out, "write"):
        write_bank_deck(bank, generation.questions, deck, questions_dir=questions_dir)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["QUIZGEN_CACHE_DIR"] = cache
        os.environ.pop("QUIZGEN_NO_CACHE", None)
        load_and_generate(facts, bank_dir, questions_dir)  # fills the cache
        del bank, generation
        with step(out, "cache hit"):
            _, hit = load_and_generate(facts, bank_dir, questions_dir)
        out["questions"] = {"count": len(hit.questions)}
    return out


def plot(table: dict[int, dict[str, dict[str, float]]], path: Path) -> None:
    """The curve: seconds and peak memory of each step against the number of facts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(table)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for step in STEPS:
        left.plot(sizes, [table[n][step]["seconds"] for n in sizes], marker="o", label=step)
    right.plot(sizes, [table[n]["write"]["peak_mb"] for n in sizes], marker="o",
               label="quizgen anki (all steps)")
    for axis, label in ((left, "seconds per step"), (right, "peak memory, MB")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("facts in the bank")
        axis.set_ylabel(label)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    fig.suptitle("quizgen anki: cost by bank size (bench/run.py)")
    fig.tight_layout()
    # A fixed creation date and no software stamp: the same numbers give the same file.
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]))))
