"""Where the bank is: ``--bank``, ``QUIZGEN_BANK``, ``./corpus/facts.yaml``, or the built-in one.

A bank is a folder holding ``corpus/`` (the articles and ``facts.yaml``) and optionally
``questions/`` (templates; without it the built-in templates are used). ``--facts``,
``--corpus`` and ``--questions`` override single parts of whichever bank was found.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import BankError

ENV_VAR = "QUIZGEN_BANK"
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BankLocation:
    """The three paths a command reads, and where each came from."""

    facts: Path
    corpus: Path
    questions: Path
    origin: str
    questions_origin: str

    def describe(self) -> str:
        """One line for stderr: which bank and which templates a command uses."""
        return (f"bank: {self.facts} ({self.origin}); "
                f"templates: {self.questions}{os.sep} ({self.questions_origin})")


def builtin_root() -> Path:
    """The folder of the built-in bank: packaged in the wheel, or the source checkout."""
    candidates = (PACKAGE / "builtin", PACKAGE.parent)
    for root in candidates:
        if (root / "corpus" / "facts.yaml").is_file() and (root / "questions").is_dir():
            return root
    raise BankError([f"looked in {c}" for c in candidates],
                    summary="The built-in bank is missing from this installation; reinstall "
                            "quizgen, or give a bank with --bank DIR")


def locate_bank(bank: Path | None = None, facts: Path | None = None, corpus: Path | None = None,
                questions: Path | None = None, *, env: Mapping[str, str] | None = None,
                cwd: Path | None = None) -> BankLocation:
    """Resolve the bank lookup order; a bank named but not there is an error saying where."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    root, root_origin = _find_root(bank, env, cwd, need_facts=facts is None and corpus is None)
    origin = root_origin
    if facts is not None:
        facts_path, origin = facts, "--facts"
    elif corpus is not None:
        facts_path, origin = corpus / "facts.yaml", "--corpus"
    else:
        facts_path = root / "corpus" / "facts.yaml"
    corpus_dir = corpus if corpus is not None else (
        facts.parent if facts is not None else root / "corpus")
    if questions is not None:
        return BankLocation(facts_path, corpus_dir, questions, origin, "--questions")
    if (root / "questions").is_dir():
        return BankLocation(facts_path, corpus_dir, root / "questions", origin, root_origin)
    return BankLocation(facts_path, corpus_dir, builtin_root() / "questions", origin, "built-in")


def _find_root(bank: Path | None, env: Mapping[str, str], cwd: Path,
               need_facts: bool) -> tuple[Path, str]:
    """The bank folder and how it was chosen, in the documented order."""
    named = [(bank, "--bank")] if bank is not None else []
    if not named and env.get(ENV_VAR):
        named = [(Path(env[ENV_VAR]), ENV_VAR)]
    for root, origin in named:
        if need_facts and not (root / "corpus" / "facts.yaml").is_file():
            raise BankError([f"{root / 'corpus' / 'facts.yaml'}: not found"],
                            summary=f"No bank in {root} (from {origin}): a bank is a folder "
                                    "holding corpus/facts.yaml; `quizgen init DIR` makes one")
        return root, origin
    if (cwd / "corpus" / "facts.yaml").is_file():
        return (Path(".") if cwd == Path.cwd() else cwd), "current folder"
    return builtin_root(), "built-in"

