"""Containment for ``flopscope run``: a submission cannot do NumPy work without paying.

The rewriter makes the program's own NumPy use counted. This package closes the doors
around it while the program runs (:func:`armed`), in three kinds of place:

* **what the program may import** (``imports``): ``builtins.__import__``,
  ``importlib.import_module`` and ``importlib.__import__`` hand user code the counted
  namespace for ``numpy``, a facade for ``flopscope``, and refuse private NumPy modules,
  flopscope's internals, numeric back doors (ctypes, scipy, numba ...) and any module
  that is neither in the standard library nor instrumented;
* **what instrumented code may say** (``codecheck``, ``compiling``): every code object
  the program runs is scanned for the vocabulary that reaches past the counted namespace
  (``__globals__``, ``f_locals``, ``sys.modules``, ``np.ndarray.dot`` ...), and code
  compiled at run time (``exec``/``eval``/``compile`` of strings) is rewritten like a
  module;
* **what the process may do** (``audit``, ``process``, ``attributes``, ``indirect``): an
  audit hook (it cannot be removed) refuses subprocesses, ``ctypes``, tracing, ``gc``
  walks, frame grabs, foreign code, and a few patched functions refuse ending or
  silencing the process (``os._exit``, signals, ``atexit``), while
  ``getattr``/``vars``/``globals``, ``operator``, ``sum``/``abs``/... and ``math.prod``
  charge ndarray arithmetic reached indirectly.

Who is asking is decided in ``origins``; this module arms and disarms it all.
What is refused raises :class:`ContainmentError` (or :class:`RefusedImportError`)
before the work runs; see ``docs/security.md`` for the threat model and the limits.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import inspect
import itertools
import math
import sys
import types
from builtins import delattr  # bound before arming replaces it process-wide

from flopscope.runtime import stubs
from flopscope.runtime.guard import attributes, compiling, imports, indirect, process
from flopscope.runtime.guard.audit import audit_hook
from flopscope.runtime.guard.attributes import GlobalsView
from flopscope.runtime.guard.codecheck import FORBIDDEN_NAMES, scan_code
from flopscope.runtime.guard.errors import ContainmentError, RefusedImportError
from flopscope.runtime.guard.imports import BACK_DOORS
from flopscope.runtime.guard.origins import FLAG, HIDDEN
from flopscope.runtime.guard.process import protect_fd
from flopscope.runtime.guard.state import MISSING, REAL, State

__all__ = ["ContainmentError", "RefusedImportError", "armed", "install", "uninstall",
           "is_armed", "scan_code", "FORBIDDEN_NAMES", "BACK_DOORS", "protect_fd",
           "GlobalsView", "HIDDEN", "FLAG"]

_saved: list[tuple[object, str, object]] = []
_streams: list = []
_depth = [0]


def _set(owner, name: str, value) -> None:
    (type.__setattr__ if isinstance(owner, type) else object.__setattr__)(owner, name, value)


def _patches() -> list[tuple[object, str, object]]:
    """Every ``(owner, name, replacement)`` installed while armed."""
    return [*imports.patches(), *attributes.patches(), *compiling.patches(),
            (builtins, HIDDEN, stubs), *indirect.patches(), *process.patches()]


def is_armed() -> bool:
    """Whether a program runs under the guard.

    Returns
    -------
    bool
        True between :func:`install` and :func:`uninstall`.
    """
    return State.armed


def install() -> None:
    """Arm the guard: from now on, code that is not flopscope's, NumPy's or the standard
    library's runs contained.

    Idempotent. The audit hook is added once per process and stays (audit hooks cannot
    be removed); it does nothing while disarmed.
    """
    if State.armed:
        return
    if not State.hooked:
        sys.addaudithook(audit_hook)
        State.hooked = True
    REAL.update(__import__=builtins.__import__, import_module=importlib.import_module,
                getattr=builtins.getattr, setattr=builtins.setattr,
                delattr=builtins.delattr, vars=builtins.vars, compile=builtins.compile,
                exec=builtins.exec, eval=builtins.eval, sum=builtins.sum,
                round=builtins.round, pow=builtins.pow, prod=math.prod,
                accumulate=itertools.accumulate, getattr_static=inspect.getattr_static,
                unwrap=inspect.unwrap, getmembers=inspect.getmembers)
    for owner, name, replacement in _patches():
        _saved.append((owner, name, owner.__dict__.get(name, MISSING)))
        _set(owner, name, replacement)
    _streams[:] = [sys.stdout, sys.stderr]
    stubs.__class__ = imports.Sealed
    State.armed = True


def uninstall() -> None:
    """Disarm: restore everything :func:`install` replaced, and the program's standard
    streams (so the report is printed where flopscope's caller expects it)."""
    if not State.armed:
        return
    State.armed = False
    object.__setattr__(stubs, "__class__", types.ModuleType)
    while _saved:
        owner, name, value = _saved.pop()
        if value is MISSING:
            delattr(owner, name)
        else:
            _set(owner, name, value)
    if _streams:
        sys.stdout, sys.stderr = _streams
        _streams.clear()


@contextlib.contextmanager
def armed():
    """Run the body contained: :func:`install` on entry, :func:`uninstall` on exit.

    Nested uses disarm only when the outermost one exits.
    """
    if not _depth[0]:
        install()
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
        if not _depth[0]:
            uninstall()
