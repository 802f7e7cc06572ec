"""Errors that reach the user as one plain line (CLI exit 2, a dialog in the window)."""


class UserError(Exception):
    """A problem the user can fix: bad input, an unknown name, a damaged file."""

    exit_code = 2
