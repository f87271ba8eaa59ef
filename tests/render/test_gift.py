"""Moodle GIFT export, read back by a parser written from the GIFT spec.

The spec (Moodle docs, "GIFT format"): questions are separated by blank lines; lines
starting with ``//`` are comments; ``$CATEGORY: a/b`` switches category; ``::name::``
names a question; ``[html]`` (or moodle, plain, markdown) gives the text format; the
answers stand in ``{…}``: ``=`` right and ``~`` wrong (multiple choice), only ``=``
(short answer), ``=left -> right`` (matching), ``TRUE``/``FALSE``/``T``/``F``; ``#``
starts an answer's feedback and ``####`` the general feedback; ``%n%`` after ``=`` or ``~``
is a weight; an answer block in the middle of the text is the "missing word" format;
``\\`` escapes ``~ = # { } :`` and itself, and ``\\n`` is a newline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.making.question import Question, SourceRef
from quizgen.making.selection import load_and_generate
from quizgen.render.gift import category, escape, ordinal, question_name, question_names, to_gift
from tests.conftest import QUESTIONS, ROOT, every_kind

# -- a GIFT reader -----------------------------------------------------------------------------

Tokens = list[tuple[str, bool]]  # (character, was escaped)
FORMATS = ("html", "moodle", "plain", "markdown")
WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


@dataclass
class Gift:
    """One question as Moodle would import it."""

    category: str | None
    name: str | None
    text_format: str
    text: str
    qtype: str  # multichoice | shortanswer | truefalse | match | numerical | essay | description
    answers: list[tuple[str, float]] = field(default_factory=list)  # (text, fraction)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    truth: bool | None = None
    general_feedback: str = ""
    missing_word: bool = False


def tokenize(text: str) -> Tokens:
    out: Tokens = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "\\~=#{}:n":
            out.append(("\n" if text[i + 1] == "n" else text[i + 1], True))
            i += 2
        else:
            out.append((text[i], False))
            i += 1
    return out


def plain(tokens: Tokens) -> str:
    return "".join(c for c, _ in tokens)


def find(tokens: Tokens, needle: str, start: int = 0) -> int:
    """Index of ``needle`` made of unescaped characters, or -1."""
    for i in range(start, len(tokens) - len(needle) + 1):
        if all(tokens[i + k] == (ch, False) for k, ch in enumerate(needle)):
            return i
    return -1


def rfind(tokens: Tokens, needle: str) -> int:
    found, at = -1, find(tokens, needle)
    while at != -1:
        found, at = at, find(tokens, needle, at + 1)
    return found


def split(tokens: Tokens, markers: str) -> list[tuple[str, Tokens]]:
    """Split at each unescaped marker character: ``[(marker, tokens after it), …]``."""
    parts: list[tuple[str, Tokens]] = []
    for token in tokens:
        if token[0] in markers and not token[1]:
            parts.append((token[0], []))
        elif parts:
            parts[-1][1].append(token)
        elif plain([token]).strip():
            raise ValueError(f"text before the first answer marker: {plain(tokens)!r}")
    return parts


def strip(tokens: Tokens) -> Tokens:
    while tokens and tokens[0][0].isspace() and not tokens[0][1]:
        tokens = tokens[1:]
    while tokens and tokens[-1][0].isspace() and not tokens[-1][1]:
        tokens = tokens[:-1]
    return tokens


def weighted(tokens: Tokens, default: float) -> tuple[Tokens, float]:
    text = plain(tokens)
    match = WEIGHT.match(text) if not tokens or not tokens[0][1] else None
    if match:  # as Moodle: the number between the two percent signs, over 100
        return tokens[match.end():], float(text[1:match.end() - 1]) / 100
    return tokens, default


def without_feedback(tokens: Tokens) -> Tokens:
    at = find(tokens, "#")
    return strip(tokens if at == -1 else tokens[:at])


def blocks(source: str) -> Iterator[str]:
    lines: list[str] = []
    for line in [*source.split("\n"), ""]:
        if line.strip():
            if not line.strip().startswith("//"):
                lines.append(line)
        elif lines:
            yield "\n".join(lines)
            lines = []


def parse_gift(source: str) -> list[Gift]:
    """Every question in a GIFT file, as the spec reads it."""
    questions: list[Gift] = []
    current_category: str | None = None
    for block in blocks(source):
        if block.startswith("$CATEGORY:"):
            current_category = block[len("$CATEGORY:"):].strip()
            continue
        tokens = strip(tokenize(block))
        name = None
        if find(tokens[:2], "::") == 0:
            end = find(tokens, "::", 2)
            name, tokens = plain(tokens[2:end]).strip(), strip(tokens[end + 2:])
        text_format = "moodle"
        for fmt in FORMATS:
            if plain(tokens).startswith(f"[{fmt}]"):
                text_format, tokens = fmt, tokens[len(fmt) + 2:]
        start = find(tokens, "{")
        if start == -1:
            questions.append(Gift(current_category, name, text_format, plain(tokens).strip(),
                                  "description"))
            continue
        end = find(tokens, "}", start)
        assert end != -1, f"unclosed answer block in {block!r}"
        before, answer, after = tokens[:start], strip(tokens[start + 1:end]), tokens[end + 1:]
        missing_word = bool(plain(after).strip())
        text = plain(before) + ("_____" if missing_word else "") + plain(after)
        feedback = ""
        if (at := rfind(answer, "####")) != -1:
            feedback, answer = plain(answer[at + 4:]).strip(), strip(answer[:at])
        unhtml = html.unescape if text_format == "html" else (lambda s: s)
        q = Gift(current_category, name, text_format, unhtml(text.strip()), "",
                 general_feedback=unhtml(feedback), missing_word=missing_word)
        raw = plain(answer)
        if not raw:
            q.qtype = "essay"
        elif raw.startswith("#") and not answer[0][1]:
            q.qtype = "numerical"
        elif find(answer, "~") != -1:
            q.qtype = "multichoice"
            for marker, part in split(answer, "=~"):
                part, fraction = (part, 1.0) if marker == "=" else weighted(part, 0.0)
                q.answers.append((unhtml(plain(without_feedback(part))), fraction))
        elif find(answer, "=") != -1 and "->" in raw:
            q.qtype = "match"
            for _, part in split(answer, "="):
                left, _, right = plain(part).partition("->")
                q.pairs.append((unhtml(left.strip()), right.strip()))
        elif plain(without_feedback(answer)) in ("T", "TRUE", "F", "FALSE"):
            q.qtype = "truefalse"
            q.truth = plain(without_feedback(answer)).startswith("T")
        else:
            q.qtype = "shortanswer"
            for _, part in split(answer, "="):
                part, fraction = weighted(strip(part), 1.0)
                q.answers.append((plain(without_feedback(part)), fraction))
        questions.append(q)
    return questions


def test_the_reader_follows_the_spec_examples() -> None:
    """The examples of Moodle's GIFT documentation, read as the documentation says."""
    source = (
        "// comment\n::Q1:: Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}\n\n"
        "Grant is {~buried =entombed ~living} in Grant's tomb.\n\n"
        "Grant is buried in Grant's tomb.{FALSE}\n\n"
        "Who's buried in Grant's tomb?{=no one =%50%nobody}\n\n"
        "$CATEGORY: tom/dick\n\n"
        "Match the following countries with their corresponding capitals. {\n"
        "   =Canada -> Ottawa\n   =Italy  -> Rome\n   =Japan  -> Tokyo\n}\n\n"
        "::Colon\\: and \\{braces\\}::[html]1 \\= 1\\n2 {TRUE####Good \\#1}\n"
    )
    q1, q2, q3, q4, q5, q6 = parse_gift(source)
    assert (q1.name, q1.qtype, q1.answers) == (
        "Q1", "multichoice", [("Grant", 0), ("Jefferson", 0), ("no one", 1)])
    assert q2.missing_word and q2.text == "Grant is _____ in Grant's tomb."
    assert (q3.qtype, q3.truth) == ("truefalse", False)
    assert q4.answers == [("no one", 1), ("nobody", 0.5)]
    assert q5.category == "tom/dick" and q5.pairs == [
        ("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo")]
    assert (q6.name, q6.text_format, q6.text, q6.truth, q6.general_feedback) == (
        "Colon: and {braces}", "html", "1 = 1\n2", True, "Good #1")


