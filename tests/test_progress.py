"""The progress line appears on a terminal after a delay, and never in pipes or tests."""

import io

from spareforslag_xl.cli.progress import DelayedProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal():
    stream = io.StringIO()
    progress = DelayedProgress("Writing workbooks", stream, delay=0, clock=lambda: 100.0)
    progress(1, 2)
    progress(2, 2)
    assert stream.getvalue() == ""


def test_silent_while_the_work_is_quick():
    stream = Terminal()
    now = [0.0]
    progress = DelayedProgress("Writing workbooks", stream, delay=1.0, clock=lambda: now[0])
    now[0] = 0.5
    progress(1, 3)
    assert stream.getvalue() == ""


def test_shown_after_the_delay_and_cleared_at_the_end():
    stream = Terminal()
    now = [0.0]
    progress = DelayedProgress("Writing workbooks", stream, delay=1.0, clock=lambda: now[0])
    progress(1, 3)
    now[0] = 1.5
    progress(2, 3)
    progress(3, 3)
    assert stream.getvalue() == ("\rWriting workbooks 2/3\rWriting workbooks 3/3"
                                 "\r                     \r")
