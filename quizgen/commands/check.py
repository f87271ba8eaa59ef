"""``quizgen check`` and ``quizgen schema``."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options


@click.command()
@bank_options
@click.option("-v", "--verbose", is_flag=True, help="List every skipped question.")
@click.option("--watch", is_flag=True, help="Check again on every save, until Ctrl-C.")
def check(facts_path: Path, corpus_dir: Path, questions_dir: Path, verbose: bool, watch: bool) -> None:
    """Validate the bank and stress-test the questions it makes.

    Checks the schema, ids, document references and that every quote occurs in its
    document; renders every template against every fact; then audits the questions
    as an exam author would. Exits 0 only when all is well.

    \b
    Example:
      quizgen check
      quizgen check --facts mybank/facts.yaml --corpus mybank
      quizgen check --watch
    """
    from quizgen.commands.progress import working
    from quizgen.making.check import check_bank

    if watch:
        from quizgen.curate.watch import watch_paths

        watch_paths([facts_path, corpus_dir, questions_dir],
                    lambda: _check_once(facts_path, corpus_dir, questions_dir, verbose))
        return

    with working("Checking the bank and its questions"):
        report = check_bank(facts_path, corpus_dir, questions_dir)
    click.echo(report.render(verbose=verbose))
    if not report.ok:
        raise SystemExit(1)


def _check_once(facts_path: Path, corpus_dir: Path, questions_dir: Path, verbose: bool) -> None:
    """One check in watch mode: a problem is printed, not fatal."""
    from quizgen.errors import QuizgenError
    from quizgen.making.check import check_bank

    try:
        click.echo(check_bank(facts_path, corpus_dir, questions_dir).render(verbose=verbose))
    except QuizgenError as exc:
        click.echo(f"Error: {exc}")
    click.echo("--- watching for changes (Ctrl-C to stop)")


@click.command()
def schema() -> None:
    """Print the JSON Schema of the facts file, for editors to validate against.

    \b
    Example:
      quizgen schema > facts.schema.json
    """
    import json

    from quizgen.bank.facts import FactsFile

    click.echo(json.dumps(FactsFile.model_json_schema(), indent=2))
