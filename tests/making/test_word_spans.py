"""A cloze blank's places: the same as the whole-word pattern the maker used to compile."""

from __future__ import annotations

import random
import re

from quizgen.making.makers.cloze import word_spans


def _by_pattern(text: str, words: str) -> list[tuple[int, int]]:
    if not words.strip():
        return []
    pattern = re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_word_spans_finds_what_the_whole_word_pattern_finds() -> None:
    rng = random.Random(3)
    letters = "aab -_.é’'\n1("
    for _ in range(5000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 30)))
        words = "".join(rng.choice(letters) for _ in range(rng.randint(0, 4)))
        if rng.random() < 0.5 and text:  # a piece of the text itself, so it is found
            start = rng.randrange(len(text))
            words = text[start:start + rng.randint(1, 4)]
        assert word_spans(text, words) == _by_pattern(text, words), (text, words)


def test_word_spans_on_words() -> None:
    text = "Armenia and the Armenian delegation; pre-Armenia, Armenia_x, (Armenia)."
    assert word_spans(text, "Armenia") == _by_pattern(text, "Armenia") == [(0, 7), (62, 69)]
    assert word_spans("aaaa", "aa") == _by_pattern("aaaa", "aa") == []
    assert word_spans("a a a", "a a") == _by_pattern("a a a", "a a") == [(0, 3)]
