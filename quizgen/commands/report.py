"""``quizgen report``."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options


@click.command()
@bank_options
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The HTML file to write (replaced atomically).")
def report(facts_path: Path, corpus_dir: Path, questions_dir: Path, out: Path) -> None:
    """Write the curator's report: every article with its cited passages marked, every fact.

    One self-contained HTML page (no scripts, no network): the summary (facts per
    kind and per article, coverage, uncited articles, disputed facts), each article
    with the passages facts quote highlighted and linked, and each fact with its
    sources, the questions it yields and those skipped, with the reason.

    \b
    Example:
      quizgen report -o bank.html
    """
    from quizgen.curate.report import write_report

    bank = write_report(facts_path, corpus_dir, questions_dir, out)
    click.echo(f"Wrote {out}: {len(bank.documents)} articles, {len(bank.facts)} facts")
