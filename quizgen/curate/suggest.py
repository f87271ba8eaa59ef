"""Candidate facts from one article, each quoting a sentence of it verbatim.

Rules read each sentence (split by pysbd) for dates, people with titles, named
exercises and operations, figures with units and membership statements. They only
propose: the curator pastes, edits and checks. Every field a rule cannot fill says TODO.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from quizgen.bank.corpus import Document
from quizgen.curate.coverage import Span, sentences

MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
         r"Aug(?:ust|\.)?|Sep(?:tember|t?\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
DATES = re.compile(
    rf"\b(?:{MONTH}\s+{_DAY}(?:,\s+{_YEAR})?|(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTH}(?:\s+{_YEAR})?"
    rf"|{MONTH}\s+{_YEAR})(?!\w)|\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Bb]y|[Uu]ntil|early|late)\s+{_YEAR}\b")
_TITLES = (r"(?:President|Prime Minister|(?:Deputy )?(?:Foreign |Defen[cs]e )?Minister|"
           r"Secretary[- ]General|Chairman|(?:Deputy )?Director|Ambassador|Spokes(?:man|woman|person))")
_NAME = r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}"
ROLES = [
    re.compile(rf"(?P<role>(?:[A-Z][a-z]+(?:’s|'s)? )?{_TITLES}(?: of [A-Z][a-z]+)?) (?P<person>{_NAME})"),
    re.compile(rf"(?P<person>{_NAME}), (?:a |an |the )?(?P<role>(?:[a-z]+ |{_TITLES} )*"
               rf"(?:researcher|director|head|chairman|expert|analyst|professor|{_TITLES})"
               rf"(?: (?:at|of) the [A-Z][\w ]+?| (?:at|of) [A-Z][\w ]+?)?)(?=[,.;])"),
]
EXERCISES = [
    re.compile(r"[“\"](?P<name>[A-Z][\w-]*(?: [A-Z][\w-]*)*)[,.]?[”\"]"),
    re.compile(r"\b(?:operation|exercises?) (?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"),
]
_EXERCISE_WORDS = re.compile(r"\b(?:exercises?|drills?|operations?|manoeuvres|maneuvers)\b", re.I)
NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve"))}
FREQUENCIES = {"annually": 1, "biannually": 2, "twice": 2, "quarterly": 4, "monthly": 12}
_NUMBER = (r"(?P<number>(?!(?:19|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
           + "|".join(w for w in NUMBER_WORDS if w != "one") + r"))")
FIGURES = [
    re.compile(rf"(?i:\b(?P<value>(?:(?:more|fewer|less) than |about |over |nearly |some )?{_NUMBER}"
               r"(?P<scale> thousand| million| billion)?)[- ](?-i:(?P<unit>[a-z]+)))"),
    re.compile(r"\b(?P<value>(?P<freq>" + "|".join(FREQUENCIES) + r"))\b"),
]
_SCALES = {" thousand": 1_000, " million": 1_000_000, " billion": 1_000_000_000}
_COUNTRY_LIST = re.compile(r"(?P<list>(?:[A-Z][a-z]+, ){2,}(?:and )?[A-Z][a-z]+)")
_MEMBERSHIP = re.compile(r"\b(?:member|members|membership|comprising|consists? of|suspended|"
                         r"observer|partner|joined|withdraw\w*)\b")
_STATUS = [("suspended", "suspended"), ("observer", "observer"), ("partner", "partner"),
           ("withdr", "withdrawn")]
_NOT_UNITS = {"of", "and", "the", "in", "on", "to", "a", "percent"}


@dataclass
class Suggestion:
    """One candidate fact: its kind, fields in order, the sentence it quotes and notes."""

    kind: str
    fields: dict[str, str | int | float]
    span: Span
    quote: str
    notes: list[str] = field(default_factory=list)


def suggest_facts(doc: Document, as_of: dt.date | None = None) -> list[Suggestion]:
    """Every candidate fact in ``doc``, in article order."""
    out: list[Suggestion] = []
    for span in sentences(doc.body):
        text = doc.body[span.start : span.end]
        for kind, fields, notes in _candidates(text, as_of or _reference_day(doc)):
            out.append(Suggestion(kind, fields, span, text, notes))
    return out


def _reference_day(doc: Document) -> dt.date:
    return doc.meta.published.first_day if doc.meta.published else dt.date.today()


def _candidates(text: str, day: dt.date) -> Iterator[tuple[str, dict[str, str | int | float], list[str]]]:
    for match in DATES.finditer(text):
        phrase = " ".join(match.group().split())
        date, note = _date(phrase, day)
        if date:
            fields: dict[str, str | int | float] = {"what": f"TODO: what happens ({phrase})", "date": date}
            place = re.search(r"\bin (?!(?:19|20)\d\d)([A-Z][a-z]+)\b", text)
            if place and not re.fullmatch(MONTH, place.group(1)):
                fields["place"] = place.group(1)
            yield "event", fields, [note] if note else []
    people: set[str] = set()
    for pattern in ROLES:
        for match in pattern.finditer(text):
            if match.group("person") not in people:
                people.add(match.group("person"))
                yield "role", {"person": match.group("person"), "role": match.group("role")}, []
    if _EXERCISE_WORDS.search(text):
        names: set[str] = set()
        for pattern in EXERCISES:
            for match in pattern.finditer(text):
                name = match.group("name")
                if name not in names:
                    names.add(name)
                    kind = "operation" if re.search(r"\boperation", text, re.I) else "exercise"
                    yield "exercise", {"name": name, "type": kind, "organisation": "TODO"}, []
    yield from _figures(text)
    yield from _memberships(text)


def _date(phrase: str, day: dt.date) -> tuple[str, str]:
    """``phrase`` as YYYY, YYYY-MM or YYYY-MM-DD, and a note when its year was guessed."""
    import dateparser

    year = re.search(_YEAR, phrase)
    if not re.search(MONTH, phrase):
        return (year.group(), "") if year else ("", "")
    # The day before the reference: a date on the reference day itself counts as ahead.
    base = dt.datetime(day.year, day.month, day.day) - dt.timedelta(days=1)
    words = re.sub(r"^(?:[Ii]n|[Ss]ince|[Ff]rom|[Bb]y|[Uu]ntil|the) ", "", phrase)
    # A date without its year is most often ahead of the article ("from January 1").
    parsed = dateparser.parse(words, languages=["en"],
                              settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"})
    if parsed is None:
        return "", ""
    if not re.search(_DAY + r"(?!\d)", re.sub(_YEAR, "", words)):
        return parsed.strftime("%Y-%m"), "" if year else "the year is not in the sentence: check it"
    return parsed.strftime("%Y-%m-%d"), "" if year else "the year is not in the sentence: check it"


def _figures(text: str) -> Iterator[tuple[str, dict[str, str | int | float], list[str]]]:
    for match in FIGURES[0].finditer(text):
        unit = match.group("unit").lower()
        if unit in _NOT_UNITS or re.fullmatch(MONTH, match.group("unit")):
            continue
        raw = match.group("number").lower()
        value = match.group("value") + match.group(0)[len(match.group("value")):]
        number = NUMBER_WORDS.get(raw) or float(raw.replace(",", ""))
        number *= _SCALES.get(match.group("scale") or "", 1)
        yield "figure", {"subject": f"TODO: the number of {unit}", "value": value,
                         "number": _whole(number), "unit": unit}, []
    for match in FIGURES[1].finditer(text):
        yield "figure", {"subject": "TODO: how often it happens a year", "value": match.group("value"),
                         "number": FREQUENCIES[match.group("freq")], "unit": "times a year"}, []
    for match in _COUNTRY_LIST.finditer(text):
        names = re.split(r", (?:and )?|,? and ", match.group("list"))
        yield "figure", {"subject": "TODO: the number of the names listed", "value": str(len(names)),
                         "number": len(names)}, [f"counts the list {match.group('list')!r}"]


def _memberships(text: str) -> Iterator[tuple[str, dict[str, str | int | float], list[str]]]:
    if not _MEMBERSHIP.search(text):
        return
    listed = [n for m in _COUNTRY_LIST.finditer(text) for n in re.split(r", (?:and )?|,? and ", m.group())]
    acting = re.findall(r"\b([A-Z][a-z]+)(?:, which| has| had)? (?:suspended|joined|withdr|is an? )", text)
    for country in dict.fromkeys([*listed, *acting]):
        near = re.search(rf"\b{re.escape(country)}(?:, which| has| had)? "
                         r"(suspended|observer|partner|withdr)", text)
        status = next((s for word, s in _STATUS if near and near.group(1).startswith(word)), "member")
        yield "membership", {"country": country, "organisation": "TODO", "status": status}, []


def _whole(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number
