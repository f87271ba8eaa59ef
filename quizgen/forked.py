"""Pure work over several items on two cores: this process and a forked child each take
the next item as they are free.

Used where the items are independent and each costs seconds (a sheet and its key laid
out by WeasyPrint; a large bank's templates, quizgen.making.generate). The results are
the ones a loop in this process gives, in order, byte for byte: the child runs the same
code on the same memory (fork copies it), and nothing it computes depends on which
process computed it.

A child that fails in any way (an exception, a crash, a truncated file) costs nothing but
time: its items are computed again here, so any error is raised as the loop raises it.
Without ``os.fork``, with one CPU, or with other threads running (a fork copies only
the calling thread, so a lock another thread held would stay held), it is that loop;
a thread of ours (the progress spinner's) is stopped across each fork instead
(``threads_stopped_for_forks``).

``in_background`` is the other use: work with only side effects (storing a cache entry)
done by a child while this process goes on, inside ``finishing()``, which waits for it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")


def can_fork() -> bool:
    """True where forking a second worker can pay: two CPUs for us, no other thread."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus >= 2


_pausers: list[Callable[[], contextlib.AbstractContextManager[None]]] = []  # see _fork
_pending: list[int] | None = None  # children working in the background: see finishing


@contextlib.contextmanager
def threads_stopped_for_forks(stop: Callable[[], contextlib.AbstractContextManager[None]],
                              ) -> Iterator[None]:
    """In the body, each fork first enters ``stop()``: a context that stops a thread of
    ours (a progress spinner's) and starts it again after, in this process only."""
    _pausers.append(stop)
    try:
        yield
    finally:
        _pausers.remove(stop)


def _fork() -> int | None:
    """``os.fork()`` with our own threads stopped across it; None where forking cannot pay."""
    with contextlib.ExitStack() as stack:
        for stop in list(_pausers):
            stack.enter_context(stop())
        if not can_fork():
            return None
        return os.fork()


def map_on_two_cores(func: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    """``[func(item) for item in items]``, shared with a forked child as each is free.

    Both processes claim the next item from one pipe, so a costly item on one side does
    not leave the other idle (give items largest first: the last ones then even out).
    """
    if not 2 <= len(items) <= _MOST_CLAIMS:
        return [func(item) for item in items]
    # The child's results go through a temporary file, not a pipe: a pipe holds 64 KB,
    # so the child would wait for this process to finish its own items before it could
    # pickle the rest, and reading the results whole would hold them twice in memory.
    with tempfile.TemporaryFile(prefix="quizgen-") as spool, _claims(len(items)) as claims:
        pid = _fork()
        if pid is None:
            return [func(item) for item in items]
        if pid == 0:  # the child: compute what it claims, store it, and leave without cleanup
            status = 1
            try:
                pickle.dump({i: func(items[i]) for i in _claimed(claims)}, spool,
                            protocol=pickle.HIGHEST_PROTOCOL)
                spool.flush()
                status = 0
            finally:
                os._exit(status)
        try:
            done = {i: func(items[i]) for i in _claimed(claims)}
        except BaseException:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        done.update(_collect(spool, pid))
    # What a failed child claimed and did not deliver is computed here.
    return [done[i] if i in done else func(items[i]) for i in range(len(items))]


_CLAIM = 4  # bytes per item number in the claims pipe
_MOST_CLAIMS = 16_384  # item numbers a pipe's 64 KB holds, written before the fork


@contextlib.contextmanager
def _claims(count: int) -> Iterator[int]:
    """A pipe holding the numbers 0 … count-1, to read one at a time; the writing end closed."""
    read, write = os.pipe()
    try:
        os.write(write, b"".join(i.to_bytes(_CLAIM, "little") for i in range(count)))
        os.close(write)
        yield read
    finally:
        with contextlib.suppress(OSError):
            os.close(write)
        os.close(read)


def _claimed(claims: int) -> Iterator[int]:
    """Item numbers this process claims, until none is left (a pipe's read of a few bytes
    is atomic: each number goes to one process)."""
    while len(data := os.read(claims, _CLAIM)) == _CLAIM:
        yield int.from_bytes(data, "little")


def _collect(spool: IO[bytes], pid: int) -> dict[int, Any]:
    """The child's results by item number; none where it failed or left a damaged file."""
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return {}
    try:
        spool.seek(0)
        results = pickle.load(spool)
    except Exception:  # noqa: BLE001  (a truncated or garbled file: compute here instead)
        return {}
    return results if isinstance(results, dict) else {}


@contextlib.contextmanager
def finishing() -> Iterator[None]:
    """Let ``in_background`` hand work to forked children in the body; wait for them all
    at its end (a command returns only once its work is done)."""
    global _pending
    if _pending is not None:  # nested: the outermost waits
        yield
        return
    _pending = []
    try:
        yield
    finally:
        pids, _pending = _pending, None
        for pid in pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def in_background(work: Callable[[], None]) -> None:
    """Run ``work`` (side effects only; what it raises is lost) in a forked child while
    this process goes on; here and now outside ``finishing()`` or where forking cannot pay."""
    pending = _pending
    pid = _fork() if pending is not None else None
    if pending is None or pid is None:
        work()
        return
    if pid == 0:  # the child: do the work and leave without cleanup
        status = 1
        try:
            work()
            status = 0
        finally:
            os._exit(status)
    pending.append(pid)
