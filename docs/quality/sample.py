"""Draw a fresh random sample of a bank's questions for a blind read.

    python docs/quality/sample.py BANK_DIR OUT.md [--n 40] [--seed N]

BANK_DIR holds ``corpus/`` (with ``facts.yaml``); the default templates are used. The
sample is 3/4 uniform over every question the bank makes and 1/4 from the rarer kinds
(those under a tenth of the bank), so that cloze, ordering and matching are read too, and
asks no fact twice (as no quiz or sheet does) while the bank has facts enough.
Without ``--seed`` the seed comes from the operating system and is written into the
sample, so every read uses a sample nobody has tuned on. OUT.md is what the reader gets
(numbered questions with answers, explanations and sources, no ids); OUT.ids.txt maps
the numbers back to question ids for the maintainers.
"""

from __future__ import annotations

import argparse
import random
import secrets
from collections import Counter
from pathlib import Path

from quizgen.making.question import LETTERS, Question
from quizgen.making.selection import load_and_generate
from quizgen.study.display import KIND_NAMES

ROOT = Path(__file__).resolve().parents[2]


def draw(questions: list[Question], n: int, rng: random.Random) -> list[Question]:
    """A quarter from the rarer kinds, the rest uniform; no fact asked twice, as in every
    set quizgen hands out (a sample asking one fact three ways reads as repetition, which
    no quiz or sheet shows)."""
    kinds = Counter(q.kind for q in questions)
    rare = [q for q in questions if kinds[q.kind] < len(questions) / 10]
    used: set[str] = set()

    def take(pool: list[Question], k: int) -> list[Question]:
        out = []
        for q in rng.sample(pool, len(pool)):
            if len(out) == k:
                break
            if not used & set(q.fact_ids):
                out.append(q)
                used.update(q.fact_ids)
        return out

    extra = take(rare, n // 4)
    rest = take([q for q in questions if q not in extra], n - len(extra))
    if len(rest) + len(extra) < n:  # a bank with fewer facts than the sample: some twice
        left = [q for q in questions if q not in rest and q not in extra]
        rest += rng.sample(left, min(len(left), n - len(rest) - len(extra)))
    return rest + extra


def show(number: int, q: Question) -> str:
    lines = [f"### Q{number} ({KIND_NAMES[q.kind]})", "", q.prompt, ""]
    if q.kind == "multiple_choice":
        lines += [f"- {LETTERS[i]}) {o}" for i, o in enumerate(q.options)] + [""]
    lines += [f"- {LETTERS[i]}) {item}" for i, item in enumerate(q.items)]
    lines += [f"- {i + 1}) {item}" for i, item in enumerate(q.left)]
    lines += [f"- {LETTERS[i].lower()}) {item}" for i, item in enumerate(q.right)]
    if q.items or q.left:
        lines.append("")
    lines.append(f"**Answer key:** {q.answer_key()}")
    if q.kind in ("ordering", "matching"):
        lines.append(f"**Solution:** {q.answer}")
    if q.accept:
        lines.append(f"**Also accepted:** {' / '.join(q.accept)}")
    lines.append(f"**Explanation:** {q.explanation or '(none)'}")
    lines.append("**Sources:**")
    lines += [f"- {s.outlet} ({s.when}): “{s.quote}”" for s in q.sources]
    return "\n".join(lines) + "\n"


def write_sheets(questions: list[Question], out: Path, count: int, seed: int) -> None:
    """``count`` sheets of 20 as ``quizgen sheet --seed S`` picks them, for a coverage read."""
    from quizgen.render.sheet import choose_questions

    rng = random.Random(seed)
    seeds = [rng.randrange(1_000_000) for _ in range(count)]
    parts = [f"# {count} default sheets of 20 questions\n"]
    for s in seeds:
        chosen = choose_questions(questions, 20, s)
        shown = "\n".join(show(i + 1, q) for i, q in enumerate(chosen))
        parts.append(f"\n## Sheet with seed {s}\n\n{shown}")
    out.write_text("".join(parts), encoding="utf-8")
    print(f"{out}: {count} sheets, seeds {seeds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bank", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--sheets", type=int, default=0,
                        help="Instead: this many default 20-question sheets, as `quizgen sheet` picks them")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else secrets.randbelow(10**9)
    corpus = args.bank / "corpus"
    _, generation = load_and_generate(corpus / "facts.yaml", corpus, ROOT / "questions")
    if args.sheets:
        write_sheets(generation.questions, args.out, args.sheets, seed)
        return
    sample = draw(generation.questions, args.n, random.Random(seed))
    head = (f"# Blind-read sample: {len(sample)} of {len(generation.questions)} questions "
            f"(seed {seed})\n\n")
    args.out.write_text(head + "\n".join(show(i + 1, q) for i, q in enumerate(sample)),
                        encoding="utf-8")
    args.out.with_suffix(".ids.txt").write_text(
        "".join(f"Q{i + 1} {q.id}\n" for i, q in enumerate(sample)), encoding="utf-8")
    print(f"{args.out}: {len(sample)} questions, seed {seed}")


if __name__ == "__main__":
    main()
