"""Per-operation weights: the multiplier applied to an operation's analytic cost.

The packaged table comes from the ``Active Weight`` column of flopscope 0.4.3's
``operations.csv``. Alias names (``acos``, ``pow``, ``amax`` ...) have no row of their
own there, so they are charged with weight 1, exactly as 0.4.3 charges them.

Environment:

``FLOPSCOPE_WEIGHTS_FILE``
    A JSON file ``{"op": weight, ...}`` (or ``{"weights": {...}}``) replacing the table.
    A file that cannot be read or has the wrong shape gives a warning and the packaged
    table is used.
``FLOPSCOPE_DISABLE_WEIGHTS=1``
    Every weight is 1: costs are the bare analytic formulas.
"""

from __future__ import annotations

import json
import os
import warnings

from flopscope.errors import FlopscopeWarning

_cache: dict[tuple[str | None, str | None], dict[str, float]] = {}


def _packaged() -> dict[str, float]:
    # A plain path, not importlib.resources: this runs at import and must stay cheap.
    path = os.path.join(os.path.dirname(__file__), "data", "weights.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["weights"]


def _from_file(path: str) -> dict[str, float] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if isinstance(data, dict) and isinstance(data.get("weights"), dict):
            data = data["weights"]
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object mapping operation names to numbers")
        table = {}
        for name, value in data.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"weight of {name!r} must be a non-negative number, got {value!r}")
            table[str(name)] = float(value)
        return table
    except (OSError, ValueError) as exc:
        warnings.warn(
            f"FLOPSCOPE_WEIGHTS_FILE={path!r} was not used ({exc}); "
            "falling back to the packaged weights",
            FlopscopeWarning,
            stacklevel=2,
        )
        return None


def active_weights() -> dict[str, float]:
    """Return the weight table in force under the current environment.

    Returns
    -------
    dict
        Operation name to weight. Names absent from it have weight 1. The table is
        empty when ``FLOPSCOPE_DISABLE_WEIGHTS`` is set.
    """
    disabled = os.environ.get("FLOPSCOPE_DISABLE_WEIGHTS", "").strip().lower()
    path = os.environ.get("FLOPSCOPE_WEIGHTS_FILE") or None
    key = (disabled or None, path)
    table = _cache.get(key)
    if table is None:
        if disabled in ("1", "true", "yes", "on"):
            table = {}
        else:
            table = (path and _from_file(path)) or _packaged()
        # Weight 1 is the default; dropping those entries keeps the hot-path lookup small.
        table = {name: w for name, w in table.items() if w != 1.0}
        _cache[key] = table
    return table


def weight_of(op_name: str) -> float:
    """Return the weight applied to ``op_name`` under the current environment."""
    return active_weights().get(op_name, 1.0)
