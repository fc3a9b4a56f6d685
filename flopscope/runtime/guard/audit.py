"""The audit hook: refuses subprocesses, ``ctypes``, tracing, ``gc`` walks, frame grabs,
uninstrumented code, foreign native extensions, function-naming pickles and writes into
installed code. Added once per process (audit hooks cannot be removed); it does nothing
while the guard is disarmed."""

from __future__ import annotations

import os
import sys

from flopscope.runtime.guard.codecheck import scan_code
from flopscope.runtime.guard.compiling import instrumented_code
from flopscope.runtime.guard.errors import ContainmentError
from flopscope.runtime.guard.imports import BACK_DOORS
from flopscope.runtime.guard.origins import TRUSTED, origin, user_initiated
from flopscope.runtime.guard.process import ENDING, REPORT_FDS
from flopscope.runtime.guard.state import State

_PACKAGE_DOT = __package__ + "."


def _acting_frame(frame):
    """The nearest frame from ``frame`` outward that is neither the standard library's
    nor the guard's own (its replacements stand between the program and what it runs)."""
    while frame is not None:
        kind = origin(frame.f_globals)
        if kind == "user":
            return frame
        name = frame.f_globals["__name__"]
        if kind == "trusted" and name != __package__ and not name.startswith(_PACKAGE_DOT):
            return frame
        frame = frame.f_back
    return None


def _open_event(args):
    path, mode, flags = args
    if isinstance(path, int):
        if path in REPORT_FDS:
            raise ContainmentError(f"opening file descriptor {path}", "flopscope reports "
                                                                      "through it")
        return
    if not isinstance(path, (str, bytes)):
        return
    real = os.path.realpath(os.fsdecode(path))
    for fd in REPORT_FDS:
        if real in (f"/proc/self/fd/{fd}", f"/dev/fd/{fd}"):
            raise ContainmentError(f"opening {real}", "flopscope reports through it")
    writes = (any(c in mode for c in "wax+") if isinstance(mode, str)
              else bool((flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC)))
    if writes:
        writer = sys._getframe(2)
        if writer.f_code.co_name == "_write_atomic" and "/__pycache__/" in real:
            return  # importlib caching bytecode (its private helpers are refused to users)
        if real.startswith(TRUSTED) and user_initiated(writer):
            raise ContainmentError(f"writing {real}", "it would change installed code")


def _exec_event(args):
    code = args[0]
    if code in instrumented_code:
        return
    filename = os.path.realpath(code.co_filename)
    if code.co_filename.startswith("<frozen") or filename.startswith(TRUSTED):
        return
    frame = _acting_frame(sys._getframe(2))
    if frame is not None and origin(frame.f_globals) == "trusted":
        if frame.f_globals["__name__"].startswith("flopscope.transform."):
            scan_code(code)  # a module instrumented by flopscope's loader or runner
        return  # else a library's own generated code
    raise ContainmentError(f"running {code.co_filename}", "code flopscope did not "
                           "instrument would run uncounted")


def _frame_event(args):
    frame = sys._getframe(2)
    module = frame.f_globals.get("__name__")
    if origin(frame.f_globals) == "user" or (module in ("inspect", "traceback")
                                             and user_initiated(frame)):
        raise ContainmentError("sys._getframe", "frames reach flopscope's and NumPy's "
                                                "internals")


def _getattr_event(args):
    if origin(sys._getframe(2).f_globals) == "user":
        raise ContainmentError(f"reading {args[1]!r}", "it reaches interpreter internals")


def _marshal_event(args):
    if origin(sys._getframe(2).f_globals) == "user":
        raise ContainmentError("marshal.loads", "code flopscope did not instrument would "
                                                "run uncounted")


def _find_class_event(args):
    module, name = args
    if not user_initiated(sys._getframe(2)):
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
    if filename and not os.path.realpath(filename).startswith(TRUSTED):
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
    "os.kill": _always(("os.kill", ENDING)), "os.killpg": _always(("os.killpg", ENDING)),
    "sys.settrace": _always(("sys.settrace", "tracers can rewrite the running program")),
    "sys.setprofile": _always(("sys.setprofile", "profilers see flopscope's internals")),
    "sys._current_frames": _always(("sys._current_frames", "frames reach internals")),
    "gc.get_objects": _always(("gc.get_objects", "it reaches every object, budgets "
                                                 "included")),
    "gc.get_referrers": _always(("gc.get_referrers", "it reaches flopscope's internals")),
    "gc.get_referents": _always(("gc.get_referents", "it reaches flopscope's internals")),
    "code.__new__": _always(("building code objects", "code flopscope did not instrument "
                                                      "would run uncounted")),
    "marshal.loads": _marshal_event, "marshal.load": _marshal_event,
}


def audit_hook(event: str, args: tuple) -> None:
    """The audit hook (``sys.addaudithook``): refuse ``event`` if the armed guard says so.

    Parameters
    ----------
    event : str
        The audit event's name.
    args : tuple
        Its arguments.

    Raises
    ------
    ContainmentError
        If the event would let work go uncounted or the report go missing.
    """
    if not State.armed or State.busy:
        return
    handler = _EVENTS.get(event)
    if handler is None:
        if not event.startswith("ctypes."):
            return
        handler = _always((event, "it calls native code directly"))
    State.busy = True
    try:
        handler(args)
    finally:
        State.busy = False
