"""A spinner on stderr while a long command works: only on a terminal, nothing when piped."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def working(description: str) -> Iterator[Callable[[str], None]]:
    """Show ``description`` with a spinner and the time taken; yield a function to change it."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(description, total=None)
        bar.refresh()  # drawn at once, not at the next tick: a quick step still shows
        yield lambda text: bar.update(task, description=text, refresh=True)
