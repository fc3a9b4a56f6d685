"""What the rules look at in one file: its NumPy references and its dynamic NumPy access.

Name resolution is the rewriter's own (:func:`flopscope.transform.names.numpy_references`);
this module only adds what the linter needs on top of it: import statements that bind a
NumPy object (the runner evaluates those at import time), ``getattr`` with a literal
name, names brought in by ``from numpy import *``, and the constructs that reach NumPy
where no static rewrite can see (``getattr(np, name)``, ``__import__``, ``exec`` ...).

Each file is parsed by ``ast`` (syntax errors, and :mod:`flopscope.lint.prefilter`'s
test), and by libcst once, only when it could hold a finding.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import libcst as cst
import numpy as np
from libcst.metadata import (
    MetadataWrapper,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from flopscope.lint.prefilter import EVERYTHING, needs
from flopscope.runtime import registry
from flopscope.transform.names import (
    dotted_name,
    from_import_bindings,
    is_numpy,
    numpy_references,
)

__all__ = [
    "GETATTR", "IMPORT", "EXEC", "NAMESPACE", "SYS_MODULES",
    "Reference", "DynamicSite", "Facts", "collect",
]

GETATTR = "getattr"
IMPORT = "import"
EXEC = "exec"
NAMESPACE = "namespace"
SYS_MODULES = "sys.modules"

_IMPORTERS = frozenset({"builtins.__import__", "importlib.import_module"})
_EXECUTORS = frozenset({"builtins.exec", "builtins.eval", "builtins.compile"})


@dataclass(frozen=True, order=True)
class Reference:
    """A use of the NumPy object ``qualified`` at ``line``:``col`` (both 1-based)."""

    line: int
    col: int
    qualified: str


@dataclass(frozen=True, order=True)
class DynamicSite:
    """A construct of kind ``kind`` (:data:`GETATTR` ...) that reaches NumPy unseen.

    ``detail`` is the NumPy object or module name involved, or ``""`` when it is only
    known at run time.
    """

    line: int
    col: int
    kind: str
    detail: str = ""


@dataclass
class Facts:
    """Everything the rules need to know about one source file."""

    references: list[Reference] = field(default_factory=list)
    dynamic: list[DynamicSite] = field(default_factory=list)
    syntax_error: tuple[int, int, str] | None = None


def _literal(node: cst.BaseExpression) -> str | None:
    """The value of a plain string literal, else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


class _SiteCollector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (QualifiedNameProvider, PositionProvider, ScopeProvider)

    def __init__(self):
        super().__init__()
        self.references: list[Reference] = []
        self.dynamic: list[DynamicSite] = []
        self.star_modules: list[str] = []

    def _pos(self, node: cst.CSTNode) -> tuple[int, int]:
        start = self.get_metadata(PositionProvider, node).start
        return start.line, start.column + 1

    def _names(self, node: cst.CSTNode) -> set[str]:
        return {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}

    def _numpy_name(self, node: cst.CSTNode) -> str | None:
        names = sorted(name for name in self._names(node) if is_numpy(name))
        return names[0] if names else None

    def _site(self, node: cst.CSTNode, kind: str, detail: str = "") -> None:
        self.dynamic.append(DynamicSite(*self._pos(node), kind, detail))

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            module = dotted_name(alias.name)
            if alias.asname is not None and is_numpy(module):
                self.references.append(Reference(*self._pos(alias), module))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        bindings = from_import_bindings(node)
        if bindings is None:
            return
        if isinstance(node.names, cst.ImportStar):
            self.star_modules.append(bindings[0][1])
            return
        for alias, (_, target) in zip(node.names, bindings):
            self.references.append(Reference(*self._pos(alias), target))

    def visit_Call(self, node: cst.Call) -> None:
        callee = self._names(node.func)
        args = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        if callee & _EXECUTORS:
            self._site(node, EXEC, node.func.value if isinstance(node.func, cst.Name) else "")
        elif not args:
            return
        elif "builtins.getattr" in callee and len(args) >= 2:
            self._getattr(node, args[0], args[1])
        elif callee & _IMPORTERS:
            module = _literal(args[0])
            if module is None or is_numpy(module):
                self._site(node, IMPORT, module or "")
        elif "builtins.vars" in callee and self._numpy_name(args[0]):
            self._site(node, NAMESPACE, self._numpy_name(args[0]))
        elif "sys.modules.get" in callee:
            self._sys_modules(node, args[0])

    def _getattr(self, node: cst.Call, target, attr) -> None:
        module = self._numpy_name(target)
        if module is None:
            return
        name = _literal(attr)
        if name is None:
            self._site(node, GETATTR, module)
        else:
            self.references.append(Reference(*self._pos(node), f"{module}.{name}"))

    def _sys_modules(self, node: cst.CSTNode, key) -> None:
        module = _literal(key)
        if module is not None and is_numpy(module):
            self._site(node, SYS_MODULES, module)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if "sys.modules" in self._names(node.value) and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index):
                self._sys_modules(node, index.value)

    def leave_Module(self, original_node: cst.Module) -> None:
        """Free names that a ``from numpy import *`` brought in."""
        for module in self.star_modules:
            exported = _exported(module)
            for scope in set(self.metadata[ScopeProvider].values()):
                for access in scope.accesses if scope is not None else ():
                    name = access.node
                    if (not access.referents and isinstance(name, cst.Name)
                            and name.value in exported):
                        self.references.append(
                            Reference(*self._pos(name), f"{module}.{name.value}"))


def _exported(module: str) -> set[str]:
    """The names ``from <module> import *`` binds, for a NumPy module."""
    target = np if module == "numpy" else registry.resolve_numpy(module.partition(".")[2])
    return set(getattr(target, "__all__", ()))


def collect(source: str, path: str = "<string>", *, prefilter: bool = True) -> Facts:
    """Collect the NumPy references and dynamic NumPy access in ``source``.

    Parameters
    ----------
    source : str
        Python source text.
    path : str, optional
        Shown in syntax errors.
    prefilter : bool, optional
        Skip the libcst analysis for files that cannot hold a finding (default).
        Turning it off gives the same facts, only slower.

    Returns
    -------
    Facts
        References and dynamic sites in source order, or just ``syntax_error``
        (line, column, message) when the file does not parse.
    """
    try:
        tree = ast.parse(source, path)
    except SyntaxError as exc:
        return Facts(syntax_error=(exc.lineno or 1, exc.offset or 1, exc.msg))
    need = needs(tree) if prefilter else EVERYTHING
    if not (need.references or need.sites):
        return Facts()
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        return Facts(syntax_error=(exc.editor_line, exc.editor_column,
                                   f"libcst cannot parse this file: {exc.message}"))
    references, dynamic = [], []
    if need.references:
        references = [Reference(line, col + 1, name)
                      for name, line, col in numpy_references(module)]
        dynamic = [DynamicSite(ref.line, ref.col, NAMESPACE, ref.qualified)
                   for ref in references if "__dict__" in ref.qualified.split(".")]
    if need.sites:
        sites = _SiteCollector()
        MetadataWrapper(module, unsafe_skip_copy=True).visit(sites)
        references += sites.references
        dynamic += sites.dynamic
    return Facts(references=sorted(set(references)), dynamic=sorted(dynamic))
