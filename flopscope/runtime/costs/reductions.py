"""Reductions, cumulative scans and order statistics.

Combining ``n`` elements into ``k`` results takes ``n - k`` steps; that is what
flopscope 0.4.3 charges for sums, extrema, arg-extrema, scans, ``std``/``var``
(weighted x2) and the nan-variants. ``mean``, ``median``, ``percentile`` and
``quantile`` cost ``n`` (the division or selection adds one per result). Reducing a
whole symmetric tensor touches its unique elements only.
"""

from __future__ import annotations

from flopscope.runtime.costs._shapes import kept_size, shape_of, size_of, unique_size
from flopscope.runtime.registry import counted

COMBINING = (
    "sum", "prod", "max", "min", "argmax", "argmin", "any", "all", "cumsum", "cumprod",
    "nansum", "nanmax", "nanmin", "nanprod", "nanmean", "nanmedian", "count_nonzero",
    "average", "nanargmax", "nanargmin", "ptp", "nancumprod", "nancumsum",
    "std", "var", "nanstd", "nanvar", "amax", "amin",
)
WHOLE = ("mean", "median", "percentile", "nanpercentile", "quantile", "nanquantile")


@counted(*COMBINING, category="Reductions")
def combining_reduction(a, axis=None, *args, **kwargs) -> int:
    """numel(input) - numel(output) (unique elements - 1 for a whole symmetric tensor)."""
    if axis is None:
        return max(unique_size(a) - 1, 0)
    return max(size_of(a) - kept_size(shape_of(a), axis), 0)


@counted("cumulative_sum", "cumulative_prod", category="Reductions")
def cumulative_scan(x, /, *, axis=None, **kwargs) -> int:
    """numel(input) - number of independent scans."""
    return combining_reduction(x, axis)


@counted(*WHOLE, category="Reductions")
def whole_reduction(a, *args, **kwargs) -> int:
    """numel(input)."""
    return unique_size(a) if len(args) == 0 and "axis" not in kwargs else size_of(a)
