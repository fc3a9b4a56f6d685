"""ndarray methods that cost FLOPs, and the operation each is charged as.

``a.sum(axis=0)`` is charged exactly like ``np.sum(a, axis=0)``: the method name maps
to a registry operation and the array is passed as the formula's first argument.
Shared by the counted array and the rewriter's ``call_method`` stub.
"""

from __future__ import annotations

from flopscope.runtime import registry

# method name -> operation name in the registry
METHOD_OPS = {
    "sum": "sum", "mean": "mean", "std": "std", "var": "var", "max": "max",
    "min": "min", "argmax": "argmax", "argmin": "argmin", "prod": "prod",
    "cumsum": "cumsum", "cumprod": "cumprod", "any": "any", "all": "all",
    "dot": "dot", "round": "round", "clip": "clip", "trace": "trace",
    "conj": "conj", "conjugate": "conjugate", "sort": "sort", "argsort": "argsort",
    "partition": "partition", "argpartition": "argpartition", "nonzero": "nonzero",
    "searchsorted": "searchsorted", "compress": "compress", "diagonal": "diagonal",
    "repeat": "repeat", "take": "take", "put": "put", "choose": "choose",
}


def _swap_first_two(formula):
    # a.compress(condition) is np.compress(condition, a)
    def cost(self, condition, *args, **kwargs):
        return formula(condition, self, *args, **kwargs)

    return cost


_ADAPTERS = {"compress": _swap_first_two}
_table: dict[str, tuple[str, object]] = {}


def method_cost(name: str):
    """Return ``(operation name, formula(self, *args, **kwargs))`` for a counted method,
    or None when ``name`` is not a counted ndarray method."""
    entry = _table.get(name)
    if entry is None:
        op = METHOD_OPS.get(name)
        if op is None:
            return None
        formula = registry.rule(op).cost
        adapter = _ADAPTERS.get(name)
        entry = (op, adapter(formula) if adapter else formula)
        _table[name] = entry
    return entry
