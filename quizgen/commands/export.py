"""``quizgen export``: write the questions in a format other tools read."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options, filter_options

FORMATS = ("json",)


@click.command()
@bank_options
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="File to write (replaced atomically).")
def export(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
           tags: tuple[str, ...], seed: int, fmt: str, output: Path) -> None:
    """Export questions for other tools.

    \b
    Example:
      quizgen export --format json -o questions.json
    """
    from quizgen.atomic import write_atomic
    from quizgen.render.json import to_json
    from quizgen.selection import Filters, load_and_generate, select

    _, generation = load_and_generate(facts_path, corpus_dir, questions_dir, seed=seed)
    chosen = select(generation.questions, Filters(kinds, tags, seed=seed))
    write_atomic(output, to_json(chosen))
    click.echo(f"Wrote {len(chosen)} questions to {output}", err=True)
