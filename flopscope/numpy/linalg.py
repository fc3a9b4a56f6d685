"""``flopscope.numpy.linalg``: NumPy's ``linalg`` with every operation counted."""

from flopscope.numpy._build import export, public

export(globals(), public().linalg)


def __getattr__(name):
    return getattr(public().linalg, name)


def __dir__():
    return dir(public().linalg)
