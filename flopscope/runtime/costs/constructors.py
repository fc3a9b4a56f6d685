"""Constructors whose results are symmetric by construction.

``eye``, ``identity``, ``ones`` and ``zeros`` are free (weight 0, as in flopscope
0.4.3). The results of ``eye(n)`` / ``identity(n)`` (square, main diagonal) and of
``ones(shape)`` are returned as :class:`~flopscope.runtime.symmetry.SymmetricTensor`:
an identity matrix is invariant under exchanging its two axes, and a constant array is
invariant under exchanging any axes of equal length. So ``0.5 * np.eye(200)`` is charged
for the 20,100 unique elements, and ``fnp.sum(fnp.ones((5, 5)))`` costs 15 - 1 = 14.
``zeros`` is left untagged: flopscope 0.4.3 documents no symmetry for it.
"""

from __future__ import annotations

import numpy as np

from flopscope.runtime.registry import free

_ndarray = np.ndarray


def _symmetry():
    from flopscope.runtime import symmetry

    return symmetry


def _square_eye(result, args, kwargs):
    if not isinstance(result, _ndarray) or result.ndim != 2:
        return result
    n, m = result.shape
    k = args[2] if len(args) > 2 else kwargs.get("k", 0)
    if n != m or n < 2 or k != 0:
        return result
    sym = _symmetry()
    return sym.tag(result.view(_ndarray), sym.SymmetryGroup.symmetric((0, 1)))


def _equal_axes(result, args, kwargs):
    """Full symmetry among the axes of equal length (> 1) of a constant array."""
    if not isinstance(result, _ndarray) or result.ndim < 2:
        return result
    blocks: dict = {}
    for axis, size in enumerate(result.shape):
        if size > 1:
            blocks.setdefault(size, []).append(axis)
    blocks = [tuple(b) for b in blocks.values() if len(b) > 1]
    if not blocks:
        return result
    sym = _symmetry()
    group = sym.SymmetryGroup.young(blocks)
    return sym.tag(result.view(_ndarray), group)


free("eye", "identity", category="Misc", post=_square_eye)
free("ones", category="Misc", post=_equal_axes)
free("zeros", category="Misc")
