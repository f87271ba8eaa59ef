"""Every command that writes respects what is at its output path (issue 17, items 1-3)."""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli
from tests.conftest import BANK_ARGS, bank_args


def export(*args: str) -> Result:
    return CliRunner().invoke(cli, ["export", *BANK_ARGS, "--format", "json", *args])


# -- 1. whatever is at the path is written through or refused, never replaced ------------


def test_a_symlink_to_a_character_device_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/dev/null")
    result = export("-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()),
                              daemon=True)
    reader.start()
    result = export("-o", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = export("-o", str(path))
    finally:
        server.close()
    assert result.exit_code == 1
    assert f"{path}: is not a regular file" in result.output
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_dash_writes_the_export_to_standard_output(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", *BANK_ARGS, "--format", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert not (tmp_path / "-").exists()


def test_dash_writes_the_deck_to_standard_output(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["anki", *BANK_ARGS, "--tag", "summit", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK")  # a zip: the .apkg itself
    assert not (tmp_path / "-").exists()


def test_dash_without_a_format_asks_for_one(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", *BANK_ARGS, "-o", "-"])
    assert result.exit_code == 2
    assert "cannot tell the format from standard output (-o -); add --format" in result.output
    assert not list(tmp_path.iterdir())


def test_a_sheet_cannot_go_to_standard_output() -> None:
    result = CliRunner().invoke(cli, ["sheet", *BANK_ARGS, "-o", "-"])
    assert result.exit_code == 2
    assert "not to standard output" in result.output


# -- 2. no output is written over an input of the bank -------------------------------------

WRITERS: dict[str, Callable[[Path], list[str]]] = {
    "export json over the facts file": lambda b: [
        "export", *bank_args(b), "--format", "json", "-o", str(b / "corpus" / "facts.yaml")],
    "anki over an article": lambda b: [
        "anki", *bank_args(b), "-o", str(b / "corpus" / "reuters.md")],
    "export gift over a template file": lambda b: [
        "export", *bank_args(b), "--format", "gift", "-o", str(b / "questions" / "roles.yaml")],
    "sheet over an article": lambda b: [
        "sheet", *bank_args(b), "-o", str(b / "corpus" / "reuters.html")],
    "quiz history over the facts file": lambda b: [
        "quiz", *bank_args(b), "--n", "1", "--db", str(b / "corpus" / "facts.yaml")],
    "build into the corpus": lambda b: [
        "build", *bank_args(b), "--out", str(b / "corpus")],
}


@pytest.mark.parametrize("make_args", WRITERS.values(), ids=WRITERS.keys())
def test_no_command_writes_over_the_banks_inputs(tmp_bank: Path,
                                                  make_args: Callable[[Path], list[str]]) -> None:
    args = make_args(tmp_bank)
    if args[0] == "sheet":
        (tmp_bank / "corpus" / "reuters.html").symlink_to("reuters.md")
    if args[0] == "build":  # the deck's name as the bank's title makes it: a file there already
        (tmp_bank / "corpus" / "csto-summit-2025.apkg").hardlink_to(tmp_bank / "corpus" / "fergana.md")
    before = {p: p.read_bytes() for p in (tmp_bank / "corpus").iterdir() if p.is_file()}
    before |= {p: p.read_bytes() for p in (tmp_bank / "questions").iterdir()}
    result = CliRunner().invoke(cli, args, input="x\n")
    assert result.exit_code == 1, result.output
    assert "an input of the bank" in result.output
    assert "refusing to write over" in result.output
    after = {p: p.read_bytes() for p in before}
    assert after == before


# -- 3. an existing file keeps its mode, its links and its symlink -------------------------


def test_an_overwritten_file_keeps_its_mode(tmp_path: Path) -> None:
    private = tmp_path / "private.json"
    private.write_text("old")
    private.chmod(0o600)
    assert export("-o", str(private)).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert json.loads(private.read_text())


def test_a_symlinked_output_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target.name)
    assert export("-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert json.loads(target.read_text())


def test_a_hard_linked_output_stays_linked(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text("old")
    two = tmp_path / "two.json"
    two.hardlink_to(one)
    assert export("-o", str(one)).exit_code == 0
    assert one.stat().st_ino == two.stat().st_ino
    assert json.loads(two.read_text())


# -- the history: stats and review read one, only quiz starts one --------------------------


@pytest.mark.parametrize("command", ["stats", "review"])
def test_stats_and_review_do_not_create_a_missing_history(tmp_path: Path, command: str) -> None:
    db = tmp_path / "typo.sqlite3"
    result = CliRunner().invoke(cli, [command, *BANK_ARGS, "--db", str(db)], input="")
    assert result.exit_code == 1
    assert f"{db}: no review history there" in result.output
    assert not db.exists()


def test_an_export_filter_that_matches_nothing_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "none.json"
    result = export("--tag", "nosuchtag", "-o", str(out))
    assert result.exit_code == 2  # a tag no question has is a usage error, as for anki
    assert "--tag 'nosuchtag': no question has this tag" in result.output
    assert not out.exists()
