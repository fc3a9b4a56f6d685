"""``flopscope.stats``: pdf, cdf and ppf of continuous distributions.

Each costs ``numel(output)``: the size of the broadcast of ``x`` (or ``q``) with the
distribution's parameters. The implementations (NumPy only) live in
:mod:`flopscope.stats`; the weights (16 for most, 4 for ``cauchy.pdf``, 1 for
``uniform``) say how many floating-point instructions each element takes.
"""

from __future__ import annotations

import math

import numpy as np

from flopscope import stats as _stats
from flopscope.runtime.costs._shapes import shape_of
from flopscope.runtime.registry import counted


def pointwise_cost(x, *params, **kwargs) -> int:
    """numel(broadcast(x, *parameters))."""
    try:
        shapes = [shape_of(x)] + [shape_of(v) for v in params] + [
            shape_of(v) for v in kwargs.values()]
        return math.prod(np.broadcast_shapes(*shapes))
    except (TypeError, ValueError):
        return 0  # the implementation raises NumPy's broadcasting error


for _dist in _stats.DISTRIBUTIONS:
    for _method in _stats.METHODS:
        counted(f"stats.{_dist}.{_method}", category="Stats",
                impl=_stats.implementation(_dist, _method))(pointwise_cost)
del _dist, _method
