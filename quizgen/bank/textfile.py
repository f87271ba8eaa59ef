"""Reading user files as text, with errors that name the file and line."""

from __future__ import annotations

import stat
from pathlib import Path

from quizgen.errors import BankError

MAX_BYTES = 200 * 1024 * 1024


def read_text(path: Path, what: str) -> str:
    """Read ``path`` as UTF-8 text (a byte-order mark is allowed), or raise BankError."""
    if not path.exists():
        raise BankError([f"{path}: {what} not found"], summary="Cannot read the bank")
    if path.is_dir():
        raise BankError([f"{path}: is a directory, expected a {what}"], summary="Cannot read the bank")
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            # /dev/zero reports size 0 and never ends; a FIFO blocks until someone writes.
            raise BankError([f"{path}: not a regular file (a device, FIFO or socket); "
                             f"expected a {what}"], summary="Cannot read the bank")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise BankError([f"{path}: more than {MAX_BYTES} bytes is too large for a {what}"],
                            summary="Cannot read the bank")
    except OSError as exc:
        raise BankError([f"{path}: cannot read: {exc.strerror}"], summary="Cannot read the bank") from None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise BankError([f"{path}:{line}: binary data (a NUL byte); expected a UTF-8 {what}"],
                        summary="Cannot read the bank")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BankError(
            [f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
             "save the file as UTF-8"],
            summary="Cannot read the bank",
        ) from None
