"""``numpy.linalg``: decompositions, solvers, norms and their helpers.

Costs follow flopscope 0.4.3 (weights, applied by the budget, are 4 for the LAPACK
family and 1 for the rest). For a stack of matrices ``(..., m, n)`` the per-matrix
cost is multiplied by the number of matrices; ``k = min(m, n)``.

=====================================  ==============================================
cholesky, eig, eigh, eigvals[h],        ``n^3``
det, slogdet, solve, inv
inv of a symmetric matrix               ``n^3 + n^3 // 3`` (result stays symmetric)
qr, svd, svdvals, matrix_rank, cond     ``m n k`` (truncated ``svd(a, k=r)``: ``m n r``)
lstsq                                   ``m^2 n + m n k + k^3 + k``
pinv                                    ``m n k + k + n k + n m (2k - 1)``: SVD, 1/s,
                                        scaling, then the product ``V (S^-1 U^T)``
tensorinv, tensorsolve                  ``n^3`` of the square matrix they reshape to
norm, matrix_norm, vector_norm          ``2 numel`` (FMA = 2); ``4 m n k`` for the
                                        SVD-based matrix norms (``ord`` 2, -2, 'nuc')
matrix_power(a, p)                      ``(floor(log2 p) + popcount(p) - 1) n^2 (2n-1)``
multi_dot                               ``2 x`` the optimal chain's sum of ``m k n``
trace, diagonal                         length of the diagonal
matrix_transpose                        free
=====================================  ==============================================

Invalid shapes (a non-square matrix to ``inv``, fewer than two dimensions, a
non-numeric dtype) are priced 0 so that NumPy raises its own error and nothing is
charged. A numerical failure (a singular matrix) is charged: the factorisation ran.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from flopscope.runtime import budget
from flopscope.runtime import registry
from flopscope.runtime.costs._shapes import shape_of, size_of
from flopscope.runtime.registry import counted

_NUMERIC = frozenset("biufc")
_SVD_ORDS = (2, -2, "nuc")


# -- shape helpers -----------------------------------------------------------------
def _numeric(a) -> bool:
    dtype = getattr(a, "dtype", None)
    if dtype is None:
        try:
            dtype = np.asarray(a).dtype
        except Exception:  # ragged input: let NumPy say so
            return False
    return dtype.kind in _NUMERIC


def _shape(a):
    try:
        return tuple(shape_of(a))
    except Exception:  # ragged or unshapeable input: NumPy raises its own error
        return None


def matrix_dims(a):
    """``(batch, m, n)`` of a stack of matrices, or None if ``a`` is not one."""
    shape = _shape(a)
    if shape is None or len(shape) < 2 or not _numeric(a):
        return None
    return math.prod(shape[:-2]), shape[-2], shape[-1]


def square_dims(a):
    """``(batch, n)`` of a stack of square matrices, or None."""
    dims = matrix_dims(a)
    if dims is None or dims[1] != dims[2]:
        return None
    return dims[0], dims[1]


def _is_symmetric(a) -> bool:
    return getattr(a, "unique_size", None) is not None


# -- formulas ------------------------------------------------------------------------
def cubic(n: int) -> int:
    return n * n * n


@counted("linalg.cholesky", "linalg.eig", "linalg.eigh", "linalg.eigvals",
         "linalg.eigvalsh", "linalg.det", "linalg.slogdet", category="Linalg")
def square_cubic(a, *args, **kwargs) -> int:
    """batch * n^3."""
    dims = square_dims(a)
    return 0 if dims is None else dims[0] * cubic(dims[1])


@counted("linalg.solve", category="Linalg")
def solve(a, b, *args, **kwargs) -> int:
    """batch * n^3, whatever the number of right-hand sides (symmetric or not)."""
    dims = square_dims(a)
    if dims is None or _shape(b) is None:
        return 0
    return dims[0] * cubic(dims[1])


def _inv_post(result, args, kwargs):
    """The inverse of a symmetric matrix is symmetric: keep the input's group."""
    a = args[0] if args else kwargs.get("a")
    if not _is_symmetric(a):
        return result
    from flopscope.runtime import symmetry

    return symmetry.tag(result, symmetry.group_of(a))


