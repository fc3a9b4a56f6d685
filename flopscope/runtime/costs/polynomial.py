"""Polynomials in coefficient form (``numpy.polyval`` and friends).

With ``len(p)`` coefficients (degree ``len(p) - 1``), as flopscope 0.4.3 charges:

=========================  =================================================
polyval(p, x)              ``2 * numel(x) * degree`` (Horner, FMA = 2)
polyfit(x, y, deg)         ``2 * len(x) * (deg + 1)^2``
polyadd, polysub           ``max(len(a1), len(a2))``
polymul                    ``len(a1) * len(a2)``
polydiv(u, v)              ``len(u) * len(v)``
polyder, polyint           ``len(p)``
poly(seq)                  ``n^2`` for n roots (n = rows of a square matrix)
roots(p)                   ``degree^3`` (eigenvalues of the companion matrix; weight 16)
=========================  =================================================
"""

from __future__ import annotations

import operator

from flopscope.runtime.costs._shapes import shape_of, size_of
from flopscope.runtime.registry import counted


def _length(p) -> int:
    """Number of coefficients of a 1-D coefficient sequence (a scalar counts as 1)."""
    try:
        shape = shape_of(p)
    except Exception:
        return 0
    return shape[0] if shape else 1


@counted("polyval", category="Polynomial")
def polyval(p, x, *args, **kwargs) -> int:
    """2 * numel(x) * (len(p) - 1)."""
    try:
        return 2 * size_of(x) * max(_length(p) - 1, 0)
    except Exception:
        return 0


@counted("polyfit", category="Polynomial")
def polyfit(x, y, deg, *args, **kwargs) -> int:
    """2 * len(x) * (deg + 1)^2."""
    try:
        deg = operator.index(deg)
    except TypeError:
        return 0
    if deg < 0:
        return 0
    return 2 * _length(x) * (deg + 1) ** 2


@counted("polyadd", "polysub", category="Polynomial")
def polyadd(a1, a2, *args, **kwargs) -> int:
    """max(len(a1), len(a2))."""
    return max(_length(a1), _length(a2))


@counted("polymul", "polydiv", category="Polynomial")
def polymul(a1, a2, *args, **kwargs) -> int:
    """len(a1) * len(a2)."""
    return _length(a1) * _length(a2)


@counted("polyder", "polyint", category="Polynomial")
def polyder(p, *args, **kwargs) -> int:
    """len(p)."""
    return _length(p)


@counted("poly", category="Polynomial")
def poly(seq_of_zeros, *args, **kwargs) -> int:
    """n^2 for n roots (a square matrix contributes its n eigenvalues)."""
    n = _length(seq_of_zeros)
    return n * n


@counted("roots", category="Polynomial")
def roots(p, *args, **kwargs) -> int:
    """degree^3."""
    degree = max(_length(p) - 1, 0)
    return degree ** 3
