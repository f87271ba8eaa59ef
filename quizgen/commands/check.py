"""``quizgen check`` and ``quizgen schema``."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options


@click.command()
@bank_options
@click.option("-v", "--verbose", is_flag=True, help="List every skipped question.")
def check(facts_path: Path, corpus_dir: Path, questions_dir: Path, verbose: bool) -> None:
    """Validate the bank and stress-test the questions it makes.

    Checks the schema, ids, document references and that every quote occurs in its
    document; renders every template against every fact; then audits the questions
    as an exam author would. Exits 0 only when all is well.

    \b
    Example:
      quizgen check
      quizgen check --facts mybank/facts.yaml --corpus mybank
    """
    from quizgen.commands.progress import working
    from quizgen.making.check import check_bank

    with working("Checking the bank and its questions"):
        report = check_bank(facts_path, corpus_dir, questions_dir)
    click.echo(report.render(verbose=verbose))
    if not report.ok:
        raise SystemExit(1)


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
