"""Element-wise operations: one FLOP-unit per output element.

Unary: ``numel(output)``; binary: ``numel(broadcast(a, b))``. A symmetric input is
charged for its unique elements only (the result is symmetric too).
"""

from __future__ import annotations

import math

import numpy as np

from flopscope.runtime.costs._shapes import (
    SCALAR_TYPES,
    broadcast_size,
    kept_size,
    shape_of,
    size_of,
    unique_size,
)
from flopscope.runtime.registry import counted

# Canonical names first: NumPy 2 binds several names to one ufunc, and the first
# registered name is the one reported for operators (e.g. "/" -> true_divide).
UNARY = (
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "cbrt",
    "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
    "arcsinh", "arccosh", "arctanh", "sinc", "i0",
    "abs", "negative", "positive", "sqrt", "square", "reciprocal", "ceil", "floor",
    "trunc", "rint", "sign", "signbit", "fabs", "deg2rad", "rad2deg", "degrees",
    "radians", "logical_not", "frexp", "modf", "spacing", "nan_to_num", "isneginf",
    "isposinf",
    # aliases: reported and weighted under their own name when called by it
    "acos", "acosh", "asin", "asinh", "atan", "atanh", "absolute", "around", "fix",
    "round",
)

BINARY = (
    "floor_divide", "power", "float_power", "remainder", "mod", "fmod", "arctan2",
    "hypot", "logaddexp", "logaddexp2",
    "add", "subtract", "multiply", "true_divide", "divide", "maximum", "minimum",
    "fmax", "fmin", "greater", "greater_equal", "less", "less_equal", "equal",
    "not_equal", "logical_and", "logical_or", "logical_xor", "copysign", "nextafter",
    "ldexp", "heaviside", "isclose",
    "atan2", "divmod", "pow",
)


_ndarray = np.ndarray


def _symmetric_operand(x) -> bool:
    return getattr(x, "unique_size", None) is not None


@counted(*UNARY, category="Pointwise Unary")
def pointwise_unary(x, /, *args, **kwargs) -> int:
    """numel(output); unique elements for a symmetric input."""
    return unique_size(x)


@counted(*BINARY, category="Pointwise Binary")
def pointwise_binary(a, b, /, *args, **kwargs) -> int:
    """numel(broadcast output); unique elements when the output keeps symmetry."""
    if type(a) is _ndarray and (type(b) is _ndarray or type(b) in SCALAR_TYPES):
        return broadcast_size(a, b)
    if _symmetric_operand(a) or _symmetric_operand(b):
        from flopscope.runtime.symmetry import binary_output_unique_size

        return binary_output_unique_size(a, b)
    return broadcast_size(a, b)


@counted("matvec", "vecmat", category="Pointwise Binary")
def batched_vector_product(a, b, /, *args, **kwargs) -> int:
    """output_size * contracted_axis (one multiply-add per pair, counted once)."""
    sa, sb = shape_of(a), shape_of(b)
    if not sa or not sb:
        return 0
    # matvec: (..., m, n) x (..., n); vecmat: (..., n) x (..., n, m)
    matrix, vector = (sa, sb) if len(sa) >= 2 and len(sa) >= len(sb) + 1 else (sb, sa)
    batch = np.broadcast_shapes(matrix[:-2], vector[:-1])
    return math.prod(batch) * matrix[-2] * matrix[-1]


def ufunc_method_cost(ufunc_name: str, method: str, args: tuple, kwargs: dict) -> int:
    """Cost of ``ufunc.<method>(*args)`` for the ufunc methods NumPy offers.

    ``reduce``/``accumulate``: one application per element combined (``n - kept``);
    ``outer``: ``size(a) * size(b)``; ``at``: one per index; ``reduceat``: ``n``.
    """
    if method == "outer":
        return size_of(args[0]) * size_of(args[1])
    if method in ("reduce", "accumulate"):
        a = args[0]
        axis = kwargs.get("axis", args[1] if len(args) > 1 else 0)
        n = size_of(a)
        return max(n - kept_size(shape_of(a), axis), 0)
    if method == "at":
        return size_of(args[1])
    if method == "reduceat":
        return size_of(args[0])
    raise ValueError(f"unknown ufunc method {ufunc_name}.{method}")
