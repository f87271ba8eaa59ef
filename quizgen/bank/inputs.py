"""The files a bank is read from, so no output is ever written over one of them."""

from __future__ import annotations

import contextlib
from pathlib import Path


def bank_files(facts: Path, corpus: Path, questions: Path) -> list[Path]:
    """The facts file and every file in the corpus and templates folders."""
    files = [Path(facts)]
    for folder in (Path(corpus), Path(questions)):
        with contextlib.suppress(OSError):
            files.extend(p for p in sorted(folder.iterdir()) if p.is_file())
    return files
