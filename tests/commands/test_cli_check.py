"""`quizgen check`: the default bank passes, and every kind of bad input gets a clear error."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import BANK_ARGS, bank_args

FACT = """\
title: Test bank
as_of: 2025-11-27
language: en
facts:
  - id: next-summit
    kind: event
    what: the next summit
    date: 2026-11-11
    place: Moscow
    sources:
      - doc: fergana
        quote: "The next CSTO summit will be held on November 11, 2026, in Moscow."
"""


def write_facts(bank: Path, text: str | bytes) -> None:
    path = bank / "corpus" / "facts.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_default_bank_passes(run: Callable[..., Result]) -> None:
    result = run("check", *BANK_ARGS)
    assert result.exit_code == 0, result.output
    assert "every quote found in its document" in result.output
    assert "disputed facts: " in result.output
    assert "All checks passed." in result.output


def test_summary_counts_facts_per_kind_and_sources_per_outlet(run: Callable[..., Result]) -> None:
    out = run("check", *BANK_ARGS).output
    kinds = re.search(r"facts per kind: +(.*)", out)
    assert kinds and "event" in kinds.group(1) and "role" in kinds.group(1)
    outlets = re.search(r"sources per outlet: +(.*)", out)
    assert outlets
    for outlet in ("Anadolu Agency", "Fergana News", "Izvestia", "Reuters", "Trend News Agency"):
        assert outlet in outlets.group(1)
    multi = re.search(r"facts with 2\+ sources: (\d+)", out)
    assert multi and int(multi.group(1)) >= 10


def test_minimal_bank_passes(run: Callable[..., Result], tmp_bank: Path) -> None:
    write_facts(tmp_bank, FACT)
    result = run("check", *bank_args(tmp_bank))
    assert "Bank: Test bank" in result.output


BAD_FACTS: list[tuple[str, str | bytes, str]] = [
    ("malformed yaml", "title: [unclosed\n", r"facts\.yaml:2: YAML syntax error"),
    ("wrong type", FACT.replace("place: Moscow", "place: [Moscow]"),
     r"facts\.yaml:9: facts\[0\]\.place \(fact 'next-summit'\): expected text, found a list: "
     r"put the value in quotes"),
    ("missing field", FACT.replace("    what: the next summit\n", ""),
     r"facts\.yaml:5: facts\[0\]\.what \(fact 'next-summit'\): required field is missing"),
    ("unknown kind", FACT.replace("kind: event", "kind: rumour"),
     r"facts\.yaml:5: facts\[0\] \(fact 'next-summit'\): unknown kind 'rumour'"),
    ("unknown field", FACT.replace("place: Moscow", "plaec: Moscow"),
     r"facts\.yaml:9: facts\[0\]\.plaec \(fact 'next-summit'\): unknown field"),
    ("unknown doc", FACT.replace("doc: fergana", "doc: pravda"),
     r"facts\.yaml:11: facts\[0\]\.sources\[0\]\.doc \(fact 'next-summit'\): unknown document 'pravda'"),
    ("duplicate id", FACT + FACT.split("facts:\n")[1],
     r"facts\.yaml:\d+: facts\[1\]\.id \(fact 'next-summit'\): duplicate id"),
    ("quote not in doc", FACT.replace("November 11, 2026", "November 12, 2026"),
     r"quote not found in .*fergana\.md\n.*'1' in the article, '2' in the quote.*\n"
     r".*paste this quote: \"The next CSTO summit will be held on November 11, 2026, in Moscow\.\""),
    ("impossible date", FACT.replace("2026-11-11", "2026-02-30"),
     r"facts\.yaml:8: facts\[0\]\.date \(fact 'next-summit'\): '2026-02-30' is not a real day"),
    ("not utf-8", FACT.encode("utf-8").replace(b"Moscow", b"Mosc\xf6w"),
     r"facts\.yaml:9: not UTF-8 text"),
    ("binary", b"\x00\x01\x02", r"facts\.yaml:1: binary data"),
    ("empty", "", r"facts\.yaml:1: expected a mapping .* found an empty file"),
    ("duplicate key", FACT.replace("place: Moscow", "place: Moscow\n    place: Minsk"),
     r"facts\.yaml:10: duplicate key 'place'"),
    ("yaml 1.1 boolean", FACT.replace("place: Moscow", "place: NO"),
     r"facts\.yaml:9: facts\[0\]\.place .*YAML read False: put the value in quotes"),
    ("colon in a value", FACT.replace("place: Moscow", "place: Moscow: the capital"),
     r"facts\.yaml:9: YAML syntax error: mapping values are not allowed .*needs quotes"),
    ("python object", "!!python/object/apply:os.system ['echo hi']\n",
     r"facts\.yaml:1: YAML syntax error: could not determine a constructor"),
    ("alias bomb",
     "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
     r"YAML anchors and aliases \(&, \*\) are not allowed"),
    ("dispute without claims",
     FACT.replace("    place: Moscow\n", "    place: Moscow\n    disputed: the date\n"),
     r"disputed fact needs a `claim` on every source"),
]


@pytest.mark.parametrize(("text", "message"), [(t, m) for _, t, m in BAD_FACTS],
                         ids=[name for name, _, _ in BAD_FACTS])
def test_bad_facts_file_gets_a_clear_error(run: Callable[..., Result], tmp_bank: Path,
                                           text: str | bytes, message: str) -> None:
    write_facts(tmp_bank, text)
    result = run("check", *bank_args(tmp_bank))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "Value error" not in result.output
    assert re.search(message, result.output), result.output


def test_bom_is_accepted(run: Callable[..., Result], tmp_bank: Path) -> None:
    write_facts(tmp_bank, "\ufeff" + FACT)
    assert "Bank: Test bank" in run("check", *bank_args(tmp_bank)).output


def test_missing_facts_file_and_directory_as_file(run: Callable[..., Result], tmp_bank: Path) -> None:
    missing = run("check", "--facts", str(tmp_bank / "nope.yaml"), "--corpus", str(tmp_bank / "corpus"))
    assert missing.exit_code == 1 and "nope.yaml: facts file not found" in missing.output
    folder = run("check", "--facts", str(tmp_bank / "corpus"), "--corpus", str(tmp_bank / "corpus"))
    assert folder.exit_code == 1 and "is a directory" in folder.output


def test_bad_front_matter_names_the_article(run: Callable[..., Result], tmp_bank: Path) -> None:
    article = tmp_bank / "corpus" / "reuters.md"
    article.write_text(article.read_text().replace("outlet: \"Reuters\"\n", ""), encoding="utf-8")
    result = run("check", *bank_args(tmp_bank))
    assert result.exit_code == 1
    assert re.search(r"reuters\.md:\d+: outlet: required field is missing", result.output), result.output


def test_front_matter_id_must_match_file_name(run: Callable[..., Result], tmp_bank: Path) -> None:
    article = tmp_bank / "corpus" / "reuters.md"
    article.write_text(article.read_text().replace("id: reuters", "id: reuter"), encoding="utf-8")
    result = run("check", *bank_args(tmp_bank))
    assert result.exit_code == 1 and "must match the file name 'reuters'" in result.output


def test_usage_error_exits_2(run: Callable[..., Result]) -> None:
    assert run("check", "--no-such-option").exit_code == 2


def test_schema_is_json_schema_of_the_facts_file(run: Callable[..., Result]) -> None:
    result = run("schema")
    schema = json.loads(result.output)
    assert set(schema["required"]) >= {"title", "as_of", "facts"}
    kinds = {d for d in schema["$defs"]} & {"Event", "Role", "Exercise", "Membership", "Document",
                                              "Statement", "Figure"}
    assert len(kinds) == 7


def test_default_bank_validates_against_its_own_schema(run: Callable[..., Result]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run("schema").output)
    data = yaml.safe_load((Path(BANK_ARGS[1])).read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as text, as an editor sees them
    jsonschema.validate(data, schema)
