"""Shared fixtures: the default bank, a temporary copy of it, and an isolated home."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli

if TYPE_CHECKING:
    from quizgen.making.question import Question

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FACTS = CORPUS / "facts.yaml"
QUESTIONS = ROOT / "questions"
BANK_ARGS = ["--facts", str(FACTS), "--corpus", str(CORPUS), "--questions", str(QUESTIONS)]
BRICS = ROOT / "tests" / "banks" / "brics" / "corpus"


@functools.cache
def every_kind() -> list[Question]:
    """The default bank's questions, then the second bank's timelines: every kind there is.

    The default bank's dated events fall on both sides of its facts' date or within a week
    of each other, so it makes no timeline (those order themselves).
    """
    from quizgen.making.selection import load_and_generate

    default = load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions
    second = load_and_generate(BRICS / "facts.yaml", BRICS, QUESTIONS)[1].questions
    return [*default, *(q for q in second if q.kind == "ordering")]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME and the XDG data folder at a temporary folder: no test touches the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache of generated questions per test: no test reads the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "xdg"))
    monkeypatch.delenv("QUIZGEN_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the CLI in-process: ``run("check", *BANK_ARGS)``."""

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def tmp_bank(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the default bank: ``tmp/corpus/…`` and ``tmp/questions/…``."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(QUESTIONS, tmp_path / "questions")
    yield tmp_path


def bank_args(root: Path) -> list[str]:
    """The ``--facts/--corpus/--questions`` options for a bank laid out under ``root``."""
    return ["--facts", str(root / "corpus" / "facts.yaml"), "--corpus", str(root / "corpus"),
            "--questions", str(root / "questions")]
