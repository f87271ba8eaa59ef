"""Outputs are written atomically: a killed writer leaves the previous file intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizgen.atomic import write_atomic
from quizgen.errors import OutputError


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "héllo")
    write_atomic(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "héllo"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_the_file_gets_the_usual_permissions_not_private_ones(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "deck.apkg", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "deck.apkg").stat().st_mode & 0o777 == 0o644


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_a_directory_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "x")


def test_sigkill_during_a_write_leaves_the_previous_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    target.write_text("previous version")
    writer = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from quizgen.atomic import write_atomic\n"
        "def slow(tmp):\n"
        "    with open(tmp, 'w') as f:\n"
        "        f.write('partial'); f.flush()\n"
        "        print('writing', flush=True)\n"
        "        time.sleep(60)\n"
        f"write_atomic(Path({str(target)!r}), slow)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert target.read_text() == "previous version"
    time.sleep(0)  # the leftover temporary file is hidden (dot-prefixed) and never the target
    assert all(p.name.startswith(".sheet.html.") for p in tmp_path.iterdir() if p != target)
