"""What ``flopscope run`` would do with a NumPy name, asked of the runtime itself.

A name is classified by walking it through the very namespace that rewritten code
sees in place of ``numpy`` (:func:`flopscope.runtime.namespace.build`), so the linter
refuses exactly what the runner refuses: blocked operations (from the registry, with
their reasons), NumPy objects with no cost model, and the refused classes. A path
that reaches a blocked function some other way (``numpy.lib.npyio.save``) is reported
as that blocked operation.
"""

from __future__ import annotations

import difflib
import functools
import warnings
from dataclasses import dataclass

from flopscope.errors import BlockedOperationError
from flopscope.runtime import registry
from flopscope.runtime.namespace import REFUSED_TYPES, CountedNamespace, build

__all__ = ["BLOCKED", "UNPRICEABLE", "REFUSED", "Verdict", "Catalog", "catalog"]

BLOCKED = "blocked"
UNPRICEABLE = "unpriceable"
REFUSED = "refused"

_NO_HINT = "; compute it with counted NumPy operations, or outside flopscope"


@dataclass(frozen=True)
class Verdict:
    """Why a NumPy name would be refused.

    Attributes
    ----------
    kind : str
        :data:`BLOCKED`, :data:`UNPRICEABLE` or :data:`REFUSED`.
    message : str
        Names the object and says what to use instead.
    """

    kind: str
    message: str


def _quietly(getter, *args):
    """Call ``getter`` with NumPy's deprecation warnings (``numpy.core``...) silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getter(*args)


class Catalog:
    """Classifies ``numpy.*`` qualified names; build one with :func:`catalog`."""

    def __init__(self):
        root = build("numpy", wrap=False)
        self._levels = {"": root}
        self._levels.update((name, value) for name, value in vars(root).items()
                            if isinstance(value, CountedNamespace))
        self._blocked = {id(rule.impl): rule for rule in registry.all_rules().values()
                         if rule.kind == registry.BLOCKED and rule.impl is not None}
        self._verdicts: dict[str, Verdict | None] = {}
        self.suspicious = frozenset(self._refused_names())

    def _refused_names(self):
        """Every attribute of a namespace level that the runtime refuses."""
        for level in self._levels.values():
            real = level._fs_numpy
            for name in set(dir(real)) | set(vars(real)):
                try:
                    _quietly(getattr, level, name)
                except AttributeError:
                    yield name

    def classify(self, qualified: str) -> Verdict | None:
        """Return why ``qualified`` (``"numpy.lib.npyio.save"``) is refused, or None.

        Parameters
        ----------
        qualified : str
            A dotted name starting with ``numpy``.

        Returns
        -------
        Verdict or None
            None when the runner accepts the name, or when NumPy has no such object
            (a plain ``AttributeError``, not flopscope's concern).
        """
        if qualified not in self._verdicts:
            self._verdicts[qualified] = self._classify(qualified.split(".")[1:])
        return self._verdicts[qualified]

    def _classify(self, parts: list[str]) -> Verdict | None:
        full = ".".join(["numpy", *parts])
        namespace = self._levels[""]
        for depth, part in enumerate(parts, start=1):
            try:
                value = _quietly(getattr, namespace, part)
            except BlockedOperationError as exc:
                return Verdict(BLOCKED, _blocked_message(full, exc.op_name, exc.reason))
            except AttributeError:
                return self._refusal(parts, depth, namespace)
            if not isinstance(value, CountedNamespace):
                return None
            namespace = value
        return None

    def _refusal(self, parts: list[str], depth: int, namespace) -> Verdict | None:
        full = ".".join(["numpy", *parts])
        target = _quietly(registry.resolve_numpy, ".".join(parts))
        blocked = self._blocked.get(id(target)) if target is not None else None
        if blocked is not None:
            return Verdict(BLOCKED, _blocked_message(full, blocked.name, blocked.reason))
        path = ".".join(parts[:depth])
        if _quietly(registry.resolve_numpy, path) is None:
            return None
        shown = f"numpy.{path}"
        leaf = parts[depth - 1]
        if leaf in REFUSED_TYPES:
            return Verdict(REFUSED, f"{shown} is not available under flopscope: "
                                    f"{REFUSED_TYPES[leaf]}")
        subject = f"{shown} has" if depth == len(parts) else f"{full} goes via {shown}, which has"
        return Verdict(UNPRICEABLE, f"{subject} no cost model in flopscope, so it would run "
                                    f"uncounted{self._hint(target, namespace, leaf)}")

    def _hint(self, target, namespace, leaf: str) -> str:
        canonical = registry.name_of(target) if target is not None else None
        if canonical is not None:
            return f"; use the counted numpy.{canonical} instead"
        prefix = namespace.__dict__["_fs_prefix"]
        close = difflib.get_close_matches(leaf, _names(namespace), n=2)
        if not close:
            return _NO_HINT
        shown = " or ".join(f"numpy.{prefix + '.' if prefix else ''}{name}" for name in close)
        return f"; did you mean {shown}?"


@functools.lru_cache(maxsize=None)
def _names(namespace) -> list[str]:
    return [name for name in dir(namespace) if not name.startswith("_")]


def _blocked_message(full: str, op_name: str, reason: str) -> str:
    shown = f"numpy.{op_name}"
    subject = f"{shown} is blocked" if full == shown else f"{full} is {shown}, which is blocked"
    says_what_instead = "use " in reason or "instead" in reason
    advice = "" if says_what_instead else "; remove it from the counted program"
    return f"{subject}: {reason}{advice}"


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    """Return the process-wide :class:`Catalog` (built on first use, ~0.2 s)."""
    return Catalog()
