"""Patterns compiled once, or not at all, find what the patterns compiled on every call found."""

from __future__ import annotations

import random
import re

from quizgen.making import clues
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


def _names_country_by_pattern(text: str, country: str) -> bool:
    name = re.sub(r"^the\s+", "", country, flags=re.IGNORECASE)
    stems = {name, *(name[: -len(e)] for e in clues._ENDINGS
                     if name.endswith(e) and len(name) - len(e) >= 3)}
    alternatives = "|".join(sorted(map(re.escape, stems), key=len, reverse=True))
    return bool(re.search(rf"\b(?:{alternatives}){clues._SUFFIXES}\b", text, flags=re.IGNORECASE))


def test_names_country_answers_as_the_pattern_built_on_every_call() -> None:
    countries = ["Russia", "the United States", "Tajikistan", "China", "Turkey", "Armenia",
                 "Kyrgyzstan", "the Netherlands", "Iran", "Saudi Arabia", "Bosnia and Herzegovina"]
    texts = ["Russian troops", "the Tajik side", "Chinese officials", "Turkish", "armenia's",
             "Kyrgyz", "Dutch", "Iranian’s view", "the netherlands", "United Statesian",
             "Russia’s", "Irania", "Saudis", "a Bosnian", "Turk", "CHINA", ""]
    for text in texts:
        for country in countries:
            assert clues.names_country(text, country) == _names_country_by_pattern(text, country)
