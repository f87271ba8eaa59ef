"""A spinner on stderr while a long command works: only on a terminal, nothing when piped."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from quizgen.forked import threads_stopped_for_forks

if TYPE_CHECKING:
    from rich.live import Live


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
        with threads_stopped_for_forks(lambda: _ticks_stopped(bar.live)):
            yield lambda text: bar.update(task, description=text, refresh=True)


@contextlib.contextmanager
def _ticks_stopped(live: Live) -> Iterator[None]:
    """The spinner's refresh thread stopped (a fork must copy no other thread), then, in
    this process only, started again. Uses rich's ``Live`` internals: if they change,
    nothing is stopped and work stays in one process (forked.can_fork sees the thread)."""
    from rich.live import _RefreshThread

    thread = getattr(live, "_refresh_thread", None)
    if not isinstance(thread, _RefreshThread):
        yield
        return
    with live._lock:
        thread.stop()
        live._refresh_thread = None
    thread.join()
    parent = os.getpid()
    try:
        yield
    finally:
        if os.getpid() == parent and live.is_started:
            live._refresh_thread = _RefreshThread(live, live.refresh_per_second)
            live._refresh_thread.start()
