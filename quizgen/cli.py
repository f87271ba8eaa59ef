"""The command line: a thin click group whose commands load only when used."""

from __future__ import annotations

import importlib
from typing import Any

import click

from quizgen import __version__

# name -> "module:function"; imported on first use so `quizgen --help` starts fast.
COMMANDS = {
    "anki": "quizgen.commands.anki:anki",
    "build": "quizgen.commands.build:build",
    "check": "quizgen.commands.check:check",
    "export": "quizgen.commands.export:export",
    "questions": "quizgen.commands.questions:questions",
    "quiz": "quizgen.commands.quiz:quiz",
    "review": "quizgen.commands.quiz:review",
    "schema": "quizgen.commands.check:schema",
    "sheet": "quizgen.commands.sheet:sheet",
    "stats": "quizgen.commands.quiz:stats",
}


class LazyGroup(click.Group):
    """A group that imports each command's module only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | self._available())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name in self._available():
            module, attr = COMMANDS[name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        from quizgen.errors import QuizgenError

        try:
            return super().invoke(ctx)
        except QuizgenError as exc:
            raise click.ClickException(str(exc)) from None

    @staticmethod
    def _available() -> set[str]:
        from importlib.util import find_spec

        return {name for name, target in COMMANDS.items() if find_spec(target.split(":")[0])}


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def cli() -> None:
    """Turn a source-checked facts file into quizzes, Anki decks and question sheets.

    \b
    Start with:
      quizgen check                 validate the default bank in corpus/
      quizgen questions --n 10      see some of the questions it makes
      quizgen quiz                  take a 10-question quiz in the terminal
    """


def main() -> None:
    """Entry point of the ``quizgen`` console script."""
    cli(prog_name="quizgen")
