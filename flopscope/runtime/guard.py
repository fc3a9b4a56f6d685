"""Containment for ``flopscope run``: a submission cannot do NumPy work without paying.

The rewriter makes the program's own NumPy use counted. This module closes the doors
around it while the program runs (:func:`armed`), in three kinds of place:

* **what the program may import**: ``builtins.__import__``, ``importlib.import_module``
  and ``importlib.__import__`` hand user code the counted namespace for ``numpy``,
  a facade for ``flopscope``, and refuse private NumPy modules, flopscope's internals,
  numeric back doors (ctypes, scipy, numba ...) and any module that is neither in the
  standard library nor instrumented;
* **what instrumented code may say**: every code object the program runs is scanned
  for the vocabulary that reaches past the counted namespace (``__globals__``,
  ``f_locals``, ``sys.modules``, ``np.ndarray.dot`` ...), and code compiled at run
  time (``exec``/``eval``/``compile`` of strings) is rewritten like a module;
* **what the process may do**: an audit hook (it cannot be removed) refuses
  subprocesses, ``ctypes``, tracing, ``gc`` walks, frame grabs, foreign code, and a
  few patched functions refuse ending or silencing the process (``os._exit``,
  signals, ``atexit``), while ``getattr``/``vars``/``globals``, ``operator``,
  ``sum``/``abs``/... and ``math.prod`` charge ndarray arithmetic reached indirectly.

What is refused raises :class:`ContainmentError` (or :class:`RefusedImportError`)
before the work runs; see ``docs/security.md`` for the threat model and the limits.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import dis
import functools
import importlib
import importlib.util
import inspect
import itertools
import math
import operator
import os
import signal
import sys
import sysconfig
import threading
import types
import weakref
from collections.abc import MutableMapping

import numpy as np

from flopscope.errors import FlopscopeError
from flopscope.runtime import calls, stubs
from flopscope.runtime.methods import METHOD_OPS

__all__ = ["ContainmentError", "RefusedImportError", "armed", "install", "uninstall",
           "is_armed", "scan_code", "FORBIDDEN_NAMES", "BACK_DOORS"]

# This module's own code uses the real builtins, never the guarded ones it installs.
getattr, setattr, delattr, vars = builtins.getattr, builtins.setattr, builtins.delattr, builtins.vars
compile, sum = builtins.compile, builtins.sum

HIDDEN = "__flopscope__"
FLAG = "__flopscope_instrumented__"


class ContainmentError(FlopscopeError):
    """The program tried something that would let NumPy work go uncounted, or hide the
    report; flopscope refused it before it ran.

    Attributes
    ----------
    op_name : str
        What was refused (``"import ctypes"``, ``"os._exit"``, ``"__globals__"``).
    reason : str
        Why.
    """

    location = None

    def __init__(self, op_name: str, reason: str):
        self.op_name = op_name
        self.reason = reason
        super().__init__(f"flopscope refused {op_name}: {reason}")


class RefusedImportError(ContainmentError, ImportError):
    """An import the program may not make (also an ``ImportError``, so code that falls
    back when an optional dependency is missing still runs)."""


# -- the vocabulary instrumented code may not use --------------------------------------
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

#: ndarray operator methods and the stub that performs them (``a.__add__(b)``).
_DUNDERS = {}
for _py, _op in stubs.BINARY_OPS.items():
    _name = _py.rstrip("_")
    _DUNDERS[f"__{_name}__"] = (_py, False)
    _DUNDERS[f"__r{_name}__"] = (_py, True)
    if _py not in ("lt", "le", "eq", "ne", "gt", "ge"):
        _DUNDERS[f"__i{_name}__"] = (f"i{_name}", False)
for _py in stubs.UNARY_OPS:
    _DUNDERS[f"__{_py}__"] = (_py, False)
_DUNDERS["__abs__"] = ("builtin_abs", False)
for _cmp in ("lt", "le", "eq", "ne", "gt", "ge"):  # user classes compare via super()
    _DUNDERS.pop(f"__r{_cmp}__")
del _py, _op, _name, _cmp

_ARITH_LOADS = frozenset(_DUNDERS) - {f"__{c}__" for c in ("lt", "le", "eq", "ne", "gt", "ge")}
_METHODS = frozenset(METHOD_OPS) | {"ptp", "fill", "nanmax"}
_ATTR_OPS = frozenset({"LOAD_ATTR", "LOAD_METHOD", "STORE_ATTR", "DELETE_ATTR"})


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
    if names & _ARITH_LOADS or ("ndarray" in names and names & _METHODS):
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
            if previous == "ndarray" and ins.argval in _METHODS:
                raise _refuse_name(code, f"ndarray.{ins.argval}", ins.argval,
                                   f"the unbound method skips counting; call "
                                   f"a.{ins.argval}(...) or np.{ins.argval}(a, ...)")
            previous = ins.argval
        elif ins.opname not in ("PRECALL", "CACHE"):
            previous = None


# -- who is asking ------------------------------------------------------------------------
def _dirs(*keys) -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    return tuple(sorted({os.path.realpath(paths[k]) + os.sep for k in keys if k in paths}))


_STDLIB = _dirs("stdlib", "platstdlib")
_SITE = _dirs("purelib", "platlib")  # usually inside the standard library's directory
_TRUSTED = _STDLIB + _SITE + tuple(
    os.path.dirname(os.path.realpath(m.__file__)) + os.sep
    for m in (np, sys.modules["flopscope"]))


def _path_kind(path: str) -> str:
    real = os.path.realpath(path)
    if real.startswith(_SITE) or (real.startswith(_TRUSTED) and not real.startswith(_STDLIB)):
        return "trusted"
    return "stdlib" if real.startswith(_STDLIB) else "user"
_origins: dict[int, tuple[dict, str]] = {}
_STUB_GLOBALS = vars(stubs)


def _origin(g) -> str:
    """``"user"``, ``"stdlib"`` or ``"trusted"`` (flopscope, NumPy, site-packages) for a
    frame's or importer's globals. Only the dict of a module in ``sys.modules`` that was
    loaded from a trusted directory (or is built in/frozen) is trusted: a name or a
    filename can be forged, the module's own dict cannot."""
    if g is None or g.get(FLAG):
        return "user"
    known = _origins.get(id(g))
    if known is not None and known[0] is g:
        return known[1]
    module = sys.modules.get(g.get("__name__"))
    if module is None or getattr(module, "__dict__", None) is not g:
        return "user"
    path = getattr(module, "__file__", None)
    if path is None:
        spec = getattr(module, "__spec__", None)
        kind = "stdlib" if spec is not None and spec.origin in ("built-in", "frozen") else "user"
    else:
        kind = _path_kind(path)
    if kind != "user":
        _origins[id(g)] = (g, kind)
    return kind


