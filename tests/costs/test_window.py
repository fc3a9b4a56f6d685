"""Window-function costs: M, 2M or 3M evaluations, weighted by the reference table."""

from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope.numpy as fnp
from flopscope.runtime import registry

from charging import charged


def test_unweighted_window_costs(unweighted):
    assert charged(fnp.bartlett, 16) == 16  # M
    assert charged(fnp.hamming, 16) == 32  # 2M
    assert charged(fnp.hanning, 9) == 18  # 2 * 9
    assert charged(fnp.blackman, 16) == 48  # 3M
    assert charged(fnp.kaiser, 10, 5.0) == 30  # 3 * 10


def test_weighted_window_costs():
    assert charged(fnp.bartlett, 16) == 16  # 16 * weight 1
    assert charged(fnp.hamming, 16) == 256  # 32 * weight 8
    assert charged(fnp.blackman, 16) == 768  # 48 * weight 16
    assert charged(fnp.kaiser, 9, 5.0) == 432  # 27 * 16


def test_empty_windows_cost_nothing(unweighted):
    assert charged(fnp.hanning, 0) == 0
    assert charged(fnp.blackman, -3) == 0


@settings(max_examples=50, deadline=None)
@given(st.integers(-5, 5000))
def test_window_costs_are_linear_in_m(m):
    points = max(m, 0)
    assert registry.rule("bartlett").cost(m) == points
    assert registry.rule("hamming").cost(m) == 2 * points
    assert registry.rule("hanning").cost(m) == 2 * points
    assert registry.rule("blackman").cost(m) == 3 * points
    assert registry.rule("kaiser").cost(m, 8.6) == 3 * points
