"""Exceptions and warnings raised by flopscope.

Every error a user can meet derives from :class:`FlopscopeError`, so a grader can
catch "anything flopscope refused" with one clause.
"""

from __future__ import annotations

__all__ = [
    "FlopscopeError",
    "BudgetExhaustedError",
    "TimeExhaustedError",
    "NoBudgetContextError",
    "SymmetryError",
    "UnsupportedFunctionError",
    "BlockedOperationError",
    "FlopscopeWarning",
    "SymmetryLossWarning",
    "CostFallbackWarning",
]


class FlopscopeError(Exception):
    """Base class of every error flopscope raises."""


class BudgetExhaustedError(FlopscopeError):
    """An operation would take the FLOP budget past its limit; it did not run.

    Attributes
    ----------
    op_name : str
        The operation that was refused.
    flop_cost : int
        What it would have cost (weighted).
    flops_remaining : int
        What was left of the budget when it was refused.
    location : tuple of (str, int) or None
        File and line of the user's code that asked for the operation.
    """

    location = None  # (filename, line) of the user's code, when known

    def __init__(self, op_name: str, flop_cost: int, flops_remaining: int, detail: str = ""):
        self.op_name = op_name
        self.flop_cost = flop_cost
        self.flops_remaining = flops_remaining
        message = (
            f"{op_name} would cost {flop_cost:,} FLOPs but only {max(flops_remaining, 0):,} remain"
        )
        super().__init__(message + (f"; {detail}" if detail else ""))

    def __str__(self) -> str:
        text = super().__str__()
        if self.location:
            return f"{self.location[0]}:{self.location[1]}: {text}"
        return text


class TimeExhaustedError(FlopscopeError):
    """The wall-time limit of the budget context ran out."""

    location = None  # (filename, line) of the user's code, when known

    def __init__(self, op_name: str, elapsed_s: float, limit_s: float):
        self.op_name = op_name
        self.elapsed_s = elapsed_s
        self.limit_s = limit_s
        super().__init__(
            f"wall-time limit of {limit_s:g} s exceeded ({elapsed_s:.3f} s elapsed) at {op_name}"
        )


class NoBudgetContextError(FlopscopeError):
    """An operation needed an explicit budget context and none was active."""


class SymmetryError(FlopscopeError):
    """Data declared symmetric is not symmetric, or a symmetry group is malformed."""


class UnsupportedFunctionError(FlopscopeError, AttributeError):
    """A NumPy callable flopscope cannot price; it is refused rather than run for free."""


class BlockedOperationError(FlopscopeError, AttributeError):
    """A NumPy operation flopscope refuses on principle (I/O, configuration, ...)."""

    def __init__(self, op_name: str, reason: str):
        self.op_name = op_name
        self.reason = reason
        super().__init__(f"flopscope.numpy does not support '{op_name}' (blocked): {reason}")


class FlopscopeWarning(UserWarning):
    """Base class of flopscope's warnings."""


class SymmetryLossWarning(FlopscopeWarning):
    """An operation dropped symmetry its input carried, so it is priced densely."""


class CostFallbackWarning(FlopscopeWarning):
    """A cost could not be computed exactly and a documented upper bound was charged."""
