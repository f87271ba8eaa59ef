"""Hostile and malformed banks: a clear error and non-zero exit, or correct work; never a traceback.

Each folder in tests/hostile/ is a bank (`corpus/`, optional `questions/`) with
`expect.txt`: a regular expression the error must match, or `ok` for legal input.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import QUESTIONS, ROOT

HOSTILE = ROOT / "tests" / "hostile"
CASES = sorted(p for p in HOSTILE.iterdir() if (p / "expect.txt").exists())


def quizgen(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real program; the timeout only guards against a hang."""
    return subprocess.run([sys.executable, "-m", "quizgen", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env={**os.environ, "COLUMNS": "200"})


def check_args(bank: Path) -> list[str]:
    questions = bank / "questions" if (bank / "questions").is_dir() else QUESTIONS
    return ["--facts", str(bank / "corpus" / "facts.yaml"), "--corpus", str(bank / "corpus"),
            "--questions", str(questions)]


def test_there_are_at_least_25_hostile_banks() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("bank", CASES, ids=[c.name for c in CASES])
def test_hostile_bank(bank: Path) -> None:
    expect = (bank / "expect.txt").read_text(encoding="utf-8").strip()
    result = quizgen("check", *check_args(bank))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    if expect == "ok":
        assert result.returncode == 0, output
    else:
        assert result.returncode == 1, output
        assert output.startswith("Error: "), output
        assert re.search(expect, output), output
        assert len(output.splitlines()) <= 30, "an error fits on one screen"


def test_html_in_every_field_is_kept_as_text(tmp_path: Path) -> None:
    bank = HOSTILE / "ok-html-everywhere"
    out = tmp_path / "q.json"
    result = quizgen("export", "--format", "json", "-o", str(out), *check_args(bank))
    assert result.returncode == 0, result.stderr
    prompts = [q["prompt"] for q in json.loads(out.read_text(encoding="utf-8"))]
    assert any("<script>alert('x')</script>" in p for p in prompts)


def test_megabyte_strings_are_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    base = HOSTILE / "ok-byte-order-mark" / "corpus"
    (tmp_path / "corpus" / "gazette.md").write_bytes((base / "gazette.md").read_bytes())
    facts = (base / "facts.yaml").read_text(encoding="utf-8-sig")
    huge = "x" * 1_000_000
    (tmp_path / "corpus" / "facts.yaml").write_text(
        facts.replace("what: the council meeting", f"what: {huge}"), encoding="utf-8")
    result = quizgen("check", *check_args(tmp_path))
    assert result.returncode == 1
    assert re.search(r"facts\[0\]\.what .*at most 20000 characters", result.stdout + result.stderr)
    assert len(result.stdout + result.stderr) < 5000, "the error does not echo the megabyte"


def test_paths_that_do_not_exist_or_are_folders(tmp_path: Path) -> None:
    missing = quizgen("check", "--facts", str(tmp_path / "none.yaml"), "--corpus", str(tmp_path))
    assert missing.returncode == 1 and "none.yaml: facts file not found" in missing.stderr
    no_corpus = quizgen("check", "--corpus", str(tmp_path / "nowhere"))
    assert no_corpus.returncode == 1 and "nowhere: corpus folder not found" in no_corpus.stderr
    folder = quizgen("check", "--facts", str(tmp_path), "--corpus", str(tmp_path))
    assert folder.returncode == 1 and "is a directory" in folder.stderr
    no_templates = quizgen("check", "--questions", str(tmp_path / "none"))
    assert no_templates.returncode == 1 and "question templates folder not found" in no_templates.stderr
