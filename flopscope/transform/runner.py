"""Run a script or module as the real ``__main__``, instrumented (after coverage.py's
``execfile``).

The program sees what ``python script.py args`` would give it: ``sys.argv``,
``sys.path[0]`` (the script's directory, or the working directory for ``-m``),
``__file__``, ``__spec__``, ``__builtins__``, and ``sys.modules["__main__"]``.
Exceptions propagate to the caller; :func:`trim_traceback` and :func:`format_exception`
show them as Python would have, with the user's frames only.
"""

from __future__ import annotations

import builtins
import importlib.util
import os
import sys
import traceback
import types

from flopscope.transform.cache import load_code
from flopscope.transform.constructs import INSTRUMENTED_FLAG
from flopscope.transform.hook import InstrumentingLoader, prepare_globals

__all__ = ["NoSource", "run_path", "run_module", "trim_traceback", "format_exception",
           "user_frame"]


class NoSource(Exception):
    """The script or module to run cannot be found."""


def user_frame(frame) -> bool:
    """True unless ``frame`` runs flopscope's own (uninstrumented) code."""
    g = frame.f_globals
    name = g.get("__name__") or ""
    ours = name == "flopscope" or name.startswith("flopscope.")
    return bool(g.get(INSTRUMENTED_FLAG)) or not ours


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def trim_traceback(exc: BaseException) -> BaseException:
    """Drop flopscope's frames from ``exc``'s traceback and from its causes' (in place).

    Set ``FLOPSCOPE_TRACEBACK=full`` to keep them when debugging flopscope itself.
    """
    if os.environ.get("FLOPSCOPE_TRACEBACK") == "full":
        return exc
    for link in _chain(exc):
        kept, tb = [], link.__traceback__
        while tb is not None:
            if user_frame(tb.tb_frame):
                kept.append(tb)
            tb = tb.tb_next
        for first, second in zip(kept, kept[1:]):
            first.tb_next = second
        if kept:
            kept[-1].tb_next = None
        link.__traceback__ = kept[0] if kept else None
    return exc


def format_exception(exc: BaseException) -> str:
    """Format ``exc`` like Python's own traceback, without column markers on the lines of
    instrumented files (their columns refer to the rewritten code, not to the source)."""
    instrumented = set()
    for link in _chain(exc):
        tb = link.__traceback__
        while tb is not None:
            if tb.tb_frame.f_globals.get(INSTRUMENTED_FLAG):
                instrumented.add(tb.tb_frame.f_code.co_filename)
            tb = tb.tb_next
    report = traceback.TracebackException.from_exception(exc)
    link, seen = report, set()
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        for frame in link.stack:
            if frame.filename in instrumented:
                frame.colno = frame.end_colno = None
        link = link.__cause__ or link.__context__
    return "".join(report.format())


def _run(path: str, argv0: str, args, path0: str, spec, use_cache: bool) -> None:
    main = types.ModuleType("__main__")
    main.__dict__.update({
        "__file__": path,
        "__builtins__": builtins,
        "__spec__": spec,
        "__package__": spec.parent if spec is not None else None,
        "__loader__": InstrumentingLoader("__main__", path, use_cache),
    })
    prepare_globals(main.__dict__)
    saved = sys.argv, sys.path[0] if sys.path else None, sys.modules.get("__main__")
    sys.argv = [argv0, *args]
    if sys.path:
        sys.path[0] = path0
    else:
        sys.path.append(path0)
    sys.modules["__main__"] = main
    try:
        try:
            code = load_code(path, use_cache=use_cache)
        except OSError as exc:
            raise NoSource(f"can't open file {path!r}: {exc.strerror or exc}") from None
        exec(code, main.__dict__)
    finally:
        sys.argv = saved[0]
        if saved[1] is not None:
            sys.path[0] = saved[1]
        if saved[2] is not None:
            sys.modules["__main__"] = saved[2]


def run_path(path: str, args=(), use_cache: bool = True) -> None:
    """Run a script file as ``__main__``, instrumented.

    Parameters
    ----------
    path : str
        The script.
    args : sequence of str
        ``sys.argv[1:]`` for the program.
    use_cache : bool, optional
        Use the ``.pyc`` cache of instrumented code.

    Raises
    ------
    NoSource
        The file cannot be read.
    BaseException
        Whatever the program raises (``SystemExit`` included).
    """
    full = os.path.abspath(path)
    if os.path.isdir(full):
        raise NoSource(f"{path!r} is a directory; run a .py file or use -m")
    _run(full, path, args, os.path.dirname(full), None, use_cache)


def run_module(name: str, args=(), use_cache: bool = True) -> None:
    """Run a module (or a package's ``__main__``) as ``__main__``, like ``python -m``.

    Parent packages are imported first, through the import hook when it is installed.

    Raises
    ------
    NoSource
        The module cannot be found or has no source file.
    BaseException
        Whatever the program raises.
    """
    cwd = os.getcwd()
    saved = sys.path[0] if sys.path else None
    if sys.path:
        sys.path[0] = cwd
    try:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations is not None:
            name = f"{name}.__main__"
            spec = importlib.util.find_spec(name)
    except ImportError as exc:
        raise NoSource(f"no module named {name!r} ({exc})") from None
    finally:
        if saved is not None:
            sys.path[0] = saved
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        raise NoSource(f"no module named {name!r}, or it has no Python source")
    _run(spec.origin, spec.origin, args, cwd, spec, use_cache)
