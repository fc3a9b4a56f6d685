"""Misc costs: element counts of what is built, read or changed; exact integers."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.runtime import registry

from charging import charged


def cost(name, *args, **kwargs):
    return registry.rule(name).cost(*args, **kwargs)


A = np.random.default_rng(0).uniform(size=(6, 7))
x = np.linspace(0.1, 0.9, 8)
M = np.eye(5) * 3.0


# -- free and zero-weight operations ---------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: fnp.reshape(A, -1), lambda: fnp.transpose(A), lambda: fnp.copy(A),
    lambda: fnp.astype(A, np.float32), lambda: fnp.hstack([A, A]),
    lambda: fnp.column_stack([x, x]), lambda: fnp.hsplit(A[:, :6], 2),
    lambda: fnp.empty((3, 4)), lambda: fnp.zeros_like(A), lambda: fnp.tril(A),
    lambda: fnp.shape(A), lambda: fnp.moveaxis(A, 0, 1),
])
def test_free_operations_cost_nothing_even_unweighted(call, unweighted):
    assert charged(call) == 0


def test_zero_weight_operations_still_have_an_unweighted_count(unweighted):
    assert charged(fnp.asarray, A) == 42  # 6*7
    assert charged(fnp.ravel, A) == 42
    assert charged(fnp.split, x, 2) == 8
    assert charged(fnp.array_split, A, 4, axis=1) == 42
    assert charged(fnp.vsplit, np.ones((4, 2)), 2) == 8  # 4*2
    assert charged(fnp.broadcast_to, x, (3, 8)) == 24  # 3*8 output
    assert charged(fnp.broadcast_arrays, A, A[0]) == 84  # 2 outputs * 42
    assert charged(fnp.rollaxis, np.ones((3, 5, 4)), 2) == 60  # 3*5*4
    assert charged(fnp.frombuffer, b"\x00" * 32, dtype=np.float32) == 8  # 32 bytes / 4
    assert charged(fnp.frombuffer, b"\x00" * 32, dtype=np.float64, offset=8) == 3  # 24/8


def test_zero_weight_operations_charge_nothing_weighted():
    assert charged(fnp.asarray, A) == 0
    assert charged(fnp.ravel, A) == 0


# -- builders: numel(output) -----------------------------------------------------------

def test_joining_costs_the_output(unweighted):
    assert charged(fnp.concatenate, [A, A, A]) == 126  # 3 * 42
    assert charged(fnp.concatenate, [A, A], axis=None) == 84
    assert charged(fnp.stack, [x, x, x], axis=1) == 24  # 3 * 8
    assert charged(fnp.vstack, [A, A[0]]) == 49  # 42 + 7
    assert charged(fnp.dstack, [A, A]) == 84
    assert charged(fnp.block, [[M, M], [M, M]]) == 100  # 4 * 25
    assert charged(fnp.block, [x, x]) == 16
    assert charged(fnp.bmat, [[M, M]]) == 50


def test_generators_cost_the_output(unweighted):
    assert charged(fnp.arange, 10) == 10
    assert charged(fnp.arange, 2, 11, 3) == 3  # 2, 5, 8
    assert charged(fnp.arange, 0.0, 1.0, 0.25) == 4  # ceil(1 / 0.25)
    assert charged(fnp.arange, 5, dtype=float) == 5
    assert charged(fnp.arange, 10, 0, -2) == 5
    assert charged(fnp.arange, 5, 2) == 0
    assert charged(fnp.linspace, 0, 1, 11) == 11
    assert charged(fnp.linspace, [0, 1], [2, 3], 5) == 10  # 5 points * 2 endpoints
    assert charged(fnp.logspace, 0, 2, num=7) == 7
    assert charged(fnp.geomspace, 1, 100, 10) == 10
    assert charged(fnp.full, (4, 5), 2.0) == 20
    assert charged(fnp.full_like, A, 1.0) == 42
    assert charged(fnp.full_like, A, 1.0, shape=(2, 3)) == 6
    assert charged(fnp.fromfunction, lambda i, j: i + j, (4, 5)) == 20
    assert charged(fnp.indices, (3, 4)) == 24  # 2 index arrays * 12
    assert charged(fnp.ix_, [0, 1, 2], [2, 3]) == 5  # 3 + 2
    assert charged(fnp.meshgrid, x, np.ones(3)) == 48  # 2 grids * 8*3
    assert charged(fnp.meshgrid, x, np.ones(3), sparse=True) == 11  # 8 + 3


def test_fromiter_counts_elements_even_from_a_generator(unweighted):
    assert charged(fnp.fromiter, range(12), dtype=float) == 12
    assert charged(fnp.fromiter, (i for i in range(7)), float) == 7
    assert charged(fnp.fromiter, iter(range(9)), float, count=4) == 4


def test_bmat_from_a_string_reads_the_callers_names(unweighted):
    L = np.ones((3, 3))  # noqa: F841 - named in the string
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        out = fnp.bmat("L, L; L, L")
    assert out.shape == (6, 6)
    assert ctx.flops_used == 36  # 6*6, priced once the blocks are known


def test_fromiter_is_weighted_16():
    assert charged(fnp.fromiter, (i for i in range(7)), float) == 112  # 7 * 16


def test_shape_changing_copies(unweighted):
    assert charged(fnp.pad, A, 1) == 72  # 8*9
    assert charged(fnp.pad, A, ((1, 2), (0, 3))) == 90  # 9*10
    assert charged(fnp.tile, x, 3) == 24
    assert charged(fnp.tile, A, (2, 1, 2)) == 168  # 42 * 4
    assert charged(fnp.repeat, x, 3) == 24
    assert charged(fnp.repeat, A, 2, axis=0) == 84
    assert charged(fnp.repeat, np.ones(3), [1, 2, 3]) == 6  # 1+2+3
    assert charged(fnp.resize, x, (3, 7)) == 21
    assert charged(fnp.diag, x) == 64  # 8*8
    assert charged(fnp.diag, x, k=1) == 81  # 9*9
    assert charged(fnp.diag, A) == 6  # min(6, 7)
    assert charged(fnp.diag, A, k=3) == 4  # diagonal of length 4 above
    assert charged(fnp.diagflat, [[1, 2], [3, 4]]) == 16  # 4*4
    assert charged(fnp.roll, x, 2) == 0


def test_packbits_and_unpackbits_cost_the_output(unweighted):
    mask = A > 0.5
    assert charged(fnp.packbits, mask) == 6  # ceil(42 / 8)
    assert charged(fnp.packbits, mask, axis=1) == 6  # 6 rows * ceil(7/8)
    assert charged(fnp.packbits, np.ones((9, 2), bool), axis=0) == 4  # ceil(9/8)*2
    u8 = np.array([3, 255], dtype=np.uint8)
    assert charged(fnp.unpackbits, u8) == 16  # 2 * 8
    assert charged(fnp.unpackbits, u8, count=5) == 5
    assert charged(fnp.unpackbits, u8, count=-3) == 13


# -- selection and tests ---------------------------------------------------------------

def test_selection(unweighted):
    assert charged(fnp.where, A > 0.5, A, 0.0) == 42
    assert charged(fnp.where, A > 0.5) == 42
    assert charged(fnp.where, x > 0.5, A[:, :1], x) == 48  # broadcast (6,8)
    assert charged(fnp.take, x, [0, 2, 3]) == 3
    assert charged(fnp.take, A, [0, 1], axis=1) == 12  # 6 rows * 2
    assert charged(fnp.take_along_axis, A, np.zeros((1, 7), int), axis=0) == 7
    assert charged(fnp.choose, [0, 1, 0], [x[:3], x[:3]]) == 3
    assert charged(fnp.select, [x < 0.3, x > 0.7], [x, -x], 0.0) == 8
    assert charged(fnp.compress, x > 0.5, x) == int((x > 0.5).sum())  # kept: 4
    assert charged(fnp.compress, [True, False, True], A, axis=0) == 14  # 2 rows * 7
    assert charged(fnp.compress, [False, True], A, axis=1) == 6  # 1 column * 6
    assert charged(fnp.extract, A > 0.5, A) == 42
    assert charged(fnp.nonzero, A) == 42
    assert charged(fnp.flatnonzero, A) == 42
    assert charged(fnp.argwhere, A) == 42


def test_selection_methods(unweighted):
    a = np.asarray(A)  # methods go through FlopscopeArray; take a counted copy first
    fa = fnp.asarray(a)
    assert charged(fa.take, [0, 1], axis=1) == 12
    assert charged(fa.repeat, 2, axis=1) == 84
    assert charged(fa.compress, [True, False, True], axis=0) == 14
    assert charged(fa.nonzero) == 42
    assert charged(fa.diagonal, 1) == 6  # 6x7 offset 1: min(6, 6)
    assert charged(fa.trace) == 6
    assert charged(fa.clip, 0.2, 0.8) == 42
    assert charged(fa.put, [0], [1.0]) == 42
    assert charged(fnp.asarray(np.array([0, 1, 0])).choose, [x[:3], x[:3]]) == 3


def test_writes(unweighted):
    assert charged(fnp.place, A.copy(), A > 0.5, [0.0]) == 42
    assert charged(fnp.putmask, A.copy(), A > 0.5, 0.0) == 42
    assert charged(fnp.put, x.copy(), [0, 1], [5.0, 6.0]) == 8
    assert charged(fnp.put_along_axis, A.copy(), np.zeros((6, 1), int), 0.0, axis=1) == 42
    assert charged(fnp.copyto, A.copy(), 1.0) == 42
    assert charged(fnp.fill_diagonal, M.copy(), 0.0) == 5
    assert charged(fnp.fill_diagonal, np.zeros((3, 7)), 0.0) == 3  # min(3, 7)
    assert charged(fnp.fill_diagonal, np.zeros((7, 3)), 0.0, wrap=True) == 6  # 0,4,..,20
    assert charged(fnp.fill_diagonal, np.zeros((3, 3, 3)), 1.0) == 3


def test_priced_by_what_changes(unweighted):
    assert charged(fnp.delete, x, [0, 1]) == 2
    assert charged(fnp.delete, x, [1, 1, -7]) == 1  # one distinct position
    assert charged(fnp.delete, A, slice(0, 3), axis=1) == 18  # 3 columns * 6
    assert charged(fnp.delete, A, 0, axis=0) == 7
    assert charged(fnp.insert, x, 2, [1.0, 2.0]) == 2
    assert charged(fnp.append, x, A) == 42
    assert charged(fnp.trim_zeros, np.array([0.0, 0.0, 1.0, 2.0, 0.0])) == 3
    assert charged(fnp.trim_zeros, np.array([0.0, 0.0, 1.0, 2.0, 0.0]), "f") == 2
    assert charged(fnp.trim_zeros, np.zeros(4)) == 4
    assert charged(fnp.trim_zeros, np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]])) == 8  # 9 - 1


def test_comparisons(unweighted):
    assert charged(fnp.allclose, A, A) == 42
    assert charged(fnp.allclose, A, 0.5) == 42
    assert charged(fnp.array_equal, A, A) == 42
    assert charged(fnp.array_equiv, A, A[0]) == 42  # broadcast (6,7)
    for fn in (fnp.isnan, fnp.isinf, fnp.isfinite):
        assert charged(fn, A) == 42


def test_clip(unweighted):
    assert charged(fnp.clip, A, 0.3, 0.6) == 42
    assert charged(fnp.clip, x, np.zeros((3, 1)), 1.0) == 24  # broadcast (3, 8)
    assert charged(fnp.clip, A, max=0.5) == 42


def test_diagonal_and_trace(unweighted):
    assert charged(fnp.diagonal, A) == 6  # min(6, 7)
    assert charged(fnp.diagonal, A, -2) == 4
    assert charged(fnp.diagonal, np.ones((2, 3, 4)), 0, 1, 2) == 6  # 2 * min(3, 4)
    assert charged(fnp.trace, M) == 5
    assert charged(fnp.trace, A, 5) == 2
    assert charged(fnp.trace, np.ones((4, 3, 3)), 0, 1, 2) == 12  # 4 * 3


def test_mask_indices(unweighted):
    assert charged(fnp.mask_indices, 5, np.triu) == 30  # 2 * 15 upper entries
    assert charged(fnp.mask_indices, 4, np.tril, -1) == 12  # 2 * 6
    assert charged(fnp.mask_indices, 4, fnp.triu, 1) == 12  # counted triu unwrapped


def test_apply_functions_cost_their_output(unweighted):
    assert charged(fnp.apply_along_axis, np.sum, 0, A) == 7
    assert charged(fnp.apply_along_axis, np.sum, 1, A) == 6
    assert charged(fnp.apply_along_axis, lambda r: r * 2, 1, A) == 42  # array results
    assert charged(fnp.apply_over_axes, np.sum, A, [0]) == 7
    assert charged(fnp.apply_over_axes, np.sum, A, [0, 1]) == 1
    assert charged(fnp.apply_over_axes, lambda a, ax: a * 2, A, [0]) == 42  # kept axes
    assert charged(fnp.piecewise, x, [x < 0.5, x >= 0.5], [-1.0, 1.0]) == 8


# -- arithmetic-bearing ----------------------------------------------------------------

def test_differences(unweighted):
    assert charged(fnp.diff, x) == 7
    assert charged(fnp.diff, x, n=2) == 13  # 7 + 6
    assert charged(fnp.diff, A, axis=0) == 35  # 5 * 7
    assert charged(fnp.diff, x, prepend=0.0) == 8
    assert charged(fnp.ediff1d, x) == 7
    assert charged(fnp.ediff1d, A) == 41
    assert charged(fnp.gradient, x) == 12  # 2 * (8 - 2)
    assert charged(fnp.gradient, A) == 116  # axis 0: 2*4*7 + axis 1: 2*5*6
    assert charged(fnp.gradient, A, axis=1) == 60
    assert charged(fnp.unwrap, x * 7) == 56  # 7 * 8
    assert charged(fnp.unwrap, np.ones((16, 12))) == 1344  # 7 * 192
    assert charged(fnp.trapezoid, A) == 42
    assert registry.rule("trapz").cost(x) == 8 and registry.rule("trapz").impl is None


def test_convolution(unweighted):
    assert charged(fnp.convolve, x, x) == 112  # 2*8*8 - 8 - 8
    assert charged(fnp.correlate, x, x) == 112
    assert charged(fnp.convolve, np.ones(10), np.ones(3)) == 47  # 60 - 13
    assert charged(fnp.correlate, np.ones(10), np.ones(3), "full") == 47


def test_covariance(unweighted):
    assert charged(fnp.cov, A) == 504  # 2 * 6^2 * 7
    assert charged(fnp.corrcoef, A) == 504
    assert charged(fnp.cov, A, rowvar=False) == 588  # 2 * 7^2 * 6
    assert charged(fnp.cov, x, x) == 64  # 2 * 2^2 * 8
    assert charged(fnp.cov, x) == 16  # 2 * 1 * 8


def test_cross(unweighted):
    v = np.ones((4, 3))
    assert charged(fnp.cross, v, v) == 60  # 4 vectors * 15
    assert charged(fnp.cross, v, np.ones(3)) == 60  # broadcast batch of 4
    assert charged(fnp.cross, np.ones(3), np.ones(3)) == 15
    assert charged(fnp.cross, np.ones((3, 5)), np.ones((3, 5)), axis=0) == 75  # 5 * 15


def test_binning(unweighted):
    assert charged(fnp.histogram, x, bins=4) == 16  # 8 * 2
    assert charged(fnp.histogram, x) == 32  # 10 bins: 8 * 4
    assert charged(fnp.histogram, x, bins=[0, 0.5, 1]) == 8  # 2 bins (3 edges): 8 * 1
    assert charged(fnp.histogram2d, x, x, bins=4) == 32  # 8 * (2 + 2)
    assert charged(fnp.histogram2d, x, x, bins=[4, 16]) == 48  # 8 * (2 + 4)
    assert charged(fnp.histogramdd, np.stack([x, x], axis=1), bins=3) == 32  # 8 * (2+2)
    assert charged(fnp.histogramdd, (x, x, x), bins=(2, 4, 8)) == 48  # 8 * (1+2+3)
    assert charged(fnp.histogram_bin_edges, x, bins=5) == 8
    assert charged(fnp.digitize, x, [0.25, 0.5, 0.75]) == 16  # 8 * 2
    assert charged(fnp.bincount, np.arange(8)) == 8
    assert charged(fnp.interp, x, np.sort(x), x) == 24  # 8 * 3
    assert charged(fnp.interp, 0.5, np.arange(100.0), np.arange(100.0)) == 7


def test_vander(unweighted):
    assert charged(fnp.vander, x, 4) == 24  # 8 * 3
    assert charged(fnp.vander, x) == 56  # 8 * 7


def test_weights_apply():
    assert charged(fnp.where, A > 0.5, A, A) == 168  # 42 * 4
    assert charged(fnp.fill_diagonal, M.copy(), 0.0) == 20  # 5 * 4
    assert charged(fnp.concatenate, [A, A]) == 84  # weight 1
    assert charged(fnp.bmat, [[M, M], [M, M]]) == 400  # 100 * 4


# -- properties ------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(hnp.array_shapes(min_dims=1, max_dims=3, max_side=6), st.data())
def test_numel_formulas_match_the_result_size(shape, data):
    a = np.ones(shape)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    reps = data.draw(st.integers(0, 3))
    assert cost("repeat", a, reps, axis) == np.repeat(a, reps, axis).size
    assert cost("concatenate", [a, a], axis) == np.concatenate([a, a], axis).size
    widths = data.draw(st.integers(0, 2))
    assert cost("pad", a, widths) == np.pad(a, widths).size
    assert cost("packbits", a > 0, axis) == np.packbits(a > 0, axis).size
    idx = data.draw(st.lists(st.integers(0, shape[axis] - 1), max_size=4))
    assert cost("take", a, idx, axis) == np.take(a, idx, axis).size
    assert cost("delete", a, idx, axis) == a.size - np.delete(a, idx, axis).size


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 40), st.integers(2, 40), st.integers(-5, 5))
def test_diagonal_cost_is_the_diagonal_length(m, n, k):
    a = np.ones((m, n))
    assert cost("diagonal", a, k) == np.diagonal(a, k).size
    assert cost("trace", a, k) == np.diagonal(a, k).size
    assert cost("fill_diagonal", a, 0.0) == min(m, n)


@settings(max_examples=40, deadline=None)
@given(st.integers(-20, 20), st.integers(-20, 20), st.integers(1, 5) | st.integers(-5, -1))
def test_arange_cost_is_its_length(start, stop, step):
    assert cost("arange", start, stop, step) == np.arange(start, stop, step).size
    assert cost("arange", start / 2, stop / 2, step / 2) == \
        np.arange(start / 2, stop / 2, step / 2).size


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0.0, 1.0, 2.0]), max_size=12))
def test_trim_zeros_costs_what_it_trims(values):
    a = np.array(values)
    assert cost("trim_zeros", a) == a.size - np.trim_zeros(a).size


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30))
def test_convolve_cost_is_non_negative_and_symmetric(n, k):
    c = cost("convolve", np.ones(n), np.ones(k))
    assert c == cost("convolve", np.ones(k), np.ones(n)) == 2 * n * k - n - k >= 0
