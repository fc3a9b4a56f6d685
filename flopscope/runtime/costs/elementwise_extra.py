"""Bitwise/integer and complex-number element-wise operations.

Like the pointwise families, they cost one unit per output element (unique elements
for symmetric inputs); ``gcd``/``lcm`` and ``angle`` are weighted up by the reference
table. ``iscomplexobj``/``isrealobj`` are charged numel(input) although they only look
at the dtype, as flopscope 0.4.3 does. ``sort_complex`` sorts along the last axis.
"""

from __future__ import annotations

from flopscope.runtime.costs._shapes import size_of
from flopscope.runtime.costs.pointwise import pointwise_binary, pointwise_unary
from flopscope.runtime.costs.sorting import sort_cost
from flopscope.runtime.registry import counted

# Canonical names first: np.bitwise_not and np.bitwise_invert *are* np.invert, and
# np.bitwise_left_shift is np.left_shift; the first name is what "~", "<<" report.
BITWISE_UNARY = ("invert", "bitwise_not", "bitwise_invert", "bitwise_count")
BITWISE_BINARY = (
    "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift",
    "bitwise_left_shift", "bitwise_right_shift", "gcd", "lcm",
)
COMPLEX_UNARY = (
    "conjugate", "conj", "angle", "real", "imag", "real_if_close", "iscomplex", "isreal",
)

counted(*BITWISE_UNARY, category="Bitwise")(pointwise_unary)
counted(*BITWISE_BINARY, category="Bitwise")(pointwise_binary)
counted(*COMPLEX_UNARY, category="Complex")(pointwise_unary)


@counted("iscomplexobj", "isrealobj", category="Complex")
def dtype_test(x) -> int:
    """numel(input)."""
    return size_of(x)


@counted("sort_complex", category="Complex")
def sort_complex(a) -> int:
    """n * ceil(log2(n)) per slice along the last axis."""
    return sort_cost(a, -1)
