"""numpy_references: every NumPy object a module uses, aliases resolved (for lint)."""

import libcst as cst

from flopscope.transform.names import from_import_bindings, import_binding, numpy_references


def test_references_resolve_aliases_from_imports_and_submodules():
    source = (
        "import numpy as np\n"
        "import numpy.linalg as la\n"
        "from numpy import exp, dot as d\n"
        "def f(np):\n"
        "    return np.sum(1)\n"           # a parameter shadowing np: not NumPy
        "x = np.linalg.norm(la.inv(exp(d(1, 2))))\n"
        "y = np.float64\n"
    )
    assert numpy_references(cst.parse_module(source)) == [
        ("numpy.linalg.norm", 6, 4), ("numpy.linalg.inv", 6, 19), ("numpy.exp", 6, 26),
        ("numpy.dot", 6, 30), ("numpy.float64", 7, 4),
    ]


def test_import_bindings():
    imp = cst.parse_statement("import numpy.linalg as la, numpy.fft").body[0]
    assert [import_binding(a) for a in imp.names] == [("la", "numpy.linalg"), ("numpy", "numpy")]
    frm = cst.parse_statement("from numpy.random import default_rng as rng").body[0]
    assert from_import_bindings(frm) == [("rng", "numpy.random.default_rng")]
    assert from_import_bindings(cst.parse_statement("from numpy import *").body[0]) == [
        ("*", "numpy")]
    assert from_import_bindings(cst.parse_statement("from . import numpy").body[0]) is None
    assert from_import_bindings(cst.parse_statement("from os import path").body[0]) is None