@counted("linalg.inv", category="Linalg", post=_inv_post)
def inv(a, *args, **kwargs) -> int:
    """batch * n^3; a symmetric input costs n^3 + n^3 // 3 (and stays symmetric)."""
    dims = square_dims(a)
    if dims is None:
        return 0
    batch, n = dims
    if _is_symmetric(a):
        return batch * (cubic(n) + cubic(n) // 3)
    return batch * cubic(n)


def _svd_impl(a, full_matrices=True, compute_uv=True, hermitian=False, *, k=None):
    """``numpy.linalg.svd`` plus flopscope's truncated form ``k=``: the top-k triplets."""
    if k is None:
        return np.linalg.svd(a, full_matrices=full_matrices, compute_uv=compute_uv,
                             hermitian=hermitian)
    k = operator.index(k)
    dims = matrix_dims(a)
    if dims is not None and not 1 <= k <= min(dims[1], dims[2]):
        raise ValueError(f"svd: k must be between 1 and min(m, n) = "
                         f"{min(dims[1], dims[2])}, got {k}")
    if not compute_uv:
        return np.linalg.svd(a, compute_uv=False, hermitian=hermitian)[..., :k]
    result = np.linalg.svd(a, full_matrices=False, hermitian=hermitian)
    u, s, vh = result
    return type(result)(u[..., :, :k], s[..., :k], vh[..., :k, :])


@counted("linalg.svd", category="Linalg", impl=_svd_impl)
def svd(a, *args, k=None, **kwargs) -> int:
    """batch * m * n * min(m, n); truncated (``k=r``): batch * m * n * r."""
    dims = matrix_dims(a)
    if dims is None:
        return 0
    batch, m, n = dims
    if k is None:
        return batch * m * n * min(m, n)
    try:
        k = operator.index(k)
    except TypeError:
        return 0
    return batch * m * n * k if 1 <= k <= min(m, n) else 0


@counted("linalg.qr", "linalg.svdvals", "linalg.cond", category="Linalg")
def mnk(a, *args, **kwargs) -> int:
    """batch * m * n * min(m, n)."""
    dims = matrix_dims(a)
    if dims is None:
        return 0
    batch, m, n = dims
    return batch * m * n * min(m, n)


@counted("linalg.matrix_rank", category="Linalg")
def matrix_rank(A, *args, **kwargs) -> int:
    """batch * m * n * min(m, n) (SVD); a vector costs its size (one comparison each)."""
    shape = _shape(A)
    if shape is not None and len(shape) < 2:
        return size_of(A)
    return mnk(A)


@counted("linalg.lstsq", category="Linalg")
def lstsq(a, b, *args, **kwargs) -> int:
    """m^2 n + m n k + k^3 + k (0.4.3's SVD-based count; independent of b's columns)."""
    dims = matrix_dims(a)
    if dims is None or _shape(b) is None:
        return 0
    batch, m, n = dims
    k = min(m, n)
    return batch * (m * m * n + m * n * k + k * k * k + k)


@counted("linalg.pinv", category="Linalg")
def pinv(a, *args, **kwargs) -> int:
    """SVD m n k, reciprocals k, scaling n k, product n m (2k - 1)."""
    dims = matrix_dims(a)
    if dims is None:
        return 0
    batch, m, n = dims
    k = min(m, n)
    return batch * (m * n * k + k + n * k + n * m * (2 * k - 1))


@counted("linalg.tensorinv", category="Linalg")
def tensorinv(a, ind=2, *args, **kwargs) -> int:
    """n^3 with n = prod(a.shape[ind:]) (the inverse of the reshaped square matrix)."""
    shape = _shape(a)
    try:
        ind = operator.index(ind)
    except TypeError:
        return 0
    if shape is None or ind <= 0 or not _numeric(a):
        return 0
    n = math.prod(shape[ind:])
    return cubic(n) if math.prod(shape[:ind]) == n else 0


@counted("linalg.tensorsolve", category="Linalg")
def tensorsolve(a, b, axes=None, *args, **kwargs) -> int:
    """n^3 with n = prod(b.shape) (the solve of the reshaped square system)."""
    sa, sb = _shape(a), _shape(b)
    if sa is None or sb is None or not _numeric(a):
        return 0
    n = math.prod(sb)
    return cubic(n) if math.prod(sa) == n * n else 0


@counted("linalg.cross", category="Linalg")
def cross(x1, x2, *args, **kwargs) -> int:
    """The cost of ``numpy.cross`` on the same vectors (it delegates to it)."""
    rule_ = registry.find("cross")
    if rule_ is not None and rule_.cost is not None:
        return rule_.cost(x1, x2, **kwargs)
    try:  # numpy.cross's own family not registered yet: 5 per output element
        return 5 * math.prod(np.broadcast_shapes(shape_of(x1), shape_of(x2)))
    except ValueError:
        return 0


def _svd_norm(x, batch_shape_size: int, m: int, n: int) -> int:
    return 4 * batch_shape_size * m * n * min(m, n)


@counted("linalg.matrix_norm", category="Linalg")
def matrix_norm(x, *args, ord="fro", **kwargs) -> int:
    """2 * numel; 4 * batch * m n k for ord 2, -2, 'nuc' (the 4 is 0.4.3's, built in)."""
    if ord in _SVD_ORDS and not isinstance(ord, bool):
        dims = matrix_dims(x)
        if dims is None:
            return 0
        return _svd_norm(x, *dims)
    return 2 * size_of(x)


@counted("linalg.vector_norm", category="Linalg")
def vector_norm(x, *args, **kwargs) -> int:
    """2 * numel (one multiply and one add per element)."""
    return 2 * size_of(x)


@counted("linalg.norm", category="Linalg")
def norm(x, ord=None, axis=None, *args, **kwargs) -> int:
    """2 * numel; 4 * m n k for the SVD-based matrix norms (ord 2, -2, 'nuc')."""
    if ord in _SVD_ORDS and not isinstance(ord, bool):
        shape = _shape(x)
        if shape is None:
            return 0
        if axis is None and len(shape) == 2:
            return _svd_norm(x, 1, shape[0], shape[1])
        if isinstance(axis, (tuple, list)) and len(axis) == 2:
            try:
                r, c = (operator.index(ax) % len(shape) for ax in axis)
            except (TypeError, ZeroDivisionError):
                return 0
            batch = math.prod(d for i, d in enumerate(shape) if i not in (r, c))
            return _svd_norm(x, batch, shape[r], shape[c])
    return 2 * size_of(x)


def matmul_cost(m: int, k: int, n: int) -> int:
    """(m, k) @ (k, n) with FMA = 2: m n (2k - 1)."""
    return m * n * (2 * k - 1) if k else 0


@counted("linalg.matrix_power", category="Linalg")
def matrix_power(a, n, *args, **kwargs) -> int:
    """(floor(log2 p) + popcount(p) - 1) products of n^2 (2n - 1); p < 0 adds an n^3 inverse."""
    dims = square_dims(a)
    try:
        p = operator.index(n)
    except TypeError:
        return 0
    if dims is None:
        return 0
    batch, size = dims
    q = abs(p)
    products = q.bit_length() - 1 + bin(q).count("1") - 1 if q else 0
    cost = products * matmul_cost(size, size, size)
    if p < 0:
        cost += cubic(size)
    return batch * cost


def chain_cost(dims: list[int]) -> int:
    """Fewest scalar multiply-adds ``sum(m k n)`` for a matrix chain (CLRS 15.2)."""
    count = len(dims) - 1
    if count < 2:
        return 0
    best = [[0] * count for _ in range(count)]
    for length in range(1, count):
        for i in range(count - length):
            j = i + length
            best[i][j] = min(
                best[i][s] + best[s + 1][j] + dims[i] * dims[s + 1] * dims[j + 1]
                for s in range(i, j)
            )
    return best[0][count - 1]


@counted("linalg.multi_dot", category="Linalg")
def multi_dot(arrays, *args, **kwargs) -> int:
    """2 * the optimal parenthesisation's sum of m k n (FMA = 2)."""
    try:
        shapes = [shape_of(x) for x in arrays]
    except Exception:
        return 0
    if len(shapes) < 2:
        return 0
    shapes = list(shapes)
    if len(shapes[0]) == 1:
        shapes[0] = (1, shapes[0][0])
    if len(shapes[-1]) == 1:
        shapes[-1] = (shapes[-1][0], 1)
    if any(len(s) != 2 for s in shapes):
        return 0
    for left, right in zip(shapes, shapes[1:]):
        if left[1] != right[0]:
            return 0
    dims = [shapes[0][0]] + [s[1] for s in shapes]
    return 2 * chain_cost(dims)


def _diagonal_length(x, offset) -> int:
    shape = _shape(x)
    if shape is None or len(shape) < 2:
        return 0
    try:
        offset = operator.index(offset)
    except TypeError:
        return 0
    m, n = shape[-2], shape[-1]
    length = max(0, min(m, n - offset) if offset >= 0 else min(m + offset, n))
    return math.prod(shape[:-2]) * length


@counted("linalg.trace", category="Linalg")
def trace(x, *args, offset=0, **kwargs) -> int:
    """Length of the diagonal (per matrix)."""
    return _diagonal_length(x, offset)


def _linalg_diagonal(x, /, *, offset=0):
    """``numpy.linalg.diagonal``, charged as ``numpy.diagonal`` (as 0.4.3 does)."""
    rule_ = registry.find("diagonal")
    if rule_ is not None and rule_.cost is not None:
        cost = rule_.cost(x, offset, -2, -1)
    else:
        cost = _diagonal_length(x, offset)
    budget._current.charge("diagonal", cost)
    return np.linalg.diagonal(x, offset=offset)


@counted("linalg.diagonal", category="Linalg", impl=_linalg_diagonal)
def linalg_diagonal(x, *args, **kwargs) -> int:
    """0 under this name: the charge is recorded as ``diagonal`` by the implementation."""
    return 0


registry.free("linalg.matrix_transpose", category="Linalg")


def _dispatch_numpy_callable(name: str) -> None:
    """Let ``numpy.linalg.<x>`` on a counted array reach a rule whose impl is ours."""
    registry.dispatch_also(registry.resolve_numpy(name), name)


_dispatch_numpy_callable("linalg.svd")
_dispatch_numpy_callable("linalg.diagonal")
