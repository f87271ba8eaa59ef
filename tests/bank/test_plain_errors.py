"""Every schema error reads as one sentence a curator understands, pinned through the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from quizgen.bank.messages import merge_union_errors
from tests.bank.test_quote_diagnostics import edit
from tests.conftest import FACTS, bank_args

# Each default fact's index in the facts file, as error messages give it.
IX = {fact["id"]: i
      for i, fact in enumerate(yaml.safe_load(FACTS.read_text(encoding="utf-8"))["facts"])}

NEXT_SUMMIT = 'quote: "The next CSTO summit will be held on November 11, 2026, in Moscow."'

CASES = [
    ("id: next-summit-moscow", "id: Next Summit",
     "facts[1].id (fact 'Next Summit'): 'Next Summit' is not a valid id: use lower-case letters, "
     "digits, - and _, starting with a letter or digit (e.g. 'next-summit')"),
    ("tags: [summit]", "tags: [Summit]",
     "facts[0].tags[0] (fact 'summit-bishkek-2025'): 'Summit' is not a valid id: use lower-case "
     "letters, digits, - and _, starting with a letter or digit (e.g. 'summit')"),
    ("language: en", "language: English",
     "language: 'English' is not a language code: write a code such as en, ru or pt-BR"),
    ("number: 30000", 'number: "30000"',
     f"facts[{IX['collective-forces-strength']}].number (fact 'collective-forces-strength'): "
     "expected a number, found the text "
     "'30000': write it without quotes and without thousands separators (30000, 2.5)"),
    ("tags: [summit]", "tags: summit",
     "facts[0].tags (fact 'summit-bishkek-2025'): expected a list, found the text 'summit': "
     "write [a, b] or one `- item` per line"),
    ("    kind: event", "    knd: event",
     "facts[0] (fact 'summit-bishkek-2025'): has no `kind:` line: add one (event, role, exercise, "
     "membership, document, statement or figure)"),
    ("    type: exercise", "    type: drill",
     f"facts[{IX['exercise-interaction']}].type (fact 'exercise-interaction'): "
     "'drill' is not allowed here: write one of "
     "'exercise' or 'operation'"),
    ("    unique: false", "    unique: no way",
     f"facts[{IX['role-safaryan-deputy-fm']}].unique (fact 'role-safaryan-deputy-fm'): "
     "expected true or false, found the text 'no way'"),
    ("    place: Bishkek", "    place: {city: Bishkek}",
     "facts[0].place (fact 'summit-bishkek-2025'): expected text, found fields (`key: value`): "
     "put the value in quotes"),
    (NEXT_SUMMIT, NEXT_SUMMIT.replace("next CSTO summit", 'next "CSTO" summit'),
     'YAML syntax error: did not find expected key (a value that contains a double quote: wrap it '
     'in single quotes, or write the inner quote as \\")'),
    (NEXT_SUMMIT, "quote: 'The next CSTO summit's held on November 11, 2026, in Moscow.'",
     "(a value in single quotes that contains an apostrophe: write it twice, '', or wrap the value "
     "in double quotes)"),
]


@pytest.mark.parametrize(("old", "new", "message"), CASES, ids=[c[2][:40] for c in CASES])
def test_a_curator_mistake_gets_one_plain_sentence(run: Callable[..., Result], tmp_bank: Path,
                                                   old: str, new: str, message: str) -> None:
    edit(tmp_bank / "corpus" / "facts.yaml", old, new)
    result = run("check", *bank_args(tmp_bank))
    assert result.exit_code == 1
    assert message in result.output
    problems = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(problems) == 1, result.output
    for jargon in ("String should", "Input should", "pattern", "^[", "discriminator"):
        assert jargon not in result.output


def test_a_front_matter_language_error_is_plain(run: Callable[..., Result], tmp_bank: Path) -> None:
    edit(tmp_bank / "corpus" / "reuters.md", "language: en", "language: English")
    result = run("check", *bank_args(tmp_bank))
    assert result.exit_code == 1
    assert "reuters.md:" in result.output
    assert "language: 'English' is not a language code" in result.output


def test_the_errors_of_one_union_field_merge_into_one() -> None:
    errors = [{"type": "float_type", "loc": ("facts", 0, "figure", "number", "float"), "input": "3"},
              {"type": "int_type", "loc": ("facts", 0, "figure", "number", "int"), "input": "3"}]
    assert merge_union_errors(errors) == [
        {"type": "number_type", "loc": ("facts", 0, "figure", "number"), "input": "3"}]
