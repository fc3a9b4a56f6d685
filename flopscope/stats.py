"""``flopscope.stats``: counted pdf, cdf and ppf of common continuous distributions.

The distributions mirror ``scipy.stats``' calling convention for these methods
(``norm.pdf(x, loc=0, scale=1)``, ``lognorm.cdf(x, s, loc=0, scale=1)``,
``truncnorm.ppf(q, a, b, loc=0, scale=1)`` ...) but are computed with NumPy only, so
scipy is not needed. Each call is charged ``numel(output)`` to the active budget under
``"stats.<distribution>.<method>"`` (weighted 16 for most, 4 for ``cauchy.pdf``, 1 for
``uniform``)::

    >>> import flopscope as flops
    >>> with flops.BudgetContext(flop_budget=10**6, quiet=True) as b:
    ...     p = flops.stats.norm.cdf([0.0, 1.96])
    >>> b.flops_used
    32

Invalid parameters (``scale <= 0``, ``s <= 0``, ``a >= b``) and probabilities outside
``[0, 1]`` give NaN, as scipy does.

Numerics: the normal CDF uses ``math.erfc`` element-wise (full double precision,
including the tails); its inverse starts from Acklam's rational approximation
(relative error 1.15e-9) and takes one Halley step, which brings it to ~1e-15.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["norm", "expon", "cauchy", "logistic", "laplace", "lognorm", "truncnorm",
           "uniform", "DISTRIBUTIONS"]

_SQRT2 = math.sqrt(2.0)
_SQRT2PI = math.sqrt(2.0 * math.pi)
_erfc = np.frompyfunc(math.erfc, 1, 1)


def _erfc_array(x):
    x = np.asarray(x, dtype=float)
    return np.asarray(_erfc(x), dtype=float).reshape(x.shape)


def _out(value):
    """0-d results become NumPy scalars, as scipy returns them."""
    value = np.asarray(value, dtype=float)
    return value[()] if value.ndim == 0 else value


def _standardize(x, loc, scale):
    x, loc, scale = (np.asarray(v, dtype=float) for v in (x, loc, scale))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (x - loc) / scale
    bad = ~(scale > 0)
    return z, scale, bad


def _probability(q):
    q = np.asarray(q, dtype=float)
    return q, ~((q >= 0) & (q <= 1))


# -- the standard normal ------------------------------------------------------------
def _phi(z):
    return np.exp(-0.5 * z * z) / _SQRT2PI


def _Phi(z):
    """Standard normal CDF, accurate in both tails."""
    return 0.5 * _erfc_array(-np.asarray(z, dtype=float) / _SQRT2)


def _Phi_c(z):
    """Standard normal survival function 1 - Phi(z), accurate for large z."""
    return 0.5 * _erfc_array(np.asarray(z, dtype=float) / _SQRT2)


_A = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
_B = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00)
_P_LOW = 0.02425


def _acklam(p):
    """Acklam's approximation of the inverse normal CDF for p in (0, 1)."""
    x = np.empty_like(p)
    low = p < _P_LOW
    high = p > 1 - _P_LOW
    mid = ~(low | high)
    if mid.any():
        q = p[mid] - 0.5
        r = q * q
        num = (((((_A[0] * r + _A[1]) * r + _A[2]) * r + _A[3]) * r + _A[4]) * r + _A[5]) * q
        den = ((((_B[0] * r + _B[1]) * r + _B[2]) * r + _B[3]) * r + _B[4]) * r + 1
        x[mid] = num / den
    for mask, tail, sign in ((low, p, 1.0), (high, 1 - p, -1.0)):
        if mask.any():
            q = np.sqrt(-2 * np.log(tail[mask]))
            num = ((((_C[0] * q + _C[1]) * q + _C[2]) * q + _C[3]) * q + _C[4]) * q + _C[5]
            den = (((_D[0] * q + _D[1]) * q + _D[2]) * q + _D[3]) * q + 1
            x[mask] = sign * num / den
    return x


