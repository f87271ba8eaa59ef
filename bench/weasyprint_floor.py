"""The WeasyPrint floor: bare WeasyPrint turning given HTML files into PDFs, nothing else.

Usage: ``python bench/weasyprint_floor.py FONT_DIR IN.html OUT.pdf [IN.html OUT.pdf ...]``.
``bench/run.py`` gives it the words of ``quizgen sheet`` unstyled, as the same two
documents quizgen writes (the questions; the answer key with sources), and the font
folder quizgen ships: like quizgen, fontconfig sees only those fonts and the PDFs embed
them whole (``full_fonts``), so the only difference from ``quizgen sheet`` is quizgen's
own work (the bank, choosing questions, the sheet's layout and style).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape


def main(font_dir: str, pairs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder, "fonts.conf")
        config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:'
                          f'fonts.dtd">\n<fontconfig><dir>{escape(font_dir)}</dir></fontconfig>\n',
                          encoding="utf-8")
        os.environ["FONTCONFIG_FILE"] = str(config)
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
    for source, out in zip(pairs[::2], pairs[1::2], strict=True):
        weasyprint.HTML(filename=source).write_pdf(out, font_config=fonts, full_fonts=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
