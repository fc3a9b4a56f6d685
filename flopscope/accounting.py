"""``flopscope.accounting``: what an operation would cost, without running it.

Every function here returns the **weighted** cost (the FLOPs a budget would be
charged, under the weights in force: ``FLOPSCOPE_DISABLE_WEIGHTS=1`` gives the bare
formulas) and charges nothing::

    >>> import flopscope as flops
    >>> flops.accounting.svd_cost(m=256, n=256, k=10)   # 256*256*10 * weight 4
    2621440
    >>> flops.accounting.fft_cost(1024)                 # 5*1024*10
    51200

There is no second copy of any formula: each function calls the registered cost
formula of the operation on zero-memory stand-in arrays of the given shapes
(``np.broadcast_to(0.0, shape)``) and multiplies by the operation's weight.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from flopscope.runtime import registry
from flopscope.runtime.weights import weight_of

__all__ = [
    "operation_cost",
    "einsum_cost",
    # linalg
    "svd_cost", "svdvals_cost", "qr_cost", "cholesky_cost", "eig_cost", "eigh_cost",
    "eigvals_cost", "eigvalsh_cost", "solve_cost", "inv_cost", "lstsq_cost", "pinv_cost",
    "det_cost", "slogdet_cost", "cond_cost", "matrix_rank_cost", "tensorsolve_cost",
    "tensorinv_cost", "trace_cost", "norm_cost", "vector_norm_cost", "matrix_norm_cost",
    "multi_dot_cost", "matrix_power_cost",
    # fft
    "fft_cost", "ifft_cost", "rfft_cost", "irfft_cost", "hfft_cost", "ihfft_cost",
    "fft2_cost", "ifft2_cost", "rfft2_cost", "irfft2_cost", "fftn_cost", "ifftn_cost",
    "rfftn_cost", "irfftn_cost",
    # polynomials
    "polyval_cost", "polyadd_cost", "polysub_cost", "polymul_cost", "polydiv_cost",
    "polyfit_cost", "polyder_cost", "polyint_cost", "poly_cost", "roots_cost",
    # windows and misc
    "bartlett_cost", "blackman_cost", "hamming_cost", "hanning_cost", "kaiser_cost",
    "unwrap_cost",
    # templates
    "pointwise_cost", "reduction_cost", "random_cost", "stats_cost",
]


def _dummy(shape):
    """A read-only zero array of ``shape`` that takes no memory."""
    if isinstance(shape, (int, np.integer)):
        shape = (int(shape),)
    return np.broadcast_to(np.float64(0.0), tuple(operator.index(d) for d in shape))


def operation_cost(op: str, *args, **kwargs) -> int:
    """Weighted cost of ``numpy.<op>(*args, **kwargs)`` (arrays may be stand-ins).

    Raises
    ------
    KeyError
        If flopscope has no cost formula for ``op``.
    """
    rule_ = registry.rule(op)
    if rule_.cost is None:
        return 0
    return _weighted(op, rule_.cost(*args, **kwargs))


def _weighted(op: str, cost: int) -> int:
    weight = weight_of(op)
    return int(cost) if weight == 1.0 else int(cost * weight)


# -- einsum --------------------------------------------------------------------------
def einsum_cost(subscripts: str, *operands, shapes=None) -> int:
    """Weighted cost of ``einsum(subscripts, ...)`` for operands of ``shapes``."""
    from flopscope.runtime.costs import contractions

    formula = getattr(contractions, "einsum_cost", None)
    if formula is None:
        raise NotImplementedError("einsum cost queries need the contractions family")
    if shapes is None:
        shapes = [np.shape(x) for x in operands]
    cost = formula(subscripts, shapes=[tuple(s) for s in shapes])
    return _weighted("einsum", getattr(cost, "total", cost))


# -- linalg --------------------------------------------------------------------------
def svd_cost(m: int, n: int, k: int | None = None) -> int:
    """``m*n*min(m, n)``, or ``m*n*k`` for the top-k truncated SVD; weight 4."""
    kwargs = {} if k is None else {"k": k}
    return operation_cost("linalg.svd", _dummy((m, n)), **kwargs)


def svdvals_cost(m: int, n: int) -> int:
    """``m*n*min(m, n)``; weight 4."""
    return operation_cost("linalg.svdvals", _dummy((m, n)))


def qr_cost(m: int, n: int) -> int:
    """``m*n*min(m, n)``; weight 4."""
    return operation_cost("linalg.qr", _dummy((m, n)))


def cholesky_cost(n: int) -> int:
    """``n^3``; weight 4."""
    return operation_cost("linalg.cholesky", _dummy((n, n)))


def eig_cost(n: int) -> int:
    """``n^3``; weight 4."""
    return operation_cost("linalg.eig", _dummy((n, n)))


def eigh_cost(n: int) -> int:
    """``n^3``; weight 4."""
    return operation_cost("linalg.eigh", _dummy((n, n)))


def eigvals_cost(n: int) -> int:
    """``n^3``; weight 4."""
    return operation_cost("linalg.eigvals", _dummy((n, n)))


def eigvalsh_cost(n: int) -> int:
    """``n^3``; weight 4."""
    return operation_cost("linalg.eigvalsh", _dummy((n, n)))


def solve_cost(n: int, nrhs: int = 1, symmetric: bool = False) -> int:
    """``n^3`` whatever ``nrhs`` and ``symmetric`` (as 0.4.3 charges); weight 4."""
    return operation_cost("linalg.solve", _dummy((n, n)), _dummy((n, nrhs)))


class _SymmetricStandIn:
    """Shape-only stand-in for a symmetric matrix (what the formulas look at)."""

    def __init__(self, n: int):
        self.shape = (n, n)
        self.ndim = 2
        self.size = n * n
        self.dtype = np.dtype(float)
        self.unique_size = n * (n + 1) // 2


def inv_cost(n: int, symmetric: bool = False) -> int:
    """``n^3`` (``n^3 + n^3 // 3`` for a symmetric matrix); weight 4."""
    a = _SymmetricStandIn(n) if symmetric else _dummy((n, n))
    return operation_cost("linalg.inv", a)


def lstsq_cost(m: int, n: int, nrhs: int = 1) -> int:
    """``m^2 n + m n k + k^3 + k`` with ``k = min(m, n)``; weight 4."""
    b = _dummy((m,)) if nrhs == 1 else _dummy((m, nrhs))
    return operation_cost("linalg.lstsq", _dummy((m, n)), b)


def pinv_cost(m: int, n: int) -> int:
    """``m n k + k + n k + n m (2k - 1)`` with ``k = min(m, n)``; weight 4."""
    return operation_cost("linalg.pinv", _dummy((m, n)))


def det_cost(n: int) -> int:
    """``n^3``; weight 4."""
    return operation_cost("linalg.det", _dummy((n, n)))


def slogdet_cost(n: int) -> int:
    """``n^3``; weight 4."""
    return operation_cost("linalg.slogdet", _dummy((n, n)))


def cond_cost(m: int, n: int | None = None) -> int:
    """``m*n*min(m, n)`` (via the SVD); weight 4."""
    return operation_cost("linalg.cond", _dummy((m, m if n is None else n)))


def matrix_rank_cost(m: int, n: int | None = None) -> int:
    """``m*n*min(m, n)`` (via the SVD); weight 4."""
    return operation_cost("linalg.matrix_rank", _dummy((m, m if n is None else n)))


def _square_prefix(shape, n: int):
    for i in range(1, len(shape) + 1):
        if math.prod(shape[:i]) == n:
            return shape[:i]
    return (n,)


def tensorsolve_cost(a_shape, b_shape=None) -> int:
    """``n^3`` with ``n = prod(b_shape)`` (default: the leading axes of ``a`` whose
    product is ``sqrt(prod(a_shape))``); weight 4."""
    a_shape = tuple(a_shape)
    if b_shape is None:
        b_shape = _square_prefix(a_shape, math.isqrt(math.prod(a_shape)))
    return operation_cost("linalg.tensorsolve", _dummy(a_shape), _dummy(b_shape))


def tensorinv_cost(a_shape, ind: int = 2) -> int:
    """``n^3`` with ``n = prod(a_shape[ind:])``; weight 4."""
    return operation_cost("linalg.tensorinv", _dummy(a_shape), ind)


def trace_cost(m: int, n: int | None = None) -> int:
    """``min(m, n)``: one addition per diagonal element."""
    return operation_cost("linalg.trace", _dummy((m, m if n is None else n)))


def norm_cost(shape, ord=None, axis=None) -> int:
    """``2*numel``; ``4*m*n*min(m, n)`` for the SVD-based ``ord`` 2, -2, 'nuc'."""
    return operation_cost("linalg.norm", _dummy(shape), ord, axis)


def vector_norm_cost(shape, ord=2, axis=None) -> int:
    """``2*numel``."""
    return operation_cost("linalg.vector_norm", _dummy(shape), ord=ord, axis=axis)


def matrix_norm_cost(shape, ord="fro") -> int:
    """``2*numel``; ``4*m*n*min(m, n)`` for ``ord`` 2, -2, 'nuc'."""
    return operation_cost("linalg.matrix_norm", _dummy(shape), ord=ord)


def multi_dot_cost(shapes) -> int:
    """``2 *`` the optimal chain's sum of ``m*k*n``."""
    return operation_cost("linalg.multi_dot", [_dummy(s) for s in shapes])


def matrix_power_cost(n: int, k: int) -> int:
    """``(floor(log2 k) + popcount(k) - 1) * n^2 (2n - 1)``."""
    return operation_cost("linalg.matrix_power", _dummy((n, n)), k)


# -- fft -------------------------------------------------------------------------------
def fft_cost(n: int) -> int:
    """``5 n ceil(log2 n)``."""
    return operation_cost("fft.fft", _dummy((n,)))


def ifft_cost(n: int) -> int:
    """``5 n ceil(log2 n)``."""
    return operation_cost("fft.ifft", _dummy((n,)))


def rfft_cost(n: int) -> int:
    """``5 (n // 2) ceil(log2 n)`` for ``n`` real inputs."""
    return operation_cost("fft.rfft", _dummy((n,)))


def irfft_cost(n: int) -> int:
    """``5 (n // 2) ceil(log2 n)`` for ``n`` real outputs."""
    return operation_cost("fft.irfft", _dummy((n // 2 + 1,)), n)


def hfft_cost(n: int) -> int:
    """``5 n ceil(log2 n)`` for ``n`` real outputs."""
    return operation_cost("fft.hfft", _dummy((n // 2 + 1,)), n)


def ihfft_cost(n: int) -> int:
    """``5 n ceil(log2 n)`` for ``n`` real inputs."""
    return operation_cost("fft.ihfft", _dummy((n,)))


def _nd(op: str, shape, out_shape: bool = False) -> int:
    shape = (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)
    if out_shape:  # inverse real transforms: ``shape`` is the real output's
        half = shape[:-1] + (shape[-1] // 2 + 1,)
        return operation_cost(op, _dummy(half), shape, tuple(range(-len(shape), 0)))
    return operation_cost(op, _dummy(shape), None, tuple(range(-len(shape), 0)))


def fft2_cost(shape) -> int:
    """``5 N sum(ceil(log2 n_i))``, ``N = prod(shape)``."""
    return _nd("fft.fft2", shape)


def ifft2_cost(shape) -> int:
    """``5 N sum(ceil(log2 n_i))``, ``N = prod(shape)``."""
    return _nd("fft.ifft2", shape)


def rfft2_cost(shape) -> int:
    """``5 (N // 2) sum(ceil(log2 n_i))`` for a real input of ``shape``."""
    return _nd("fft.rfft2", shape)


def irfft2_cost(shape) -> int:
    """``5 (N // 2) sum(ceil(log2 n_i))`` for a real output of ``shape``."""
    return _nd("fft.irfft2", shape, out_shape=True)


def fftn_cost(shape) -> int:
    """``5 N sum(ceil(log2 n_i))``, ``N = prod(shape)``."""
    return _nd("fft.fftn", shape)


def ifftn_cost(shape) -> int:
    """``5 N sum(ceil(log2 n_i))``, ``N = prod(shape)``."""
    return _nd("fft.ifftn", shape)


def rfftn_cost(shape) -> int:
    """``5 (N // 2) sum(ceil(log2 n_i))`` for a real input of ``shape``."""
    return _nd("fft.rfftn", shape)


def irfftn_cost(shape) -> int:
    """``5 (N // 2) sum(ceil(log2 n_i))`` for a real output of ``shape``."""
    return _nd("fft.irfftn", shape, out_shape=True)


# -- polynomials -----------------------------------------------------------------------
def polyval_cost(deg: int, n: int) -> int:
    """``2 n deg`` (Horner, FMA = 2) for a degree-``deg`` polynomial at ``n`` points."""
    return operation_cost("polyval", _dummy((deg + 1,)), _dummy((n,)))


def polyadd_cost(n1: int, n2: int) -> int:
    """``max(n1, n2)`` for ``n1`` and ``n2`` coefficients."""
    return operation_cost("polyadd", _dummy((n1,)), _dummy((n2,)))


def polysub_cost(n1: int, n2: int) -> int:
    """``max(n1, n2)``."""
    return operation_cost("polysub", _dummy((n1,)), _dummy((n2,)))


def polymul_cost(n1: int, n2: int) -> int:
    """``n1 * n2``."""
    return operation_cost("polymul", _dummy((n1,)), _dummy((n2,)))


def polydiv_cost(n1: int, n2: int) -> int:
    """``n1 * n2``."""
    return operation_cost("polydiv", _dummy((n1,)), _dummy((n2,)))


def polyfit_cost(n: int, deg: int) -> int:
    """``2 n (deg + 1)^2`` for ``n`` points."""
    return operation_cost("polyfit", _dummy((n,)), _dummy((n,)), deg)


def polyder_cost(n: int) -> int:
    """``n`` for ``n`` coefficients."""
    return operation_cost("polyder", _dummy((n,)))


def polyint_cost(n: int) -> int:
    """``n`` for ``n`` coefficients."""
    return operation_cost("polyint", _dummy((n,)))


def poly_cost(n: int) -> int:
    """``n^2`` for ``n`` roots."""
    return operation_cost("poly", _dummy((n,)))


def roots_cost(deg: int) -> int:
    """``deg^3`` for a degree-``deg`` polynomial; weight 16."""
    return operation_cost("roots", _dummy((deg + 1,)))


# -- windows and misc --------------------------------------------------------------------
def bartlett_cost(n: int) -> int:
    """Cost of ``bartlett(n)``."""
    return operation_cost("bartlett", n)


def blackman_cost(n: int) -> int:
    """Cost of ``blackman(n)``."""
    return operation_cost("blackman", n)


def hamming_cost(n: int) -> int:
    """Cost of ``hamming(n)``."""
    return operation_cost("hamming", n)


def hanning_cost(n: int) -> int:
    """Cost of ``hanning(n)``."""
    return operation_cost("hanning", n)


def kaiser_cost(n: int, beta: float = 14.0) -> int:
    """Cost of ``kaiser(n, beta)``."""
    return operation_cost("kaiser", n, beta)


def unwrap_cost(shape) -> int:
    """Cost of ``unwrap`` on an array of ``shape``."""
    return operation_cost("unwrap", _dummy(shape))


# -- templates ---------------------------------------------------------------------------
def pointwise_cost(op: str, shape=None, shapes=None) -> int:
    """Cost of the element-wise ``op`` on operand(s) of ``shape`` (or ``shapes``)."""
    rule_ = registry.rule(op)
    if shapes is None:
        arity = 2 if rule_.category == "Pointwise Binary" else 1
        shapes = [shape] * arity
    return operation_cost(op, *(_dummy(s) for s in shapes))


def reduction_cost(op: str, input_shape, axis=None) -> int:
    """Cost of the reduction ``op`` over ``axis`` of an array of ``input_shape``."""
    return operation_cost(op, _dummy(input_shape), axis)


def random_cost(op: str, size) -> int:
    """Cost of drawing ``size`` values with ``numpy.random.<op>`` (``"normal"``...)."""
    name = op if op.startswith("random.") else f"random.{op}"
    if name.rsplit(".", 1)[-1] in ("rand", "randn"):
        return operation_cost(name, *((size,) if isinstance(size, int) else size))
    return operation_cost(name, size=size)


def stats_cost(dist: str, method: str, shape) -> int:
    """Cost of ``flopscope.stats.<dist>.<method>`` on an input of ``shape``."""
    return operation_cost(f"stats.{dist}.{method}", _dummy(shape))
