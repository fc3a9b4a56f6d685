"""Public symmetry API and cost queries, re-exported as ``flopscope.*``.

Symmetry: :class:`SymmetricTensor`, :class:`SymmetryGroup`, :func:`as_symmetric`,
:func:`is_symmetric`, :func:`symmetrize`. Cost queries (nothing is charged):
:func:`einsum_accumulation_cost`, :func:`reduction_accumulation_cost`,
:func:`tier2_reduction_cost`. Settings: :func:`configure`.
"""

from __future__ import annotations

from flopscope.runtime.costs._shapes import kept_size, shape_of, unique_size
from flopscope.runtime.costs.contractions import AccumulationCost, einsum_accumulation_cost
from flopscope.runtime.settings import configure
from flopscope.runtime.symmetry import (
    SymmetricTensor,
    SymmetryGroup,
    as_symmetric,
    is_symmetric,
    symmetrize,
)

__all__ = [
    "AccumulationCost",
    "SymmetricTensor",
    "SymmetryGroup",
    "as_symmetric",
    "configure",
    "einsum_accumulation_cost",
    "is_symmetric",
    "reduction_accumulation_cost",
    "symmetrize",
    "tier2_reduction_cost",
]


def _outputs(a, axis) -> int:
    if axis is None:
        return 1
    return kept_size(tuple(shape_of(a)), axis)


def reduction_accumulation_cost(a, axis=None, *, extra_ops: int = 0, **kwargs) -> AccumulationCost:
    """What an additive reduction (``sum``, ``prod``, ``max`` ...) of ``a`` is charged.

    ``(elements combined) - (output cells)``: ``unique_size - 1`` when the whole of a
    symmetric tensor is reduced, ``size - kept`` along axes; plus ``extra_ops`` per
    output cell (``extra_ops=1`` gives ``mean``).

    Examples
    --------
    >>> import numpy as np
    >>> reduction_accumulation_cost(np.zeros(10)).total
    9
    >>> S = as_symmetric(np.zeros((4, 4, 4)), symmetry=(0, 1, 2))
    >>> reduction_accumulation_cost(S).total
    19
    """
    from flopscope.runtime import registry

    base = int(registry.rule("sum").cost(a, axis))
    total = base + int(extra_ops) * _outputs(a, axis)
    return AccumulationCost(total, total, [("reduce", total, total)])


def tier2_reduction_cost(a, axis=None, *, dense_per_output_cost=None) -> int:
    """What a selection-style reduction (``median``, ``percentile``, ``quantile``) of
    ``a`` is charged: the elements it reads (unique ones for a whole symmetric
    tensor), or ``dense_per_output_cost`` per output cell when given."""
    if dense_per_output_cost is not None:
        return int(dense_per_output_cost) * _outputs(a, axis)
    if axis is None:
        return int(unique_size(a))
    from flopscope.runtime.costs._shapes import size_of

    return int(size_of(a))
