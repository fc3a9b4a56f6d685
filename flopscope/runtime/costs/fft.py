"""``numpy.fft``: radix-2 Cooley-Tukey counts (Van Loan 1992, section 1.4).

A complex transform over axes of lengths ``n_1 .. n_d`` (after ``n=``/``s=`` padding
or cropping) costs ``5 * N * sum(ceil(log2 n_i))`` with ``N = prod(n_i)``, times the
number of independent transforms (the other axes). Real transforms (``rfft*`` and
``irfft*``) cost half: ``5 * (N // 2) * sum(ceil(log2 n_i))``, ``n_i`` being the
lengths of the *real* signal (the input of ``rfft``, the output of ``irfft``).
``hfft`` is priced on its real output length, ``ihfft`` on its input length, both at
the complex rate. Frequency grids and shifts are free.

Examples: ``fft`` of 8 points costs ``5*8*3 = 120``; ``fftn`` of a (3, 5, 4) array
costs ``5*60*(2+3+2) = 2100``; ``irfft`` of 8 complex points (14 real outputs) costs
``5*7*4 = 140``.

Arguments NumPy will reject (a non-positive ``n``, an axis out of range, ``s`` and
``axes`` of different lengths) are priced 0 so that NumPy raises its own error.
"""

from __future__ import annotations

import math
import operator

from flopscope.runtime.costs._shapes import ceil_log2, shape_of
from flopscope.runtime.registry import counted, free


class _Invalid(Exception):
    pass


def _shape(a):
    try:
        return tuple(shape_of(a))
    except Exception:
        raise _Invalid from None


def _axis(axis, ndim: int) -> int:
    try:
        axis = operator.index(axis)
    except TypeError:
        raise _Invalid from None
    if not -ndim <= axis < ndim:
        raise _Invalid
    return axis % ndim


def _length(n) -> int:
    try:
        n = operator.index(n)
    except TypeError:
        raise _Invalid from None
    if n < 1:
        raise _Invalid
    return n


def transform_cost(lengths, batch: int, real: bool) -> int:
    """5 * N * sum(ceil(log2 n_i)) per transform (N // 2 when real), times ``batch``."""
    size = math.prod(lengths)
    logs = sum(ceil_log2(n) for n in lengths)
    return batch * 5 * (size // 2 if real else size) * logs


def _one_axis(a, n, axis, kind: str) -> int:
    """kind: 'c' complex on input length, 'r' real on input length,
    'ir' real on output length 2(m-1), 'h' complex on output length 2(m-1)."""
    shape = _shape(a)
    if not shape:
        raise _Invalid
    ax = _axis(axis, len(shape))
    if n is None:
        n = 2 * (shape[ax] - 1) if kind in ("ir", "h") else shape[ax]
    n = _length(n)
    batch = math.prod(d for i, d in enumerate(shape) if i != ax)
    return transform_cost((n,), batch, real=kind in ("r", "ir"))


def _many_axes(a, s, axes, kind: str) -> int:
    """kind: 'c' complex, 'r' real input, 'ir' real output (last axis 2(m-1))."""
    shape = _shape(a)
    ndim = len(shape)
    if axes is None:
        if s is None:
            axes = list(range(ndim))
        else:
            try:
                axes = list(range(ndim - len(s), ndim))
            except TypeError:
                raise _Invalid from None
    try:
        axes = [_axis(ax, ndim) for ax in axes]
    except TypeError:
        raise _Invalid from None
    if not axes:
        return 0
    if s is None:
        lengths = [shape[ax] for ax in axes]
        if kind == "ir":
            lengths[-1] = 2 * (lengths[-1] - 1)
    else:
        try:
            lengths = list(s)
        except TypeError:
            raise _Invalid from None
        if len(lengths) != len(axes):
            raise _Invalid
        lengths = [shape[ax] if n == -1 else n for n, ax in zip(lengths, axes)]
    lengths = [_length(n) for n in lengths]
    batch = math.prod(d for i, d in enumerate(shape) if i not in set(axes))
    return transform_cost(lengths, batch, real=kind in ("r", "ir"))


def _guard(formula):
    def priced(*args, **kwargs):
        try:
            return formula(*args, **kwargs)
        except _Invalid:
            return 0

    priced.__name__ = formula.__name__
    priced.__doc__ = formula.__doc__
    return priced


@counted("fft.fft", "fft.ifft", category="FFT")
@_guard
def fft(a, n=None, axis=-1, *args, **kwargs) -> int:
    """5 * n * ceil(log2 n) per transform."""
    return _one_axis(a, n, axis, "c")


@counted("fft.rfft", category="FFT")
@_guard
def rfft(a, n=None, axis=-1, *args, **kwargs) -> int:
    """5 * (n // 2) * ceil(log2 n) per transform (n real inputs)."""
    return _one_axis(a, n, axis, "r")


@counted("fft.irfft", category="FFT")
@_guard
def irfft(a, n=None, axis=-1, *args, **kwargs) -> int:
    """5 * (n // 2) * ceil(log2 n) per transform, n real outputs (default 2(m - 1))."""
    return _one_axis(a, n, axis, "ir")


@counted("fft.hfft", category="FFT")
@_guard
def hfft(a, n=None, axis=-1, *args, **kwargs) -> int:
    """5 * n * ceil(log2 n) per transform, n real outputs (default 2(m - 1))."""
    return _one_axis(a, n, axis, "h")


@counted("fft.ihfft", category="FFT")
@_guard
def ihfft(a, n=None, axis=-1, *args, **kwargs) -> int:
    """5 * n * ceil(log2 n) per transform, n real inputs."""
    return _one_axis(a, n, axis, "c")


@counted("fft.fft2", "fft.ifft2", category="FFT")
@_guard
def fft2(a, s=None, axes=(-2, -1), *args, **kwargs) -> int:
    """5 * N * sum(ceil(log2 n_i)) over the two axes."""
    return _many_axes(a, s, axes, "c")


@counted("fft.fftn", "fft.ifftn", category="FFT")
@_guard
def fftn(a, s=None, axes=None, *args, **kwargs) -> int:
    """5 * N * sum(ceil(log2 n_i)) over the transformed axes."""
    return _many_axes(a, s, axes, "c")


@counted("fft.rfft2", category="FFT")
@_guard
def rfft2(a, s=None, axes=(-2, -1), *args, **kwargs) -> int:
    """5 * (N // 2) * sum(ceil(log2 n_i)), N the real input size."""
    return _many_axes(a, s, axes, "r")


@counted("fft.rfftn", category="FFT")
@_guard
def rfftn(a, s=None, axes=None, *args, **kwargs) -> int:
    """5 * (N // 2) * sum(ceil(log2 n_i)), N the real input size."""
    return _many_axes(a, s, axes, "r")


@counted("fft.irfft2", category="FFT")
@_guard
def irfft2(a, s=None, axes=(-2, -1), *args, **kwargs) -> int:
    """5 * (N // 2) * sum(ceil(log2 n_i)), N the real output size."""
    return _many_axes(a, s, axes, "ir")


@counted("fft.irfftn", category="FFT")
@_guard
def irfftn(a, s=None, axes=None, *args, **kwargs) -> int:
    """5 * (N // 2) * sum(ceil(log2 n_i)), N the real output size."""
    return _many_axes(a, s, axes, "ir")


free("fft.fftfreq", "fft.rfftfreq", "fft.fftshift", "fft.ifftshift", category="FFT")
