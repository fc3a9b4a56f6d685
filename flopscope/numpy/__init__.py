"""``flopscope.numpy``: NumPy's API with every operation counted against the budget.

Use it as ``import flopscope.numpy as fnp``. Functions price their call from the
argument shapes, charge the active budget, then run NumPy; results are counted
arrays whose operators and methods are charged too. Blocked operations (file I/O,
global configuration ...) and operations flopscope cannot price raise
``AttributeError`` with the reason.
"""

from flopscope.numpy._build import export, public

export(globals(), public())

from flopscope.numpy import fft, linalg, random  # noqa: E402  (real submodules)
