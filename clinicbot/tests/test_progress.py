"""The progress line of long commands: on a terminal only."""

import io

from django.core.management.base import OutputWrapper

from clinicbot.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_progress_rewrites_one_line_and_ends_it():
    screen = Terminal()
    progress = TerminalProgress(OutputWrapper(screen), verbosity=1)

    show = progress.callback("rows")
    show(1, 2)
    show(2, 2)
    progress.end()

    assert screen.getvalue() == "\r" + "rows: 1/2".ljust(39) + "\r" + "rows: 2/2".ljust(39) + "\n"


def test_in_a_file_or_at_verbosity_0_there_is_no_progress():
    assert TerminalProgress(OutputWrapper(io.StringIO()), verbosity=1).callback("rows") is None
    assert TerminalProgress(OutputWrapper(Terminal()), verbosity=0).callback("rows") is None
