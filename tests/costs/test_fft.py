"""numpy.fft costs: 5 N sum(ceil(log2 n_i)) (half for real transforms), weight 1."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.runtime import registry
from flopscope.runtime.costs._shapes import ceil_log2

from charging import charged


x8 = np.random.default_rng(0).standard_normal(8)
c8 = x8 + 1j * x8[::-1]


def test_one_dimensional():
    assert charged(fnp.fft.fft, x8) == 5 * 8 * 3  # 120
    assert charged(fnp.fft.ifft, x8) == 120
    assert charged(fnp.fft.rfft, x8) == 5 * 4 * 3  # 60
    assert charged(fnp.fft.irfft, c8) == 5 * 7 * 4  # 14 real outputs: 140
    assert charged(fnp.fft.hfft, c8) == 5 * 14 * 4  # 280
    assert charged(fnp.fft.ihfft, x8) == 5 * 8 * 3  # 120 (complex rate on n)
    assert charged(fnp.fft.fft, np.ones(9)) == 5 * 9 * 4  # 180
    assert charged(fnp.fft.rfft, np.ones(9)) == 5 * 4 * 4  # 80
    assert charged(fnp.fft.fft, np.ones(1)) == 0


def test_padding_and_cropping_use_n():
    assert charged(fnp.fft.rfft, np.ones(4096), 8192) == 5 * 4096 * 13  # 266240
    assert charged(fnp.fft.irfft, np.ones(4097, complex), 8192) == 266240
    assert charged(fnp.fft.fft, np.ones(100), n=16) == 5 * 16 * 4


def test_fft_convolution_program_totals():
    # programs/fft_convolution.py: three rfft calls 655360, one irfft 266240
    n, nfft = 4096, 8192
    with flops.BudgetContext(flop_budget=10**12, quiet=True) as ctx:
        S = fnp.fft.rfft(np.ones(n), nfft)
        fnp.fft.rfft(np.ones(65), nfft)
        fnp.fft.rfft(np.ones(n))
        fnp.fft.irfft(np.asarray(S), nfft)
    assert ctx._ops["fft.rfft"][0] == 655360
    assert ctx._ops["fft.irfft"][0] == 266240


def test_batches_multiply():
    A = np.ones((6, 7))
    assert charged(fnp.fft.fft, A) == 6 * 5 * 7 * 3  # six 7-point transforms
    assert charged(fnp.fft.fft, A, axis=0) == 7 * 5 * 6 * 3
    assert charged(fnp.fft.rfft, A) == 6 * 5 * 3 * 3


def test_multi_dimensional():
    A = np.ones((6, 7))
    T3 = np.ones((3, 5, 4))
    assert charged(fnp.fft.fft2, A) == 5 * 42 * (3 + 3)  # 1260
    assert charged(fnp.fft.rfft2, A) == 5 * 21 * 6  # 630
    assert charged(fnp.fft.irfft2, A.astype(complex)) == 5 * 36 * (3 + 4)  # (6, 12) out: 1260
    assert charged(fnp.fft.fftn, T3) == 5 * 60 * (2 + 3 + 2)  # 2100
    assert charged(fnp.fft.rfftn, T3) == 5 * 30 * 7  # 1050
    assert charged(fnp.fft.irfftn, A.astype(complex)) == 1260
    assert charged(fnp.fft.fftn, T3, axes=(1,)) == 3 * 4 * 5 * 5 * 3
    assert charged(fnp.fft.fftn, T3, s=(8, 8), axes=(1, 2)) == 3 * 5 * 64 * 6  # last two axes
    assert charged(fnp.fft.fft2, A, s=(8, 16)) == 5 * 128 * 7
    assert charged(fnp.fft.irfftn, A.astype(complex), s=(6, 10), axes=(0, 1)) == 5 * 30 * (3 + 4)


def test_helpers_are_free():
    for fn, arg in ((fnp.fft.fftfreq, 8), (fnp.fft.rfftfreq, 8),
                    (fnp.fft.fftshift, x8), (fnp.fft.ifftshift, x8)):
        assert charged(fn, arg) == 0


def test_results_match_numpy():
    np.testing.assert_allclose(fnp.fft.rfft(x8, 16), np.fft.rfft(x8, 16))
    assert isinstance(fnp.fft.fft(x8), flops.FlopscopeArray)


@pytest.mark.parametrize("call", [
    lambda: fnp.fft.fft(x8, n=0),
    lambda: fnp.fft.fft(x8, n=-3),
    lambda: fnp.fft.fft(x8, axis=2),
    lambda: fnp.fft.fftn(np.ones((2, 3)), s=(4,), axes=(0, 1)),
    lambda: fnp.fft.irfft(np.ones(1, complex)),
    lambda: fnp.fft.fft2(x8),
])
def test_invalid_arguments_charge_nothing(call):
    with flops.BudgetContext(flop_budget=10**6, quiet=True) as ctx:
        with pytest.raises((ValueError, IndexError, TypeError)):
            call()
    assert ctx.flops_used == 0


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 40), min_size=1, max_size=3))
def test_complex_nd_formula(shape):
    x = np.broadcast_to(0.0, tuple(shape))
    N = math.prod(shape)
    logs = sum(ceil_log2(n) for n in shape)
    assert registry.rule("fft.fftn").cost(x) == 5 * N * logs
    assert registry.rule("fft.rfftn").cost(x) == 5 * (N // 2) * logs


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 5000))
def test_real_transform_is_half_of_complex_for_even_n(n):
    x = np.broadcast_to(0.0, (2 * n,))
    assert 2 * registry.rule("fft.rfft").cost(x) == registry.rule("fft.fft").cost(x)
