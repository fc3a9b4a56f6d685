"""One finding of ``flopscope lint``."""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Diagnostic"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A rule violation at one place in one file.

    Attributes
    ----------
    path : str
        File as given on the command line (or found below a given directory).
    line : int
        1-based line.
    col : int
        1-based column, as editors and ruff count them.
    code : str
        Stable rule code (``"FS101"``).
    message : str
        What is wrong and what to use instead.
    """

    path: str
    line: int
    col: int
    code: str
    message: str

    def as_dict(self) -> dict:
        """Return the diagnostic as a JSON-ready dict."""
        return asdict(self)
