"""Sorting, searching and set operations: comparison counts.

A comparison sort of ``n`` keys costs ``n * ceil(log2(n))`` per independent slice;
partitioning costs ``n`` per slice (``argpartition`` once per requested ``kth``); a
binary search costs ``ceil(log2(n))`` per query; set operations sort both inputs
together, ``(n + m) * ceil(log2(n + m))``.
"""

from __future__ import annotations

import numpy as np

from flopscope.runtime.costs._shapes import ceil_log2, normalize_axes, shape_of, size_of
from flopscope.runtime.registry import counted

CATEGORY = "Sorting"


def sort_cost(a, axis=-1) -> int:
    """``n * ceil(log2(n))`` per slice along ``axis`` (``axis=None`` sorts the flattened
    array)."""
    shape = shape_of(a)
    size = size_of(a)
    if axis is None or not shape:
        return size * ceil_log2(size)
    n = shape[normalize_axes(axis, len(shape))[0]]
    return size * ceil_log2(n)


@counted("sort", "argsort", category=CATEGORY)
def sort(a, axis=-1, *args, **kwargs) -> int:
    """n * ceil(log2(n)) per slice."""
    return sort_cost(a, axis)


@counted("lexsort", category=CATEGORY)
def lexsort(keys, axis=-1) -> int:
    """k * n * ceil(log2(n)) per slice for k keys."""
    if isinstance(keys, np.ndarray):
        if keys.ndim == 0:
            return 0
        if keys.ndim == 1:
            return sort_cost(keys, axis)
        k, key_shape = keys.shape[0], keys.shape[1:]
    else:
        keys = list(keys)
        if not keys:
            return 0
        k = len(keys)
        key_shape = np.broadcast_shapes(*(shape_of(key) for key in keys))
    size = int(np.prod(key_shape, dtype=np.int64))
    if not key_shape:
        return 0
    n = key_shape[normalize_axes(axis, len(key_shape))[0]]
    return k * size * ceil_log2(n)


@counted("partition", category=CATEGORY)
def partition(a, kth, axis=-1, *args, **kwargs) -> int:
    """n per slice: numel(input)."""
    return size_of(a)


@counted("argpartition", category=CATEGORY)
def argpartition(a, kth, axis=-1, *args, **kwargs) -> int:
    """n per slice and per requested kth: numel(input) * len(kth)."""
    return size_of(a) * max(size_of(kth), 1)


@counted("searchsorted", category=CATEGORY)
def searchsorted(a, v, *args, **kwargs) -> int:
    """m * ceil(log2(n)) for m queries into n sorted values."""
    return size_of(v) * ceil_log2(size_of(a))


@counted("unique", "unique_all", "unique_counts", "unique_inverse", "unique_values",
         category=CATEGORY)
def unique(ar, *args, **kwargs) -> int:
    """n * ceil(log2(n)) over all elements."""
    n = size_of(ar)
    return n * ceil_log2(n)


@counted("isin", "in1d", "intersect1d", "setdiff1d", "setxor1d", "union1d",
         category=CATEGORY)
def set_operation(ar1, ar2, *args, **kwargs) -> int:
    """(n + m) * ceil(log2(n + m))."""
    total = size_of(ar1) + size_of(ar2)
    return total * ceil_log2(total)
