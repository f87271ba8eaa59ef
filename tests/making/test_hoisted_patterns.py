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


def test_countries_named_are_the_countries_names_country_finds() -> None:
    rng = random.Random(5)
    countries = ["Russia", "the United States", "Tajikistan", "China", "Turkey", "Iran",
                 "Türkiye", "Côte d'Ivoire", "Kazakhstan", "Niger", "Nigeria", "the Gambia"]
    pieces = ["Russian", "TAJIK", "chinese", "Turkish", "Türk", "CÔTE", "İran", "Iranİ",
              "Kazakh's", "Nigerien", "nigeria", "Gambian", " ", "-", "’s", "K", "ſ", "ı"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert clues.countries_named(text, countries) == [
            c for c in countries if clues.names_country(text, c)], text


def test_any_of_finds_a_text_that_holds_any_of_the_words() -> None:
    from quizgen.making.trie import any_of

    rng = random.Random(7)
    letters = "ab é.-"
    assert any_of([]) is None
    for _ in range(3000):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 3)))
                 for _ in range(rng.randint(1, 5))]
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        pattern = any_of(words)
        assert pattern is not None
        assert (pattern.search(text) is not None) == any(w in text for w in words), (words, text)


def test_a_pools_names_in_a_text_are_looked_up_by_their_first_word() -> None:
    from quizgen.bank.loader import load_bank
    from quizgen.making.pools import Pools
    from tests.conftest import BRICS

    pools = Pools(load_bank(BRICS / "facts.yaml", BRICS))
    rng = random.Random(11)
    for pool in ("person", "country", "place", "organisation", "document"):
        names = [v for v in pools.values.get(pool, []) if isinstance(v, str)]
        assert names, pool
        for _ in range(300):
            parts = [rng.choice(names), rng.choice(names)[1:], "(", " and ", "-", "’s "]
            text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 5)))
            found = set(pools.maybe_in(pool, text))
            assert {v for v in names if word_spans(text, v)} <= found, text


def test_a_quote_is_found_in_the_joined_paragraphs_where_a_scan_of_them_finds_it() -> None:
    from quizgen.bank import sentences
    from quizgen.bank.corpus import collapse_whitespace

    def scanned(body: str, quote: str) -> str:  # sentences_around as it was: a paragraph loop
        needle = collapse_whitespace(quote)
        for paragraph in [collapse_whitespace(p) for p in body.split("\n") if p.strip()]:
            at = paragraph.find(needle)
            if at < 0:
                continue
            end = at + len(needle)
            touched = [(s, e) for s, e in sentences._sentence_spans(paragraph)
                       if s < end and e > at]
            if not touched:
                return needle
            text = paragraph[touched[0][0]:touched[-1][1]].strip()
            return sentences._DATELINE.sub("", text) if not sentences._DATELINE.match(needle) else text
        return needle

    rng = random.Random(13)
    words = ["Kazan", "summit.", "The", "leaders", "met", "  ", "\n", "\n\n", " ", "a"]
    for _ in range(2000):
        body = "".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        quote = "".join(rng.choice([*words[:6], " "]) for _ in range(rng.randint(0, 3)))
        assert sentences._around(body, quote) == scanned(body, quote), (body, quote)
