"""Bitwise/integer and complex element-wise costs: one unit per output element."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis.extra import numpy as hnp

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.runtime import registry

from charging import charged


I = np.arange(42).reshape(6, 7)
C = np.ones((6, 7)) + 1j * np.ones((6, 7))


@pytest.mark.parametrize("name", ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift",
                                  "right_shift", "bitwise_left_shift",
                                  "bitwise_right_shift"])
def test_binary_bitwise_costs_the_broadcast_output(name):
    fn = getattr(fnp, name)
    assert charged(fn, I, I) == 42  # 6 * 7
    assert charged(fn, I, np.arange(7)) == 42  # row broadcast: 6 * 7
    assert charged(fn, np.arange(6)[:, None], np.arange(7)) == 42  # outer broadcast
    assert charged(fn, I, 1) == 42


def test_gcd_lcm_unweighted_count_the_output(unweighted):
    assert charged(fnp.gcd, I, 3) == 42
    assert charged(fnp.lcm, np.arange(5)[:, None], np.arange(4)) == 20  # 5 * 4


def test_gcd_weighted():
    assert charged(fnp.gcd, I, I) == 672  # 42 * 16


@pytest.mark.parametrize("name", ["invert", "bitwise_not", "bitwise_invert",
                                  "bitwise_count"])
def test_unary_bitwise(name):
    assert charged(getattr(fnp, name), np.arange(10)) == 10


def test_operators_report_the_canonical_names():
    a = fnp.asarray(np.arange(5))
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        ~a
        a << 1
        a >> 1
        a & 3
        a | 3
        a ^ 3
    assert set(ctx.operations()) >= {"invert", "left_shift", "right_shift", "bitwise_and",
                                     "bitwise_or", "bitwise_xor"}
    assert registry.name_of(np.bitwise_not) == "invert"
    assert registry.name_of(np.bitwise_left_shift) == "left_shift"
    assert registry.name_of(np.conj) == "conjugate"


def test_complex_elementwise(unweighted):
    for fn in (fnp.conj, fnp.conjugate, fnp.real, fnp.imag, fnp.real_if_close,
               fnp.iscomplex, fnp.isreal, fnp.angle):
        assert charged(fn, C) == 42, fn
    assert charged(fnp.angle, np.ones(5) * 1j) == 5


def test_angle_is_weighted_16():
    assert charged(fnp.angle, C) == 672  # 42 * 16


def test_dtype_tests_still_charge_numel():
    assert charged(fnp.iscomplexobj, C) == 42
    assert charged(fnp.isrealobj, np.ones(9)) == 9
    assert charged(fnp.isrealobj, 3.0) == 1


def test_conj_method():
    a = fnp.asarray(C)
    assert charged(a.conj) == 42
    assert charged(a.conjugate) == 42


def test_sort_complex_sorts_the_last_axis():
    assert charged(fnp.sort_complex, np.ones(8) * 1j) == 24  # 8 * 3
    assert charged(fnp.sort_complex, np.ones((3, 5)) * 1j) == 45  # 3 rows * 5 * 3


@settings(max_examples=40, deadline=None)
@given(hnp.array_shapes(min_dims=0, max_dims=3, max_side=5),
       hnp.array_shapes(min_dims=0, max_dims=3, max_side=5))
def test_binary_cost_is_the_broadcast_size(s1, s2):
    try:
        out = np.broadcast_shapes(s1, s2)
    except ValueError:
        return
    cost = registry.rule("bitwise_xor").cost(np.zeros(s1, int), np.zeros(s2, int))
    assert cost == int(np.prod(out)) >= 0
