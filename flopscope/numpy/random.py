"""``flopscope.numpy.random``: NumPy's ``random`` with every operation counted.

Module functions (``randn``, ``normal``, ``choice`` ...) draw from NumPy's global
state and are charged under their own names. ``default_rng`` (free) returns a counted
:class:`Generator`, a ``numpy.random.Generator`` subclass whose draws are charged as
``"random.Generator.<method>"``; ``RandomState`` is the counted legacy class. Bit
generators (``PCG64``, ``MT19937`` ...) and ``SeedSequence`` are NumPy's own: they do
no arithmetic that flopscope prices.
"""

from flopscope.numpy._build import export as _export, public as _public

# default_rng, Generator and RandomState are the counted namespace's overrides, made
# on first use: importing numpy.random up front would cost ~8 ms at import.
_export(globals(), _public().random)


def symmetric(shape, symmetry=None, distribution: str = "standard_normal", **kwargs):
    """Sample a tensor and project it onto the given symmetry (example data).

    Parameters
    ----------
    shape : tuple of int
        Shape of the tensor.
    symmetry : SymmetryGroup, tuple of axes, or None
        The symmetry to impose (None: all axes of equal length, as ``symmetrize``).
    distribution : str, optional
        Name of a ``flopscope.numpy.random`` sampler, called with ``size=shape``.
    **kwargs
        Further arguments of the sampler (``loc=``, ``scale=`` ...).

    Returns
    -------
    SymmetricTensor
        Charged as the sampler plus ``flops.symmetrize`` (``(|G| + 1) * n``).
    """
    from flopscope.runtime.symmetry import symmetrize

    sampler = getattr(_public().random, distribution)
    return symmetrize(sampler(size=tuple(shape), **kwargs), symmetry=symmetry)
