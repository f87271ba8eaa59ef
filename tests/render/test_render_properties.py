"""Arbitrary text goes through every output without breaking its format or running anything."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.making.question import Question, SourceRef
from quizgen.render.anki import answer_html, note_fields, question_html
from quizgen.render.csv import to_csv
from quizgen.render.gift import to_gift
from quizgen.render.json import to_json
from quizgen.render.sheet import render_html
from tests.render.test_gift import parse_gift

# One-line text as templates produce it: any printable character, HTML and GIFT specials
# and right-to-left or Cyrillic letters included; runs of spaces collapsed.
SPECIALS = st.sampled_from(["<script>alert(1)</script>", "&amp;", "&", "<b>", "{", "}", "~", "=",
                            "#", ":", "::", "\\", "\"", "'", "->", "%50%", "{{c1::x}}", "مرحبا",
                            "Привет", "\u202e", "<img src=x onerror=alert(1)>"])
TEXT = st.lists(st.one_of(SPECIALS, st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl",
                                                                               "Zp")), min_size=1,
                                            max_size=12)), min_size=1, max_size=6).map(
    lambda parts: " ".join(" ".join(parts).split()) or "x").filter(lambda t: t.strip() != "")


def question(prompt: str, answer: str, wrong: list[str], quote: str) -> Question:
    options = [answer, *wrong]
    return Question(
        id="t:fact", kind="multiple_choice", prompt=prompt, answer=answer, options=options,
        answer_index=0, explanation=quote, tags=["event"], fact_ids=["fact"], fact_kind="event",
        template_id="t", sources=[SourceRef(doc="d", outlet=answer, title=prompt,
                                            published="2025-11-27", quote=quote)],
    )


class Parsed(HTMLParser):
    """The elements and the text of an HTML fragment, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


def options_differ(texts: list[str]) -> bool:
    return len({t.casefold() for t in texts}) == len(texts)


common = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@common
@given(TEXT, TEXT, st.lists(TEXT, min_size=3, max_size=3), TEXT)
def test_anki_fields_show_any_text_literally(prompt: str, answer: str, wrong: list[str],
                                             quote: str) -> None:
    q = question(prompt, answer, wrong, quote)
    for html in (question_html(q), answer_html(q), *note_fields(q)):
        parsed = Parsed(html)
        assert "script" not in parsed.tags and "img" not in parsed.tags
        assert not any(a.startswith("on") for a in parsed.attributes)
    assert prompt in " ".join(Parsed(question_html(q)).text.split()) or prompt.isspace()


@common
@given(TEXT, TEXT, st.lists(TEXT, min_size=3, max_size=3), TEXT)
def test_sheet_html_shows_any_text_literally(prompt: str, answer: str, wrong: list[str],
                                             quote: str) -> None:
    html = render_html([question(prompt, answer, wrong, quote)], title=prompt)
    parsed = Parsed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert " ".join(prompt.split()) in " ".join(parsed.text.split())


@common
@given(TEXT, TEXT, st.lists(TEXT, min_size=3, max_size=3), TEXT)
def test_csv_keeps_one_row_per_question_with_the_prompt(prompt: str, answer: str,
                                                        wrong: list[str], quote: str) -> None:
    text = to_csv([question(prompt, answer, wrong, quote)] * 2)
    # As Anki reads it: a line starting with '#' is a comment wherever it stands.
    lines = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = list(csv.reader(io.StringIO(lines)))
    assert len(rows) == 2 and all(len(r) == 3 for r in rows)
    assert " ".join(prompt.split()) in rows[0][0]


@common
@given(TEXT, TEXT, st.lists(TEXT, min_size=3, max_size=3), TEXT)
def test_gift_reads_back_the_same_question_and_right_answer(prompt: str, answer: str,
                                                            wrong: list[str], quote: str) -> None:
    if not options_differ([answer, *wrong]):
        return
    q = question(prompt, answer, wrong, quote)
    parsed = parse_gift(to_gift([q, q], title="T"))
    assert len(parsed) == 2
    assert parsed[0].text == prompt
    assert parsed[0].answers == [(o, float(i == 0)) for i, o in enumerate(q.options)]


@common
@given(TEXT, TEXT, st.lists(TEXT, min_size=3, max_size=3), TEXT)
def test_json_round_trips_any_text(prompt: str, answer: str, wrong: list[str], quote: str) -> None:
    import json

    record = json.loads(to_json([question(prompt, answer, wrong, quote)]))[0]
    assert record["prompt"] == prompt and record["sources"][0]["quote"] == quote
