"""flopscope.accounting: weighted cost queries equal what running the operation charges."""

import numpy as np
import pytest

import flopscope as flops
import flopscope.accounting as acc
import flopscope.numpy as fnp
import flopscope.stats as fstats

from charging import charged


def spd(n):
    g = np.random.default_rng(0).standard_normal((n, n))
    return g @ g.T + n * np.eye(n)


R = np.random.default_rng(1).standard_normal((16, 12))


def test_reference_values():
    assert acc.svd_cost(m=256, n=256, k=10) == 4 * 256 * 256 * 10  # docs: 655,360 x 4
    assert acc.svd_cost(16, 12) == 4 * 16 * 12 * 12
    assert acc.solve_cost(16) == acc.solve_cost(16, nrhs=3) == 4 * 16**3
    assert acc.lstsq_cost(16, 12) == 4 * (256 * 12 + 16 * 144 + 12**3 + 12)  # 28464
    assert acc.pinv_cost(16, 12) == 4 * 6876
    assert acc.tensorsolve_cost((2, 3, 6)) == acc.tensorinv_cost((2, 3, 6)) == 4 * 216
    assert acc.trace_cost(16) == 16
    assert acc.norm_cost((16, 12)) == 384 and acc.vector_norm_cost((16,)) == 32
    assert acc.multi_dot_cost([(16, 12), (12, 9), (9, 16)]) == 2 * (16 * 12 * 9 + 16 * 9 * 16)
    assert acc.matrix_power_cost(16, 5) == 3 * 16 * 16 * 31
    assert acc.fft_cost(1024) == 51200 and acc.rfft_cost(1024) == 25600
    assert acc.fft_cost(9) == 180 and acc.rfft_cost(9) == 80 and acc.hfft_cost(9) == 180
    assert acc.fftn_cost((16, 12)) == 7680 and acc.rfftn_cost((16, 12)) == 3840
    assert acc.polyval_cost(3, 9) == 54 and acc.polyfit_cost(9, 2) == 162
    assert acc.roots_cost(4) == 16 * 64 and acc.poly_cost(16) == 256
    assert acc.pointwise_cost("exp", shape=(16, 12)) == 16 * 192
    assert acc.pointwise_cost("add", shape=(16, 12)) == 192
    assert acc.reduction_cost("sum", input_shape=(16, 12)) == 191
    assert acc.reduction_cost("sum", input_shape=(16, 12), axis=0) == 180
    assert acc.inv_cost(5, symmetric=True) == 4 * 166


def test_unweighted(monkeypatch):
    monkeypatch.setenv("FLOPSCOPE_DISABLE_WEIGHTS", "1")
    assert acc.svd_cost(16, 12, k=2) == 384
    assert acc.roots_cost(4) == 64
    assert acc.pointwise_cost("exp", shape=(16, 12)) == 192


