"""The one registry: every NumPy operation flopscope knows, and how it is priced.

Operations are named by their path below ``numpy`` (``"exp"``, ``"linalg.solve"``,
``"random.Generator.normal"``). Each has a :class:`Rule`: *counted* (a shape-only cost
formula; the weight is applied by the budget), *free*, or *blocked* (with a reason).

Cost formulas are registered beside each other with :func:`counted`, one formula
serving a whole family::

    @counted("exp", "log", ..., category="Pointwise Unary")
    def pointwise_unary(x, /, *args, **kwargs):
        return output_size(x)

A formula receives exactly the arguments of the NumPy call and returns the
*unweighted* cost as an int. Registering a name twice is an error.

The registry is also keyed by the callable itself (NumPy 2 has ``np.acos is
np.arccos``): :func:`name_of` returns the canonical operation name of a callable,
which is how operators and ufunc methods reach their rule.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

COUNTED = "counted"
FREE = "free"
BLOCKED = "blocked"

__all__ = [
    "Rule",
    "counted",
    "free",
    "blocked",
    "rule",
    "find",
    "name_of",
    "all_rules",
    "dispatch_also",
    "resolve_numpy",
]


class Rule:
    """How one operation is treated.

    Attributes
    ----------
    name : str
        Operation name as it appears in summaries (``"linalg.solve"``).
    kind : str
        ``"counted"``, ``"free"`` or ``"blocked"``.
    category : str
        Category from the reference table (``"Pointwise Unary"`` ...).
    cost : callable or None
        The formula, ``cost(*args, **kwargs) -> int`` (unweighted).
    impl : callable or None
        The real NumPy callable, captured at import so user code that reassigns
        ``np.dot`` cannot change what runs.
    reason : str
        Why a blocked operation is refused.
    post : callable or None
        ``post(result, args, kwargs) -> result``, run after the operation (used to
        attach symmetry to results).
    """

    __slots__ = ("name", "kind", "category", "cost", "impl", "reason", "post")

    def __init__(self, name, kind, category, cost=None, impl=None, reason="", post=None):
        self.name = name
        self.kind = kind
        self.category = category
        self.cost = cost
        self.impl = impl
        self.reason = reason
        self.post = post

    def __repr__(self) -> str:
        return f"Rule({self.name!r}, {self.kind}, {self.category!r})"


_rules: dict[str, Rule] = {}
_by_callable: dict[int, str] = {}
_keepalive: list = []  # callables keyed by id() must stay alive


def resolve_numpy(path: str):
    """Return the NumPy object at ``path`` below ``numpy`` (``"linalg.solve"``), or None."""
    obj = np
    for part in path.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            return None
    return obj


def _add(rule_: Rule, impl) -> None:
    if rule_.name in _rules:
        raise ValueError(f"operation {rule_.name!r} is registered twice")
    _rules[rule_.name] = rule_
    if impl is not None:
        # First registration wins: families list the canonical name first, so the
        # ufunc behind "/" is reported as true_divide and np.acos as arccos.
        if id(impl) not in _by_callable:
            _by_callable[id(impl)] = rule_.name
            _keepalive.append(impl)


def counted(*names: str, category: str, impl: Callable | None = None,
            post: Callable | None = None):
    """Register a cost formula for the operations ``names``.

    Parameters
    ----------
    *names : str
        Operation paths below ``numpy``. Names this NumPy does not have are still
        registered (for cost queries) but have no implementation.
    category : str
        Reference category.
    impl : callable, optional
        Implementation to use instead of ``numpy.<name>`` (one name only).
    post : callable, optional
        Result hook, see :class:`Rule`.

    Returns
    -------
    callable
        A decorator that registers the formula and returns it unchanged.
    """

    def decorate(formula: Callable) -> Callable:
        for name in names:
            target = impl if impl is not None else resolve_numpy(name)
            _add(Rule(name, COUNTED, category, formula, target, post=post), target)
        return formula

    return decorate


def free(*names: str, category: str = "Misc", post: Callable | None = None) -> None:
    """Register operations that cost nothing (views, constructors of uninitialised data...)."""
    for name in names:
        target = resolve_numpy(name)
        _add(Rule(name, FREE, category, None, target, post=post), target)


def blocked(name: str, reason: str, category: str = "blacklisted") -> None:
    """Register an operation flopscope refuses, with the reason shown to the user.

    Its callable is keyed too, so NumPy's own function called on a counted array is
    refused with the reason rather than reported as unknown.
    """
    target = resolve_numpy(name)
    _add(Rule(name, BLOCKED, category, None, target, reason=reason), target)


def dispatch_also(func, name: str) -> None:
    """Route the NumPy callable ``func`` to the rule ``name`` as well.

    For rules whose implementation is flopscope's own (e.g. ``linalg.svd`` with
    ``k=``): NumPy's original, called on a counted array, must still be priced.
    """
    if func is not None and id(func) not in _by_callable:
        _by_callable[id(func)] = name
        _keepalive.append(func)


def rule(name: str) -> Rule:
    """Return the rule of operation ``name``.

    Raises
    ------
    KeyError
        If the operation is unknown.
    """
    _ensure_loaded()
    return _rules[name]


def find(name: str) -> Rule | None:
    """Return the rule of operation ``name``, or None."""
    _ensure_loaded()
    return _rules.get(name)


def name_of(func) -> str | None:
    """Return the canonical operation name of a NumPy callable, or None if unknown.

    Callables not met at registration are found by where NumPy says they live: the
    ``like=`` dispatchers NumPy keeps behind ``ones``, ``eye`` ..., and functions of
    submodules imported only later (``numpy.lib.recfunctions``).
    """
    _ensure_loaded()
    name = _by_callable.get(id(func))
    if name is None:
        module = getattr(func, "__module__", None) or ""
        if module == "numpy" or module.startswith("numpy."):
            path = module[len("numpy."):] if module != "numpy" else ""
            candidate = f"{path}.{func.__name__}" if path else getattr(func, "__name__", "")
            if candidate in _rules:
                name = candidate
                dispatch_also(func, name)
    return name


def all_rules() -> dict[str, Rule]:
    """Return every registered rule by name."""
    _ensure_loaded()
    return dict(_rules)


_loaded = False


def _ensure_loaded() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        from flopscope.runtime.costs import load_all

        load_all()
