"""Renders independent outputs side by side on machines with more than one core.

Each department workbook (and the report) is rendered from the same computed result and
depends on nothing else, so large builds split them over worker processes. Workers are
forked, so they inherit the result instead of receiving a pickled copy; only the finished
bytes travel back. Small builds, and systems without fork (Windows, macOS by default),
render one after the other: there a worker would cost more than it saves.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

Task = Callable[[], bytes]
Progress = Callable[[int, int], None]
"""Called as progress(done, total) after each finished task."""

PARALLEL_FROM_CELLS = 20_000
"""The estimated number of cells from which workers pay off (about 0.15 s of rendering, measured)."""
MAX_WORKERS = 8
WORKERS_ENV = "SPAREFORSLAG_WORKERS"
"""Set to 1 to render in one process (for debugging), or to a number to use that many workers."""

_tasks: Sequence[Callable[[], Any]] | None = None
"""What the workers run: render_all's tasks (bytes) or run_pair's first half (any picklable result)."""


def _run(index: int) -> Any:
    assert _tasks is not None
    return _uncollected(_tasks[index])


def _uncollected(task: Callable[[], Any]) -> Any:
    """Return task(), run without the cyclic garbage collector, which is on again once it returns.

    A workbook's rendering makes hundreds of thousands of objects (its content, its cells) that all
    live until its bytes are made: the collector found no garbage among them and walked them at each
    of its collections (with the cycle workbook/book.close breaks, 0,4 s of a 5.000-line build's CPU;
    now 0,05 s). Without it they are freed as their last reference goes; a cycle made meanwhile is
    collected once the collector is on again."""
    if not gc.isenabled():
        return task()
    gc.disable()
    try:
        return task()
    finally:
        gc.enable()


def workers_for(cells: int, tasks: int) -> int:
    """Return how many worker processes to use for this much work (1: none)."""
    wanted = os.environ.get(WORKERS_ENV, "")
    cores = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    if not wanted and cells < PARALLEL_FROM_CELLS:
        return 1
    if not sys.platform.startswith("linux"):
        return 1
    return max(1, min(cores, tasks, MAX_WORKERS))


def render_all(tasks: Sequence[Task], cells: int, progress: Progress | None = None) -> list[bytes]:
    """Return the bytes of every task, in order; in worker processes as well when the work is large.

    With workers, this process renders the first task (the report, the largest) while workers - 1
    forked workers render the rest: a worker copies the pages of the plan it touches (reference counts
    are written to), and the process that computed the plan renders without that copy. Progress is
    told in the tasks' order."""
    total = len(tasks)
    workers = workers_for(cells, total)
    results: list[bytes] = []

    def done(data: bytes) -> None:
        results.append(data)
        if progress:
            progress(len(results), total)

    if workers < 2:
        for task in tasks:
            done(_uncollected(task))
        return results
    import multiprocessing  # here: most builds render in one process

    global _tasks
    _tasks = tasks
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            rest = pool.imap(_run, range(1, total), chunksize=1)
            pool.close()  # no more tasks: a worker exits once the tasks are done, its memory freed meanwhile
            done(_uncollected(tasks[0]))
            for data in rest:
                done(data)
    finally:
        _tasks = None
    return results


PAIR_FROM_BYTES = 150_000
"""Two inputs together larger than this are read side by side (a master of 500 lines is about 60 kB)."""


def run_pair(first: Callable[[], object], second: Callable[[], object], sizes: Sequence[int] = (0, 0)):
    """Return (first(), second()); first() in a forked worker when the inputs are large.

    Only first's result travels back (pickled), so the caller gives it the lighter half of
    the work. A worker's failure is not carried back: the parent runs first() again itself,
    so that its error is raised here exactly as without a worker.
    """
    if sum(sizes) < PAIR_FROM_BYTES or workers_for(PARALLEL_FROM_CELLS, 2) < 2:
        return first(), second()
    import multiprocessing

    global _tasks
    _tasks = (first,)
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            pending = pool.apply_async(_run, (0,))
            other = second()
            try:
                one = pending.get()
            except Exception:
                one = first()
    finally:
        _tasks = None
    return one, other