# -- the export, read back ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return every_kind()


@pytest.fixture(scope="module")
def parsed(questions: list[Question]) -> list[Gift]:
    return parse_gift(to_gift(questions, title="CSTO Summit 2025"))


QTYPES = {"short_answer": "shortanswer", "cloze": "shortanswer", "multiple_choice": "multichoice",
          "true_false": "truefalse", "matching": "match", "ordering": "match"}


def assert_same(gift: Gift, q: Question, title: str = "CSTO Summit 2025",
                name: str | None = None) -> None:
    assert html.unescape(gift.name or "") == (name or question_name(q))
    assert gift.category == category(title, q.fact_kind)
    assert gift.text_format == "html" and not gift.missing_word
    assert gift.qtype == QTYPES[q.kind]
    if q.kind != "ordering":
        assert gift.text == q.prompt.replace("\r\n", "\n")
    if q.kind == "multiple_choice":
        assert gift.answers == [(o, float(i == q.answer_index)) for i, o in enumerate(q.options)]
    elif q.kind == "true_false":
        assert gift.truth is (q.answer == "True")
    elif q.kind in ("short_answer", "cloze"):
        assert gift.answers == [(a.replace("->", "→"), 1.0) for a in (q.answer, *q.accept)]
    elif q.kind == "matching":
        assert gift.pairs == [(left.replace("->", "→"), q.right[j].replace("->", "→"))
                              for left, j in zip(q.left, q.pairs, strict=True)]
    else:
        assert gift.text.startswith(q.prompt) and "1st is the earliest" in gift.text
        places = dict(gift.pairs)
        by_place = sorted(places, key=lambda item: int(places[item][:-2]))
        assert by_place == [q.items[i].replace("->", "→") for i in q.order]
    for s in q.sources:
        assert f"{s.outlet}</b>" in gift.general_feedback and s.quote in gift.general_feedback
    assert q.explanation in gift.general_feedback


