"""Normalising and checking answers: forgiving about form, strict about facts."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from quizgen.bank.dates import MONTHS, PartialDate
from quizgen.bank.text import normalize
from quizgen.making.question import LETTERS, Question
from quizgen.study.marks import numbers, same_marks, symbols


@dataclass(frozen=True)
class Verdict:
    """What checking one answer found.

    ``problem`` is set (and ``correct`` false) when the answer could not be read at all,
    e.g. a letter that is not an option; the quiz then asks again on a terminal.
    ``typo`` means it was accepted although misspelt; ``matched`` is the exact spelling.
    """

    correct: bool
    given: str
    expected: str
    typo: bool = False
    matched: str = ""
    detail: str = ""
    problem: str | None = None


# --- short answers and cloze -------------------------------------------------------

_NUMBER_WORDS = {
    word: str(value) for value, word in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty"))
}
# "30,000", "30 000", "30'000" and "30000" are one number.
_GROUPED = re.compile(r"\b\d{1,3}(?:[,'\u00a0\u202f ]\d{3})+\b")
_DIGIT = re.compile(r"\d")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_DATE_FILLER = {"on", "in", "of", "the"} | _WEEKDAYS
_PERCENT = re.compile(r"\s*(?:%|\bper\s+cent\b|\bpercent\b)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def canonical(text: str) -> str:
    """:func:`normalize`, with number words as digits, digit groups joined and one way to
    write a percentage ("40 per cent" = "40 percent" = "40%")."""
    joined = _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group()), text)
    joined = _PERCENT.sub(" percent", joined)
    return " ".join(_NUMBER_WORDS.get(w, w) for w in normalize(joined).split())


def _month(token: str) -> int | None:
    """``nov``, ``sept`` or ``november`` → 11 (at least three letters)."""
    if len(token) < 3 or not token.isalpha():
        return None
    found = [i + 1 for i, name in enumerate(MONTHS) if name.lower().startswith(token)]
    return found[0] if len(found) == 1 else None


def _day(token: str) -> int | None:
    match = _ORDINAL.match(token)
    if match:
        return int(match.group(1))
    return int(token) if token.isdigit() and len(token) <= 2 else None


def _year(token: str) -> int | None:
    return int(token) if token.isdigit() and len(token) == 4 else None


def parse_date(text: str) -> PartialDate | None:
    """Read a date as people write it, or None.

    ``11 November 2026``, ``Nov 11, 2026``, ``November 11th 2026``, ``2026-11-11``,
    ``11.11.2026`` (day first, only where it cannot be read the other way round),
    ``November 2026``, ``2026-11`` and ``2026``.
    """
    tokens = [t for t in normalize(text).split() if t not in _DATE_FILLER]
    parts: tuple[int | None, ...] | None = None
    if len(tokens) == 1:
        parts = (_year(tokens[0]), None, None)
    elif len(tokens) == 2:
        a, b = tokens
        if _month(a) and _year(b):
            parts = (_year(b), _month(a), None)
        elif _year(a) and b.isdigit() and len(b) <= 2:
            parts = (_year(a), int(b), None)
    elif len(tokens) == 3:
        a, b, c = tokens
        if _year(a) and b.isdigit() and c.isdigit():
            parts = (_year(a), int(b), int(c))
        elif _month(b) and _day(a) and _year(c):
            parts = (_year(c), _month(b), _day(a))
        elif _month(a) and _day(b) and _year(c):
            parts = (_year(c), _month(a), _day(b))
        elif a.isdigit() and b.isdigit() and _year(c):
            day, month = int(a), int(b)
            # 3/4/2026 is 3 April in Europe and 4 March in the US: refuse to guess.
            if day <= 12 and month <= 12 and day != month:
                return None
            parts = (_year(c), month, day)
    if not parts or parts[0] is None or (parts[1] is None and parts[2] is not None):
        return None
    try:
        return PartialDate.parse("-".join(f"{p:02d}" for p in parts if p is not None))
    except ValueError:
        return None


def _allowed_typos(length: int) -> int:
    """How many edits an answer of this many characters tolerates."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 16:
        return 2
    return 3 if length <= 30 else length // 10


@dataclass(frozen=True)
class TextMatch:
    """How a free-text answer matched one of the accepted forms."""

    form: str
    typo: bool


