"""One ``flopscope run``: budget, import hook, program, outcome (and its exit code).

:func:`run_program` never raises for anything the program does; it returns an
:class:`Outcome` saying how the run ended, with the user's exception (traceback
already trimmed) for the caller to print.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass

from flopscope.errors import (
    BlockedOperationError,
    BudgetExhaustedError,
    TimeExhaustedError,
    UnsupportedFunctionError,
)
from flopscope.runtime.budget import BudgetContext, budget
from flopscope.runtime import guard as containment
from flopscope.runtime.guard import ContainmentError
from flopscope.runtime.settings import configure
from flopscope.runtime.summary import display_path
from flopscope.transform import cache, hook, runner
from flopscope.transform.constructs import INSTRUMENTED_FLAG

__all__ = ["EXIT_OK", "EXIT_ERROR", "EXIT_USAGE", "EXIT_BUDGET", "EXIT_TIME", "EXIT_BLOCKED",
           "EXIT_INTERRUPTED", "Outcome", "UsageError", "run_program"]

EXIT_OK = 0            # the program ended normally (or its own sys.exit status)
EXIT_ERROR = 1         # an uncaught exception in the program
EXIT_USAGE = 2         # bad options, missing script, file flopscope cannot instrument
EXIT_BUDGET = 3        # the FLOP budget ran out
EXIT_TIME = 4          # the wall-time limit ran out
EXIT_BLOCKED = 5       # the program used a blocked or unpriced NumPy operation
EXIT_INTERRUPTED = 130  # Ctrl-C, as the shell reports SIGINT

_FLOPSCOPE_ERRORS = (
    (BudgetExhaustedError, EXIT_BUDGET, "budget_exhausted", "FLOP budget exhausted"),
    (TimeExhaustedError, EXIT_TIME, "time_exhausted", "wall-time limit exceeded"),
    (BlockedOperationError, EXIT_BLOCKED, "blocked", "blocked operation"),
    (UnsupportedFunctionError, EXIT_BLOCKED, "blocked", "unsupported operation"),
    (ContainmentError, EXIT_BLOCKED, "refused", "refused"),
)
# Refused before running: the message is flopscope lint's own diagnostics.
_PREFLIGHT = (cache.PreflightRefusal, EXIT_BLOCKED, "blocked")


class UsageError(Exception):
    """The run cannot start: a bad option, a package to instrument that is not found."""


@dataclass
class Outcome:
    """How a run ended.

    Attributes
    ----------
    exit_code : int
        The process exit status (see docs/run.md#exit-codes).
    status : str
        ``ok``, ``exit``, ``error``, ``budget_exhausted``, ``time_exhausted``,
        ``blocked``, ``refused`` (contained), ``interrupted`` or ``usage``.
    message : str or None
        One line for stderr (flopscope errors, usage errors, ``sys.exit("text")``).
    exception : BaseException or None
        An exception whose (trimmed) traceback is to be printed as Python would.
    location : tuple of (str, int) or None
        ``(file, line)`` of the innermost instrumented frame where a flopscope error
        was raised.
    op : str or None
        The operation that was refused.
    """

    exit_code: int
    status: str
    message: str | None = None
    exception: BaseException | None = None
    location: tuple[str, int] | None = None
    op: str | None = None

    def to_dict(self) -> dict:
        """The outcome as plain data for ``--summary-json``."""
        data = {"exit_code": self.exit_code, "status": self.status}
        if self.message or self.exception is not None:
            data["error"] = {
                "type": type(self.exception).__name__ if self.exception is not None else None,
                "message": str(self.exception) if self.exception is not None else self.message,
                "file": self.location[0] if self.location else None,
                "line": self.location[1] if self.location else None,
                "op": self.op,
            }
        return data


def _innermost_user_line(exc: BaseException) -> tuple[str, int] | None:
    found, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_globals.get(INSTRUMENTED_FLAG):
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _raised_by_flopscope(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and not runner.user_frame(tb.tb_frame)


def _classify(exc: BaseException) -> Outcome:
    internal = _raised_by_flopscope(exc)
    runner.trim_traceback(exc)
    if isinstance(exc, _PREFLIGHT[0]):
        first = exc.diagnostics[0]
        return Outcome(_PREFLIGHT[1], _PREFLIGHT[2], str(exc), None,
                       (os.path.abspath(first.path), first.line))
    for kind, code, status, label in _FLOPSCOPE_ERRORS:
        if isinstance(exc, kind):
            location = getattr(exc, "location", None) or _innermost_user_line(exc)
            text = str(exc)
            where = ""
            if location:
                text = text.removeprefix(f"{location[0]}:{location[1]}: ")
                where = f"{display_path(location[0])}:{location[1]}: "
            return Outcome(code, status, f"{where}{label}: {text}", None, location,
                           getattr(exc, "op_name", None))
    if isinstance(exc, SystemExit):
        if exc.code is None or isinstance(exc.code, int):
            return Outcome(int(exc.code or 0), "exit")
        return Outcome(EXIT_ERROR, "exit", str(exc.code))
    if isinstance(exc, runner.NoSource):
        return Outcome(EXIT_USAGE, "usage", f"flopscope: error: {exc}")
    if isinstance(exc, KeyboardInterrupt):
        return Outcome(EXIT_INTERRUPTED, "interrupted", None, exc)
    from flopscope.transform.rewriter import RewriteError  # only reachable after a rewrite

    if isinstance(exc, RewriteError):
        return Outcome(EXIT_USAGE, "usage", f"flopscope: error: {exc}")
    hint = ("(raised inside flopscope; if this looks like a flopscope bug, rerun with "
            "FLOPSCOPE_TRACEBACK=full and report it)") if internal else None
    return Outcome(EXIT_ERROR, "error", hint, exc)


def _caught_exhaustion(ctx: BudgetContext, outcome: Outcome) -> Outcome:
    """The program swallowed a BudgetExhaustedError/TimeExhaustedError: still a failure."""
    if not ctx.exhausted or outcome.status not in ("ok", "exit", "error"):
        return outcome
    if ctx.wall_time_limit_s is not None and ctx.elapsed_s > ctx.wall_time_limit_s:
        code, status, what = EXIT_TIME, "time_exhausted", "wall-time limit"
    else:
        code, status, what = EXIT_BUDGET, "budget_exhausted", "FLOP budget"
    note = f"the {what} ran out during the run (the program caught the error)"
    return Outcome(code, status, note, outcome.exception)


def _package_roots(packages) -> list[str]:
    roots = []
    for name in packages:
        top = name.partition(".")[0]
        if top in hook.NEVER_INSTRUMENTED or top in sys.stdlib_module_names:
            raise UsageError(f"--instrument {name}: flopscope never instruments flopscope, "
                             "NumPy or the standard library")
        root = hook.package_root(name)
        if root is None:
            raise UsageError(f"--instrument {name}: no such package or module on sys.path")
        roots.append(root)
    return roots


def run_program(target: str, args=(), *, module: bool = False, flop_budget=None,
                 time_limit: float | None = None, by_line: bool = False, instrument=(),
                 use_cache: bool = True, guard: bool = True) -> tuple[Outcome, BudgetContext]:
    """Run a program instrumented, inside a FLOP budget.

    Parameters
    ----------
    target : str
        Script path, or module name when ``module`` is true.
    args : sequence of str
        The program's arguments.
    module : bool, optional
        Run ``target`` like ``python -m``.
    flop_budget : float, optional
        FLOPs allowed; defaults to ``FLOPSCOPE_DEFAULT_BUDGET`` (1e15).
    time_limit : float, optional
        Wall-time limit in seconds, checked at each counted operation.
    by_line : bool, optional
        Record FLOPs per source line.
    instrument : sequence of str, optional
        Packages to instrument besides the script's directory.
    use_cache : bool, optional
        Use the ``.pyc`` cache of instrumented code.
    guard : bool, optional
        Contain the program (``flopscope.runtime.guard``): refuse imports, introspection
        and process tricks that would do NumPy work uncounted or hide the report.

    Returns
    -------
    (Outcome, BudgetContext)

    Raises
    ------
    UsageError
        Before the program starts, for an ``--instrument`` package that is not found.
    """
    roots = [os.getcwd() if module else os.path.dirname(os.path.abspath(target))]
    package_roots = _package_roots(instrument)
    ctx = budget(flop_budget, quiet=True, wall_time_limit_s=time_limit)
    ctx.track_lines = by_line
    finder = hook.install(roots, package_roots, use_cache)
    # A plain NumPy program declares no symmetry: what flopscope infers (np.eye,
    # np.ones) only lowers costs, so telling the user it was lost is noise.
    previous_settings = configure(symmetry_warnings=False)
    try:
        with ctx, (containment.armed() if guard else contextlib.nullcontext()):
            if module:
                runner.run_module(target, args, use_cache)
            else:
                runner.run_path(target, args, use_cache)
        outcome = Outcome(EXIT_OK, "ok")
    except BaseException as exc:  # noqa: BLE001  (everything the program does is reported)
        outcome = _classify(exc)
    finally:
        hook.uninstall(finder)
        configure(**previous_settings)
        sys.stdout.flush()
    return _caught_exhaustion(ctx, outcome), ctx
