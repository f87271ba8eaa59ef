"""The command line as a whole: version, help that documents, fast start."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import click
import pytest
from click.testing import Result

from quizgen import __version__
from quizgen.cli import COMMANDS, cli
from tests.conftest import ROOT


def test_version(run: Callable[..., Result]) -> None:
    assert run("--version").output.strip() == f"quizgen, version {__version__}"


def test_help_lists_every_command(run: Callable[..., Result]) -> None:
    output = run("--help").output
    for name in COMMANDS:
        assert f"  {name} " in output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_summary_is_the_first_line_of_the_commands_own_help(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.help is not None
    assert COMMANDS[name][1] == command.help.strip().splitlines()[0]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(
        run: Callable[..., Result], name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output, f"`quizgen {name} --help` shows no example"
    assert f"quizgen {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_dash_m_runs_the_same_program() -> None:
    result = subprocess.run([sys.executable, "-m", "quizgen", "--version"], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == f"quizgen, version {__version__}"


def test_help_imports_no_heavy_library_and_no_command() -> None:
    probe = (
        "import sys\n"
        "from quizgen.cli import cli\n"
        "try:\n    cli(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print('COMMANDS:' + ','.join(m for m in sys.modules if m.startswith('quizgen.commands')))\n"
        "heavy = ['pydantic', 'jinja2', 'yaml', 'genanki', 'weasyprint', 'rich', 'fsrs', 'anki',"
        " 'rapidfuzz', 'unidecode']\n"
        "print('HEAVY:' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    *_, commands, heavy = result.stdout.strip().splitlines()
    assert (commands, heavy) == ("COMMANDS:", "HEAVY:")


def test_unknown_command_is_a_usage_error(run: Callable[..., Result]) -> None:
    result = run("frobnicate")
    assert result.exit_code == 2 and "No such command" in result.output