def _user_initiated(frame) -> bool:
    """True if the nearest frame outward that is not the standard library's (nor a
    rewriter stub, which acts for the program) is user code, so that
    ``inspect.getmembers(f)`` or ``type(a).sum(a)`` count as the program's."""
    while frame is not None:
        kind = "stdlib" if frame.f_globals is _STUB_GLOBALS else _origin(frame.f_globals)
        if kind != "stdlib":
            return kind == "user"
        frame = frame.f_back
    return False


def _caller(depth: int = 2):
    return sys._getframe(depth)


# -- imports --------------------------------------------------------------------------
#: Modules whose purpose is to run native or numerical code flopscope cannot see, or to
#: run code it did not instrument.
BACK_DOORS = {
    "ctypes": "it calls native code directly", "cffi": "it calls native code directly",
    "scipy": "its routines (BLAS, LAPACK, ...) run uncounted",
    "numexpr": "it evaluates array expressions uncounted",
    "numba": "it compiles Python to native code", "torch": "it is another array library",
    "jax": "it is another array library", "jaxlib": "it is another array library",
    "tensorflow": "it is another array library", "cupy": "it is another array library",
    "pandas": "its numerical routines run uncounted",
    "sklearn": "its numerical routines run uncounted",
    "multiprocessing": "work in other processes is not counted",
    "subprocess": "work in other processes is not counted",
    "concurrent.futures.process": "work in other processes is not counted",
    "pty": "work in other processes is not counted",
    "posix": "it bypasses the os module's guards", "nt": "it bypasses the os module's guards",
    "runpy": "it runs modules without instrumenting them",
    "code": "it runs code without instrumenting it",
    "pdb": "debuggers trace and rewrite the running program",
    "bdb": "debuggers trace and rewrite the running program",
}
_FACADE_NAMES = ("BudgetContext", "BudgetExhaustedError", "TimeExhaustedError",
                 "FlopscopeArray", "budget", "budget_summary", "budget_summary_dict",
                 "errors", "__version__", "SymmetricTensor", "SymmetryGroup",
                 "as_symmetric", "is_symmetric", "symmetrize")


class _Sealed(types.ModuleType):
    """A module whose attributes cannot be set or deleted."""

    def __setattr__(self, name, value):
        raise ContainmentError(f"setting {self.__name__}.{name}", "the module is read-only")

    def __delattr__(self, name):
        raise ContainmentError(f"deleting {self.__name__}.{name}", "the module is read-only")