def test_the_export_reads_back_as_the_same_number_of_questions(
        questions: list[Question], parsed: list[Gift]) -> None:
    assert len(parsed) == len(questions) > 120


def test_every_question_reads_back_with_its_right_answers(questions: list[Question],
                                                          parsed: list[Gift]) -> None:
    by_name = {g.name: g for g in parsed}
    assert len(by_name) == len(parsed)
    names = question_names(questions)
    for q in questions:
        assert_same(by_name[html.escape(names[q.id], quote=False)], q, name=names[q.id])


def test_a_question_is_named_by_its_prompt_cut_at_a_word() -> None:
    q = Question(id="t:f", kind="short_answer", prompt="Who " + "said so " * 20 + "?",
                 answer="x", fact_ids=["f"], fact_kind="statement", template_id="t", sources=[])
    name = question_name(q)
    assert name.startswith("Who said so said so") and name.endswith("so…") and len(name) <= 81
    assert question_names([q, q.replace(**{"id": "t:g"})]) == {
        "t:f": name, "t:g": f"{name} (2)"}


def test_each_fact_kind_has_its_category(questions: list[Question]) -> None:
    text = to_gift(questions, title="CSTO Summit 2025")
    categories = re.findall(r"^\$CATEGORY: (.*)$", text, re.M)
    assert categories == [f"CSTO Summit 2025/{k}" for k in sorted({q.fact_kind for q in questions})]


