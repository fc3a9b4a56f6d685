"""numpy.linalg costs: exact integers, weighted (x4 for the LAPACK family) and not."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.runtime import registry

from flopscope.runtime.costs import linalg as L

from charging import charged


def spd(n, batch=()):
    g = np.random.default_rng(0).standard_normal(batch + (n, n))
    return g @ np.swapaxes(g, -1, -2) + n * np.eye(n)


A = np.random.default_rng(1).standard_normal((6, 7))


@pytest.mark.parametrize("name", ["cholesky", "eig", "eigh", "eigvals", "eigvalsh",
                                  "det", "slogdet", "inv"])
def test_square_family_is_n_cubed_weight_4(name):
    fn = getattr(fnp.linalg, name)
    assert charged(fn, spd(5)) == 4 * 5**3  # 500


def test_batched_square_family_multiplies_by_the_stack(unweighted):
    assert charged(fnp.linalg.cholesky, spd(4, (3,))) == 3 * 4**3  # 192
    assert charged(fnp.linalg.det, spd(3, (2, 5))) == 10 * 3**3  # 270


def test_solve_ignores_the_number_of_right_hand_sides(unweighted):
    M = spd(5)
    assert charged(fnp.linalg.solve, M, np.ones(5)) == 125
    assert charged(fnp.linalg.solve, M, np.ones((5, 40))) == 125


@pytest.mark.parametrize("name", ["qr", "svd", "svdvals", "matrix_rank", "cond"])
def test_mnk_family(name, unweighted):
    assert charged(getattr(fnp.linalg, name), A) == 6 * 7 * 6  # 252
    assert charged(getattr(fnp.linalg, name), A.T) == 7 * 6 * 6


def test_truncated_svd_cost_and_result():
    B = np.random.default_rng(2).standard_normal((16, 12))
    with flops.BudgetContext(flop_budget=10**9, quiet=True) as ctx:
        u, s, vh = fnp.linalg.svd(B, k=2)
    assert ctx.flops_used == 4 * 16 * 12 * 2  # 1536
    U, S, VH = np.linalg.svd(B, full_matrices=False)
    assert u.shape == (16, 2) and s.shape == (2,) and vh.shape == (2, 12)
    np.testing.assert_allclose(s, S[:2])
    np.testing.assert_allclose(np.abs(u.T @ U[:, :2]), np.eye(2), atol=1e-10)
    assert fnp.linalg.svd(B, k=3, compute_uv=False).shape == (3,)
    with pytest.raises(ValueError):
        fnp.linalg.svd(B, k=13)


def test_svd_options_pass_through():
    u, s, vh = fnp.linalg.svd(A, full_matrices=True)
    assert u.shape == (6, 6) and vh.shape == (7, 7)
    assert fnp.linalg.svd(A, compute_uv=False).shape == (6,)


def test_lstsq_and_pinv(unweighted):
    # lstsq: m^2 n + m n k + k^3 + k
    assert charged(fnp.linalg.lstsq, A, np.ones(6), rcond=None) == 36 * 7 + 252 + 216 + 6  # 726
    big = np.random.default_rng(3).standard_normal((400, 30))
    assert charged(fnp.linalg.lstsq, big, np.ones(400), rcond=None) == (
        400**2 * 30 + 400 * 30 * 30 + 30**3 + 30)  # 5187030 (programs/least_squares.py)
    # pinv: m n k + k + n k + n m (2k - 1)
    assert charged(fnp.linalg.pinv, A) == 252 + 6 + 42 + 42 * 11  # 762
    assert charged(fnp.linalg.pinv, np.ones((16, 12))) == 2304 + 12 + 144 + 192 * 23  # 6876


def test_tensor_solvers(unweighted):
    a = np.eye(6).reshape(2, 3, 6)
    assert charged(fnp.linalg.tensorinv, a, ind=2) == 6**3
    assert charged(fnp.linalg.tensorsolve, a, np.ones((2, 3))) == 6**3


def test_norms(unweighted):
    X = np.ones((250, 3))
    assert charged(fnp.linalg.norm, X) == 2 * 750  # 1500, programs/cholesky_solve.py
    assert charged(fnp.linalg.norm, X, "fro") == 1500
    assert charged(fnp.linalg.norm, X, 1) == 1500
    assert charged(fnp.linalg.norm, X, 2) == 4 * 250 * 3 * 3  # SVD-based: 9000
    assert charged(fnp.linalg.norm, X, "nuc") == 9000
    assert charged(fnp.linalg.norm, np.ones((4, 5, 6)), 2, (0, 2)) == 4 * 5 * 4 * 6 * 4
    assert charged(fnp.linalg.norm, np.ones(8), 2) == 16
    assert charged(fnp.linalg.vector_norm, np.ones((3, 4)), ord=np.inf) == 24
    assert charged(fnp.linalg.matrix_norm, np.ones((2, 6, 7))) == 2 * 84
    assert charged(fnp.linalg.matrix_norm, np.ones((2, 6, 7)), ord=2) == 4 * 2 * 6 * 7 * 6


def test_matrix_power(unweighted):
    M = spd(5) / 10
    per_product = 5 * 5 * (2 * 5 - 1)  # 225
    assert charged(fnp.linalg.matrix_power, M, 3) == 2 * per_product  # 450
    assert charged(fnp.linalg.matrix_power, np.ones((16, 16)), 5) == 3 * 16 * 16 * 31  # 23808
    assert charged(fnp.linalg.matrix_power, M, 1) == 0
    assert charged(fnp.linalg.matrix_power, M, 0) == 0
    assert charged(fnp.linalg.matrix_power, M, -2) == 125 + per_product


def test_multi_dot():
    B = np.ones((7, 6))
    assert charged(fnp.linalg.multi_dot, [A, B, A]) == 2 * (6 * 7 * 6 + 6 * 6 * 7)  # 1008
    assert charged(fnp.linalg.multi_dot, [np.ones(6), A, np.ones(7)]) == 2 * (6 * 7 + 6)  # A @ v first


def test_trace_diagonal_transpose():
    M = spd(5)
    assert charged(fnp.linalg.trace, M) == 5
    assert charged(fnp.linalg.trace, A, offset=2) == 5
    assert charged(fnp.linalg.trace, np.ones((3, 4, 4))) == 12
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        d = fnp.linalg.diagonal(M)
    assert ctx.flops_used == 5  # charged as numpy.diagonal (weight 1), as 0.4.3 does
    assert "diagonal" in ctx._ops
    np.testing.assert_array_equal(d, np.diagonal(M))
    assert charged(fnp.linalg.matrix_transpose, A) == 0


def test_cross_is_counted():
    v = np.ones((4, 3))
    assert charged(fnp.linalg.cross, v, v) == 60  # as numpy.cross


def test_results_are_counted_arrays():
    q, r = fnp.linalg.qr(A)
    assert isinstance(q, flops.FlopscopeArray) and isinstance(r, flops.FlopscopeArray)
    assert isinstance(fnp.linalg.det(spd(3)), flops.FlopscopeArray)


def test_numpy_linalg_on_counted_arrays_dispatches():
    X = fnp.linalg.inv(spd(4))  # a FlopscopeArray
    for fn, cost in ((np.linalg.svd, 4 * 64), (np.linalg.diagonal, 4)):
        with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
            fn(X)
        assert ctx.flops_used == cost


# -- bad input: NumPy's own error, nothing charged -------------------------------------
@pytest.mark.parametrize("call", [
    lambda: fnp.linalg.inv(np.ones((3, 4))),
    lambda: fnp.linalg.inv(np.ones(3)),
    lambda: fnp.linalg.det(np.array([["a", "b"], ["c", "d"]])),
    lambda: fnp.linalg.solve(np.ones((3, 4)), np.ones(3)),
    lambda: fnp.linalg.cholesky(np.ones((2, 3))),
    lambda: fnp.linalg.svd(np.ones(4)),
    lambda: fnp.linalg.matrix_power(np.ones((2, 3)), 2),
    lambda: fnp.linalg.multi_dot([np.ones((2, 3)), np.ones((4, 2))]),
    lambda: fnp.linalg.tensorinv(np.ones((2, 3, 4))),
])
def test_invalid_shapes_charge_nothing(call):
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        with pytest.raises((np.linalg.LinAlgError, ValueError, TypeError)):
            call()
    assert ctx.flops_used == 0


def test_singular_matrix_is_charged_the_factorisation_ran():
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        with pytest.raises(np.linalg.LinAlgError):
            fnp.linalg.inv(np.zeros((3, 3)))
    assert ctx.flops_used == 4 * 27


# -- symmetric inputs --------------------------------------------------------------------
def test_symmetric_inputs(unweighted):
    symmetry = pytest.importorskip("flopscope.runtime.symmetry")
    S = symmetry.as_symmetric(spd(5), symmetry=(0, 1))
    assert charged(fnp.linalg.solve, S, np.ones(5)) == 125
    assert charged(fnp.linalg.det, S) == 125
    assert charged(fnp.linalg.inv, S) == 125 + 125 // 3  # 166
    inv = fnp.linalg.inv(S)
    assert isinstance(inv, symmetry.SymmetricTensor)
    np.testing.assert_allclose(inv, np.linalg.inv(np.asarray(S)))


# -- properties ------------------------------------------------------------------------------
dims = st.integers(1, 9)


@settings(max_examples=60, deadline=None)
@given(dims, dims, st.lists(st.integers(1, 3), max_size=2))
def test_mnk_property(m, n, batch):
    x = np.broadcast_to(0.0, tuple(batch) + (m, n))
    assert L.mnk(x) == math.prod(batch) * m * n * min(m, n)
    assert L.pinv(x) == math.prod(batch) * (
        m * n * min(m, n) + min(m, n) + n * min(m, n) + L.matmul_cost(n, min(m, n), m))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=2, max_size=5))
def test_chain_cost_is_the_cheapest_parenthesisation(dims):
    def best(i, j):  # brute force over every split
        if j - i < 2:
            return 0
        return min(best(i, s) + best(s, j) + dims[i] * dims[s] * dims[j]
                   for s in range(i + 1, j))

    assert L.chain_cost(dims) == best(0, len(dims) - 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 70), st.integers(1, 6))
def test_matrix_power_counts_the_products_of_binary_exponentiation(p, n):
    products, result, q = 0, None, p
    while q:  # NumPy's loop: square the base, multiply it in when the bit is set
        if q & 1:
            products += result is not None
            result = True
        q >>= 1
        if q:
            products += 1
    x = np.broadcast_to(0.0, (n, n))
    assert registry.rule("linalg.matrix_power").cost(x, p) == products * n * n * (2 * n - 1)
