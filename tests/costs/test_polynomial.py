"""Polynomial costs (numpy.polyval and friends), as flopscope 0.4.3 charges them."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.runtime import registry


def charged(fn, *args, **kwargs):
    with flops.BudgetContext(flop_budget=10**15, quiet=True) as ctx:
        result = fn(*args, **kwargs)
    return ctx.flops_used, result


P = np.array([1.0, -3.0, 2.0, 0.5])  # degree 3
Q = np.array([2.0, 1.0])
x = np.linspace(0.1, 0.9, 8)


def test_costs():
    assert charged(fnp.polyval, P, x)[0] == 2 * 8 * 3  # 48
    assert charged(fnp.polyval, P, 0.5)[0] == 2 * 1 * 3
    assert charged(fnp.polyfit, x, x**2, 2)[0] == 2 * 8 * 3**2  # 144
    assert charged(fnp.polyadd, P, Q)[0] == 4
    assert charged(fnp.polysub, Q, P)[0] == 4
    assert charged(fnp.polymul, P, Q)[0] == 4 * 2
    assert charged(fnp.polydiv, P, Q)[0] == 4 * 2
    assert charged(fnp.polyder, P)[0] == 4
    assert charged(fnp.polyint, P)[0] == 4
    assert charged(fnp.poly, [1.0, 2.0, 3.0])[0] == 3**2
    assert charged(fnp.roots, P)[0] == 16 * 3**3  # weight 16: 432


def test_results_match_numpy():
    np.testing.assert_allclose(charged(fnp.polyval, P, x)[1], np.polyval(P, x))
    np.testing.assert_allclose(np.sort_complex(charged(fnp.roots, P)[1]),
                               np.sort_complex(np.roots(P)))
    quotient, remainder = charged(fnp.polydiv, P, Q)[1]
    np.testing.assert_allclose(quotient, np.polydiv(P, Q)[0])


def test_bad_degree_charges_nothing():
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        with pytest.raises(ValueError):
            fnp.polyfit(x, x, -1)
    assert ctx.flops_used == 0


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(0, 200))
def test_formulas(n1, n2, m):
    a, b, pts = (np.broadcast_to(0.0, (k,)) for k in (n1, n2, m))
    cost = lambda op, *args: registry.rule(op).cost(*args)  # noqa: E731
    assert cost("polyval", a, pts) == 2 * m * (n1 - 1)
    assert cost("polyadd", a, b) == max(n1, n2) == cost("polysub", b, a)
    assert cost("polymul", a, b) == n1 * n2 == cost("polydiv", a, b)
    assert cost("polyder", a) == n1 == cost("polyint", a)
    assert cost("poly", a) == n1 * n1
    assert cost("roots", a) == (n1 - 1) ** 3
    assert cost("polyfit", pts, pts, n2) == 2 * m * (n2 + 1) ** 2
