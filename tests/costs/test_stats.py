"""flopscope.stats: numel(output) per call; NumPy-only numerics that agree with theory."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope as flops
import flopscope.stats as fstats
from flopscope.runtime.weights import weight_of

SHAPES = {"lognorm": (0.7,), "truncnorm": (-1.0, 1.5)}
x = np.linspace(0.1, 0.9, 8)


def charged(fn, *args, **kwargs):
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        result = fn(*args, **kwargs)
    return ctx.flops_used, result


@pytest.mark.parametrize("dist", sorted(fstats.DISTRIBUTIONS))
@pytest.mark.parametrize("method", fstats.METHODS)
def test_cost_is_numel_times_weight(dist, method):
    fn = getattr(getattr(fstats, dist), method)
    shape_params = SHAPES.get(dist, ())
    cost, value = charged(fn, x, *shape_params)
    assert cost == int(8 * weight_of(f"stats.{dist}.{method}"))
    assert isinstance(value, flops.FlopscopeArray) and value.shape == (8,)
    # broadcasting against an array loc: numel of the output
    cost, value = charged(fn, x, *shape_params, loc=np.zeros((3, 1)))
    assert value.shape == (3, 8)
    assert cost == int(24 * weight_of(f"stats.{dist}.{method}"))


def test_reference_weights():
    assert charged(fstats.norm.pdf, x)[0] == 128
    assert charged(fstats.cauchy.pdf, x)[0] == 32
    assert charged(fstats.uniform.ppf, x)[0] == 8


def test_known_values():
    assert fstats.norm_cdf(0.0) == 0.5
    assert abs(fstats.norm_ppf(0.975) - 1.959963984540054) < 1e-14
    assert abs(fstats.norm_cdf(-10.0) - 7.619853024160527e-24) < 1e-36  # tail kept
    assert abs(fstats.norm_ppf(1e-20) + 9.262340089798408) < 1e-12
    assert fstats.norm_ppf(0.0) == -np.inf and fstats.norm_ppf(1.0) == np.inf
    assert np.isnan(fstats.norm_ppf(1.5)) and np.isnan(fstats.norm_pdf(0.0, scale=-1))
    assert fstats.expon_cdf(-1.0) == 0.0 and fstats.uniform_pdf(2.0) == 0.0
    assert abs(fstats.cauchy_ppf(1e-300) + 1 / (math.pi * 1e-300)) < 1e285
    assert fstats.cauchy_ppf(0.5) == 0.0
    # lognorm with s = 0.7 at its median (scale) has cdf 1/2
    assert abs(fstats.lognorm_cdf(2.0, 0.7, scale=2.0) - 0.5) < 1e-15
    assert fstats.truncnorm_pdf(2.0, -1.0, 1.5) == 0.0
    assert fstats.truncnorm_cdf(1.5, -1.0, 1.5) == 1.0


def test_scalar_in_scalar_out():
    value = fstats.norm_pdf(0.0)
    assert isinstance(value, np.float64)
    assert abs(value - 1 / math.sqrt(2 * math.pi)) < 1e-16


def test_against_scipy_when_available():
    ss = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(1)
    xs = np.concatenate([rng.normal(0, 3, 500), [-40, -5, 0, 5, 40]])
    qs = np.concatenate([rng.uniform(0, 1, 500), [1e-300, 1e-10, 0.02425, 0.5, 1 - 1e-10]])
    for dist in fstats.DISTRIBUTIONS:
        shape = SHAPES.get(dist, ())
        for method, arg in (("pdf", xs), ("cdf", xs), ("ppf", qs)):
            ours = fstats.implementation(dist, method)(arg, *shape, loc=0.5, scale=2.5)
            theirs = getattr(getattr(ss, dist), method)(arg, *shape, loc=0.5, scale=2.5)
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=0, err_msg=f"{dist}.{method}")


def test_truncnorm_far_tail_against_mpmath():
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 40
    a, b = 5.0, 9.0
    mass = mp.ncdf(-a) - mp.ncdf(-b)
    for q in (1e-8, 0.3, 0.999):
        z = fstats.truncnorm_ppf(q, a, b)
        exact = mp.findroot(lambda t: (mp.ncdf(-a) - mp.ncdf(-t)) / mass - q, z)
        assert abs(z - float(exact)) <= 1e-14 * float(exact)


@settings(max_examples=100, deadline=None)
@given(st.floats(1e-12, 1 - 1e-12))
def test_norm_ppf_inverts_cdf(q):
    z = fstats.norm_ppf(q)
    back = fstats.norm_cdf(z)
    assert abs(back - q) <= 1e-14 * max(q, 1e-300) + 1e-16 or abs(back - q) <= 4e-16


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(fstats.DISTRIBUTIONS)), st.floats(0.01, 0.99))
def test_ppf_inverts_cdf_everywhere(dist, q):
    shape = SHAPES.get(dist, ())
    z = fstats.implementation(dist, "ppf")(q, *shape, loc=1.0, scale=3.0)
    back = fstats.implementation(dist, "cdf")(z, *shape, loc=1.0, scale=3.0)
    assert abs(back - q) < 1e-12


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(fstats.DISTRIBUTIONS)))
def test_pdf_integrates_to_cdf(dist):
    shape = SHAPES.get(dist, ())
    lo, hi = fstats.implementation(dist, "ppf")(np.array([0.2, 0.8]), *shape)
    grid = np.linspace(lo, hi, 20001)
    pdf = fstats.implementation(dist, "pdf")(grid, *shape)
    area = np.sum((pdf[1:] + pdf[:-1]) / 2 * np.diff(grid))
    assert abs(area - 0.6) < 1e-6