def _Phi_inv(p):
    """Inverse standard normal CDF: Acklam, then one Halley step on the residual."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    out[p == 0] = -np.inf
    out[p == 1] = np.inf
    inner = (p > 0) & (p < 1)
    if inner.any():
        pi = p[inner]
        x = _acklam(pi)
        # Halley on e = Phi(x) - p, each side computed in the tail where it is exact
        # (1 - p is exact for p > 1/2).
        e = np.where(x > 0, (1 - pi) - _Phi_c(x), _Phi(x) - pi)
        u = e * _SQRT2PI * np.exp(0.5 * x * x)
        x = x - u / (1 + 0.5 * x * u)
        out[inner] = x
    return out


def _nan_where(value, bad):
    value = np.array(value, dtype=float, copy=True)
    if np.any(bad):
        value = np.where(bad, np.nan, value)
    return value


# -- distributions: pdf / cdf / ppf -------------------------------------------------
def norm_pdf(x, loc=0.0, scale=1.0):
    z, scale, bad = _standardize(x, loc, scale)
    return _out(_nan_where(_phi(z) / scale, bad))


def norm_cdf(x, loc=0.0, scale=1.0):
    z, _, bad = _standardize(x, loc, scale)
    return _out(_nan_where(_Phi(z), bad))


def norm_ppf(q, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    loc, scale = np.asarray(loc, dtype=float), np.asarray(scale, dtype=float)
    return _out(_nan_where(loc + scale * _Phi_inv(q), badq | ~(scale > 0)))


def expon_pdf(x, loc=0.0, scale=1.0):
    z, scale, bad = _standardize(x, loc, scale)
    with np.errstate(over="ignore"):
        value = np.where(z >= 0, np.exp(-np.maximum(z, 0)) / scale, 0.0)
    return _out(_nan_where(value, bad))


def expon_cdf(x, loc=0.0, scale=1.0):
    z, _, bad = _standardize(x, loc, scale)
    return _out(_nan_where(np.where(z > 0, -np.expm1(-np.maximum(z, 0)), 0.0), bad))


def expon_ppf(q, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    loc, scale = np.asarray(loc, dtype=float), np.asarray(scale, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = loc - scale * np.log1p(-q)
    return _out(_nan_where(value, badq | ~(scale > 0)))


def cauchy_pdf(x, loc=0.0, scale=1.0):
    z, scale, bad = _standardize(x, loc, scale)
    return _out(_nan_where(1.0 / (np.pi * scale * (1.0 + z * z)), bad))


def cauchy_cdf(x, loc=0.0, scale=1.0):
    z, _, bad = _standardize(x, loc, scale)
    return _out(_nan_where(0.5 + np.arctan(z) / np.pi, bad))


def cauchy_ppf(q, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    loc, scale = np.asarray(loc, dtype=float), np.asarray(scale, dtype=float)
    # tan(pi (q - 1/2)) = -1 / tan(pi q): exact digits for q near 0 (and, mirrored, 1)
    with np.errstate(divide="ignore"):
        value = np.where(q < 0.5, -1.0 / np.tan(np.pi * q), 1.0 / np.tan(np.pi * (1.0 - q)))
        value = np.where(q == 0.5, 0.0, value)
    return _out(_nan_where(loc + scale * value, badq | ~(scale > 0)))


def logistic_pdf(x, loc=0.0, scale=1.0):
    z, scale, bad = _standardize(x, loc, scale)
    e = np.exp(-np.abs(z))
    return _out(_nan_where(e / (scale * (1.0 + e) ** 2), bad))


def logistic_cdf(x, loc=0.0, scale=1.0):
    z, _, bad = _standardize(x, loc, scale)
    e = np.exp(-np.abs(z))
    return _out(_nan_where(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)), bad))


def logistic_ppf(q, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    loc, scale = np.asarray(loc, dtype=float), np.asarray(scale, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = loc + scale * (np.log(q) - np.log1p(-q))
    return _out(_nan_where(value, badq | ~(scale > 0)))


def laplace_pdf(x, loc=0.0, scale=1.0):
    z, scale, bad = _standardize(x, loc, scale)
    return _out(_nan_where(0.5 * np.exp(-np.abs(z)) / scale, bad))


def laplace_cdf(x, loc=0.0, scale=1.0):
    z, _, bad = _standardize(x, loc, scale)
    half = 0.5 * np.exp(-np.abs(z))
    return _out(_nan_where(np.where(z < 0, half, 1.0 - half), bad))


def laplace_ppf(q, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    loc, scale = np.asarray(loc, dtype=float), np.asarray(scale, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(q <= 0.5, np.log(2 * q), -np.log(2 * (1 - q)))
    return _out(_nan_where(loc + scale * value, badq | ~(scale > 0)))


def lognorm_pdf(x, s, loc=0.0, scale=1.0):
    y, scale, bad = _standardize(x, loc, scale)
    s = np.asarray(s, dtype=float)
    positive = y > 0
    ys = np.where(positive, y, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.log(ys) / s
        value = np.where(positive, np.exp(-0.5 * t * t) / (s * ys * _SQRT2PI * scale), 0.0)
    return _out(_nan_where(value, bad | ~(s > 0)))


def lognorm_cdf(x, s, loc=0.0, scale=1.0):
    y, _, bad = _standardize(x, loc, scale)
    s = np.asarray(s, dtype=float)
    positive = y > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.log(np.where(positive, y, 1.0)) / s
    return _out(_nan_where(np.where(positive, _Phi(t), 0.0), bad | ~(s > 0)))


def lognorm_ppf(q, s, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    s, loc, scale = (np.asarray(v, dtype=float) for v in (s, loc, scale))
    with np.errstate(over="ignore", invalid="ignore"):
        value = loc + scale * np.exp(s * _Phi_inv(q))
    return _out(_nan_where(value, badq | ~(s > 0) | ~(scale > 0)))


def _truncnorm_mass(a, b):
    """Phi(b) - Phi(a), computed in the tail where it does not cancel."""
    right = a > 0
    return np.where(right, _Phi_c(a) - _Phi_c(b), _Phi(b) - _Phi(a))


def truncnorm_pdf(x, a, b, loc=0.0, scale=1.0):
    z, scale, bad = _standardize(x, loc, scale)
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where((z >= a) & (z <= b), _phi(z) / (_truncnorm_mass(a, b) * scale), 0.0)
    return _out(_nan_where(value, bad | ~(a < b)))


def truncnorm_cdf(x, a, b, loc=0.0, scale=1.0):
    z, _, bad = _standardize(x, loc, scale)
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    zc = np.clip(z, a, b)
    right = a > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(right, (_Phi_c(a) - _Phi_c(zc)), (_Phi(zc) - _Phi(a)))
        value = value / _truncnorm_mass(a, b)
    return _out(_nan_where(np.clip(value, 0.0, 1.0), bad | ~(a < b)))


def truncnorm_ppf(q, a, b, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    a, b, loc, scale = (np.asarray(v, dtype=float) for v in (a, b, loc, scale))
    with np.errstate(invalid="ignore"):
        mass = _truncnorm_mass(a, b)
        # Invert whichever of the CDF (below the median) and the survival function
        # (above it) is small, so the probability handed to Phi_inv keeps its digits.
        lower = _Phi(a) + q * mass
        upper = _Phi_c(b) + (1.0 - q) * mass
        use_lower = lower <= 0.5
        z = np.where(use_lower, _Phi_inv(np.clip(lower, 0.0, 1.0)),
                     -_Phi_inv(np.clip(upper, 0.0, 1.0)))
        z = np.clip(z, a, b)
    return _out(_nan_where(loc + scale * z, badq | ~(a < b) | ~(scale > 0)))


def uniform_pdf(x, loc=0.0, scale=1.0):
    z, scale, bad = _standardize(x, loc, scale)
    return _out(_nan_where(np.where((z >= 0) & (z <= 1), 1.0 / scale, 0.0), bad))


def uniform_cdf(x, loc=0.0, scale=1.0):
    z, _, bad = _standardize(x, loc, scale)
    return _out(_nan_where(np.clip(z, 0.0, 1.0), bad))


def uniform_ppf(q, loc=0.0, scale=1.0):
    q, badq = _probability(q)
    loc, scale = np.asarray(loc, dtype=float), np.asarray(scale, dtype=float)
    return _out(_nan_where(loc + scale * q, badq | ~(scale > 0)))


# distribution -> names of its shape parameters (before loc and scale)
DISTRIBUTIONS = {
    "norm": (),
    "expon": (),
    "cauchy": (),
    "logistic": (),
    "laplace": (),
    "lognorm": ("s",),
    "truncnorm": ("a", "b"),
    "uniform": (),
}
METHODS = ("pdf", "cdf", "ppf")


def implementation(dist: str, method: str):
    """The NumPy implementation of ``<dist>.<method>`` (uncounted)."""
    return globals()[f"{dist}_{method}"]


class Distribution:
    """One distribution: ``pdf``, ``cdf`` and ``ppf``, each charged to the budget."""

    def __init__(self, name: str):
        self.name = name
        self.shapes = DISTRIBUTIONS[name]

    def __getattr__(self, method: str):
        if method not in METHODS:
            raise AttributeError(
                f"flopscope.stats.{self.name} has no method {method!r} "
                f"(available: {', '.join(METHODS)})")
        from flopscope.runtime import registry
        from flopscope.runtime.calls import make_callable

        call = make_callable(registry.rule(f"stats.{self.name}.{method}"), wrap=True)
        self.__dict__[method] = call
        return call

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(METHODS))

    def __repr__(self):
        return f"<flopscope.stats.{self.name} distribution>"


norm = Distribution("norm")
expon = Distribution("expon")
cauchy = Distribution("cauchy")
logistic = Distribution("logistic")
laplace = Distribution("laplace")
lognorm = Distribution("lognorm")
truncnorm = Distribution("truncnorm")
uniform = Distribution("uniform")
