"""Code compiled at run time: ``compile``, ``exec`` and ``eval`` of the program's strings
are rewritten like a module, scanned, and remembered as instrumented (the audit hook
lets remembered code run)."""

from __future__ import annotations

import __future__
import ast
import builtins
import types
import weakref
from builtins import getattr  # bound before arming replaces it process-wide

from flopscope.runtime.guard.attributes import GlobalsView
from flopscope.runtime.guard.codecheck import scan_code
from flopscope.runtime.guard.errors import ContainmentError
from flopscope.runtime.guard.origins import caller, origin, user_initiated
from flopscope.runtime.guard.state import REAL

_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
del _feature
#: Standard-library code generators whose compiled text is their own, not the program's.
_GENERATORS = frozenset({"dataclasses", "collections", "typing", "enum", "string"})
#: Code objects compiled here (the program's, rewritten; or a generator's).
instrumented_code: weakref.WeakSet = weakref.WeakSet()


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
    real = REAL["compile"]
    if flags & ast.PyCF_ONLY_AST or not user_initiated(frame):
        return real(source, filename, mode, flags, True, optimize, **kwargs)
    if (frame.f_globals.get("__name__") in _GENERATORS
            and origin(frame.f_globals) == "stdlib"):
        code = real(source, filename, mode, flags, True, optimize, **kwargs)
    else:
        from flopscope.transform.rewriter import RewriteError

        try:
            text = _rewrite(source, str(filename), mode)
        except RewriteError as exc:
            raise ContainmentError(f"compiling {filename}", str(exc)) from None
        code = real(text, filename, mode, flags, True, optimize, **kwargs)
        scan_code(code)
    instrumented_code.add(code)
    return code


def _guarded_compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1,
                    **kwargs):
    frame = caller()
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
    real = REAL[kind]
    mode = "exec" if kind == "exec" else "eval"

    def run(source, globals=None, locals=None, /, **kwargs):
        frame = caller()
        globals, locals = _namespaces(frame, globals, locals)
        if not isinstance(source, types.CodeType):
            flags = frame.f_code.co_flags & _FUTURE_FLAGS
            source = _compile_as(frame, source, "<string>", mode, flags, -1, {})
        return real(source, globals, locals, **kwargs)

    run.__name__ = kind
    run.__doc__ = getattr(builtins, kind).__doc__
    return run


def patches() -> list[tuple[object, str, object]]:
    """``(owner, name, replacement)`` for ``compile``, ``exec`` and ``eval``, to install while
    armed (made once the real ones are saved)."""
    return [(builtins, "compile", _guarded_compile), (builtins, "exec", _evaluator("exec")),
            (builtins, "eval", _evaluator("eval"))]