@contextlib.contextmanager
def _label(name: str):
    """``flopscope.namespace`` for the program: labels costs, never yields the budget."""
    from flopscope.runtime.budget import namespace

    with namespace(name):
        yield None


@functools.lru_cache(maxsize=None)
def _facade() -> types.ModuleType:
    import flopscope
    from flopscope.numpy._build import public

    facade = types.ModuleType("flopscope", flopscope.__doc__)
    for name in _FACADE_NAMES:
        if hasattr(flopscope, name):
            facade.__dict__[name] = getattr(flopscope, name)
    facade.__dict__["namespace"] = _label
    facade.__dict__["numpy"] = public()
    facade.__class__ = _Sealed
    return facade


def _refused(name: str, reason: str) -> RefusedImportError:
    return RefusedImportError(f"import {name}", reason)


def _counted_module(name: str):
    """The counted stand-in for ``numpy[.sub]`` or ``flopscope[.numpy[.sub]]``."""
    parts = name.split(".")
    if parts[0] == "flopscope":
        obj, parts = _facade(), parts[1:]
        if parts and parts[0] not in ("numpy", "errors"):
            raise _refused(name, "flopscope's internals are not available to the program")
    else:
        obj, parts = stubs.numpy, parts[1:]
    for part in parts:
        if part.startswith("_"):
            raise _refused(name, "private NumPy modules run uncounted")
        try:
            obj = getattr(obj, part)
        except AttributeError as exc:
            raise _refused(name, str(exc)) from None
    return obj


def _check_plain_module(name: str) -> None:
    """Refuse importing ``name`` unless it is the standard library's or instrumented."""
    top = name.partition(".")[0]
    for key in (name, top):
        if key in BACK_DOORS:
            raise _refused(name, BACK_DOORS[key])
    if top.startswith("_") and top not in ("__future__", "__main__"):
        raise _refused(name, "private modules bypass the guarded public ones")
    module = sys.modules.get(top)
    if module is not None:
        if _module_allowed(module):
            return
    else:
        try:
            spec = importlib.util.find_spec(top)
        except (ImportError, ValueError):
            return  # the real import raises the real error
        if spec is None or _spec_allowed(spec):
            return
    raise _refused(name, "it is neither in the standard library nor instrumented; "
                         "its work would go uncounted (name it with --instrument)")


def _instrumented_loader(loader) -> bool:
    return type(loader).__name__ == "InstrumentingLoader"


def _spec_allowed(spec) -> bool:
    if _instrumented_loader(spec.loader) or spec.origin in ("built-in", "frozen"):
        return True
    locations = spec.submodule_search_locations or ()
    paths = [spec.origin] if spec.origin else list(locations)
    return bool(paths) and all(_path_kind(p) == "stdlib" for p in paths)


def _module_allowed(module) -> bool:
    if module.__dict__.get(FLAG) or _instrumented_loader(getattr(module, "__loader__", None)):
        return True
    return _origin(module.__dict__) == "stdlib"


def _user_import(name: str, fromlist):
    """``__import__(name, fromlist=...)`` as user code gets it, or None for a plain one."""
    top = name.partition(".")[0]
    if top in ("numpy", "flopscope"):
        leaf = _counted_module(name)
        return leaf if fromlist else _counted_module(top)
    _check_plain_module(name)
    return None


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and _origin(globals if globals is not None else _caller().f_globals) == "user":
        if type(fromlist) is list and not fromlist:
            # PyImport_Import: C code (NumPy's lazy imports, the unpickler) importing for
            # itself with the running frame's globals. It reads sys.modules and ignores
            # what we return, so a program mimicking it gets None for what it may not have.
            module = _real["__import__"](name, globals, locals, fromlist, level)
            try:
                return module if _user_import(name, None) is None else None
            except RefusedImportError:
                return None
        counted = _user_import(name, fromlist)
        if counted is not None:
            return counted
    return _real["__import__"](name, globals, locals, fromlist, level)


def _guarded_import_module(name, package=None):
    if _origin(_caller().f_globals) == "user":
        full = importlib.util.resolve_name(name, package) if name.startswith(".") else name
        if full.partition(".")[0] in ("numpy", "flopscope"):
            return _counted_module(full)
        _check_plain_module(full)
    return _real["import_module"](name, package)


