"""``quizgen export``: write the questions in a format other tools read."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options, filter_options
from quizgen.render.exports import FORMATS

SUFFIXES = {".json": "json", ".csv": "csv", ".gift": "gift", ".md": "md", ".markdown": "md",
            ".xml": "moodle", ".zip": "qti"}


@click.command()
@bank_options
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format  [default: from the file's suffix: .json .csv .gift .md "
                   ".xml (moodle) .zip (qti)]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write (replaced atomically), or - for standard output.")
def export(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
           tags: tuple[str, ...], seed: int, fmt: str | None, output: Path) -> None:
    """Export questions for other tools: JSON, CSV (Anki), Moodle GIFT or XML, QTI, Markdown.

    \b
    Examples:
      quizgen export -o questions.json
      quizgen export --format csv -o cards.csv          # import into Anki
      quizgen export --format gift -o moodle.txt        # Moodle: Question bank → Import
      quizgen export -o moodle.xml                      # Moodle XML: feedback per answer
      quizgen export -o canvas.zip                      # QTI 1.2: Canvas → Import content
      quizgen export --kind multiple_choice -o questions.md
    """
    from quizgen.atomic import refuse_inputs, write_atomic
    from quizgen.bank.inputs import bank_files
    from quizgen.errors import QuizgenError
    from quizgen.making.selection import Filters, load_and_generate, select
    from quizgen.render.exports import render_export

    fmt = fmt or SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        source = ("standard output (-o -)" if str(output) == "-"
                  else repr(output.name or str(output)))
        raise click.BadParameter(f"cannot tell the format from {source}; add --format "
                                 f"{'|'.join(FORMATS)}", param_hint="'--format'")
    refuse_inputs([output], bank_files(facts_path, corpus_dir, questions_dir))
    bank, generation = load_and_generate(facts_path, corpus_dir, questions_dir, seed=seed)
    chosen = select(generation.questions, Filters(kinds, tags, seed=seed))
    if not chosen:
        raise QuizgenError("no questions match these filters: nothing to export")
    write_atomic(output, render_export(chosen, fmt, title=bank.title))
    click.echo(f"Wrote {len(chosen)} questions to {output} ({fmt})", err=True)
