"""``quizgen cache``: show or clear the cache of generated questions; and ``--no-cache``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _no_cache(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        from quizgen.store import cache_disabled

        ctx.with_resource(cache_disabled())  # for this command only


def no_cache_option(func: F) -> F:
    """``--no-cache``: load and generate the bank afresh, neither reading nor writing the cache."""
    return click.option("--no-cache", is_flag=True, expose_value=False, callback=_no_cache,
                        is_eager=True, help="Neither read nor write the cache of generated "
                        "questions (also: QUIZGEN_NO_CACHE=1).")(func)


@click.command()
@click.option("--clear", is_flag=True, help="Remove every entry.")
def cache(clear: bool) -> None:
    """Show where generated questions are cached and how much, or clear the cache.

    A bank's questions (and each deck written from them) are kept between runs, keyed by
    every byte of its facts, corpus and templates, the options and quizgen's own code,
    so a changed input is never served stale.

    \b
    Examples:
      quizgen cache
      quizgen cache --clear
    """
    from quizgen.making.cache import cache_usage, clear_cache
    from quizgen.store import cache_enabled

    if clear:
        removed = clear_cache()
        click.echo(f"removed {_count(removed, 'file')} from {cache_usage().folder}")
        return
    usage = cache_usage()
    state = "on" if cache_enabled() else "off (QUIZGEN_NO_CACHE is set)"
    counts = ", ".join([
        _count(usage.entries, "file", "of generated questions"),
        _count(usage.templates, "compiled template"),
        _count(usage.paragraphs, "split paragraph"),
        _count(usage.validated, "file", "of validated input"),
        _count(usage.outputs, "written deck"),
    ])
    click.echo(f"cache: {usage.folder}\n  {counts}, {usage.size / 1e6:.1f} MB; caching is {state}")


def _count(n: int, noun: str, after: str = "") -> str:
    """``1 written deck``, ``2 written decks``, ``0 files of validated input``."""
    return " ".join(filter(None, [str(n), noun if n == 1 else f"{noun}s", after]))