# -- attribute access ---------------------------------------------------------------------
def _counted_attribute(obj, name: str):
    """A charged stand-in for an ndarray method or operator fetched dynamically, or None."""
    if isinstance(obj, super):  # super().dot(b) in an ndarray subclass
        found = getattr(obj, name, None)
        owner = getattr(found, "__self__", None)
        if isinstance(owner, np.ndarray) and type(found).__name__ == "builtin_function_or_method":
            return _counted_attribute(owner, name)
        return None
    is_type = isinstance(obj, type) and issubclass(obj, np.ndarray)
    if not (is_type or isinstance(obj, np.ndarray)):
        return None
    if name in _DUNDERS:
        stub_name, reflected = _DUNDERS[name]
        stub = getattr(stubs, stub_name)
        if reflected:
            def op(a, b):
                return stub(b, a)
            stub = op
        return stub if is_type else functools.partial(stub, obj)
    if name in _METHODS:
        if is_type:
            return lambda self, *args, **kwargs: stubs.call_method(self, name, *args, **kwargs)
        return stubs.get_method(obj, name)
    return None


def _checked_attribute(obj, name, frame):
    """Refuse or replace ``obj.<name>`` read on the program's behalf; None means plain."""
    if type(name) is not str or not (name in FORBIDDEN_NAMES or name in _DUNDERS
                                      or name in _METHODS):
        return None
    if name in FORBIDDEN_NAMES:
        # Only the program's own reads: functools.wraps and friends read __dict__ too.
        if _origin(frame.f_globals) != "user":
            return None
        raise ContainmentError(f"reading {name!r}", "it reaches interpreter or flopscope "
                                                    "internals, where work goes uncounted")
    if frame.f_globals is _STUB_GLOBALS and isinstance(obj, np.ndarray):
        return None  # the stub fetching the method it has just charged
    return _counted_attribute(obj, name) if _user_initiated(frame) else None


_MISSING = object()


def _guarded_getattr(obj, name, default=_MISSING, /):
    # Replaced process-wide, so NumPy's own getattr calls come through here too: the
    # frame is fetched only for the few names that matter.
    if type(name) is not str or name in FORBIDDEN_NAMES or name in _DUNDERS or name in _METHODS:
        found = _checked_attribute(obj, name, _caller())
        if found is not None:
            return found
    if default is _MISSING:
        return _real["getattr"](obj, name)
    return _real["getattr"](obj, name, default)


def _guarded_setattr(obj, name, value, /):
    if type(name) is str and name in FORBIDDEN_NAMES and _user_initiated(_caller()):
        raise ContainmentError(f"setting {name!r}", "it rewires interpreter or flopscope "
                                                    "internals")
    _real["setattr"](obj, name, value)


def _guarded_delattr(obj, name, /):
    if type(name) is str and name in FORBIDDEN_NAMES and _user_initiated(_caller()):
        raise ContainmentError(f"deleting {name!r}", "it rewires interpreter or flopscope "
                                                     "internals")
    _real["delattr"](obj, name)


class GlobalsView(MutableMapping):
    """A module's globals as ``globals()``/``vars()`` give them to the program: every
    name but flopscope's hidden ones, which can be neither read nor replaced."""

    __slots__ = ("_d",)
    _HIDDEN = frozenset({HIDDEN, FLAG, "__builtins__"})

    def __init__(self, namespace: dict):
        self._d = namespace

    def __getitem__(self, key):
        if key in self._HIDDEN:
            raise KeyError(key)
        return self._d[key]

    def __setitem__(self, key, value):
        if key in self._HIDDEN:
            raise ContainmentError(f"rebinding {key}", "flopscope's hidden names are fixed")
        self._d[key] = value

    def __delitem__(self, key):
        if key in self._HIDDEN:
            raise ContainmentError(f"deleting {key}", "flopscope's hidden names are fixed")
        del self._d[key]

    def __iter__(self):
        return (k for k in list(self._d) if k not in self._HIDDEN)

    def __len__(self):
        return sum(1 for _ in self)

    def __repr__(self):
        return repr(dict(self.items()))


def _guarded_globals():
    frame = _caller()
    if _origin(frame.f_globals) == "user":
        return GlobalsView(frame.f_globals)
    return frame.f_globals


def _guarded_vars(*args):
    frame = _caller()
    if not args:
        local = frame.f_locals
        if local is frame.f_globals and _origin(frame.f_globals) == "user":
            return GlobalsView(local)
        return local
    found = _real["vars"](*args)
    obj = args[0]
    if not _user_initiated(frame):
        return found
    if isinstance(obj, type) and (getattr(obj, "__module__", None) or "").startswith("numpy"):
        raise ContainmentError(f"vars({obj.__name__})", "a NumPy class's dictionary holds "
                                                        "its uncounted methods")
    if isinstance(obj, types.ModuleType) or not FORBIDDEN_NAMES.isdisjoint(found):
        return types.MappingProxyType({k: v for k, v in found.items()
                                       if k not in FORBIDDEN_NAMES})
    return found


