"""Pausing Python's cyclic garbage collector during bulk work on a bank.

Loading a large bank, generating its questions and writing its deck create millions
of objects that all stay alive, and the collector scans them again and again for
cycles they do not have: on a 20,000-fact bank that scanning took three quarters of
the YAML parse, over a third of generation and half of writing the deck. Reference
counting still frees everything as usual; only the search for cycles waits until the
bulk work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the body; nested uses leave it to the outermost."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
