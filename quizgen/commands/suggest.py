"""``quizgen suggest``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--facts", "facts_path", type=click.Path(path_type=Path), default=Path("corpus/facts.yaml"),
              show_default=True, help="The facts file to compare with (skipped if it does not load).")
def suggest(article: Path, facts_path: Path) -> None:
    """Suggest candidate facts from one article, as YAML to paste under `facts:` and edit.

    Each suggestion quotes one sentence of the article verbatim, so it passes the
    quote check as it stands: dates and what happens on them, people with titles,
    named exercises and operations, figures with units, membership statements.
    Nothing is added to the bank; fields to fill in say TODO.

    \b
    Example:
      quizgen suggest corpus/reuters.md > reuters-suggestions.yaml
    """
    from quizgen.curate.draft import suggest_article

    text, note = suggest_article(article, facts_path)
    click.echo(text, nl=False)
    if note:
        click.echo(note, err=True)
