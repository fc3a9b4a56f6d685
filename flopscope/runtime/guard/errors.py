"""The refusals the guard raises."""

from __future__ import annotations

from flopscope.errors import FlopscopeError


class ContainmentError(FlopscopeError):
    """The program tried something that would let NumPy work go uncounted, or hide the
    report; flopscope refused it before it ran.

    Attributes
    ----------
    op_name : str
        What was refused (``"import ctypes"``, ``"os._exit"``, ``"__globals__"``).
    reason : str
        Why.
    """

    location = None

    def __init__(self, op_name: str, reason: str):
        self.op_name = op_name
        self.reason = reason
        super().__init__(f"flopscope refused {op_name}: {reason}")


class RefusedImportError(ContainmentError, ImportError):
    """An import the program may not make (also an ``ImportError``, so code that falls
    back when an optional dependency is missing still runs)."""
