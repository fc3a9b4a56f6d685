"""Cost formulas, one module per family. Importing this package registers them all."""

from flopscope.runtime.costs import (  # noqa: F401
    pointwise,
    reductions,
    elementwise_extra,
    misc,
    sorting,
    window,
    contractions,
    constructors,
    linalg,
    fft,
    random,
    polynomial,
    stats,
    blocked,
    remaining,
)
