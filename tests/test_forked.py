"""Work on two cores gives what a loop gives: the same results, in order, the same errors."""

from __future__ import annotations

import os

import pytest

from quizgen import forked


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_in_order_and_half_from_a_child() -> None:
    if not forked.can_fork():
        pytest.skip("no second core or no fork here")
    results = forked.map_on_two_cores(square_and_pid, list(range(7)))
    assert [r for r, _ in results] == [n * n for n in range(7)]
    assert {pid for _, pid in results[::2]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in results[1::2]}


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
