"""``flopscope.numpy.fft``: NumPy's ``fft`` with every operation counted."""

from flopscope.numpy._build import export, public

export(globals(), public().fft)


def __getattr__(name):
    return getattr(public().fft, name)


def __dir__():
    return dir(public().fft)
