"""The cache folder's files: where they live, whether the cache is on, and how each file
is written and read back so that it cannot lie.

Each file starts with a header naming its key and the SHA-256 of its payload; a damaged,
truncated, foreign or stale file is ignored (and rewritten), never trusted. Files are
written to a temporary name and renamed, so two processes racing on one file each leave
a whole one. Keys include :func:`code_fingerprint`, so a new quizgen or library version
never reads an old file. Below every stage (the bank keeps validated facts and sentence
spans here, making keeps compiled templates and generated questions: see
quizgen.making.cache).

``QUIZGEN_NO_CACHE=1`` or ``--no-cache`` turn it off; ``QUIZGEN_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import marshal
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from quizgen import __version__

MAGIC = b"quizgen-cache 1\n"
SUFFIX = ".pickle"
CODE_SUFFIX = ".code"
SPANS_SUFFIX = ".spans"
FACTS_SUFFIX = ".facts"  # a facts file's validated facts: see quizgen.bank.validated
MODEL_SUFFIX = ".model"  # one validated mapping (front matter, a template): the same
OUTPUT_SUFFIX = ".output"  # a written output file kept whole: see quizgen.render.kept
PIECE_SUFFIXES = {"template": CODE_SUFFIX, "expression": CODE_SUFFIX, "sentences": SPANS_SUFFIX,
                  "facts": FACTS_SUFFIX, "model": MODEL_SUFFIX, "output": OUTPUT_SUFFIX}
_CHUNK = 1 << 20  # kept output files are copied in pieces this big
_disabled: contextvars.ContextVar[bool] = contextvars.ContextVar("quizgen_no_cache", default=False)


def cache_dir() -> Path:
    """Where entries live: ``QUIZGEN_CACHE_DIR``, else the user cache folder."""
    if folder := os.environ.get("QUIZGEN_CACHE_DIR"):
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("quizgen", appauthor=False))


def cache_enabled() -> bool:
    """False under ``QUIZGEN_NO_CACHE`` (any value but empty or 0) or ``--no-cache``."""
    return not _disabled.get() and os.environ.get("QUIZGEN_NO_CACHE", "") in ("", "0")


@contextlib.contextmanager
def cache_disabled() -> Iterator[None]:
    """Turn the cache off for the body (what ``--no-cache`` does for one command)."""
    token = _disabled.set(True)
    try:
        yield
    finally:
        _disabled.reset(token)


@functools.cache
def code_fingerprint() -> str:
    """A hash of quizgen's own files (code and assets), the Python version and the installed
    distributions (their ``*.dist-info`` names carry their versions: an upgrade changes it)."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    for entry in sys.path:
        with contextlib.suppress(OSError):
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith(".dist-info"))
            if names:  # not the script's own folder, which differs between `python -m` and a script
                digest.update(f"{entry}\0{' '.join(names)}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            digest.update(f"{path.relative_to(package).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_payload(path: Path, name: str) -> bytes | None:
    """The payload of a cache file whose header names ``name`` and the payload's digest."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _header(name)
    if not data.startswith(header):
        return None
    digest, _, payload = data[len(header):].partition(b"\n")
    return payload if hashlib.sha256(payload).hexdigest().encode() == digest else None


def write_payload(path: Path, name: str, payload: bytes) -> None:
    from quizgen.atomic import write_atomic
    from quizgen.errors import OutputError

    digest = hashlib.sha256(payload).hexdigest().encode()
    with contextlib.suppress(OutputError):
        write_atomic(path, b"".join([_header(name), digest, b"\n", payload]), durable=False)


def keep_file(path: Path, name: str, head: bytes, source: Path) -> None:
    """Store ``head`` (one line) and then the bytes of the file ``source`` as the cache file ``path``.

    Streamed (a deck of 100,000 notes is never whole in memory); a cache that cannot be
    written is simply not used.
    """
    from quizgen.atomic import write_atomic
    from quizgen.errors import OutputError

    def write(tmp: Path) -> None:
        with open(source, "rb") as f:
            digest = _digest(f, hashlib.sha256(head))
            f.seek(0)
            with open(tmp, "wb") as out:
                out.write(b"".join([_header(name), digest, b"\n", head]))
                shutil.copyfileobj(f, out, _CHUNK)

    with contextlib.suppress(OutputError, OSError):
        write_atomic(path, write, durable=False)


def restore_file(path: Path, name: str, write: Callable[[Callable[[Path], None]], None],
                 ) -> bytes | None:
    """Hand a kept file's bytes (after its head) to ``write``; return its head, or None.

    ``write`` gets a function that copies the bytes to a path (``write_atomic`` does the
    rest). Nothing is handed over unless the whole file checks out: its header names
    ``name`` and the SHA-256 of head and bytes, read once before the copy. Cache files are
    only ever replaced, never written in place, so the open file cannot change between.
    """
    try:
        f = open(path, "rb")  # noqa: SIM115 - held open across the check and the copy
    except OSError:
        return None
    with f:
        header = _header(name)
        if f.read(len(header)) != header:
            return None
        digest = f.readline().rstrip(b"\n")
        start = f.tell()
        if _digest(f, hashlib.sha256()) != digest:
            return None
        f.seek(start)
        head = f.readline()

        def copy(tmp: Path) -> None:
            with open(tmp, "wb") as out:
                shutil.copyfileobj(f, out, _CHUNK)

        write(copy)
        return head


def _header(name: str) -> bytes:
    """What every cache file opens with: the format's mark and the name of what it holds
    (its key and kind), before the SHA-256 of the rest."""
    return MAGIC + f"{name}\n".encode()


def _digest(f: Any, digest: Any) -> bytes:
    """The hex digest of ``digest`` updated with the rest of the open file ``f``."""
    while chunk := f.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest().encode()  # type: ignore[no-any-return]


def kept(kind: str, source: str, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """A pure function's value for a text, from the cache when it holds a ``valid`` one.

    For pieces that depend on nothing but ``source`` and quizgen's code and libraries
    (a template's compiled code, a paragraph's sentences): they outlive an edit of any
    other input. The value must survive ``marshal``; an exception from ``compute`` is
    never stored.
    """
    if not cache_enabled():
        return compute()
    key = hashlib.sha256(f"{code_fingerprint()}\0{kind}\0{source}".encode()).hexdigest()
    path = cache_dir() / f"{key}{PIECE_SUFFIXES[kind]}"
    payload = read_payload(path, f"{key} {kind}")
    if payload is not None:
        with contextlib.suppress(EOFError, ValueError, TypeError):
            value = marshal.loads(payload)
            if valid(value):
                return value
    value = compute()
    write_payload(path, f"{key} {kind}", marshal.dumps(value))
    return value
