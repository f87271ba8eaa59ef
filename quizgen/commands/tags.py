"""``quizgen tags``: the tags ``--tag`` can take."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options


@click.command()
@bank_options
def tags(facts_path: Path, corpus_dir: Path, questions_dir: Path) -> None:
    """List the bank's tags with how many questions carry each.

    Tags are the facts' tags, their kinds and `disputed`; `--tag` matches them in any case.

    \b
    Example:
      quizgen tags
      quizgen quiz --tag armenia
    """
    from quizgen.making.selection import load_and_generate
    from quizgen.making.tags import count_tags

    _, generation = load_and_generate(facts_path, corpus_dir, questions_dir)
    counts = count_tags(generation.questions)
    width = max((len(tag) for tag in counts), default=0)
    for tag, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"{tag:<{width}}  {n}")
