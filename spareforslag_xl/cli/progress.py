"""A progress line for long runs: on a terminal only, and only once the work has taken a while."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class DelayedProgress:
    """Shows 'label done/total' on one line of stderr while workbooks are made.

    Silent in pipes, files and tests (not a terminal) and for work that ends within
    ``delay`` seconds, so that quick runs print nothing extra.
    """

    def __init__(self, label: str, stream: TextIO | None = None, delay: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if not self.shown and self.clock() - self.start < self.delay:
            return
        text = f"{self.label} {done}/{total}"
        self.stream.write("\r" + text)
        self.shown = True
        if done >= total:
            self.stream.write("\r" + " " * len(text) + "\r")
        self.stream.flush()
