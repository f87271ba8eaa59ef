"""The command line: a thin click group whose commands load only when used."""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from quizgen import __version__

# name -> ("module:function", summary). A command's module is imported only when it
# runs; `quizgen --help` lists the summaries from here, so it imports none of them.
# Each summary is the first line of its command's docstring (a test keeps them equal).
COMMANDS = {
    "anki": ("quizgen.commands.anki:anki",
             "Write an Anki deck: one note per question, with its sources on the back."),
    "build": ("quizgen.commands.build:build",
              "Rebuild everything decks/ holds: the Anki deck and the question sheets."),
    "cache": ("quizgen.commands.cache:cache",
              "Show where generated questions are cached and how much, or clear the cache."),
    "check": ("quizgen.commands.check:check",
              "Validate the bank and stress-test the questions it makes."),
    "export": ("quizgen.commands.export:export",
               "Export questions for other tools: JSON, CSV (Anki), Moodle GIFT or XML, QTI, "
               "Markdown."),
    "init": ("quizgen.commands.init:init",
             "Start a new bank in DIR: an example article, facts that pass check, and a README."),
    "tags": ("quizgen.commands.tags:tags",
             "List the bank's tags with how many questions carry each."),
    "questions": ("quizgen.commands.questions:questions",
                  "List the questions the bank makes, in a table."),
    "quiz": ("quizgen.commands.quiz:quiz",
             "Take a quiz in the terminal; every answer is saved to your review history."),
    "report": ("quizgen.commands.report:report",
               "Write the curator's report: every article with its cited passages marked, every fact."),
    "review": ("quizgen.commands.quiz:review",
               "Review what is due (spaced repetition), then new questions."),
    "schema": ("quizgen.commands.check:schema",
               "Print the JSON Schema of the facts file, for editors to validate against."),
    "sheet": ("quizgen.commands.sheet:sheet",
              "Write a printable question sheet (HTML or PDF), and its answer key with sources."),
    "suggest": ("quizgen.commands.suggest:suggest",
                "Suggest candidate facts from one article, as YAML to paste under `facts:` and edit."),
    "stats": ("quizgen.commands.quiz:stats",
              "Show your reviews, accuracy by tag and kind, what is due, and your streak."),
}


class LazyGroup(click.Group):
    """A group that imports each command's module only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module, attr = COMMANDS[name][0].split(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, from the summaries above (importing no command)."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in sorted(COMMANDS)])

    def invoke(self, ctx: click.Context) -> Any:
        from quizgen.errors import FilterError, QuizgenError
        from quizgen.forked import finishing

        try:
            with finishing():  # what a command hands to the background ends with it
                return super().invoke(ctx)
        except FilterError as exc:
            raise click.UsageError(str(exc)) from None
        except QuizgenError as exc:
            raise click.ClickException(str(exc)) from None


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
    # quizgen's models are its own: pydantic plugins (observers of validation) have nothing
    # to do with them, and finding plugins reads every installed distribution's entry
    # points, about 50 ms of each run that validates a bank. A user's own setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli(prog_name="quizgen")
