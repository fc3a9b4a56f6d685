"""``flopscope.numpy.random``: NumPy's ``random`` with every operation counted."""

from flopscope.numpy._build import export, public

export(globals(), public().random)