# -- code compiled at run time ------------------------------------------------------------
_FUTURE_FLAGS = 0
for _feature in __import__("__future__").all_feature_names:
    _FUTURE_FLAGS |= getattr(__import__("__future__"), _feature).compiler_flag
del _feature
#: Standard-library code generators whose compiled text is their own, not the program's.
_GENERATORS = frozenset({"dataclasses", "collections", "typing", "enum", "string"})
_instrumented_code: weakref.WeakSet = weakref.WeakSet()


def _rewrite(source, filename: str, mode: str) -> str:
    from flopscope.transform.rewriter import rewrite_source

    if isinstance(source, ast.AST):
        source = ast.unparse(source)
    elif isinstance(source, (bytes, bytearray, memoryview)):
        source = bytes(source).decode("utf-8")
    return rewrite_source(source, filename if mode == "exec" else "<string>")


def _compile_as(frame, source, filename, mode, flags, optimize, kwargs):
    """``compile`` on behalf of ``frame``: the program's source is rewritten, scanned and
    remembered as instrumented; anyone else's is compiled as it is."""
    real = _real["compile"]
    if flags & ast.PyCF_ONLY_AST or not _user_initiated(frame):
        return real(source, filename, mode, flags, True, optimize, **kwargs)
    if (frame.f_globals.get("__name__") in _GENERATORS
            and _origin(frame.f_globals) == "stdlib"):
        code = real(source, filename, mode, flags, True, optimize, **kwargs)
    else:
        from flopscope.transform.rewriter import RewriteError

        try:
            text = _rewrite(source, str(filename), mode)
        except RewriteError as exc:
            raise ContainmentError(f"compiling {filename}", str(exc)) from None
        code = real(text, filename, mode, flags, True, optimize, **kwargs)
        scan_code(code)
    _instrumented_code.add(code)
    return code


def _guarded_compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1,
                     **kwargs):
    frame = _caller()
    if not dont_inherit:
        flags |= frame.f_code.co_flags & _FUTURE_FLAGS
    return _compile_as(frame, source, filename, mode, flags, optimize, kwargs)


def _namespaces(frame, globals_, locals_):
    if globals_ is None:
        globals_ = frame.f_globals
        if locals_ is None:
            locals_ = frame.f_locals
    if isinstance(globals_, GlobalsView):
        globals_ = globals_._d
    if isinstance(locals_, GlobalsView):
        locals_ = locals_._d
    return globals_, locals_


def _evaluator(kind: str):
    real = _real[kind]
    mode = "exec" if kind == "exec" else "eval"

    def run(source, globals=None, locals=None, /, **kwargs):
        frame = _caller()
        globals, locals = _namespaces(frame, globals, locals)
        if not isinstance(source, types.CodeType):
            flags = frame.f_code.co_flags & _FUTURE_FLAGS
            source = _compile_as(frame, source, "<string>", mode, flags, -1, {})
        return real(source, globals, locals, **kwargs)

    run.__name__ = kind
    run.__doc__ = getattr(builtins, kind).__doc__
    return run


# -- ndarray arithmetic reached without an operator ---------------------------------------
def _inside_or(stub, real):
    """``stub`` for the program, ``real`` inside an operation already paid for."""
    inside = calls.INSIDE

    def op(*args):
        return real(*args) if inside[0] else stub(*args)

    op.__name__ = getattr(real, "__name__", "op")
    op.__doc__ = real.__doc__
    return op


def _guarded_sum(iterable, /, start=0):
    items = list(iterable)
    if calls.INSIDE[0] or not (isinstance(start, np.ndarray)
                               or any(isinstance(x, np.ndarray) for x in items)):
        return _real["sum"](items, start)
    return functools.reduce(stubs.add, items, start)


def _guarded_round(number, ndigits=None):
    if calls.INSIDE[0] or not isinstance(number, np.ndarray):
        return _real["round"](number, ndigits)
    return stubs.builtin_round(number, ndigits)


def _guarded_pow(base, exp, mod=None):
    if calls.INSIDE[0] or mod is not None:
        return _real["pow"](base, exp, mod)
    return stubs.builtin_pow(base, exp)


def _prod(iterable, /, *, start=1):
    items = list(iterable)
    if calls.INSIDE[0] or not any(isinstance(x, np.ndarray) for x in items):
        return _real["prod"](items, start=start)
    return functools.reduce(stubs.mul, items, start)


def _accumulate(iterable, func=None, *, initial=None):
    return _real["accumulate"](iterable, stubs.add if func is None else func, initial=initial)


