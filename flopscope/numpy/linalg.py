"""``flopscope.numpy.linalg``: NumPy's ``linalg`` with every operation counted."""

from flopscope.numpy._build import export as _export, public as _public

_export(globals(), _public().linalg, cost_prefix="linalg")
