"""``quizgen init``: a new bank to start from, written without overwriting anything."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

from quizgen.bank.location import builtin_root
from quizgen.errors import OutputError

STARTER = Path(str(files("quizgen") / "assets" / "starter"))


def starter_files(with_templates: bool) -> dict[Path, Path]:
    """Relative target path → source file of everything a new bank holds."""
    chosen = {p.relative_to(STARTER): p for p in sorted(STARTER.rglob("*")) if p.is_file()}
    if with_templates:
        questions = builtin_root() / "questions"
        chosen |= {Path("questions", p.name): p for p in sorted(questions.glob("*.yaml"))}
    return chosen


def create_bank(target: Path, *, with_templates: bool = False) -> list[Path]:
    """Write a starter bank into ``target``; refuse, writing nothing, if any file is there."""
    plan = {target / rel: source for rel, source in starter_files(with_templates).items()}
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file; give a new folder for the bank")
    clashes = [path for path in plan if path.exists() or path.is_symlink()]
    if clashes:
        raise OutputError(f"{target}: already holds {', '.join(str(p) for p in clashes[:5])}; "
                          "init writes only into a new or empty folder and overwrites nothing")
    written = []
    try:
        for path, source in plan.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as src, path.open("xb") as dst:  # "x": never overwrite
                shutil.copyfileobj(src, dst)
            written.append(path)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write the bank: {exc.strerror or exc}") from None
    return written
