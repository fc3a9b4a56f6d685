"""Shape arithmetic shared by the cost formulas: sizes, broadcasting, reduced axes.

Everything here works on shapes and sizes only; no array is built. Symmetric inputs
(``SymmetricTensor``) report the number of *unique* elements through ``unique_size``.
"""

from __future__ import annotations

import math
import operator

import numpy as np

_ndarray = np.ndarray
_prod = math.prod
# Exact types that broadcast as a single element (checked with ``type(x) in``: fast).
SCALAR_TYPES = frozenset({int, float, complex, bool} | {
    t for t in np.sctypeDict.values() if issubclass(t, np.generic)})


def shape_of(x) -> tuple[int, ...]:
    """Shape of an array-like (``np.shape`` without building an array for ndarrays)."""
    if isinstance(x, _ndarray):
        return x.shape
    if isinstance(x, (int, float, complex, bool, np.generic)):
        return ()
    return np.shape(x)


def size_of(x) -> int:
    """Number of elements of an array-like."""
    if isinstance(x, _ndarray):
        return x.size
    if isinstance(x, (int, float, complex, bool, np.generic)):
        return 1
    return _prod(np.shape(x))


def unique_size(x) -> int:
    """Number of independently stored elements: ``size`` unless ``x`` is symmetric."""
    if type(x) is _ndarray:
        return x.size
    unique = getattr(x, "unique_size", None)
    return unique if unique is not None else size_of(x)


def broadcast_size(a, b) -> int:
    """Number of elements of ``a op b`` after broadcasting."""
    ta, tb = type(a), type(b)
    if ta is _ndarray:
        if tb is _ndarray and a.shape == b.shape:
            return a.size
        if tb in SCALAR_TYPES:
            return a.size
    elif tb is _ndarray and ta in SCALAR_TYPES:
        return b.size
    if isinstance(a, _ndarray):
        if isinstance(b, _ndarray):
            if a.shape == b.shape:
                return a.size
            return _prod(np.broadcast_shapes(a.shape, b.shape))
        if isinstance(b, (int, float, complex, bool, np.generic)):
            return a.size
    elif isinstance(b, _ndarray) and isinstance(a, (int, float, complex, bool, np.generic)):
        return b.size
    return _prod(np.broadcast_shapes(shape_of(a), shape_of(b)))


def broadcast_shape(*operands) -> tuple[int, ...]:
    """Broadcast shape of several array-likes."""
    return np.broadcast_shapes(*(shape_of(x) for x in operands))


def normalize_axes(axis, ndim: int) -> tuple[int, ...]:
    """Return ``axis`` (None, int or tuple, possibly negative) as sorted non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (tuple, list)):
        axes = [operator.index(a) for a in axis]
    else:
        axes = [operator.index(axis)]
    out = []
    for a in axes:
        if not -ndim <= a < max(ndim, 1):
            raise np.exceptions.AxisError(a, ndim)
        out.append(a % ndim if ndim else 0)
    return tuple(sorted(set(out)))


def kept_size(shape: tuple[int, ...], axis) -> int:
    """Number of elements left after reducing ``shape`` over ``axis``."""
    if axis is None:
        return 1
    reduced = set(normalize_axes(axis, len(shape)))
    return _prod(d for i, d in enumerate(shape) if i not in reduced)


def ceil_log2(n: int) -> int:
    """``ceil(log2(n))`` for positive ints, 0 for n <= 1."""
    return (int(n) - 1).bit_length() if n > 1 else 0
