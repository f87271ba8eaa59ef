"""The facts file: curated facts, each citing its sources with a verbatim quote.

The models form a discriminated union on ``kind``. Field names ``facts``, ``id``,
``kind``, ``sources``, ``doc`` and ``quote`` are the public contract.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from quizgen.bank.date_field import Date
from quizgen.bank.dates import PartialDate

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Quote = Annotated[str, StringConstraints(min_length=3, max_length=20_000)]


class Strict(BaseModel):
    """Base for every model read from YAML: unknown keys and loose types are errors."""

    # Validators are built on first use: a bank read back from the cache never uses those of
    # the facts' models (see quizgen.bank.validated).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Source(Strict):
    """Where a fact comes from: a corpus document and a verbatim passage of it."""

    doc: Slug = Field(description="The id of a document in the corpus.")
    quote: Quote = Field(description="A passage copied verbatim from that document.")
    claim: Text | None = Field(
        None,
        description="For disputed facts: what this source says, as a full sentence.",
    )


class FactBase(Strict):
    """Fields every fact has."""

    id: Slug = Field(description="A stable identifier; questions and reviews are keyed by it.")
    tags: list[Slug] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    disputed: Text | None = Field(
        None,
        description="Set when sources disagree: what is in dispute. Every source then "
        "carries a `claim`, and the fact is only ever asked as 'According to <outlet>, …'.",
    )
    note: Text | None = Field(None, description="A curator's note, shown as explanation.")
    importance: Literal["main", "detail", "background"] = Field(
        "main",
        description="How worth asking it is: `main` points of the articles come first, "
        "`detail` after them; `background` (general knowledge, an outlet's boilerplate, "
        "wording trivia) makes no questions but still feeds wrong options.",
    )
    key: Text | None = Field(
        None,
        description="Words of the quote that carry the point, blanked by fill-in-the-blank "
        "questions: 'modern Russian weapons'.",
    )
    key_accept: list[Text] = Field(
        default_factory=list,
        description="Other right answers for the `key` blank, in another outlet's words.",
    )
    point: Slug | None = Field(
        None,
        description="Which main point of the articles this fact belongs to: a key of the "
        "facts file's `points`. Quizzes and sheets spread over the points.",
    )
    unaffected_by: list[Slug] = Field(
        default_factory=list,
        description="Disputed facts whose sources this fact quotes, but whose dispute does "
        "not touch what this fact says (else `quizgen check` refuses the overlap).",
    )

    @model_validator(mode="after")
    def _claims_for_disputes(self) -> FactBase:
        if self.disputed is not None:
            missing = [i for i, s in enumerate(self.sources) if s.claim is None]
            if missing:
                raise ValueError(
                    f"disputed fact needs a `claim` on every source (missing on sources {missing})"
                )
            if len({s.claim for s in self.sources}) < 2:
                raise ValueError("disputed fact needs at least two different claims")
        elif any(s.claim is not None for s in self.sources):
            raise ValueError("`claim` is only for disputed facts: set `disputed:` too")
        return self


class Event(FactBase):
    """Something that happened or is scheduled: what, when, where."""

    kind: Literal["event"]
    what: Text = Field(description="A noun phrase, no date or place: 'the next summit'.")
    subject: Text | None = Field(None, description="Who or what the sentence is about: "
                                 "'the next CSTO summit'; with `verb`, for natural sentences.")
    verb: Text | None = Field(None, description="A verb phrase in the base form, no date or "
                              "place: 'be held', 'begin', 'suspend its participation in the CSTO'.")
    date: Date
    place: Text | None = None
    place_accept: list[Text] = Field(default_factory=list, description="Other right answers to "
                                     "'where': the country or region the articles give.")

    @model_validator(mode="after")
    def _subject_with_verb(self) -> Event:
        if (self.subject is None) != (self.verb is None):
            raise ValueError("`subject` and `verb` go together: give both or neither")
        return self


class Role(FactBase):
    """A person holding a post, with start and end dates where known."""

    kind: Literal["role"]
    person: Text
    role: Text = Field(description="The post as a noun phrase: 'President of Russia'.")
    organisation: Text | None = None
    country: Text | None = Field(None, description="The country the person represents.")
    start: Date | None = None
    end: Date | None = None
    unique: bool = Field(True, description="False when many people hold this post at once.")
    succeeds: Text | None = Field(None, description="The person this one takes over from.")
    aliases: list[Text] = Field(default_factory=list, description="Other spellings of the name.")
    short_name: Text | None = Field(None, description="The short form people use, where it is "
                                    "not the last word: 'Xi' for Xi Jinping, 'Lula'.")

    @model_validator(mode="after")
    def _start_before_end(self) -> Role:
        if self.start and self.end and self.end.is_before(self.start):
            raise ValueError("`end` is before `start`")
        return self


class Exercise(FactBase):
    """A named military exercise or operation."""

    kind: Literal["exercise"]
    name: Text
    type: Literal["exercise", "operation"]
    organisation: Text
    purpose: Text | None = Field(None, description="What it is for: 'to counter drug trafficking'.")


# The statuses templates phrase themselves; any other is read as a noun ("dialogue partner").
MEMBERSHIP_STATUSES = ("member", "suspended", "observer", "partner", "withdrawn", "applicant")


class Membership(FactBase):
    """A country's standing in an organisation."""

    kind: Literal["membership"]
    country: Text
    organisation: Text
    status: Text = Field(description="member, suspended, observer, partner, withdrawn, "
                         "applicant, or another status as a noun: 'dialogue partner'.")
    since: Date | None = None


