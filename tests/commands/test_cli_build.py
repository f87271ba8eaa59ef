"""`quizgen build`: rebuild the deck and the sheets of the default bank, reproducibly."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from click.testing import Result

from tests.conftest import BANK_ARGS, ROOT, bank_args

pytest.importorskip("quizgen.render.sheet", reason="the sheet renderer is not in this checkout")

NAMES = ["csto-summit-2025.apkg", "csto-summit-2025-sheet.html", "csto-summit-2025-sheet.pdf"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    from click.testing import CliRunner

    from quizgen.cli import cli

    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(cli, ["build", *BANK_ARGS, "--out", str(out)],
                                catch_exceptions=False)
    return out, result


def test_build_writes_the_deck_and_both_sheets(built: tuple[Path, Result]) -> None:
    out, result = built
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [f"wrote {out / name}" for name in NAMES]
    assert lines[3].endswith(" facts") and lines[3].split()[1:3] == ["questions", "from"]
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    assert (out / NAMES[2]).read_bytes().startswith(b"%PDF")


def test_build_deck_is_the_deck_quizgen_anki_writes(built: tuple[Path, Result],
                                                    run: Callable[..., Result],
                                                    tmp_path: Path) -> None:
    out, _ = built
    assert run("anki", *BANK_ARGS, "-o", str(tmp_path / "d.apkg")).exit_code == 0
    assert (tmp_path / "d.apkg").read_bytes() == (out / NAMES[0]).read_bytes()


def test_building_again_gives_identical_files(built: tuple[Path, Result],
                                             run: Callable[..., Result], tmp_path: Path) -> None:
    out, _ = built
    assert run("build", *BANK_ARGS, "--out", str(tmp_path)).exit_code == 0
    for name in NAMES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_a_broken_bank_is_a_clear_error_and_writes_nothing(run: Callable[..., Result],
                                                           tmp_bank: Path, tmp_path: Path) -> None:
    (tmp_bank / "corpus" / "reuters.md").unlink()
    out = tmp_path / "out"
    result = run("build", *bank_args(tmp_bank), "--out", str(out))
    assert result.exit_code == 1
    assert "unknown document 'reuters'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_build_shows_progress_in_a_terminal(tmp_path: Path) -> None:
    quizgen = Path(sys.executable).with_name("quizgen")
    child = pexpect.spawn(str(quizgen), ["build", *BANK_ARGS, "--out", str(tmp_path)],
                          cwd=str(ROOT), encoding="utf-8", timeout=120, dimensions=(24, 100))
    child.expect("Loading the bank")
    child.expect("Writing Anki deck")
    child.expect("Writing question sheet")
    child.expect(f"wrote {tmp_path / NAMES[0]}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
