"""Writing output files safely: a reader sees the old file or the new, never half.

Whatever is at the path is respected: a symlink is followed and its target written; an
existing file keeps its mode (and owner, where the writer may set it); a hard-linked file,
a character device or a FIFO is written through in place, never replaced; a socket, a
block device or a directory is refused; ``-`` means standard output; and an input of the
bank is never written over (:func:`refuse_inputs`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from quizgen.errors import OutputError

STDOUT = "-"


def is_stdout(path: Path | str) -> bool:
    """Whether ``path`` is ``-``, standard output."""
    return str(path) == STDOUT


def refuse_inputs(outputs: Collection[Path], inputs: Collection[Path]) -> None:
    """Raise OutputError if any of ``outputs`` is (or links to) one of the bank's ``inputs``."""
    held = {}
    for path in inputs:
        with contextlib.suppress(OSError):
            st = os.stat(path)
            held[(st.st_dev, st.st_ino)] = path
    for output in outputs:
        if is_stdout(output):
            continue
        try:
            st = os.stat(output)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in held:
            raise OutputError(f"{output}: refusing to write over {held[(st.st_dev, st.st_ino)]}, "
                              "an input of the bank; give another file name")


def _target(path: Path) -> tuple[Path, os.stat_result | None]:
    """Where writing ``path`` really goes (symlinks followed), and what is there now."""
    try:
        target = path.resolve() if path.is_symlink() else path
    except (OSError, RuntimeError):
        raise OutputError(f"{path}: cannot write: a symlink loop") from None
    try:
        st = target.stat()
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is a directory; give a file name")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise OutputError(f"{path}: is not a regular file (a socket or a block device); "
                          "refusing to write to it")
    return target, st


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary(folder: Path, name: str, path: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    os.close(fd)
    return Path(tmp_name)


@contextlib.contextmanager
def atomic_path(path: Path, *, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path; on success its content becomes what ``path`` holds.

    A new or plain file is replaced atomically, keeping its mode; a hard-linked file, a
    character device or a FIFO gets the content written into it. On any error the
    temporary file is removed and ``path`` is left as it was. ``durable=False`` skips the
    flush to disk before the rename (for cache files, whose header checks them: a file
    a crash left empty is ignored).
    """
    path = Path(path)
    target, st = _target(path)
    in_place = st is not None and (not stat.S_ISREG(st.st_mode) or st.st_nlink > 1)
    if in_place:
        tmp = _temporary(Path(tempfile.gettempdir()), "quizgen", path)
    else:
        tmp = _temporary(target.parent if str(target.parent) else Path("."), target.name, path)
    try:
        # mkstemp makes the file private (0600): give it the old file's mode, or the usual one.
        tmp.chmod(stat.S_IMODE(st.st_mode) if st is not None else _default_mode())
        if st is not None and not in_place and os.geteuid() == 0:
            os.chown(tmp, st.st_uid, st.st_gid)
        yield tmp
        if in_place:
            with open(tmp, "rb") as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)
                if stat.S_ISREG(os.fstat(sink.fileno()).st_mode):
                    sink.flush()
                    os.fsync(sink.fileno())
            tmp.unlink()
        else:
            if durable:
                with open(tmp, "rb+") as handle:
                    os.fsync(handle.fileno())
            os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _as_bytes(data: bytes | str | Callable[[Path], None]) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, bytes):
        return data
    with tempfile.TemporaryDirectory(prefix="quizgen-") as folder:
        tmp = Path(folder, "out")
        data(tmp)
        return tmp.read_bytes()


def write_atomic(path: Path, data: bytes | str | Callable[[Path], None], *,
                 durable: bool = True) -> None:
    """Write text, bytes, or whatever ``data(tmp_path)`` writes, safely to ``path`` (or ``-``).

    ``durable``: see :func:`atomic_path`.
    """
    if is_stdout(path):
        stream = sys.stdout.buffer
        try:
            stream.write(_as_bytes(data))
            stream.flush()
        except OSError as exc:
            raise OutputError(f"standard output: cannot write: {exc.strerror}") from None
        return
    with atomic_path(path, durable=durable) as tmp:
        if callable(data):
            data(tmp)
        elif isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