def _comparable(text: str) -> str:
    """:func:`canonical`; text that folds to nothing (emoji, symbols) stays itself, folded
    by NFKC and case: ``🇷🇺`` is an answer one can type, and ``★`` is not ``☆``."""
    return canonical(text) or " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def match_text(given: str, accepted: list[str]) -> TextMatch | None:
    """The accepted form ``given`` means, or None.

    Exact after :func:`canonical`; or the same date in another common form; or, for
    answers with a number, the same numbers with only words the answer has too
    ("30,000 people" for "more than 30,000 people"); or, for answers without digits,
    a few typos scaled to the answer's length. Numbers (with their signs and decimals),
    years, dates and symbols (``C#``, ``C++``) must be exact.
    """
    from rapidfuzz.distance import OSA

    mine = _comparable(given)
    if not mine:
        return None
    forms = [a for a in accepted if _comparable(a)]
    for form in forms:
        if _comparable(form) == mine and same_marks(given, form):
            return TextMatch(form, typo=False)
    date = parse_date(given)
    if date is not None:
        for form in forms:
            if parse_date(form) == date:
                return TextMatch(form, typo=False)
    if numbers(given):
        my_words = {w for w in mine.split() if not w.isdigit()}
        for form in forms:
            if same_marks(given, form) and my_words <= set(_comparable(form).split()):
                return TextMatch(form, typo=False)
        return None
    best: tuple[int, str] | None = None
    for form in forms:
        theirs = _comparable(form)
        if _DIGIT.search(theirs) or symbols(form) != symbols(given):
            continue
        limit = _allowed_typos(len(theirs))
        distance = OSA.distance(mine, theirs, score_cutoff=limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, form)
    return TextMatch(best[1], typo=True) if best else None


def _check_text(question: Question, given: str) -> Verdict:
    found = match_text(given, [question.answer, *question.accept])
    expected = question.answer
    if found is None:
        return Verdict(False, given, expected)
    return Verdict(True, given, expected, typo=found.typo, matched=found.form)


# --- choices -----------------------------------------------------------------------


_LABELLED = re.compile(r"^\s*\(?([A-Za-z])\s*[):]\s+\S")


def _check_choice(question: Question, given: str) -> Verdict:
    options = question.options
    expected = question.answer_key()
    letters = LETTERS[: len(options)]
    hint = answer_format(question)
    word = normalize(given)
    labelled = _LABELLED.match(given)
    if labelled:  # "B) Izvestia", as the answer key writes it: the letter decides
        word = labelled.group(1).lower()
    if len(word) == 1 and word.isalpha():
        index = letters.lower().find(word)
        if index < 0:
            return Verdict(False, given, expected,
                           problem=f"there is no option {word.upper()}. {hint}")
    else:
        found = match_text(given, options)
        if found is not None:
            index = options.index(found.form)
            if index == question.answer_index:
                return Verdict(True, given, expected, typo=found.typo, matched=found.form)
        else:
            # Part of one option's words ("Rahmon" for "Emomali Rahmon") picks that option.
            words = set(canonical(given).split())
            partial = [i for i, o in enumerate(options) if words <= set(canonical(o).split())]
            named = any(w.isalpha() and len(w) >= 3 for w in words)
            if len(partial) != 1 or not named:
                return Verdict(False, given, expected,
                               problem=f"that is not one of the options. {hint}")
            index = partial[0]
    return Verdict(index == question.answer_index, given, expected)


_TRUE = {"t", "true", "yes", "y"}
_FALSE = {"f", "false", "no", "n"}


def _check_true_false(question: Question, given: str) -> Verdict:
    word = normalize(given)
    if word not in _TRUE | _FALSE:
        return Verdict(False, given, question.answer,
                       problem="type T or F (true/false and yes/no work too).")
    said = "True" if word in _TRUE else "False"
    return Verdict(said == question.answer, given, question.answer)


# --- ordering and matching ---------------------------------------------------------


_ASCII_LETTERS = re.compile(r"[a-z]+")
_ASCII_DIGITS = re.compile(r"[0-9]+")


def _positions(text: str, count: int) -> list[int] | None:
    """Letters ``C A B``/``cab`` or numbers ``3 1 2``/``312`` as 0-based indexes."""
    plain = re.sub(r"[\s,;.>\-–—()]+", " ", text.strip().lower()).strip()
    compact = plain.replace(" ", "")
    if _ASCII_LETTERS.fullmatch(compact) and (
            " " not in plain or all(len(t) == 1 for t in plain.split())):
        return [ord(c) - ord("a") for c in compact]
    if _ASCII_DIGITS.fullmatch(compact):
        tokens = plain.split()
        if len(tokens) == 1 and count <= 9:
            tokens = list(compact)
        return [int(t) - 1 for t in tokens]
    return None


