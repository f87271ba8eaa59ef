"""IMS QTI 1.2 export, as Canvas imports it: a zip with a manifest and one assessment.

QTI 1.2 because it is what Canvas documents for quiz import ("QTI .zip file"), and what
Blackboard, D2L and Moodle's QTI plugins read too; QTI 2.1/3.0 imports are patchier.

| quizgen kind      | Canvas question type (``question_type`` metadata)                     |
| ----------------- | --------------------------------------------------------------------- |
| multiple_choice   | ``multiple_choice_question``: four choices, the right one scores 100  |
| true_false        | ``true_false_question``: True / False                                 |
| short_answer      | ``short_answer_question``: every accepted form scores 100             |
| cloze             | ``short_answer_question``; the text keeps its ``_____`` blank          |
| matching          | ``matching_question``: each left entry chooses among the right ones   |
| ordering          | ``matching_question``: each item chooses its place, 1st the earliest  |

Every item carries its explanation, sources and the date of the facts as general feedback.
The zip's entries have fixed dates and are stored, so the same questions give the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from quizgen.making.question import Question
from quizgen.render.feedback import feedback_html
from quizgen.render.gift import ordinal

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_SCHEMA = f"{NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
TYPES = {"multiple_choice": "multiple_choice_question", "true_false": "true_false_question",
         "short_answer": "short_answer_question", "cloze": "short_answer_question",
         "matching": "matching_question", "ordering": "matching_question"}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed entry dates: reproducible bytes


def to_qti(questions: Sequence[Question], *, title: str) -> bytes:
    """The questions as a Canvas QTI 1.2 package (zip bytes)."""
    ident = assessment_ident(title)
    files = {"imsmanifest.xml": manifest_xml(ident, title),
             f"{ident}/{ident}.xml": assessment_xml(questions, title=title, ident=ident)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return out.getvalue()


def assessment_ident(title: str) -> str:
    """A stable identifier for the bank's assessment: from its title, never random."""
    return "quizgen-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:20]


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


def manifest_xml(ident: str, title: str) -> bytes:
    """``imsmanifest.xml``: the package holds one QTI 1.2 assessment."""
    ET.register_namespace("", CP_NS)
    root = ET.Element(f"{{{CP_NS}}}manifest", identifier=f"{ident}-manifest")
    metadata = ET.SubElement(root, f"{{{CP_NS}}}metadata")
    ET.SubElement(metadata, f"{{{CP_NS}}}schema").text = "IMS Content"
    ET.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.1.3"
    ET.SubElement(root, f"{{{CP_NS}}}organizations")
    resources = ET.SubElement(root, f"{{{CP_NS}}}resources")
    resource = ET.SubElement(resources, f"{{{CP_NS}}}resource", identifier=ident,
                             type="imsqti_xmlv1p2", href=f"{ident}/{ident}.xml")
    ET.SubElement(resource, f"{{{CP_NS}}}file", href=f"{ident}/{ident}.xml")
    return _xml(root)


def assessment_xml(questions: Sequence[Question], *, title: str, ident: str) -> bytes:
    """The assessment: one section holding one item per question."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}questestinterop", {f"{{{XSI}}}schemaLocation": QTI_SCHEMA})
    assessment = _sub(root, "assessment", ident=ident, title=title)
    _metadata(assessment, {"cc_maxattempts": "1"})
    section = _sub(assessment, "section", ident="root_section")
    for q in questions:
        section.append(item(q))
    return _xml(root)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    metadata = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _material(parent: ET.Element, text: str, *, rich: bool = False) -> None:
    material = _sub(parent, "material")
    if rich:
        _sub(material, "mattext", text, texttype="text/html")
    else:
        _sub(material, "mattext", text, texttype="text/plain")


def item(q: Question) -> ET.Element:
    """One question as a QTI item in Canvas's layout."""
    element = ET.Element(f"{{{NS}}}item", ident=q.id, title=q.prompt[:80])
    meta = _sub(element, "itemmetadata")
    choices, pairs = _choices(q)
    fields = {"question_type": TYPES[q.kind], "points_possible": "1.0"}
    if choices:
        fields["original_answer_ids"] = ",".join(ident for ident, _ in choices)
    _metadata(meta, fields)
    presentation = _sub(element, "presentation")
    prompt = q.prompt
    if q.kind == "ordering":
        prompt = f"{q.prompt} Give each its place: 1st is the earliest."
    _material(presentation, f"<p>{html.escape(prompt, quote=False)}</p>", rich=True)
    processing = _sub(element, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    feedback = feedback_html(q)
    if feedback:
        shown = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(shown, "conditionvar"), "other")
        _sub(shown, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    if q.kind in ("multiple_choice", "true_false"):
        response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        render = _sub(response, "render_choice")
        for ident, text in choices:
            _material(_sub(render, "response_label", ident=ident), text)
        right = choices[q.answer_index or 0][0]
        _score(processing, "response1", [right], "100", action="Set")
    elif q.kind in ("short_answer", "cloze"):
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        _score(processing, "response1", [q.answer, *q.accept], "100", action="Set")
    else:  # matching, and ordering as items matched to their places
        share = f"{100 / len(pairs):.2f}"
        for number, (left, right) in enumerate(pairs, start=1):
            response = _sub(presentation, "response_lid", ident=f"response_{number}")
            _material(response, left)
            render = _sub(response, "render_choice")
            for ident, text in choices:
                _material(_sub(render, "response_label", ident=ident), text)
            _score(processing, f"response_{number}", [right], share, action="Add")
    if feedback:
        shown_fb = _sub(element, "itemfeedback", ident="general_fb")
        _material(_sub(shown_fb, "flow_mat"), feedback, rich=True)
    return element


def _choices(q: Question) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(ident, text)`` of the choices, and for matching ``(left text, right ident)`` pairs."""
    if q.kind in ("multiple_choice", "true_false"):
        return [(f"{i + 1}", option) for i, option in enumerate(q.options)], []
    if q.kind == "matching":
        right = [(f"m{j + 1}", text) for j, text in enumerate(q.right)]
        return right, [(left, right[j][0]) for left, j in zip(q.left, q.pairs, strict=True)]
    if q.kind == "ordering":
        places = [(f"p{rank + 1}", ordinal(rank + 1)) for rank in range(len(q.items))]
        rank = {index: r for r, index in enumerate(q.order)}
        return places, [(text, places[rank[i]][0]) for i, text in enumerate(q.items)]
    return [], []


def _score(processing: ET.Element, respident: str, values: Sequence[str], score: str, *,
           action: str) -> None:
    for value in values:
        condition = _sub(processing, "respcondition", **{"continue": "No" if action == "Set"
                                                         else "Yes"})
        _sub(_sub(condition, "conditionvar"), "varequal", value, respident=respident)
        _sub(condition, "setvar", score, action=action, varname="SCORE")
