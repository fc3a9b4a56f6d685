"""What the rewriter turns into calls on the hidden ``__flopscope__`` module.

These tables are the whole contract between the rewriter and the runtime: every name
below must exist on ``flopscope.runtime.stubs``. Operator tables are keyed by the libcst
node class *name*, so importing this module (as the runtime may) does not import
libcst. Changing anything here changes the emitted code, so bump :data:`REWRITE_ABI`
with it (the cache key includes it).
"""

from __future__ import annotations

#: The one global name rewritten code refers to.
HIDDEN = "__flopscope__"

#: Global set to True in every instrumented module (the budget's by-line ledger uses it).
INSTRUMENTED_FLAG = "__flopscope_instrumented__"

#: Bump whenever the emitted code changes shape; it is part of the cache file name.
REWRITE_ABI = 1

#: ndarray methods whose calls become ``call_method(obj, "name", ...)``.
ARRAY_METHODS = frozenset({
    "sum", "mean", "std", "var", "max", "min", "argmax", "argmin", "prod", "cumsum",
    "cumprod", "any", "all", "ptp", "dot", "round", "clip", "trace", "conj", "conjugate",
    "sort", "argsort", "partition", "argpartition", "nonzero", "searchsorted", "compress",
    "diagonal", "fill", "repeat", "take", "put", "choose", "nanmax",
})

#: Binary operator node type -> stub name (the ``operator`` module's spelling).
BINARY = {
    "Add": "add", "Subtract": "sub", "Multiply": "mul", "Divide": "truediv",
    "FloorDivide": "floordiv", "Modulo": "mod", "Power": "pow",
    "MatrixMultiply": "matmul", "LeftShift": "lshift", "RightShift": "rshift",
    "BitAnd": "and_", "BitOr": "or_", "BitXor": "xor",
}

#: Augmented operator node type -> in-place stub name.
AUGMENTED = {
    "AddAssign": "iadd", "SubtractAssign": "isub", "MultiplyAssign": "imul",
    "DivideAssign": "itruediv", "FloorDivideAssign": "ifloordiv",
    "ModuloAssign": "imod", "PowerAssign": "ipow", "MatrixMultiplyAssign": "imatmul",
    "LeftShiftAssign": "ilshift", "RightShiftAssign": "irshift",
    "BitAndAssign": "iand", "BitOrAssign": "ior", "BitXorAssign": "ixor",
}

#: Unary operator node type -> stub name (``not`` is left alone).
UNARY = {"Minus": "neg", "Plus": "pos", "BitInvert": "invert"}

#: Comparison operator node type -> stub name (``is``/``in`` are left alone).
COMPARE = {
    "LessThan": "lt", "LessThanEqual": "le", "Equal": "eq", "NotEqual": "ne",
    "GreaterThan": "gt", "GreaterThanEqual": "ge",
}

#: Builtins that dispatch to array dunders -> stub name.
BUILTINS = {
    "abs": "builtin_abs", "round": "builtin_round", "pow": "builtin_pow",
    "divmod": "builtin_divmod", "sum": "builtin_sum",
}

#: Other names the emitted code uses on ``__flopscope__``.
HELPERS = (
    "numpy", "star_import", "compare_chain", "call_method", "get_method", "aug_attr_get",
    "aug_attr_set", "aug_item_get", "aug_item_set", "slice",
)


def stub_names() -> frozenset[str]:
    """Return every attribute of ``__flopscope__`` that rewritten code may use.

    Returns
    -------
    frozenset of str
        Operator, in-place, comparison, builtin and helper stub names.
    """
    tables = (BINARY, AUGMENTED, UNARY, COMPARE, BUILTINS)
    return frozenset(name for table in tables for name in table.values()) | set(HELPERS)
