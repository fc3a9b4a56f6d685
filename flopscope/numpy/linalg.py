"""``flopscope.numpy.linalg``: NumPy's ``linalg`` with every operation counted."""

from flopscope.numpy._build import export, public

export(globals(), public().linalg)
