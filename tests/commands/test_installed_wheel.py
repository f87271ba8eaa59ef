"""CI spec: the wheel, installed (not editable) in a fresh venv, works from any folder.

The wheel is built from a copy of the source with the machine's pip configuration (its
build requirements come from the configured indexes). The fresh venv gets only the wheel
(``--no-deps``); its dependencies are this test venv's, seen through a ``.pth`` line that
adds this venv's site-packages as a plain folder (so its editable quizgen stays invisible).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.conftest import ROOT

SOURCE_PARTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "quizgen", "corpus",
                "questions")


def sh(*args: str | Path, cwd: Path, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZGEN_BANK", "PYTHONPATH")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, input=input,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_the_installed_wheel_carries_the_bank_and_every_command_works_outside_the_repo(
        tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for part in SOURCE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / part, source / part)
    sh(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", source,
       cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("quizgen-*.whl"))

    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(sh(venv / "bin" / "python", "-c", purelib, cwd=tmp_path).stdout.strip())
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    sh(venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel,
       cwd=tmp_path)

    work = tmp_path / "elsewhere"
    work.mkdir()
    quizgen = venv / "bin" / "quizgen"
    builtin = site / "quizgen" / "builtin"
    checked = sh(quizgen, "check", cwd=work)
    assert checked.stderr.splitlines()[0] == (
        f"bank: {builtin / 'corpus' / 'facts.yaml'} (built-in); templates: {builtin / 'questions'}/ "
        "(built-in)")
    assert "All checks passed." in checked.stdout
    quiz = sh(quizgen, "quiz", "--n", "1", cwd=work, input="b\n")
    assert "Score: " in quiz.stdout + quiz.stderr
    sh(quizgen, "anki", "-o", "x.apkg", cwd=work)
    sh(quizgen, "sheet", "--seed", "0", "--key", "end", "-o", "x.pdf", cwd=work)  # as build writes it
    assert (work / "x.apkg").stat().st_size > 0
    assert (work / "x.pdf").read_bytes() == (ROOT / "decks" / "csto-summit-2025-sheet.pdf").read_bytes()