def test_every_question_has_a_comment_with_its_id(questions: list[Question]) -> None:
    text = to_gift(questions, title="t")
    for q in questions:
        assert f"\n// {q.id} ({q.kind})\n::" in text


def test_category_paths_double_slashes_and_drop_backslashes() -> None:
    assert category("News/Views \\ 2025", "event") == "News//Views 2025/event"


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


SPECIALS = "a ~ b = c # d { e } f : g \\ h -> i % <b>j</b> & k\nl"


def tweak(texts: list[str]) -> list[str]:
    return [f"{t} {SPECIALS} {i}" for i, t in enumerate(texts)]


def special_questions(questions: list[Question]) -> list[Question]:
    """One question of each kind with GIFT's special characters in every text."""
    out = []
    for kind in QTYPES:
        q = next(q for q in questions if q.kind == kind)
        update: dict[str, object] = {
            "prompt": f"{SPECIALS} {q.prompt}", "explanation": SPECIALS,
            "options": tweak(q.options) if kind == "multiple_choice" else q.options,
            "items": tweak(q.items), "left": tweak(q.left), "right": tweak(q.right),
            "sources": [SourceRef(doc="d", outlet=SPECIALS, title="t", published=None,
                                  quote=SPECIALS)],
        }
        if kind == "multiple_choice":
            update["answer"] = update["options"][q.answer_index or 0]  # type: ignore[index]
        elif kind in ("short_answer", "cloze"):
            update["answer"] = f"%5% {SPECIALS}"
            update["accept"] = [SPECIALS]
        out.append(q.replace(**update))
    return out


def test_special_characters_everywhere_read_back_as_written(questions: list[Question]) -> None:
    tricky = special_questions(questions)
    text = to_gift(tricky, title="A: {quiz} / #1")
    assert "\n\n\n" not in text, "a newline in a text must not end the question"
    parsed = parse_gift(text)
    assert len(parsed) == len(tricky)
    names = question_names(tricky)
    for gift, q in zip(parsed, sorted(tricky, key=lambda q: q.fact_kind), strict=True):
        assert_same(gift, q, title="A: {quiz} / #1", name=names[q.id])


def test_a_bank_full_of_html_reads_back_as_text() -> None:
    bank = ROOT / "tests" / "hostile" / "ok-html-everywhere" / "corpus"
    hostile = load_and_generate(bank / "facts.yaml", bank, QUESTIONS)
    text = to_gift(hostile[1].questions, title=hostile[0].title)
    assert "<script>" not in text and "&lt;script&gt;" in text
    names = question_names(hostile[1].questions)
    for gift, q in zip(parse_gift(text), sorted(hostile[1].questions,
                                                key=lambda q: q.fact_kind), strict=True):
        assert_same(gift, q, title=hostile[0].title, name=names[q.id])


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_escape_then_read_gives_the_text_back(text: str) -> None:
    escaped = escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert plain(tokenize(escaped)) == expected
    assert all(escaped_ for ch, escaped_ in tokenize(escaped) if ch in "~=#{}:\\")


@settings(max_examples=100, deadline=None)
@given(prompt=st.text(st.characters(blacklist_categories=["Cs", "Zl", "Zp", "Cc"]), min_size=1,
                      max_size=30).map(str.strip).filter(bool),
       answer=st.text(st.characters(blacklist_categories=["Cs", "Zl", "Zp", "Cc"]), min_size=1,
                      max_size=20).map(str.strip).filter(bool))
def test_any_short_answer_reads_back(prompt: str, answer: str) -> None:
    q = Question(id="t:f", kind="short_answer", prompt=prompt, answer=answer, fact_ids=["f"],
                 fact_kind="event", template_id="t", sources=[])
    (gift,) = parse_gift(to_gift([q], title="t"))
    assert gift.qtype == "shortanswer"
    assert gift.text == prompt and gift.answers == [(answer.replace("->", "→"), 1.0)]
