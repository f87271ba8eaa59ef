"""QTI 1.2 (Canvas) and Moodle XML exports: valid against their schemas, read back by real readers.

The schemas live in ``tests/schemas/`` (see its LICENSE-schemas.md for why they are
quizgen's own subsets); the readers are qti2latex (Canvas QTI) and moodle-xml-parser.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from quizgen.making.question import Question
from quizgen.making.selection import load_and_generate
from quizgen.render.gift import question_names
from quizgen.render.moodle import to_moodle_xml
from quizgen.render.qti import assessment_ident, to_qti
from tests.conftest import CORPUS, FACTS, QUESTIONS, ROOT

xmlschema = pytest.importorskip("xmlschema")
SCHEMAS = ROOT / "tests" / "schemas"
AURORA = ROOT / "tests" / "banks" / "aurora" / "corpus"
HOSTILE = ROOT / "tests" / "hostile" / "ok-html-everywhere" / "corpus"
BANKS = {"default": (FACTS, CORPUS), "aurora": (AURORA / "facts.yaml", AURORA),
         "html-everywhere": (HOSTILE / "facts.yaml", HOSTILE)}


@cache
def bank(name: str) -> tuple[str, list[Question]]:
    facts, corpus = BANKS[name]
    loaded, generation = load_and_generate(Path(facts), Path(corpus), QUESTIONS)
    return loaded.title, generation.questions


@cache
def schema(name: str) -> Any:
    return xmlschema.XMLSchema(str(SCHEMAS / name))


def qti_files(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("name", BANKS)
def test_every_qti_item_validates_against_the_qti_schema(name: str) -> None:
    title, questions = bank(name)
    files = qti_files(to_qti(questions, title=title))
    ident = assessment_ident(title)
    assert sorted(files) == sorted(["imsmanifest.xml", f"{ident}/{ident}.xml"])
    schema("qti12_asi_subset.xsd").validate(io.BytesIO(files[f"{ident}/{ident}.xml"]))
    official = SCHEMAS / "ims_qtiasiv1p2p1.xsd"
    if official.exists():  # see tests/schemas/LICENSE-schemas.md
        xmlschema.XMLSchema(str(official)).validate(io.BytesIO(files[f"{ident}/{ident}.xml"]))
    manifest = files["imsmanifest.xml"].decode()
    assert f'href="{ident}/{ident}.xml"' in manifest and 'type="imsqti_xmlv1p2"' in manifest


@pytest.mark.parametrize("name", BANKS)
def test_every_moodle_question_validates_against_the_moodle_schema(name: str) -> None:
    title, questions = bank(name)
    schema("moodle_xml_subset.xsd").validate(io.StringIO(to_moodle_xml(questions, title=title)))


def test_the_schemas_refuse_what_they_should() -> None:
    title, questions = bank("default")
    xml = to_moodle_xml(questions[:3], title=title)
    broken = xml.replace("<defaultgrade>", "<grade>").replace("</defaultgrade>", "</grade>")
    assert not schema("moodle_xml_subset.xsd").is_valid(io.StringIO(broken))
    ident = assessment_ident(title)
    qti = qti_files(to_qti(questions[:3], title=title))[f"{ident}/{ident}.xml"]
    assert not schema("qti12_asi_subset.xsd").is_valid(
        io.BytesIO(qti.replace(b'action="Set"', b'action="Keep"')))


def test_canvas_qti_reads_back_with_qti2latex(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    qti2latex = pytest.importorskip("qti2latex")
    title, questions = bank("default")
    (tmp_path / "canvas.zip").write_bytes(to_qti(questions, title=title))
    folder = qti2latex.extract_zip_to_tmp(tmp_path / "canvas.zip")
    (assessment,) = qti2latex.read_qti_dir(folder)
    items = qti2latex.findall_anyns(ET.parse(assessment).getroot(), "item")
    assert len(items) == len(questions)
    kinds = {"multiple_choice": "multiple_choice_question", "true_false": "true_false_question",
             "short_answer": "short_answer_question", "cloze": "short_answer_question",
             "matching": "matching_question", "ordering": "matching_question"}
    for element, q in zip(items, questions, strict=True):
        assert element.get("ident") == q.id
        meta = qti2latex.get_qti_metadata(element)
        assert qti2latex.guess_type(meta, element) == kinds[q.kind]
        assert q.prompt.split()[0] in qti2latex.get_item_stem(element)
        if q.kind in ("multiple_choice", "true_false"):
            choices = dict(qti2latex.get_choices(element))
            (right,) = qti2latex.get_correct_idents(element)
            assert choices[right] == q.answer
            assert list(choices.values()) == q.options
        elif q.kind in ("short_answer", "cloze"):
            assert qti2latex.get_correct_idents(element) == {q.answer, *q.accept}


def test_moodle_multiple_choice_reads_back_with_moodle_xml_parser() -> None:
    parser = pytest.importorskip("moodle_xml_parser.parser")
    title, questions = bank("default")
    parsed = parser.parse_string(to_moodle_xml(questions, title=title))["multichoice"]
    multiple = [q for q in sorted(questions, key=lambda q: q.fact_kind)
                if q.kind == "multiple_choice"]
    names = question_names(questions)
    assert len(parsed) == len(multiple) > 30
    for read, q in zip(parsed, multiple, strict=True):
        assert read.name == names[q.id] and read.single
        assert [o.answer for o in read.options] == q.options
        assert [o.score_fraction for o in read.options] == [
            100 if i == q.answer_index else 0 for i in range(len(q.options))]
        assert q.answer in (read.options[1 - (q.answer_index == 1)].feedback or ""), \
            "a wrong option's feedback names the right one"
        assert "Facts as reported on 27 November 2025" in (read.general_feedback or "")


def test_exports_are_byte_identical_for_the_same_questions() -> None:
    title, questions = bank("default")
    assert to_qti(questions, title=title) == to_qti(list(questions), title=title)
    assert to_moodle_xml(questions, title=title) == to_moodle_xml(list(questions), title=title)
