"""``quizgen questions``: list the questions a bank makes."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options, filter_options


@click.command()
@bank_options
@filter_options
@click.option("--fact", "fact_ids", multiple=True, help="Only questions about this fact id.")
@click.option("--n", type=click.IntRange(min=1), default=None, help="Show at most N (sampled).")
@click.option("--answers/--no-answers", default=True, show_default=True, help="Show answers.")
def questions(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
              tags: tuple[str, ...], seed: int, fact_ids: tuple[str, ...], n: int | None,
              answers: bool) -> None:
    """List the questions the bank makes, in a table.

    \b
    Examples:
      quizgen questions --n 10 --seed 3
      quizgen questions --kind multiple_choice --tag exercises
      quizgen questions --fact next-summit-moscow
    """
    from rich.console import Console
    from rich.table import Table

    from quizgen.making.question import LETTERS
    from quizgen.making.selection import Filters, load_and_generate, select

    bank, generation = load_and_generate(facts_path, corpus_dir, questions_dir, seed=seed)
    unknown = [f for f in fact_ids if f not in bank.by_id]
    if unknown:
        raise click.BadParameter(f"no fact with id {unknown[0]!r} in {facts_path}; "
                                 "`quizgen questions` shows the ids", param_hint="--fact")
    chosen = select(generation.questions, Filters(kinds, tags, fact_ids, n, seed))
    table = Table(show_lines=True, title=f"{len(chosen)} questions")
    table.add_column("id", style="dim", overflow="fold")
    table.add_column("kind")
    table.add_column("question", ratio=3)
    if answers:
        table.add_column("answer", ratio=2)
    for q in chosen:
        text = q.prompt
        if q.options and q.kind == "multiple_choice":
            text += "\n" + "\n".join(f"{LETTERS[i]}) {o}" for i, o in enumerate(q.options))
        for label, items in (("", q.items), ("", q.left)):
            if items:
                text += "\n" + "\n".join(f"{LETTERS[i] if label == '' and q.items else i + 1}) {t}"
                                         for i, t in enumerate(items))
        if q.right:
            text += "\n" + "\n".join(f"{LETTERS[i].lower()}) {t}" for i, t in enumerate(q.right))
        row = [q.id, q.kind, text]
        if answers:
            row.append(q.answer_key() + (f"\n[dim]also: {', '.join(q.accept)}[/]" if q.accept else ""))
        table.add_row(*row)
    Console().print(table)
    if not chosen:
        raise click.ClickException("no questions match these filters")
