"""A cache of generated questions that cannot lie: keyed by every byte that shapes them.

It also keeps each template field's compiled Jinja2 code and each quoted paragraph's
sentence spans, keyed by that text (and each facts file's validated facts, each keyed by
its parsed mapping: quizgen.bank.validated) and the same fingerprint of quizgen and its libraries
(both are pure functions of those), so they survive an edit of any other input.

An entry holds what loading and generating a bank gave (the ``Bank`` and the
``Generation``, in two files so a quiz reads only its questions). Its key hashes every
input byte (the facts file, every file in the corpus and templates folders), quizgen's
own code and assets, the installed libraries' versions, the Python
version, the seed and the paths as given. Each file starts with a header naming its
key and the SHA-256 of its payload; a damaged, truncated, foreign or stale file is
ignored (and rewritten), never trusted. Files are written to a temporary name and
renamed, so two processes racing on one entry each leave a whole file (how files are
kept, and whether the cache is on at all: quizgen.store).

``QUIZGEN_NO_CACHE=1`` or ``--no-cache`` turn it off; ``QUIZGEN_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

from quizgen.store import (
    CODE_SUFFIX,
    FACTS_SUFFIX,
    MODEL_SUFFIX,
    OUTPUT_SUFFIX,
    PIECE_SUFFIXES,
    SPANS_SUFFIX,
    SUFFIX,
    cache_dir,
    cache_enabled,
    code_fingerprint,
    kept,
    read_payload,
    write_payload,
)

if TYPE_CHECKING:
    from quizgen.bank.loader import Bank
    from quizgen.making.generation import Generation


def bank_key(facts: Path, corpus: Path, questions_dir: Path, seed: int) -> str | None:
    """The key of a bank's entry, or None when an input cannot be read (then do not cache).

    Every file of the corpus and templates folders counts, read or not: a spare file
    costs a rebuild, a missed one would serve stale questions.
    """
    digest = hashlib.sha256(f"{code_fingerprint()}\0{seed}\0".encode())
    try:
        _add_file(digest, facts, facts)
        for folder in (corpus, questions_dir):
            digest.update(f"folder {folder}\0".encode())
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    _add_file(digest, path, path.name)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _add_file(digest: Any, path: Path, name: object) -> None:
    data = path.read_bytes()
    digest.update(f"file {name} {len(data)}\0".encode())
    digest.update(data)


@dataclass(frozen=True)
class Entry:
    """One bank's entry: its key and where its two parts live."""

    key: str
    folder: Path

    def path(self, part: str) -> Path:
        return self.folder / f"{self.key}.{part}{SUFFIX}"

    def read(self, part: str) -> Any | None:
        """The part's object, or None when it is missing, damaged or not this entry's."""
        payload = read_payload(self.path(part), f"{self.key} {part}")
        if payload is None:
            return None
        try:
            return pickle.loads(payload)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError, IndexError, KeyError):
            return None

    def write(self, part: str, value: object) -> None:
        """Store the part atomically; a cache that cannot be written is simply not used."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        write_payload(self.path(part), f"{self.key} {part}", payload)


def compiled_code(source: str, compile_source: Callable[[], CodeType]) -> CodeType:
    """Jinja2's code for a template source: from the cache, else compiled and stored.

    A source that does not compile raises from ``compile_source`` and is never stored,
    so every error is still reported.
    """
    code = kept("template", source, compile_source, lambda v: isinstance(v, CodeType))
    return code  # type: ignore[no-any-return]


def cached_run(facts: Path, corpus: Path, questions_dir: Path, seed: int,
               parts: tuple[str, ...], compute: Callable[[], tuple[Any, ...]]) -> tuple[Any, ...]:
    """The named parts of a bank's entry, from the cache when whole, else from ``compute``.

    ``compute`` returns every part (in the order "bank", "generation"); its result is
    stored only if no input changed while it ran.
    """
    key = bank_key(facts, corpus, questions_dir, seed) if cache_enabled() else None
    if key is None:
        return _pick(compute(), parts)
    entry = Entry(key, cache_dir())
    from quizgen.gcpause import gc_paused

    with gc_paused():  # unpickling builds every question; nothing in it is a cycle to find
        found = [entry.read(part) for part in parts]
    if all(value is not None for value in found):
        return tuple(found)
    computed = compute()
    if bank_key(facts, corpus, questions_dir, seed) == key:
        from quizgen.forked import in_background

        # Stored by a child while this process writes its output (under the CLI).
        in_background(lambda: _write_all(entry, computed))
    return _pick(computed, parts)


def _write_all(entry: Entry, computed: tuple[Any, ...]) -> None:
    for part, value in zip(ALL_PARTS, computed, strict=True):
        entry.write(part, value)


ALL_PARTS = ("bank", "generation")


def _pick(computed: tuple[Any, ...], parts: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(computed[ALL_PARTS.index(part)] for part in parts)


def cached_bank(facts: Path, corpus: Path, questions_dir: Path, seed: int,
                compute: Callable[[], tuple[Bank, Generation]]) -> tuple[Bank, Generation]:
    """A bank and its questions, cached."""
    bank, generation = cached_run(facts, corpus, questions_dir, seed, ALL_PARTS, compute)
    return bank, generation


def cached_generation(facts: Path, corpus: Path, questions_dir: Path, seed: int,
                      compute: Callable[[], tuple[Bank, Generation]]) -> Generation:
    """A bank's questions only, cached (a hit reads neither the bank nor its models)."""
    (generation,) = cached_run(facts, corpus, questions_dir, seed, ("generation",), compute)
    return generation  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Usage:
    """What the cache folder holds."""

    folder: Path
    entries: int  # files of banks' entries (two per bank and seed)
    templates: int  # compiled template fields
    paragraphs: int  # paragraphs split into sentences
    validated: int  # validated facts files, front matter and templates
    outputs: int  # written decks kept whole (quizgen.render.kept)
    size: int


def cache_usage() -> Usage:
    """How many files the cache holds, of each sort, and their total size in bytes."""
    folder = cache_dir()
    entries, templates = _files(folder, SUFFIX), _files(folder, CODE_SUFFIX)
    paragraphs = _files(folder, SPANS_SUFFIX)
    validated = _files(folder, FACTS_SUFFIX) + _files(folder, MODEL_SUFFIX)
    outputs = _files(folder, OUTPUT_SUFFIX)
    every = [*entries, *templates, *paragraphs, *validated, *outputs]
    return Usage(folder, len(entries), len(templates), len(paragraphs), len(validated),
                 len(outputs), sum(f.stat().st_size for f in every))


def _files(folder: Path, suffix: str) -> list[Path]:
    return sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []


def clear_cache() -> int:
    """Remove every cache file (and stray temporary files); how many cache files went."""
    folder = cache_dir()
    removed = 0
    for path in [_file for suffix in sorted({SUFFIX, *PIECE_SUFFIXES.values()})
                 for _file in _files(folder, suffix)]:
        path.unlink(missing_ok=True)
        removed += 1
    for path in folder.glob(".*.tmp") if folder.is_dir() else []:
        path.unlink(missing_ok=True)
    return removed
