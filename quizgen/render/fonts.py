"""The sheet's fonts: Liberation Sans and Noto Sans Arabic (SIL OFL 1.1), shipped, and only them.

A PDF must not depend on the machine: which fonts are installed, or whether WeasyPrint
subsets them with HarfBuzz or with fontTools (which stamps the current time into each
font). So WeasyPrint's fontconfig sees only the bundled files, and the fonts are embedded
whole, unsubsetted: the same bytes on every machine.
"""

from __future__ import annotations

import os
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FONT_DIR = Path(str(files("quizgen") / "assets" / "fonts"))  # README.md there: sources, licences
PDF_OPTIONS = {"full_fonts": True}  # no subsetting: see the module docstring

_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>{}</dir></fontconfig>
"""


def bundled_font_files() -> list[Path]:
    """The font files the sheet may use."""
    return sorted(FONT_DIR.glob("*.ttf"))


def sheet_font_config(weasyprint: Any) -> Any:
    """A WeasyPrint ``FontConfiguration`` that knows the bundled fonts and no system font."""
    from weasyprint.text.fonts import FontConfiguration

    del weasyprint  # imported by the caller, which reports a missing WeasyPrint or Pango
    previous = os.environ.get("FONTCONFIG_FILE")
    with tempfile.TemporaryDirectory(prefix="quizgen-fonts-") as folder:
        config = Path(folder, "fonts.conf")
        config.write_text(_CONFIG.format(escape(str(FONT_DIR))), encoding="utf-8")
        os.environ["FONTCONFIG_FILE"] = str(config)  # read once, by the constructor
        try:
            return FontConfiguration()
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous
