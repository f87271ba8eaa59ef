"""One entry point for every export format: ``render_export(questions, "gift", …)``.

Adding a format is a module in ``quizgen/render/`` with a ``(questions, *, title)``
function returning text (or bytes, for a package such as QTI's zip) and one line in
:data:`EXPORTS`; ``quizgen export`` offers it from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizgen.making.question import Question

# format (also the file suffix) -> "module:function"; the module loads only when used
EXPORTS = {
    "json": "quizgen.render.json:to_json",
    "csv": "quizgen.render.csv:to_csv",
    "gift": "quizgen.render.gift:to_gift",
    "md": "quizgen.render.markdown:to_markdown",
    "moodle": "quizgen.render.moodle:to_moodle_xml",
    "qti": "quizgen.render.qti:to_qti",
}
FORMATS = tuple(EXPORTS)


def render_export(questions: Sequence[Question], fmt: str, *, title: str) -> str | bytes:
    """The questions as the text (or, for a package, bytes) of a file in format ``fmt``."""
    if fmt not in EXPORTS:
        raise ValueError(f"unknown export format {fmt!r}")
    module, name = EXPORTS[fmt].split(":")
    content: str | bytes = getattr(importlib.import_module(module), name)(questions, title=title)
    return content
