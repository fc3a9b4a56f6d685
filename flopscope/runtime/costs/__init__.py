"""Cost formulas, one module per family; :func:`load_all` registers them all.

Importing this package (or one of its helper modules) registers nothing: the
registry calls :func:`load_all` the first time it is asked for a rule, so
``import flopscope`` stays cheap.
"""

import importlib

FAMILIES = (
    "pointwise", "reductions", "elementwise_extra", "misc", "sorting", "window",
    "contractions", "constructors", "linalg", "fft", "random", "polynomial", "stats",
    "blocked", "remaining",
)


def load_all() -> None:
    """Import every family module (each registers its rules on import)."""
    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
