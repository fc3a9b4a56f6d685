"""``flopscope.numpy.random``: NumPy's ``random`` with every operation counted.

Module functions (``randn``, ``normal``, ``choice`` ...) draw from NumPy's global
state and are charged under their own names. ``default_rng`` (free) returns a counted
:class:`Generator`, a ``numpy.random.Generator`` subclass whose draws are charged as
``"random.Generator.<method>"``; ``RandomState`` is the counted legacy class. Bit
generators (``PCG64``, ``MT19937`` ...) and ``SeedSequence`` are NumPy's own: they do
no arithmetic that flopscope prices.
"""

from flopscope.numpy._build import export as _export, public as _public
from flopscope.runtime.costs.random import Generator, RandomState, default_rng


_export(globals(), _public().random)
