"""`quizgen check --watch`: check the bank again on every save."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path


def watch_paths(paths: Sequence[Path], run: Callable[[], None],
                stop: threading.Event | None = None) -> None:
    """Call ``run`` now and after every change under ``paths`` (those that exist), until stopped."""
    import watchfiles

    run()
    existing = [p for p in paths if p.exists()]
    try:
        for _ in watchfiles.watch(*existing, stop_event=stop, raise_interrupt=True):
            run()
    except KeyboardInterrupt:
        return
