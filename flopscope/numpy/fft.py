"""``flopscope.numpy.fft``: NumPy's ``fft`` with every operation counted."""

from flopscope.numpy._build import export, public

export(globals(), public().fft)
