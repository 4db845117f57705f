"""Progress of a long management command, on one line, only where a person watches it."""


class TerminalProgress:
    """Hands out `(done, total)` callbacks that rewrite one line of `stdout`, when it is a
    terminal and the verbosity asks for output; elsewhere (a log file, cron) they are None."""

    def __init__(self, stdout, verbosity):
        self.stdout = stdout
        self.enabled = verbosity >= 1 and stdout.isatty()
        self.shown = False

    def callback(self, what):
        """A callback that shows `what: done/total`, or None when nobody watches."""
        if not self.enabled:
            return None

        def show(done, total):
            self.stdout.write(f"\r{what}: {done}/{total}".ljust(40), ending="")
            self.stdout.flush()
            self.shown = True

        return show

    def end(self):
        """Finish the progress line, if one was drawn, so the next output starts afresh."""
        if self.shown:
            self.stdout.write("")
            self.shown = False
