"""``flopscope.numpy.fft``: NumPy's ``fft`` with every operation counted."""

from flopscope.numpy._build import export as _export, public as _public

_export(globals(), _public().fft, cost_prefix="fft")