def _attrgetter(*names):
    getters = [name.split(".") for name in names]

    def get(obj):
        frame = _caller()
        values = []
        for path in getters:
            value = obj
            for part in path:
                found = _checked_attribute(value, part, frame)
                value = found if found is not None else _real["getattr"](value, part)
            values.append(value)
        return values[0] if len(values) == 1 else tuple(values)

    return get


def _methodcaller(name, /, *args, **kwargs):
    def call(obj):
        found = _checked_attribute(obj, name, _caller())
        method = found if found is not None else _real["getattr"](obj, name)
        return method(*args, **kwargs)

    return call


def _getattr_static(obj, attr, default=_MISSING):
    found = _checked_attribute(obj, attr, _caller())
    if found is not None:
        return found
    if default is _MISSING:
        return _real["getattr_static"](obj, attr)
    return _real["getattr_static"](obj, attr, default)


def _getmembers(obj, predicate=None):
    members = _real["getmembers"](obj, predicate)
    if _user_initiated(_caller()):
        return [(k, v) for k, v in members if k not in FORBIDDEN_NAMES]
    return members


def _unwrap(func, *, stop=None):
    def stop_here(f):
        return hasattr(f, "flopscope_op") or (stop is not None and stop(f))

    return _real["unwrap"](func, stop=stop_here)


# -- ending or silencing the process ------------------------------------------------------
def _refuser(what: str, reason: str, only_for_user: bool = False, real=None):
    def refuse(*args, **kwargs):
        if only_for_user and not _user_initiated(_caller()):
            return real(*args, **kwargs)
        raise ContainmentError(what, reason)

    refuse.__name__ = what.rpartition(".")[2]
    return refuse


_REPORT_FDS: set[int] = set()  # pipes a supervisor reports through (see isolate.py)


def _fd_guard(name: str, position: int, standard: bool):
    real = getattr(os, name)

    def guarded(*args, **kwargs):
        fd = args[position] if position < len(args) else None
        if fd in _REPORT_FDS or (standard and fd in (1, 2)):
            raise ContainmentError(f"os.{name} on file descriptor {fd}",
                                   "flopscope reports through it")
        return real(*args, **kwargs)

    guarded.__name__ = name
    return guarded


def protect_fd(fd: int) -> None:
    """Refuse the program's ``os.close``/``dup2``/``write``/``open`` of ``fd`` (a report
    pipe)."""
    _REPORT_FDS.add(fd)


_ENDING = "it would end or silence the process before flopscope reports"


def _patches() -> list[tuple[object, str, object]]:
    """Every ``(owner, name, replacement)`` installed while armed."""
    patched = [
        (builtins, "__import__", _guarded_import), (importlib, "__import__", _guarded_import),
        (importlib, "import_module", _guarded_import_module),
        (builtins, "getattr", _guarded_getattr), (builtins, "setattr", _guarded_setattr),
        (builtins, "delattr", _guarded_delattr), (builtins, "vars", _guarded_vars),
        (builtins, "globals", _guarded_globals), (builtins, "compile", _guarded_compile),
        (builtins, "exec", _evaluator("exec")), (builtins, "eval", _evaluator("eval")),
        (builtins, "sum", _guarded_sum), (builtins, "round", _guarded_round),
        (builtins, "pow", _guarded_pow),
        (builtins, "abs", _inside_or(stubs.builtin_abs, builtins.abs)),
        (builtins, "divmod", _inside_or(stubs.builtin_divmod, builtins.divmod)),
        (builtins, HIDDEN, stubs),
        (math, "prod", _prod), (itertools, "accumulate", _accumulate),
        (operator, "attrgetter", _attrgetter), (operator, "methodcaller", _methodcaller),
        (inspect, "getattr_static", _getattr_static), (inspect, "unwrap", _unwrap),
        (inspect, "getmembers", _getmembers),
        (os, "_exit", _refuser("os._exit", _ENDING + "; use sys.exit()")),
        (os, "abort", _refuser("os.abort", _ENDING)),
        (sys, "addaudithook", _refuser("sys.addaudithook", "audit hooks see flopscope's "
                                                           "internals")),
        (threading.Thread, "start", _refuser(
            "starting a thread", "its work could outlive the run and its report")),
        (os, "close", _fd_guard("close", 0, True)),
        (os, "dup2", _fd_guard("dup2", 1, True)), (os, "write", _fd_guard("write", 0, False)), (os, "closerange", _refuser(
            "os.closerange", "it closes the descriptors flopscope reports through")),
    ]
    import atexit

    patched.append((atexit, "register", _refuser(
        "atexit.register", "exit handlers run after the report", True, atexit.register)))
    for name in ("signal", "alarm", "setitimer", "raise_signal", "pthread_kill",
                 "pthread_sigmask", "siginterrupt"):
        if hasattr(signal, name):
            patched.append((signal, name, _refuser(f"signal.{name}", _ENDING)))
    patched += _operator_patches()
    return patched


