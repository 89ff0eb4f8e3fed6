"""The project's exceptions: a small tree, each message naming the file and the problem."""


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""


class UsageError(NewsgraphError):
    """A bad option or a missing path: exit status 2."""


class PageError(NewsgraphError):
    """One page could not be read; the build skips it and goes on.

    ``reason`` is one of: empty, binary, undecodable, not-chinese, too-large, unreadable,
    duplicate (another page of the build or add has its page id).
    """

    def __init__(self, source: str, reason: str, detail: str = "") -> None:
        self.source = source
        self.reason = reason
        self.detail = detail
        msg = f"{source}: {reason}"
        super().__init__(f"{msg} ({detail})" if detail else msg)


class LockedError(NewsgraphError):
    """Another newsgraph run holds the output folder."""
