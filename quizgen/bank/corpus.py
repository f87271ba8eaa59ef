"""The corpus: one news article per file, with YAML front matter, and quote lookup."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError

from quizgen.bank.controls import CONTROL, control_problems
from quizgen.bank.date_field import Date
from quizgen.bank.facts import Slug, Strict, Text
from quizgen.bank.messages import merge_union_errors, plain_message
from quizgen.bank.quotes import INVISIBLE, visible
from quizgen.bank.textfile import read_text
from quizgen.bank.yamlfile import line_of, parse_yaml
from quizgen.errors import BankError


class DocumentMeta(Strict):
    """The front matter of a corpus article."""

    id: Slug
    outlet: Text
    title: Text
    published: Date | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    translated_by: Text | None = Field(None, description="Who machine-translated it, if anyone.")
    original_language: str | None = None
    url: Text | None = None
    seed: Text | None = Field(None, description="The file the body was copied from.")


class Document:
    """A corpus article: its metadata and its body, verbatim."""

    def __init__(self, meta: DocumentMeta, body: str, path: Path) -> None:
        self.meta = meta
        self.body = body
        self.path = path

    @property
    def id(self) -> str:
        return self.meta.id

    @cached_property
    def flat_body(self) -> str:
        """The body with every run of whitespace collapsed to one space."""
        return collapse_whitespace(self.body)

    def contains(self, quote: str) -> bool:
        """True when ``quote`` occurs in the body, whitespace runs collapsed."""
        return collapse_whitespace(quote) in self.flat_body


def collapse_whitespace(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip the ends."""
    return " ".join(text.split())


def load_document(path: Path, *, kept: bool = False) -> Document:
    """Read one ``corpus/<id>.md`` file (``kept``: its front matter validated through the
    cache, quizgen.bank.validated)."""
    text = read_text(path, "corpus article")
    lines = text.split("\n")
    if lines[0].rstrip() != "---" and lines[0].strip(INVISIBLE + " \t") == "---":
        raise _invisible_on(path, lines, 0, "opening")
    if lines[0].rstrip() != "---":
        raise BankError([f"{path}:1: expected front matter starting with a '---' line"],
                        summary=f"Cannot read {path.name}")
    end = _closing_line(lines, path)
    header = "\n".join(lines[1:end])
    data = parse_yaml(header, path, first_line=2)
    controls = control_problems(data, header, path, first_line=2)
    if body_control := CONTROL.search(unix := text.replace("\r\n", "\n")):
        controls.append(f"{path}:{unix.count(chr(10), 0, body_control.start()) + 1}: control "
                        f"character U+{ord(body_control.group()):04X} in the article; remove it")
    if controls:
        raise BankError(controls[:1], summary=f"Cannot read {path.name}")
    if not isinstance(data, dict):
        raise BankError([f"{path}:2: front matter must be a mapping of keys (id, outlet, …)"],
                        summary=f"Cannot read {path.name}")
    try:
        if kept:
            from quizgen.bank.validated import validate_kept

            meta = validate_kept(DocumentMeta, data)
        else:
            meta = DocumentMeta.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{path}:{line_of(header, err['loc'], first_line=2) or 1}: "
            f"{'.'.join(map(str, err['loc'])) or 'front matter'}: {plain_message(err)}"
            for err in merge_union_errors(exc.errors())
        ]
        raise BankError(problems, summary=f"Invalid front matter in {path.name}") from None
    if meta.id != path.stem:
        raise BankError([f"{path}:2: id: {meta.id!r} must match the file name {path.stem!r}"],
                        summary=f"Invalid front matter in {path.name}")
    return Document(meta, "\n".join(lines[end + 1 :]), path)


def _closing_line(lines: list[str], path: Path) -> int:
    """The index of the front matter's closing ``---``; an invisible character on it is named."""
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return i
        if lines[i].strip(INVISIBLE + " \t") == "---":
            raise _invisible_on(path, lines, i, "closing")
    raise BankError([f"{path}:1: front matter has no closing '---' line"],
                    summary=f"Cannot read {path.name}")


def _invisible_on(path: Path, lines: list[str], index: int, which: str) -> BankError:
    shown = visible(lines[index]).strip()
    return BankError([f"{path}:{index + 1}: the {which} '---' line has an invisible character on it "
                      f"({shown}): delete it"], summary=f"Cannot read {path.name}")


def load_corpus(directory: Path, *, kept: bool = False) -> dict[str, Document]:
    """Read every ``*.md`` article in ``directory``, keyed by document id."""
    if not directory.exists():
        raise BankError([f"{directory}: corpus folder not found"], summary="Cannot read the bank")
    if not directory.is_dir():
        raise BankError([f"{directory}: expected a folder of articles, found a file"],
                        summary="Cannot read the bank")
    docs: dict[str, Document] = {}
    problems: list[str] = []
    for path in sorted(directory.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        try:
            doc = load_document(path, kept=kept)
        except BankError as exc:
            problems.extend(exc.problems)
            continue
        docs[doc.id] = doc
    if problems:
        raise BankError(problems, summary="Invalid corpus")
    return docs
