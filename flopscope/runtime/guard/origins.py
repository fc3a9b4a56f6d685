"""Who is asking: whether a frame or module is the program's, the standard library's, or
trusted (flopscope, NumPy, site-packages).

A frame is judged by its *module's own dictionary*: only the dict of a module in
``sys.modules`` loaded from a trusted directory is trusted; a name or a filename can be
forged, that dictionary cannot.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from builtins import getattr, vars  # bound before arming replaces them process-wide

import numpy as np

from flopscope.runtime import stubs

#: The builtin through which instrumented code reaches the rewriter's stubs.
HIDDEN = "__flopscope__"
#: Set in the globals of every module flopscope instrumented.
FLAG = "__flopscope_instrumented__"


def _dirs(paths: dict[str, str], *keys) -> tuple[str, ...]:
    return tuple(sorted({os.path.realpath(paths[k]) + os.sep for k in keys if k in paths}))


_PATHS = sysconfig.get_paths()
_STDLIB = _dirs(_PATHS, "stdlib", "platstdlib")
_SITE = _dirs(_PATHS, "purelib", "platlib")  # usually inside the standard library's directory
#: Directories of installed code: the standard library, site-packages, NumPy, flopscope.
TRUSTED = _STDLIB + _SITE + tuple(
    os.path.dirname(os.path.realpath(m.__file__)) + os.sep
    for m in (np, sys.modules["flopscope"]))
#: The rewriter stubs' globals: their frames act for the program.
STUB_GLOBALS = vars(stubs)
_origins: dict[int, tuple[dict, str]] = {}


def path_kind(path: str) -> str:
    """``"user"``, ``"stdlib"`` or ``"trusted"`` for a file or directory."""
    real = os.path.realpath(path)
    if real.startswith(_SITE) or (real.startswith(TRUSTED) and not real.startswith(_STDLIB)):
        return "trusted"
    return "stdlib" if real.startswith(_STDLIB) else "user"


def origin(g) -> str:
    """``"user"``, ``"stdlib"`` or ``"trusted"`` for a frame's or importer's globals.

    Parameters
    ----------
    g : dict or None
        The globals; None (no importer) counts as the program's.

    Returns
    -------
    str
        Anything but the dict of a module in ``sys.modules`` loaded from a trusted
        directory (or built in/frozen) is ``"user"``.
    """
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
        kind = path_kind(path)
    if kind != "user":
        _origins[id(g)] = (g, kind)
    return kind


def user_initiated(frame) -> bool:
    """Whether the nearest frame outward that is not the standard library's (nor a
    rewriter stub, which acts for the program) is user code.

    So ``inspect.getmembers(f)`` or ``type(a).sum(a)`` count as the program's.
    """
    while frame is not None:
        kind = "stdlib" if frame.f_globals is STUB_GLOBALS else origin(frame.f_globals)
        if kind != "stdlib":
            return kind == "user"
        frame = frame.f_back
    return False


def caller(depth: int = 2):
    """The frame that called the function calling this (``depth`` frames out)."""
    return sys._getframe(depth)