def _operator_patches():
    """``operator.add`` and friends (every alias) charged like the operators."""
    pairs = {py: py for py in (*stubs.BINARY_OPS, *stubs.UNARY_OPS)}
    pairs.update({f"i{py.rstrip('_')}": f"i{py.rstrip('_')}" for py in stubs.BINARY_OPS
                  if hasattr(stubs, f"i{py.rstrip('_')}")})
    pairs["abs"] = "builtin_abs"
    patched = []
    for op_name, stub_name in pairs.items():
        real = getattr(operator, op_name)
        wrapped = _inside_or(getattr(stubs, stub_name), real)
        patched += [(operator, alias, wrapped) for alias in dir(operator)
                    if getattr(operator, alias) is real]
    return patched


# -- the audit hook ---------------------------------------------------------------------
def _open_event(args):
    path, mode, flags = args
    if isinstance(path, int):
        if path in _REPORT_FDS:
            raise ContainmentError(f"opening file descriptor {path}", "flopscope reports "
                                                                      "through it")
        return
    writes = (any(c in mode for c in "wax+") if isinstance(mode, str)
              else bool((flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC)))
    if isinstance(path, (str, bytes)):
        real = os.path.realpath(os.fsdecode(path))
        for fd in _REPORT_FDS:
            if real in (f"/proc/self/fd/{fd}", f"/dev/fd/{fd}"):
                raise ContainmentError(f"opening {real}", "flopscope reports through it")
    if writes and isinstance(path, (str, bytes)):
        real = os.path.realpath(os.fsdecode(path))
        writer = sys._getframe(2)
        if writer.f_code.co_name == "_write_atomic" and "/__pycache__/" in real:
            return  # importlib caching bytecode (its private helpers are refused to users)
        if real.startswith(_TRUSTED) and _user_initiated(writer):
            raise ContainmentError(f"writing {real}", "it would change installed code")


def _exec_event(args):
    code = args[0]
    if code in _instrumented_code:
        return
    filename = os.path.realpath(code.co_filename)
    if code.co_filename.startswith("<frozen") or filename.startswith(_TRUSTED):
        return
    frame = sys._getframe(2)
    while frame is not None and (frame.f_globals is _GUARD_GLOBALS
                                 or _origin(frame.f_globals) == "stdlib"):
        frame = frame.f_back
    if frame is not None and _origin(frame.f_globals) == "trusted":
        if frame.f_globals["__name__"].startswith("flopscope.transform."):
            scan_code(code)  # a module instrumented by flopscope's loader or runner
        return  # else a library's own generated code
    raise ContainmentError(f"running {code.co_filename}", "code flopscope did not "
                           "instrument would run uncounted")


def _frame_event(args):
    frame = sys._getframe(2)
    module = frame.f_globals.get("__name__")
    if _origin(frame.f_globals) == "user" or (module in ("inspect", "traceback")
                                              and _user_initiated(frame)):
        raise ContainmentError("sys._getframe", "frames reach flopscope's and NumPy's "
                                                "internals")


def _getattr_event(args):
    if _origin(sys._getframe(2).f_globals) == "user":
        raise ContainmentError(f"reading {args[1]!r}", "it reaches interpreter internals")


def _find_class_event(args):
    module, name = args
    if not _user_initiated(sys._getframe(2)):
        return
    top = module.partition(".")[0]
    if top == "numpy" and name in ("_reconstruct", "scalar", "dtype", "ndarray",
                                   "_frombuffer"):
        return
    if top in ("numpy", "flopscope", "builtins", "operator", "sys", "os", "importlib",
               "functools", "inspect", "gc") or top in BACK_DOORS or top.startswith("_"):
        raise ContainmentError(f"unpickling {module}.{name}", "pickles may not name "
                                                              "functions")


def _import_event(args):
    filename = args[1]
    if filename and not os.path.realpath(filename).startswith(_TRUSTED):
        raise ContainmentError(f"loading {filename}", "native extensions outside the "
                                                      "installation run uncounted")


def _always(what_reason):
    def refuse(args):
        raise ContainmentError(*what_reason)

    return refuse


