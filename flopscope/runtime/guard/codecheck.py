"""What instrumented code may say: the forbidden vocabulary, and the scanner that refuses
a code object using it before it runs."""

from __future__ import annotations

import dis
import types

from flopscope.runtime import stubs
from flopscope.runtime.guard.errors import ContainmentError
from flopscope.runtime.guard.origins import FLAG, HIDDEN
from flopscope.runtime.methods import METHOD_OPS

#: Names that reach past the counted namespace: function, frame and module internals,
#: ``sys.modules``, NumPy's override protocol (which hands out the real functions), and
#: flopscope's hidden names. Refused as attribute/global names and as string constants.
FORBIDDEN_NAMES = frozenset({
    "__globals__", "__closure__", "__code__", "__wrapped__", "__dict__", "__builtins__",
    "__subclasses__", "__bases__", "__base__", "__mro__", "__self__", "__func__",
    "__getattribute__", "__setattr__", "__delattr__", "__loader__",
    "__spec__", "__defaults__", "__kwdefaults__", "__reduce__", "__reduce_ex__",
    "__objclass__", "__traceback__",
    "f_globals", "f_locals", "f_back", "f_builtins", "f_code", "f_trace", "tb_frame",
    "tb_next", "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code",
    "cell_contents", "modules", "_current_frames", "_getframe", "_bootstrap",
    "_bootstrap_external",
    "__array_ufunc__", "__array_function__",
    HIDDEN, FLAG, "_fs_numpy", "_fs_prefix", "_fs_wrap",
})

_COMPARISONS = ("lt", "le", "eq", "ne", "gt", "ge")


def _operator_methods() -> dict[str, tuple[str, bool]]:
    dunders = {}
    for py in stubs.BINARY_OPS:
        name = py.rstrip("_")
        dunders[f"__{name}__"] = (py, False)
        dunders[f"__r{name}__"] = (py, True)
        if py not in _COMPARISONS:
            dunders[f"__i{name}__"] = (f"i{name}", False)
    for py in stubs.UNARY_OPS:
        dunders[f"__{py}__"] = (py, False)
    dunders["__abs__"] = ("builtin_abs", False)
    for cmp in _COMPARISONS:  # user classes compare via super()
        dunders.pop(f"__r{cmp}__")
    return dunders


#: ndarray operator methods -> (the stub that performs them, whether reflected):
#: ``a.__add__(b)`` is ``stubs.add(a, b)``, ``a.__radd__(b)`` is ``stubs.add(b, a)``.
DUNDERS = _operator_methods()
#: ndarray methods that are charged (``np.ndarray.dot`` is refused, ``a.dot`` charged).
METHODS = frozenset(METHOD_OPS) | {"ptp", "fill", "nanmax"}
_ARITH_LOADS = frozenset(DUNDERS) - {f"__{c}__" for c in _COMPARISONS}


def _where(code, name: str | None) -> int:
    if name is not None:
        for ins in dis.get_instructions(code):
            if ins.argval == name and ins.positions and ins.positions.lineno:
                return ins.positions.lineno
    return code.co_firstlineno


def _refuse_name(code, name: str, line_of: str | None, why: str) -> ContainmentError:
    error = ContainmentError(repr(name), why)
    error.location = (code.co_filename, _where(code, line_of))
    return error


def scan_code(code: types.CodeType) -> None:
    """Refuse a code object (and every code object nested in it) that uses the
    forbidden vocabulary.

    Parameters
    ----------
    code : types.CodeType
        Compiled from the program's (instrumented) source.

    Raises
    ------
    ContainmentError
        Naming the first forbidden name, with ``location`` set to its file and line.
    """
    names = set(code.co_names) - {HIDDEN}
    bad = names & FORBIDDEN_NAMES
    if bad:
        name = min(bad)
        raise _refuse_name(code, name, name, "it reaches past flopscope's counted namespace "
                           "into interpreter or NumPy internals, where work goes uncounted")
    if names & _ARITH_LOADS or ("ndarray" in names and names & METHODS):
        _scan_instructions(code)
    for const in code.co_consts:
        if isinstance(const, str) and const in FORBIDDEN_NAMES:
            raise _refuse_name(code, const, None, "it names interpreter or flopscope internals")
        if isinstance(const, types.CodeType):
            scan_code(const)


def _scan_instructions(code) -> None:
    previous = None
    for ins in dis.get_instructions(code):
        if ins.opname in ("LOAD_ATTR", "LOAD_METHOD"):
            if ins.argval in _ARITH_LOADS:
                raise _refuse_name(code, ins.argval, ins.argval,
                                   "calling an operator method directly skips counting; "
                                   "use the operator (a + b) instead")
            if previous == "ndarray" and ins.argval in METHODS:
                raise _refuse_name(code, f"ndarray.{ins.argval}", ins.argval,
                                   f"the unbound method skips counting; call "
                                   f"a.{ins.argval}(...) or np.{ins.argval}(a, ...)")
            previous = ins.argval
        elif ins.opname not in ("PRECALL", "CACHE"):
            previous = None