def _not_the_answer(right: Sequence[int]) -> list[int]:
    """A permutation to show as an example that is not the solution itself."""
    example = list(range(1, len(right))) + [0]
    return example if example != list(right) else list(reversed(example))


def answer_format(question: Question) -> str:
    """What to type for this question, in one line."""
    if question.kind == "multiple_choice":
        last = LETTERS[len(question.options) - 1]
        return f"Type a letter A–{last}, or the text of an option."
    if question.kind == "true_false":
        return "Type T for true or F for false."
    if question.kind == "ordering":
        example = " ".join(LETTERS[i] for i in _not_the_answer(question.order))
        return f"Type the letters in order, earliest first, e.g. {example}"
    if question.kind == "matching":
        example = " ".join(f"{i + 1}{LETTERS[j].lower()}"
                           for i, j in enumerate(_not_the_answer(question.pairs)))
        return f"Give each number a letter, e.g. {example}"
    if question.kind == "cloze":
        return "Type the missing words."
    return "Type your answer."


def _check_ordering(question: Question, given: str) -> Verdict:
    count = len(question.items)
    expected = question.answer_key()
    positions = _positions(given, count)
    if positions is None or sorted(positions) != list(range(count)):
        example = " ".join(LETTERS[i] for i in _not_the_answer(question.order))
        return Verdict(False, given, expected, problem=(
            f"use each letter A–{LETTERS[count - 1]} once, earliest first, e.g. {example}"))
    right = sum(a == b for a, b in zip(positions, question.order, strict=True))
    return Verdict(right == count, given, expected,
                   detail=f"{right} of {count} in the right place")


# Possessive, and never starting inside a number: one pass over a long run of digits.
_PAIR = re.compile(r"(?<!\d)(\d++)\s*+[-:=.)>]*+\s*+([a-z])")


def _check_matching(question: Question, given: str) -> Verdict:
    count = len(question.left)
    expected = question.answer_key()
    text = given.strip().lower()
    pairs = _PAIR.findall(text)
    chosen: dict[int, int] = {}
    if pairs and not _PAIR.sub("", text).strip(" ,;"):
        for number, letter in pairs:
            chosen.setdefault(int(number) - 1, ord(letter) - ord("a"))
        complete = len(pairs) == count == len(chosen)
    else:
        # Letters alone are read in the order of the numbered items: "b a c" = 1b 2a 3c.
        letters_only = re.sub(r"[^a-z0-9]", "", text).isalpha()
        positions = _positions(text, count) if letters_only else None
        complete = positions is not None and len(positions) == count
        if positions is not None:
            chosen = dict(enumerate(positions))
    if not complete or sorted(chosen) != list(range(count)) or not all(
            0 <= j < len(question.right) for j in chosen.values()):
        example = " ".join(f"{i + 1}{LETTERS[j].lower()}"
                           for i, j in enumerate(_not_the_answer(question.pairs)))
        return Verdict(False, given, expected, problem=(
            f"give each number 1–{count} one letter, e.g. {example}"))
    right = sum(chosen[i] == j for i, j in enumerate(question.pairs))
    return Verdict(right == count, given, expected, detail=f"{right} of {count} pairs right")


MAX_ANSWER = 1_000  # characters: far beyond any answer, far below Python's int limits


def check_answer(question: Question, given: str) -> Verdict:
    """Check what the learner typed against ``question``; an empty answer is wrong.

    Bytes that were not UTF-8 (a lone surrogate from a pipe) become U+FFFD, so the answer
    can be stored; an answer over :data:`MAX_ANSWER` characters is wrong, unread.
    """
    given = given.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if not given.strip():
        return Verdict(False, given, question.answer_key())
    if len(given) > MAX_ANSWER:
        return Verdict(False, given, question.answer_key(),
                       problem=f"an answer of {len(given):,} characters is too long to check "
                               f"(at most {MAX_ANSWER:,})")
    checkers = {
        "short_answer": _check_text, "cloze": _check_text,
        "multiple_choice": _check_choice, "true_false": _check_true_false,
        "ordering": _check_ordering, "matching": _check_matching,
    }
    return checkers[question.kind](question, given)