_PROCESS = "work in other processes is not counted"
_EVENTS = {
    "open": _open_event, "exec": _exec_event, "sys._getframe": _frame_event,
    "object.__getattr__": _getattr_event, "pickle.find_class": _find_class_event,
    "import": _import_event,
    "subprocess.Popen": _always(("starting a subprocess", _PROCESS)),
    "os.system": _always(("os.system", _PROCESS)), "os.exec": _always(("os.exec*", _PROCESS)),
    "os.posix_spawn": _always(("os.posix_spawn", _PROCESS)),
    "os.spawn": _always(("os.spawn*", _PROCESS)), "os.fork": _always(("os.fork", _PROCESS)),
    "os.forkpty": _always(("os.forkpty", _PROCESS)),
    "os.kill": _always(("os.kill", _ENDING)), "os.killpg": _always(("os.killpg", _ENDING)),
    "sys.settrace": _always(("sys.settrace", "tracers can rewrite the running program")),
    "sys.setprofile": _always(("sys.setprofile", "profilers see flopscope's internals")),
    "sys._current_frames": _always(("sys._current_frames", "frames reach internals")),
    "gc.get_objects": _always(("gc.get_objects", "it reaches every object, budgets "
                                                 "included")),
    "gc.get_referrers": _always(("gc.get_referrers", "it reaches flopscope's internals")),
    "gc.get_referents": _always(("gc.get_referents", "it reaches flopscope's internals")),
    "code.__new__": _always(("building code objects", "code flopscope did not instrument "
                                                      "would run uncounted")),
    "marshal.loads": None, "marshal.load": None,
}


def _marshal_event(args):
    if _origin(sys._getframe(2).f_globals) == "user":
        raise ContainmentError("marshal.loads", "code flopscope did not instrument would "
                                                "run uncounted")


_EVENTS["marshal.loads"] = _EVENTS["marshal.load"] = _marshal_event


class _State:
    armed = False
    hooked = False
    busy = False


_real: dict[str, object] = {}
_GUARD_GLOBALS = globals()
_saved: list[tuple[object, str, object]] = []
_streams: list = []


def _audit(event, args):
    if not _State.armed or _State.busy:
        return
    handler = _EVENTS.get(event)
    if handler is None:
        if not event.startswith("ctypes."):
            return
        handler = _always((event, "it calls native code directly"))
    _State.busy = True
    try:
        handler(args)
    finally:
        _State.busy = False


# -- arming -----------------------------------------------------------------------------
def is_armed() -> bool:
    """True while a program runs under the guard."""
    return _State.armed


def install() -> None:
    """Arm the guard: from now on, code that is not flopscope's, NumPy's or the standard
    library's runs contained. Idempotent. The audit hook is added once per process and
    stays (audit hooks cannot be removed); it does nothing while disarmed."""
    if _State.armed:
        return
    if not _State.hooked:
        sys.addaudithook(_audit)
        _State.hooked = True
    _real.update(__import__=builtins.__import__, import_module=importlib.import_module,
                 getattr=builtins.getattr, setattr=builtins.setattr,
                 delattr=builtins.delattr, vars=builtins.vars, compile=builtins.compile,
                 exec=builtins.exec, eval=builtins.eval, sum=builtins.sum,
                 round=builtins.round, pow=builtins.pow, prod=math.prod,
                 accumulate=itertools.accumulate, getattr_static=inspect.getattr_static,
                 unwrap=inspect.unwrap, getmembers=inspect.getmembers)
    patches = _patches()
    for owner, name, replacement in patches:
        _saved.append((owner, name, owner.__dict__.get(name, _MISSING)))
        type.__setattr__(owner, name, replacement) if isinstance(owner, type) else \
            object.__setattr__(owner, name, replacement)
    _streams[:] = [sys.stdout, sys.stderr]
    stubs.__class__ = _Sealed
    _State.armed = True


def uninstall() -> None:
    """Disarm: restore everything :func:`install` replaced, and the program's standard
    streams (so the report is printed where flopscope's caller expects it)."""
    if not _State.armed:
        return
    _State.armed = False
    object.__setattr__(stubs, "__class__", types.ModuleType)
    while _saved:
        owner, name, value = _saved.pop()
        setter = type.__setattr__ if isinstance(owner, type) else object.__setattr__
        if value is _MISSING:
            delattr(owner, name)
        else:
            setter(owner, name, value)
    if _streams:
        sys.stdout, sys.stderr = _streams
        _streams.clear()


_depth = [0]


@contextlib.contextmanager
def armed():
    """Run the body contained: :func:`install` on entry, :func:`uninstall` on exit.
    Nested uses disarm only when the outermost one exits."""
    if not _depth[0]:
        install()
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
        if not _depth[0]:
            uninstall()
