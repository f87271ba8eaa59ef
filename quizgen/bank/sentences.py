"""The whole sentences around a quote: what a fill-in-the-blank question shows.

A curator quotes the words that support a fact, often part of a sentence; a cloze shows
the sentence(s) of the article that hold those words, so it never starts mid-sentence.
Only the paragraph holding the quote is split into sentences (with pysbd), which keeps
this cheap on long articles.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from quizgen.bank.corpus import Document, collapse_whitespace

# A wire story's dateline opens its first sentence: "KAZAN, Russia, Oct 24 (Meridian Wire) - ".
_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .'-]+,[^.()]{0,60}(?:\([^)]{1,60}\))?\s*[-–—]\s+")
_PARAGRAPH_BREAK = re.compile(r"\n")  # news bodies hold one paragraph (or heading) a line
# pysbd keeps "… ‘special attention.’ ‘During our …" together; a closing quotation mark
# after a full stop, followed by an opening one or a capital, ends a sentence too.
_DASH_IN_WORD = re.compile(r"(?<=[a-z])[—–](?=[a-z])")
_AFTER_QUOTE = re.compile(r"(?<=[.!?][’”\"])\s+(?=[‘“\"A-Z])")


def sentences_around(document: Document, quote: str) -> str:
    """The article's sentences that the quote touches, whitespace collapsed.

    Falls back to the quote itself if it cannot be found (the loader has checked that it
    can, so this only guards against a quote spanning paragraphs).
    """
    return _around(document.body, quote)


@functools.lru_cache(maxsize=1 << 16)
def _around(body: str, quote: str) -> str:
    """``sentences_around`` by the body's text: each quote is looked up once per run,
    however many questions show it."""
    needle = collapse_whitespace(quote)
    paragraphs, joined, starts = _paragraphs(body)
    found = joined.find(needle) if paragraphs else -1
    if found >= 0:
        # The first paragraph that holds it: no match spans two (the needle has no "\n").
        i = bisect.bisect_right(starts, found) - 1
        paragraph = paragraphs[i]
        at = found - starts[i]
        end = at + len(needle)
        spans = _sentence_spans(paragraph)
        touched = [(s, e) for s, e in spans if s < end and e > at]
        if not touched:
            return needle
        text = paragraph[touched[0][0]:touched[-1][1]].strip()
        return _DATELINE.sub("", text) if not _DATELINE.match(needle) else text
    return needle


def quotable(sentence: str) -> str:
    """A sentence to show inside “…”: its own double quotation marks become single ones.

    A sentence that continues or opens a quotation begun or closed in another sentence
    gets the missing mark, so the marks it shows pair up.
    """
    sentence = _DASH_IN_WORD.sub("-", sentence)  # a typesetting slip: "counter—terrorism"
    sentence = re.sub(r"^[—–-]\s+", "", sentence)  # a dialogue dash opening a quoted line
    sentence = sentence.replace("“", "‘").replace("”", "’")
    sentence = re.sub(r'"([^"]*)"', r"‘\1’", sentence).replace('"', "’")
    opening = len(re.findall(r"‘", sentence))
    # A closing mark, not an apostrophe: not inside a word ("Russia’s") and not after the s
    # of a plural possessive ("leaders’ summit").
    closing = len(re.findall(r"(?<=[^\ws])’(?!\w)|(?<=[\w])(?<!s)’(?!\w)", sentence))
    if closing > opening:
        sentence = "‘" + sentence
    elif opening > closing:
        sentence += "’"
    return sentence


@functools.lru_cache(maxsize=1 << 12)
def _paragraphs(body: str) -> tuple[list[str], str, list[int]]:
    """The body's paragraphs, whitespace collapsed (split once per article, not per quote);
    them joined by newlines, to be searched at once; and where each starts there."""
    paragraphs = [collapse_whitespace(p) for p in _PARAGRAPH_BREAK.split(body) if p.strip()]
    starts = list(itertools.accumulate((len(p) + 1 for p in paragraphs[:-1]), initial=0))
    return paragraphs, "\n".join(paragraphs), starts


@functools.lru_cache(maxsize=4096)
def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a paragraph, kept in the cache by its text."""
    from quizgen.store import kept

    spans = kept("sentences", paragraph, lambda: _segment(paragraph), _are_spans)
    return spans  # type: ignore[no-any-return]


def _are_spans(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(s, tuple) and len(s) == 2 and all(type(i) is int for i in s) for s in value)


def _segment(paragraph: str) -> list[tuple[int, int]]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    spans = []
    for span in segmenter.segment(paragraph):
        start = span.start
        for cut in _AFTER_QUOTE.finditer(paragraph, span.start, span.end):
            spans.append((start, cut.start()))
            start = cut.end()
        spans.append((start, span.end))
    return spans
