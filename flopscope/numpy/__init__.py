"""``flopscope.numpy``: NumPy's API with every operation counted against the budget.

Use it as ``import flopscope.numpy as fnp``. Functions price their call from the
argument shapes, charge the active budget, then run NumPy; results are counted
arrays whose operators and methods are charged too. Blocked operations (file I/O,
global configuration ...) and operations flopscope cannot price raise
``AttributeError`` with the reason.
"""

import importlib as _importlib

from flopscope.numpy._build import export as _export, public as _public

_export(globals(), _public())

# The real submodules, imported explicitly: ``from flopscope.numpy import random``
# would be answered by the lazy module ``__getattr__`` above instead.
fft = _importlib.import_module("flopscope.numpy.fft")
linalg = _importlib.import_module("flopscope.numpy.linalg")
random = _importlib.import_module("flopscope.numpy.random")

# flopscope's own additions to NumPy's names.
from flopscope.runtime.budget import namespace  # noqa: E402
from flopscope.runtime.caches import (  # noqa: E402
    clear_einsum_cache,
    einsum_path_cache_info as einsum_cache_info,
)
