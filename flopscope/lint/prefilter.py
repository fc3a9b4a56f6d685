"""Which libcst passes a file needs, decided cheaply and soundly from its ``ast``.

A NumPy reference is spelled with identifiers from an import statement, attribute
names, and (after ``from numpy import *``) bare names. A finding about it needs one of
those identifiers to be something the runtime refuses (:attr:`Catalog.suspicious`).
Dynamic access needs a dynamic-access builtin by name. Files with neither, which are
most files, skip the libcst parse and scope analysis (~1 ms per 100 lines instead of
~100 ms).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from flopscope.lint.catalog import catalog

__all__ = ["Needs", "EVERYTHING", "needs"]

# Identifiers without which a file cannot reach NumPy dynamically.
DYNAMIC_WORDS = frozenset({"getattr", "__import__", "import_module", "exec", "eval",
                           "compile", "vars", "modules"})


@dataclass(frozen=True)
class Needs:
    """``references``: run the NumPy name resolution; ``sites``: the import-site,
    star-import and dynamic-access collector."""

    references: bool
    sites: bool


EVERYTHING = Needs(references=True, sites=True)


def _is_numpy(module: str | None) -> bool:
    return module is not None and module.partition(".")[0] == "numpy"


def needs(tree: ast.Module) -> Needs:
    """Return which analyses could find anything in ``tree``.

    Parameters
    ----------
    tree : ast.Module
        The file, parsed by :func:`ast.parse`.

    Returns
    -------
    Needs
        False fields are analyses that cannot produce a finding for this file.
    """
    imported, attrs, names = set(), set(), set()
    numpy_imported = star = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            attrs.add(node.attr)
        elif isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                numpy_imported |= _is_numpy(alias.name)
                imported.update(alias.name.split("."))
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            numpy_imported |= _is_numpy(node.module)
            star |= _is_numpy(node.module) and node.names[0].name == "*"
            imported.update((node.module or "").split("."))
            imported.update(alias.name for alias in node.names)
    suspicious = catalog().suspicious
    spelled = imported | attrs | (names if star else set())
    references = numpy_imported and not spelled.isdisjoint(suspicious | {"__dict__"})
    sites = (star or not (names | attrs).isdisjoint(DYNAMIC_WORDS)
             or (numpy_imported and not imported.isdisjoint(suspicious)))
    return Needs(references=references, sites=sites)
