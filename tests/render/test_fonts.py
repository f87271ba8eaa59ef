"""Sheet PDFs use the bundled fonts only, embedded whole: the same bytes on every machine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from quizgen.render.fonts import FONT_DIR, bundled_font_files
from quizgen.render.sheet import html_to_pdf

HTML = ("<html><body><p style='font-family: \"DejaVu Serif\", serif'>Plain <b>bold</b> "
        "<i>italic</i> Привет שלום القاهرة</p></body></html>")



def embedded_fonts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The fonts ``pdffonts`` lists, without WeasyPrint's ``ABCDEF+`` tag."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    table = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return sorted({line.split()[0].split("+")[-1] for line in table.splitlines()[2:]})


def test_the_package_ships_the_fonts_and_their_licences() -> None:
    assert [p.name for p in bundled_font_files()] == [
        "LiberationSans-Bold.ttf", "LiberationSans-BoldItalic.ttf",
        "LiberationSans-Italic.ttf", "LiberationSans-Regular.ttf",
        "NotoSansArabic-Bold.ttf", "NotoSansArabic-Regular.ttf"]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "Open Font License" in (FONT_DIR / "OFL-NotoSansArabic.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pdffonts") is None,
                    reason="pdffonts not installed (Debian: apt-get install poppler-utils; .ci/run does it)")
def test_a_system_font_asked_for_by_name_is_not_used(tmp_path: Path) -> None:
    pdf = html_to_pdf(HTML)
    assert embedded_fonts(pdf, tmp_path) == [
        "Liberation-Sans", "Liberation-Sans-Bold", "Liberation-Sans-Italic", "Noto-Sans-Arabic"]


def test_fonts_are_embedded_whole_so_no_subsetter_stamps_a_time() -> None:
    pdf = html_to_pdf(HTML)
    regular = (FONT_DIR / "LiberationSans-Regular.ttf").stat().st_size
    assert f"/Length1 {regular}".encode() in pdf
    assert html_to_pdf(HTML) == pdf


def test_rendering_leaves_the_fontconfig_environment_as_it_was() -> None:
    import os

    before = os.environ.get("FONTCONFIG_FILE")
    html_to_pdf(HTML)
    assert os.environ.get("FONTCONFIG_FILE") == before
