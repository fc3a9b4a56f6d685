"""What the program may import: ``numpy`` is the counted namespace, ``flopscope`` a
read-only facade; private NumPy modules, flopscope's internals, numeric back doors and
any module neither in the standard library nor instrumented are refused."""

from __future__ import annotations

import builtins
import contextlib
import functools
import importlib
import importlib.util
import sys
import types
from builtins import getattr  # bound before arming replaces it process-wide

from flopscope.runtime import stubs
from flopscope.runtime.guard.errors import ContainmentError, RefusedImportError
from flopscope.runtime.guard.origins import FLAG, caller, origin, path_kind
from flopscope.runtime.guard.state import REAL

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


class Sealed(types.ModuleType):
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
    facade.__class__ = Sealed
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
    return bool(paths) and all(path_kind(p) == "stdlib" for p in paths)


def _module_allowed(module) -> bool:
    if module.__dict__.get(FLAG) or _instrumented_loader(getattr(module, "__loader__", None)):
        return True
    return origin(module.__dict__) == "stdlib"


def _user_import(name: str, fromlist):
    """``__import__(name, fromlist=...)`` as user code gets it, or None for a plain one."""
    top = name.partition(".")[0]
    if top in ("numpy", "flopscope"):
        leaf = _counted_module(name)
        return leaf if fromlist else _counted_module(top)
    _check_plain_module(name)
    return None


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and origin(globals if globals is not None else caller().f_globals) == "user":
        if type(fromlist) is list and not fromlist:
            # PyImport_Import: C code (NumPy's lazy imports, the unpickler) importing for
            # itself with the running frame's globals. It reads sys.modules and ignores
            # what we return, so a program mimicking it gets None for what it may not have.
            module = REAL["__import__"](name, globals, locals, fromlist, level)
            try:
                return module if _user_import(name, None) is None else None
            except RefusedImportError:
                return None
        counted = _user_import(name, fromlist)
        if counted is not None:
            return counted
    return REAL["__import__"](name, globals, locals, fromlist, level)


def _guarded_import_module(name, package=None):
    if origin(caller().f_globals) == "user":
        full = importlib.util.resolve_name(name, package) if name.startswith(".") else name
        if full.partition(".")[0] in ("numpy", "flopscope"):
            return _counted_module(full)
        _check_plain_module(full)
    return REAL["import_module"](name, package)


def patches() -> list[tuple[object, str, object]]:
    """``(owner, name, replacement)`` for ``__import__`` and ``import_module``, to install
    while armed."""
    return [(builtins, "__import__", _guarded_import),
            (importlib, "__import__", _guarded_import),
            (importlib, "import_module", _guarded_import_module)]
