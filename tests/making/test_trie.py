"""The ids pattern as a trie matches exactly what the plain alternation matches."""

from __future__ import annotations

import random
import re

from quizgen.making.audit import internals_pattern, internals_source
from quizgen.making.trie import as_trie, compiled_trie


def random_ids(rng: random.Random, letters: str, fewest: int, most: int) -> list[str]:
    """Between ``fewest`` and ``most`` ids of one to six of ``letters``."""
    return ["".join(rng.choice(letters) for _ in range(rng.randint(1, 6)))
            for _ in range(rng.randint(fewest, most))]


def test_the_trie_finds_what_the_alternation_finds_where_it_finds_it() -> None:
    rng = random.Random(7)
    letters = "ab-_01xyz"
    for _ in range(200):
        ids = random_ids(rng, letters, 1, 30)
        plain = internals_pattern([i for i in ids if i[0] not in "-_"])
        trie = as_trie(plain)
        if plain is None:
            assert trie is None
            continue
        assert trie is not None
        for _ in range(100):
            text = "".join(rng.choice(letters + " .é\n") for _ in range(rng.randint(0, 24)))
            assert [m.span() for m in trie.finditer(text)] == [
                m.span() for m in plain.finditer(text)], (ids, text)


def test_a_bank_sized_pattern_becomes_a_trie_and_any_other_is_kept() -> None:
    plain = internals_pattern([f"statement-{i:05d}" for i in range(3000)] + ["event-1"])
    trie = as_trie(plain)
    assert plain is not None and trie is not None and trie.pattern != plain.pattern
    assert trie.search("asked of statement-00042.") and not trie.search("statement-000420")
    assert trie.search("event-1 and") and not trie.search("event-12")
    for other in (re.compile("a|b"), re.compile(r"(?<![\w-])(?:a|b)(?![\w-])", re.IGNORECASE),
                  re.compile(r"(?<![\w-])(?:a|b[cd])(?![\w-])")):
        assert as_trie(other) is other
    assert as_trie(None) is None


def test_compiling_the_source_as_a_trie_is_the_same_as_compiling_it_first() -> None:
    rng = random.Random(11)
    letters = "ab-_01xyz"
    for _ in range(200):
        ids = random_ids(rng, letters, 0, 30)
        source = internals_source(ids)
        plain = internals_pattern(ids)
        trie, expected = compiled_trie(source), as_trie(plain)
        assert (trie.pattern if trie else None) == (expected.pattern if expected else None)
    for other in [r"(?<![\w-])(?:a|b)", r"(?<![\w-])(?:a|(b))(?![\w-])"]:
        kept = compiled_trie(other)
        assert kept is not None and kept.pattern == other


def test_the_ids_found_by_their_tokens_are_the_ids_the_pattern_finds() -> None:
    from quizgen.making.audit import InternalIds

    rng = random.Random(17)
    letters = "ab-_01xy.:"
    for _ in range(300):
        ids = random_ids(rng, letters, 0, 20)
        plain, tokens = internals_pattern(ids), InternalIds(ids)
        for _ in range(50):
            text = "".join(rng.choice([*letters, " ", "é", "\n", *ids[:3]])
                           for _ in range(rng.randint(0, 12)))
            assert tokens.search(text) == (plain is not None and plain.search(text) is not None), (
                ids, text)
