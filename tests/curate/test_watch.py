"""`quizgen check --watch` checks again when a bank file changes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from quizgen.curate.watch import watch_paths
from tests.conftest import ROOT, bank_args


def test_a_save_runs_the_check_again(tmp_path: Path) -> None:
    target = tmp_path / "facts.yaml"
    target.write_text("one", encoding="utf-8")
    runs: list[str] = []
    stop = threading.Event()
    started, changed = threading.Event(), threading.Event()

    def run() -> None:
        runs.append(target.read_text(encoding="utf-8"))
        started.set()
        if len(runs) == 2:
            changed.set()
            stop.set()

    thread = threading.Thread(target=watch_paths, args=([target, tmp_path / "absent"], run, stop))
    thread.start()
    started.wait(30)
    while not changed.is_set() and thread.is_alive():  # rewrite until the watcher has seen a change
        target.write_text("two", encoding="utf-8")
        changed.wait(0.5)
    stop.set()
    thread.join(30)
    assert runs[:2] == ["one", "two"]


def test_watch_reports_an_error_and_goes_on_watching(tmp_bank: Path) -> None:
    facts = tmp_bank / "corpus" / "facts.yaml"
    facts.write_text("title: [unclosed\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "quizgen", "check", "--watch", *bank_args(tmp_bank)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout is not None
        first = [proc.stdout.readline() for _ in range(3)]
        assert first[0] == "Error: Cannot read facts.yaml:\n"
        assert "YAML syntax error" in first[1]
        assert first[2] == "--- watching for changes (Ctrl-C to stop)\n"
        assert proc.poll() is None  # still watching
    finally:
        proc.terminate()
        proc.wait(30)
