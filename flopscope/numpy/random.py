"""``flopscope.numpy.random``: NumPy's ``random`` with every operation counted."""

from flopscope.numpy._build import export, public

export(globals(), public().random)


def __getattr__(name):
    return getattr(public().random, name)


def __dir__():
    return dir(public().random)
