"""Work on two cores gives what a loop gives: the same results, in order, the same errors."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from quizgen import forked


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def nap_and_pid(seconds: float) -> tuple[float, int]:
    time.sleep(seconds)
    return seconds, os.getpid()


def test_results_come_in_order_and_a_free_process_takes_the_next_item() -> None:
    if not forked.can_fork():
        pytest.skip("no second core or no fork here")
    naps = [0.8, 0.05, 0.05, 0.05, 0.05, 0.05]
    results = forked.map_on_two_cores(nap_and_pid, naps)
    assert [r for r, _ in results] == naps
    slow = results[0][1]
    assert len({pid for _, pid in results}) == 2  # half from a child, half from here
    # While one process naps on the long item, the other makes the short ones.
    assert sum(pid == slow for _, pid in results[1:]) <= 1


def test_one_item_or_no_fork_is_a_plain_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    assert forked.map_on_two_cores(square_and_pid, [3]) == [(9, os.getpid())]
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert forked.map_on_two_cores(square_and_pid, [1, 2]) == [(1, os.getpid()), (4, os.getpid())]


def test_a_child_that_fails_is_redone_here_and_its_error_raised_here() -> None:
    parent = os.getpid()

    def only_here(n: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # a child that dies without a word
        return n + 1

    assert forked.map_on_two_cores(only_here, [1, 2, 3]) == [2, 3, 4]

    def fails_on_two(n: int) -> int:
        if n == 2:
            raise ValueError("two")
        return n

    with pytest.raises(ValueError, match="two"):
        forked.map_on_two_cores(fails_on_two, [1, 2])
    with pytest.raises(ValueError, match="two"):
        forked.map_on_two_cores(fails_on_two, [2, 1])  # the parent's own item fails


def test_background_work_runs_in_a_child_and_finishing_waits_for_it(tmp_path: Path) -> None:
    if not forked.can_fork():
        pytest.skip("no second core or no fork here")
    done = tmp_path / "done"
    seen: list[int] = []

    def work() -> None:
        time.sleep(0.3)  # still working when the body ends
        seen.append(os.getpid())
        done.write_text(str(os.getpid()))

    with forked.finishing():
        forked.in_background(work)
        assert not done.exists()
    assert done.exists()  # waited for
    assert seen == []  # done in the child's memory, not here
    assert int(done.read_text()) != os.getpid()


def test_background_work_outside_finishing_is_done_at_once() -> None:
    seen: list[int] = []
    forked.in_background(lambda: seen.append(os.getpid()))
    assert seen == [os.getpid()]


def test_generation_on_two_cores_gives_what_one_process_gives(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if not forked.can_fork():
        pytest.skip("no second core or no fork here")
    from quizgen.bank.loader import load_bank
    from quizgen.making import generate
    from quizgen.making.templates import load_templates
    from tests.conftest import BRICS, CORPUS, FACTS, QUESTIONS

    templates = load_templates(QUESTIONS)
    children: list[int] = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    for facts, corpus in ((FACTS, CORPUS), (BRICS / "facts.yaml", BRICS)):
        bank = load_bank(facts, corpus)
        one = generate.generate_questions(bank, templates, seed=3)
        monkeypatch.setattr(generate, "TWO_CORES_FROM", 0)
        monkeypatch.setattr(os, "fork", counted_fork)
        two = generate.generate_questions(bank, templates, seed=3)
        monkeypatch.undo()
        assert two.questions == one.questions
        assert two.skipped == one.skipped
    assert len(children) == 2  # one child per bank: the second core did work


def test_a_template_error_on_two_cores_is_the_one_a_single_process_raises(
        monkeypatch: pytest.MonkeyPatch, tmp_bank: Path) -> None:
    from quizgen.bank.loader import load_bank
    from quizgen.making import generate
    from quizgen.making.templates import load_templates

    questions = tmp_bank / "questions"
    names = sorted(p.name for p in questions.glob("*.yaml"))
    for name in (names[1], names[2]):  # two broken templates: the earlier one is reported
        path = questions / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("{{ fact.", "{{ 1 / 0 + fact.", 1), encoding="utf-8")
    bank = load_bank(tmp_bank / "corpus" / "facts.yaml", tmp_bank / "corpus")
    templates = load_templates(questions)
    errors = []
    for limit in (10**9, 0):
        monkeypatch.setattr(generate, "TWO_CORES_FROM", limit)
        with pytest.raises(Exception) as raised:  # noqa: PT011 - compared below
            generate.generate_questions(bank, templates)
        errors.append((type(raised.value), str(raised.value)))
    assert errors[0] == errors[1]


def test_a_spinners_thread_is_stopped_across_a_fork_and_started_again() -> None:
    if not forked.can_fork():
        pytest.skip("no second core or no fork here")
    import io
    import threading

    from rich.console import Console
    from rich.progress import Progress

    from quizgen.commands.progress import _ticks_stopped

    bar = Progress(console=Console(file=io.StringIO(), force_terminal=True), transient=True)
    bar.start()
    try:
        assert threading.active_count() == 2  # the spinner's refresh thread
        assert forked.map_on_two_cores(square_and_pid, [1, 2])[1][1] == os.getpid()  # refused
        with forked.threads_stopped_for_forks(lambda: _ticks_stopped(bar.live)):
            results = forked.map_on_two_cores(nap_and_pid, [0.5, 0.05, 0.05])
            assert threading.active_count() == 2  # started again after the fork
        assert [r for r, _ in results] == [0.5, 0.05, 0.05]
        assert len({pid for _, pid in results}) == 2  # a child made some of them
    finally:
        bar.stop()
