"""Which names refer to NumPy, and which to a builtin, in a libcst module.

The rewriter asks two questions of a name at a given place: is it still the builtin
(``abs`` not shadowed there), and is it bound by an ``import`` statement (so ``np.sum``
is a module attribute, not an array method)? Both come from libcst's scope analysis.
:func:`numpy_references` answers the linter's question, every NumPy object a module
uses, through ``QualifiedNameProvider`` (aliases, from-imports and submodules resolved).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    BuiltinAssignment,
    ImportAssignment,
    MetadataWrapper,
    PositionProvider,
    QualifiedNameProvider,
)

ROOT = "numpy"


def is_numpy(dotted: str) -> bool:
    """Return True if ``dotted`` is ``numpy`` or one of its submodules/attributes."""
    return dotted == ROOT or dotted.startswith(ROOT + ".")


def dotted_name(node: cst.BaseExpression) -> str:
    """Return the dotted text of a ``Name``/``Attribute`` chain (``"numpy.linalg"``)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted_name(node.value)}.{node.attr.value}"
    raise TypeError(f"not a dotted name: {type(node).__name__}")


def import_binding(alias: cst.ImportAlias) -> tuple[str, str]:
    """Return ``(bound name, module it is bound to)`` for one ``import`` alias.

    ``import numpy.linalg as la`` binds ``la`` to ``numpy.linalg``, while
    ``import numpy.linalg`` binds ``numpy`` to ``numpy``.
    """
    module = dotted_name(alias.name)
    if alias.asname is not None:
        return alias.asname.name.value, module
    head = module.partition(".")[0]
    return head, head


def from_import_bindings(node: cst.ImportFrom) -> list[tuple[str, str]] | None:
    """Return ``[(bound name, dotted target)]`` for an absolute NumPy from-import.

    ``from numpy import dot as d`` gives ``[("d", "numpy.dot")]``; ``import *`` gives
    ``[("*", "numpy")]``. Returns None for relative imports and non-NumPy modules.
    """
    if node.relative or node.module is None:
        return None
    module = dotted_name(node.module)
    if not is_numpy(module):
        return None
    if isinstance(node.names, cst.ImportStar):
        return [("*", module)]
    bindings = []
    for alias in node.names:
        leaf = dotted_name(alias.name)
        bound = alias.asname.name.value if alias.asname is not None else leaf
        bindings.append((bound, f"{module}.{leaf}"))
    return bindings


def resolves_to_builtin(scope, name: str) -> bool:
    """True if ``name`` looked up in ``scope`` can only be the builtin of that name."""
    if scope is None:
        return False
    assignments = scope[name]
    return bool(assignments) and all(isinstance(a, BuiltinAssignment) for a in assignments)


def is_module_binding(scope, name: str) -> bool:
    """True if every binding of ``name`` visible in ``scope`` is an ``import`` statement
    (``import numpy as np``), so the name always holds a module."""
    if scope is None:
        return False
    assignments = scope[name]
    return bool(assignments) and all(
        isinstance(a, ImportAssignment) and isinstance(a.node, cst.Import) for a in assignments
    )


class _ReferenceCollector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider)

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, int, int]] = []

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def _record(self, node: cst.CSTNode) -> bool:
        names = sorted(q.name for q in self.get_metadata(QualifiedNameProvider, node, set()))
        numpy_names = [name for name in names if is_numpy(name)]
        if not numpy_names:
            return True
        start = self.get_metadata(PositionProvider, node).start
        self.found.append((numpy_names[0], start.line, start.column))
        return False  # the outermost name is the reference; do not report its parts

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return self._record(node)

    def visit_Name(self, node: cst.Name) -> bool:
        return self._record(node)


def numpy_references(module: cst.Module) -> list[tuple[str, int, int]]:
    """Find every use of a NumPy object in ``module``.

    Parameters
    ----------
    module : libcst.Module
        A parsed module.

    Returns
    -------
    list of (str, int, int)
        ``(qualified name, line, column)`` in source order, e.g.
        ``("numpy.linalg.norm", 12, 8)`` for ``la.norm`` after
        ``import numpy.linalg as la``. Aliases, from-imports and submodules are
        resolved; a local that shadows ``np`` is not a reference. Names brought in by
        ``from numpy import *`` cannot be resolved and are not reported.
    """
    collector = _ReferenceCollector()
    MetadataWrapper(module).visit(collector)
    return collector.found
