"""Process-wide flopscope settings, changed with :func:`configure`.

========================  =======  ===================================================
key                       default  meaning
========================  =======  ===================================================
``symmetry_warnings``     True     emit ``SymmetryLossWarning`` / ``CostFallbackWarning``
``check_nan_inf``         False    (reserved) check results for NaN/inf
``einsum_path_cache_size`` 4096    entries kept in the einsum cost/path cache
``dimino_budget``         50000    largest symmetry-group order enumerated; larger
                                   groups are charged densely
========================  =======  ===================================================
"""

from __future__ import annotations

__all__ = ["configure", "get", "SETTINGS"]

SETTINGS: dict[str, object] = {
    "symmetry_warnings": True,
    "check_nan_inf": False,
    "einsum_path_cache_size": 4096,
    "dimino_budget": 50_000,
}

_listeners: list = []  # callables run after a change: listener(key, value)


def _check(key: str, value):
    if key in ("symmetry_warnings", "check_nan_inf"):
        if not isinstance(value, bool):
            raise TypeError(f"{key} must be True or False, got {value!r}")
    elif key in ("einsum_path_cache_size", "dimino_budget"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{key} must be a non-negative int, got {value!r}")
    return value


def configure(**settings) -> dict:
    """Change flopscope settings; returns the previous values of the keys changed.

    Raises
    ------
    ValueError
        For an unknown key (nothing is changed) or an invalid value.

    Examples
    --------
    >>> import flopscope as flops
    >>> old = flops.configure(symmetry_warnings=False)
    >>> _ = flops.configure(**old)
    """
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        raise ValueError(
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(SETTINGS))}"
        )
    checked = {key: _check(key, value) for key, value in settings.items()}
    previous = {key: SETTINGS[key] for key in checked}
    SETTINGS.update(checked)
    for key, value in checked.items():
        for listener in list(_listeners):
            listener(key, value)
    return previous


def get(key: str):
    """Current value of setting ``key``."""
    return SETTINGS[key]