@pytest.mark.parametrize("query, run", [
    (lambda: acc.svd_cost(16, 12, k=3), lambda: fnp.linalg.svd(R, k=3)),
    (lambda: acc.svdvals_cost(16, 12), lambda: fnp.linalg.svdvals(R)),
    (lambda: acc.qr_cost(16, 12), lambda: fnp.linalg.qr(R)),
    (lambda: acc.cholesky_cost(7), lambda: fnp.linalg.cholesky(spd(7))),
    (lambda: acc.eig_cost(7), lambda: fnp.linalg.eig(spd(7))),
    (lambda: acc.eigh_cost(7), lambda: fnp.linalg.eigh(spd(7))),
    (lambda: acc.eigvals_cost(7), lambda: fnp.linalg.eigvals(spd(7))),
    (lambda: acc.eigvalsh_cost(7), lambda: fnp.linalg.eigvalsh(spd(7))),
    (lambda: acc.solve_cost(7, nrhs=2), lambda: fnp.linalg.solve(spd(7), np.ones((7, 2)))),
    (lambda: acc.inv_cost(7), lambda: fnp.linalg.inv(spd(7))),
    (lambda: acc.lstsq_cost(16, 12), lambda: fnp.linalg.lstsq(R, np.ones(16), rcond=None)),
    (lambda: acc.pinv_cost(16, 12), lambda: fnp.linalg.pinv(R)),
    (lambda: acc.det_cost(7), lambda: fnp.linalg.det(spd(7))),
    (lambda: acc.slogdet_cost(7), lambda: fnp.linalg.slogdet(spd(7))),
    (lambda: acc.cond_cost(16, 12), lambda: fnp.linalg.cond(R)),
    (lambda: acc.matrix_rank_cost(16, 12), lambda: fnp.linalg.matrix_rank(R)),
    (lambda: acc.trace_cost(16, 12), lambda: fnp.linalg.trace(R)),
    (lambda: acc.norm_cost((16, 12), ord=2), lambda: fnp.linalg.norm(R, 2)),
    (lambda: acc.matrix_norm_cost((16, 12), ord="nuc"),
     lambda: fnp.linalg.matrix_norm(R, ord="nuc")),
    (lambda: acc.vector_norm_cost((16, 12)), lambda: fnp.linalg.vector_norm(R)),
    (lambda: acc.multi_dot_cost([(16, 12), (12, 16), (16, 3)]),
     lambda: fnp.linalg.multi_dot([R, R.T, np.ones((16, 3))])),
    (lambda: acc.matrix_power_cost(7, 11), lambda: fnp.linalg.matrix_power(spd(7) / 50, 11)),
    (lambda: acc.fft_cost(100), lambda: fnp.fft.fft(np.ones(100))),
    (lambda: acc.ifft_cost(100), lambda: fnp.fft.ifft(np.ones(100))),
    (lambda: acc.rfft_cost(101), lambda: fnp.fft.rfft(np.ones(101))),
    (lambda: acc.irfft_cost(100), lambda: fnp.fft.irfft(np.ones(51, complex))),
    (lambda: acc.hfft_cost(100), lambda: fnp.fft.hfft(np.ones(51, complex))),
    (lambda: acc.ihfft_cost(100), lambda: fnp.fft.ihfft(np.ones(100))),
    (lambda: acc.fft2_cost((6, 7)), lambda: fnp.fft.fft2(np.ones((6, 7)))),
    (lambda: acc.ifft2_cost((6, 7)), lambda: fnp.fft.ifft2(np.ones((6, 7)))),
    (lambda: acc.rfft2_cost((6, 7)), lambda: fnp.fft.rfft2(np.ones((6, 7)))),
    (lambda: acc.irfft2_cost((6, 12)), lambda: fnp.fft.irfft2(np.ones((6, 7), complex))),
    (lambda: acc.fftn_cost((3, 5, 4)), lambda: fnp.fft.fftn(np.ones((3, 5, 4)))),
    (lambda: acc.ifftn_cost((3, 5, 4)), lambda: fnp.fft.ifftn(np.ones((3, 5, 4)))),
    (lambda: acc.rfftn_cost((3, 5, 4)), lambda: fnp.fft.rfftn(np.ones((3, 5, 4)))),
    (lambda: acc.irfftn_cost((3, 5, 6)), lambda: fnp.fft.irfftn(np.ones((3, 5, 4), complex))),
    (lambda: acc.polyval_cost(3, 9), lambda: fnp.polyval(np.ones(4), np.ones(9))),
    (lambda: acc.polyfit_cost(9, 2), lambda: fnp.polyfit(np.arange(9.0), np.ones(9), 2)),
    (lambda: acc.polyadd_cost(4, 2), lambda: fnp.polyadd(np.ones(4), np.ones(2))),
    (lambda: acc.polysub_cost(4, 2), lambda: fnp.polysub(np.ones(4), np.ones(2))),
    (lambda: acc.polymul_cost(4, 2), lambda: fnp.polymul(np.ones(4), np.ones(2))),
    (lambda: acc.polydiv_cost(4, 2), lambda: fnp.polydiv(np.ones(4), np.ones(2))),
    (lambda: acc.polyder_cost(4), lambda: fnp.polyder(np.ones(4))),
    (lambda: acc.polyint_cost(4), lambda: fnp.polyint(np.ones(4))),
    (lambda: acc.poly_cost(5), lambda: fnp.poly(np.arange(5.0))),
    (lambda: acc.roots_cost(4), lambda: fnp.roots(np.arange(1.0, 6.0))),
    (lambda: acc.random_cost("normal", (4, 5)), lambda: fnp.random.normal(size=(4, 5))),
    (lambda: acc.random_cost("randn", (4, 5)), lambda: fnp.random.randn(4, 5)),
    (lambda: acc.stats_cost("norm", "ppf", (3, 4)), lambda: fstats.norm.ppf(np.full((3, 4), 0.3))),
    (lambda: acc.reduction_cost("max", (6, 7), axis=1), lambda: fnp.max(np.ones((6, 7)), axis=1)),
    (lambda: acc.pointwise_cost("sin", shape=(6, 7)), lambda: fnp.sin(np.ones((6, 7)))),
])
def test_query_equals_the_charge(query, run):
    before = charged(lambda: None)
    assert before == 0
    assert query() == charged(run)


def test_queries_charge_nothing():
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        acc.svd_cost(100, 100)
        acc.fft_cost(4096)
    assert ctx.flops_used == 0


def test_unknown_operation():
    with pytest.raises(KeyError):
        acc.pointwise_cost("no_such_op", shape=(3,))


def test_einsum_cost_delegates_to_the_contractions_family():
    assert acc.einsum_cost("ij,jk->ik", shapes=[(16, 12), (12, 9)]) == 16 * 9 * (2 * 12 - 1)
    assert acc.einsum_cost("ij,j->i", shapes=[(16, 12), (12,)]) == 16 * (2 * 12 - 1)


@pytest.mark.parametrize("name, n, expected", [
    ("bartlett", 9, 9), ("blackman", 9, 432), ("hamming", 9, 144), ("hanning", 9, 144)])
def test_windows(name, n, expected):
    pytest.importorskip("flopscope.runtime.costs.window")
    from flopscope.runtime import registry

    if registry.find(name) is None:
        pytest.skip("window family not registered yet")
    assert getattr(acc, f"{name}_cost")(n) == expected == charged(getattr(fnp, name), n)
