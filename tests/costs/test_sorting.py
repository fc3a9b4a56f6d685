"""Sorting, searching and set-operation costs: comparison counts, exact integers."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope.numpy as fnp
from flopscope.runtime import registry

from charging import charged


def clog2(n):
    return math.ceil(math.log2(n)) if n > 1 else 0


A = np.random.default_rng(0).standard_normal((6, 7))
x = np.random.default_rng(1).standard_normal(8)


def test_sort_is_n_log_n_per_slice_along_axis():
    assert charged(fnp.sort, A) == 126  # 6 rows * 7 * ceil(log2 7)=3
    assert charged(fnp.sort, np.ones((4, 8))) == 96  # 4 * 8 * 3
    assert charged(fnp.sort, np.ones((4, 8)), axis=0) == 64  # 8 cols * 4 * 2
    assert charged(fnp.sort, np.ones((4, 8)), axis=None) == 160  # 32 * 5


def test_argsort_matches_sort():
    assert charged(fnp.argsort, np.ones((5, 9))) == 180  # 5 * 9 * 4
    assert charged(fnp.argsort, np.ones(1)) == 0  # ceil(log2 1) = 0


def test_sort_and_argsort_methods_are_charged_like_the_functions():
    a = fnp.asarray(np.ones((4, 8)))  # asarray weight 0: charges nothing weighted
    assert charged(a.sort) == 96  # 4 * 8 * 3
    assert charged(a.argsort, axis=0) == 64  # 8 * 4 * 2
    assert charged(np.sort, a) == 96  # NumPy's function on a counted array


def test_lexsort_is_k_n_log_n():
    assert charged(fnp.lexsort, (x, x)) == 48  # 2 keys * 8 * 3
    assert charged(fnp.lexsort, np.ones((3, 16))) == 192  # 3 * 16 * 4
    assert charged(fnp.lexsort, [np.ones((2, 5))] * 4) == 120  # 4 keys * 10 * ceil(log2 5)=3


def test_partition_is_n_and_argpartition_n_per_kth():
    assert charged(fnp.partition, x, 3) == 8
    assert charged(fnp.partition, np.ones((3, 10)), [1, 2]) == 30  # n per slice
    assert charged(fnp.argpartition, x, 3) == 8
    assert charged(fnp.argpartition, np.ones((3, 10)), [1, 2, 5]) == 90  # 30 * 3 kths
    assert charged(fnp.asarray(np.ones(12)).partition, 4) == 12


def test_searchsorted_is_m_log_n():
    assert charged(fnp.searchsorted, np.arange(1024.0), np.ones(5)) == 50  # 5 * 10
    assert charged(fnp.searchsorted, np.arange(9.0), 3.0) == 4  # 1 * ceil(log2 9)=4
    assert charged(fnp.asarray(np.arange(8.0)).searchsorted, [1, 2, 3]) == 9  # 3 * 3


def test_unique_family_is_n_log_n_of_all_elements():
    for fn in (fnp.unique, fnp.unique_values, fnp.unique_counts, fnp.unique_inverse,
               fnp.unique_all):
        assert charged(fn, np.arange(8)) == 24  # 8 * 3
    assert charged(fnp.unique, np.ones((6, 7)), axis=0) == 252  # 42 * 6


def test_set_operations_are_n_plus_m_log_n_plus_m():
    iv = np.arange(8)
    assert charged(fnp.isin, iv, [1, 2, 3]) == 44  # 11 * 4
    assert charged(fnp.intersect1d, iv, np.ones(42)) == 300  # 50 * 6
    assert charged(fnp.setdiff1d, iv, [1, 2]) == 40  # 10 * 4
    assert charged(fnp.setxor1d, [1, 2], [3, 4]) == 8  # 4 * 2
    assert charged(fnp.union1d, np.ones(4), np.ones(4)) == 24  # 8 * 3


def test_in1d_is_registered_without_an_implementation():
    rule = registry.rule("in1d")
    assert rule.impl is None and rule.category == "Sorting"
    assert rule.cost(np.arange(8), [1, 2, 3]) == 44  # 11 * 4


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 300))
def test_sort_cost_is_n_ceil_log2_n(n):
    expected = n * clog2(n)
    assert registry.rule("sort").cost(np.empty(n)) == expected
    assert registry.rule("unique").cost(np.empty(n)) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=3), st.data())
def test_sort_cost_of_any_shape_and_axis(shape, data):
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    a = np.empty(shape)
    cost = registry.rule("sort").cost(a, axis)
    assert isinstance(cost, int) and cost >= 0
    assert cost == a.size * clog2(shape[axis])


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 50), st.integers(0, 50))
def test_set_operation_cost_is_non_negative_and_symmetric(n, m):
    f = registry.rule("union1d").cost
    cost = f(np.empty(n), np.empty(m))
    assert cost == f(np.empty(m), np.empty(n)) == (n + m) * clog2(n + m)
    assert cost >= 0
