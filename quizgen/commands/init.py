"""``quizgen init``: start a new bank."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--with-templates", is_flag=True,
              help="Also copy the built-in question templates into DIR/questions/ to edit.")
def init(directory: Path, with_templates: bool) -> None:
    """Start a new bank in DIR: an example article, facts that pass check, and a README.

    Without --with-templates the bank uses the built-in question templates. Refuses to
    overwrite anything: DIR must be new or hold none of the files.

    \b
    Example:
      quizgen init mybank && quizgen check --bank mybank
    """
    from quizgen.bank.starter import create_bank

    written = create_bank(directory, with_templates=with_templates)
    click.echo(f"Wrote {len(written)} files to {directory}; next: read {directory / 'README.md'} "
               f"and run `quizgen check --bank {directory}`")