class Document(FactBase):
    """A document adopted, signed or planned."""

    kind: Literal["document"]
    name: Text = Field(description="A noun phrase: 'the Collective Security Council Declaration'.")
    status: Literal["adopted", "signed", "planned"]
    organisation: Text
    about: Text | None = Field(None, description="What it covers: 'the 2026 budget'.")
    aliases: list[Text] = Field(default_factory=list, description="Other names the articles "
                                "give it: accepted as answers, never wrong options.")
    date: Date | None = None


class Statement(FactBase):
    """A proposal, claim or remark, with who made it."""

    kind: Literal["statement"]
    speaker: Text | None = Field(None, description="Who said it, by name.")
    type: Literal["proposal", "claim", "remark", "report"] = "claim"
    verb: Text = Field("said", description="Past tense verb: proposed, said, warned.")
    content: Text = Field(description="What follows the verb: 'that …' or a noun phrase.")
    occasion: Text | None = Field(None, description="When and where it was said, as a phrase "
                                  "that opens a sentence: 'at the CSTO summit in Bishkek on 27 "
                                  "November 2025', 'in comments to Izvestia'.")


class Figure(FactBase):
    """A number reported about something."""

    kind: Literal["figure"]
    subject: Text = Field(description="A noun phrase: 'the total strength of the forces'.")
    value: Text = Field(description="The figure as reported: 'more than 30,000 people'.")
    number: float | int = Field(description="The bare number, for nearby wrong answers.")
    unit: Text | None = Field(None, description="What is counted: 'people', 'leaders'.")
    question: Text | None = Field(None, description="The question as a teacher would ask it, "
                                  "where 'What is <subject>?' reads stiffly: 'How many countries "
                                  "joined BRICS on 1 January 2024?'")
    wrong: list[float | int] = Field(default_factory=list, description="Wrong numbers for the "
                                     "options, where nearby ones would be impossible or "
                                     "defensible: 3 and 6 leaders, not 4, of a bloc of six.")


Fact = Annotated[
    Union[Event, Role, Exercise, Membership, Document, Statement, Figure],  # noqa: UP007
    Field(discriminator="kind"),
]
# Each model's ``kind`` literal, in union order: adding a model to ``Fact`` adds its kind.
FACT_KINDS: tuple[str, ...] = tuple(
    get_args(model.model_fields["kind"].annotation)[0] for model in get_args(get_args(Fact)[0]))


class FactsHead(Strict):
    """The facts file's fields but its facts (see quizgen.bank.validated, which validates
    the facts one by one)."""

    title: Text
    as_of: Date = Field(description="The date the facts describe; decides past or future tense.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")] = "en"
    description: Text | None = None
    points: dict[Slug, Text] = Field(
        default_factory=dict,
        description="The main points of the articles, each a short line: what a student "
        "should take from them. Facts name theirs with `point`.",
    )


class FactsFile(FactsHead):
    """The whole facts file: bank metadata and the list of facts."""

    facts: list[Fact]

    @property
    def as_of_day(self) -> dt.date:
        """The last day ``as_of`` may mean."""
        return self.as_of.last_day


def is_past(date: PartialDate, as_of: PartialDate) -> bool:
    """True when ``date`` lies wholly on or before the bank's ``as_of`` date."""
    return date.last_day <= as_of.last_day
