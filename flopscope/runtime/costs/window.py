"""Window functions: a fixed number of evaluations per sample of an M-point window.

``bartlett``: one linear evaluation per sample (M); ``hamming``/``hanning``: a cosine
and a scale-shift per sample (2M); ``blackman``: three terms per sample (3M);
``kaiser``: a Bessel evaluation per sample, charged 3M. M < 1 gives an empty window.
"""

from __future__ import annotations

from flopscope.runtime.registry import counted

CATEGORY = "Window"


def _points(M) -> int:
    return int(M) if M >= 1 else 0


@counted("bartlett", category=CATEGORY)
def bartlett(M) -> int:
    """M."""
    return _points(M)


@counted("hamming", "hanning", category=CATEGORY)
def cosine_window(M) -> int:
    """2 * M."""
    return 2 * _points(M)


@counted("blackman", category=CATEGORY)
def blackman(M) -> int:
    """3 * M."""
    return 3 * _points(M)


@counted("kaiser", category=CATEGORY)
def kaiser(M, beta) -> int:
    """3 * M."""
    return 3 * _points(M)
