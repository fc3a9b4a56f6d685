"""FLOP budgets: the one place where a cost is weighed, checked and recorded.

Every front door (``flopscope.numpy``, counted-array operators, the rewriter's stubs)
ends in :func:`charge`. It raises *before* the operation runs when the budget would be
exceeded, so a refused operation never executes and never writes its ``out=`` buffer.

The ledger is aggregated per operation (and per namespace and source line when those
are asked for), so its size is bounded by the number of distinct operations, not calls.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from contextlib import contextmanager
from typing import NamedTuple

from flopscope.errors import BudgetExhaustedError, TimeExhaustedError
from flopscope.runtime.weights import active_weights

DEFAULT_BUDGET = 10**15

clock = time.perf_counter
# Seconds spent, over the whole process, [inside NumPy for counted calls, in flopscope's
# own pricing/charging]. Counted calls add to it; contexts diff it on enter and exit.
TIMES = [0.0, 0.0]
_SESSION_STARTED = clock()

__all__ = [
    "BudgetContext",
    "budget",
    "charge",
    "current",
    "namespace",
    "budget_summary",
    "budget_summary_dict",
    "budget_reset",
]


class OpRecord(NamedTuple):
    """One line of :attr:`BudgetContext.op_log`: an operation's aggregated charges.

    The log is aggregated per operation (and namespace) so that it stays bounded
    however many calls a program makes; ``calls`` says how many it stands for.
    """

    op_name: str
    subscripts: str | None
    shapes: tuple | None
    flop_cost: int
    cumulative: int
    namespace: str | None
    calls: int


class BudgetContext:
    """A FLOP budget that counted operations are charged against.

    Parameters
    ----------
    flop_budget : int or float
        The most FLOPs the operations inside may cost in total.
    flop_multiplier : float, optional
        Every cost is multiplied by this before it is charged.
    quiet : bool, optional
        Do not print the summary when the context exits.
    namespace : str, optional
        A label under which all operations inside are attributed.
    wall_time_limit_s : float, optional
        Raise :class:`~flopscope.errors.TimeExhaustedError` at the first counted
        operation after this many seconds inside the context.

    Notes
    -----
    Only one explicit context may be active at a time; entering a second raises
    ``RuntimeError``. Without one, operations are charged to a global default context
    of ``FLOPSCOPE_DEFAULT_BUDGET`` (1e15) FLOPs. A context can be entered again after
    it exits (this is how :func:`budget` as a decorator accumulates across calls).
    """

    def __init__(
        self,
        flop_budget,
        flop_multiplier: float = 1.0,
        quiet: bool = False,
        namespace: str | None = None,
        wall_time_limit_s: float | None = None,
    ):
        if isinstance(flop_budget, bool) or not isinstance(flop_budget, (int, float)):
            raise TypeError(f"flop_budget must be a number, got {type(flop_budget).__name__}")
        if flop_budget < 0 or flop_budget != flop_budget:
            raise ValueError(f"flop_budget must be a non-negative number, got {flop_budget!r}")
        if flop_multiplier <= 0:
            raise ValueError(f"flop_multiplier must be positive, got {flop_multiplier!r}")
        if wall_time_limit_s is not None and wall_time_limit_s <= 0:
            raise ValueError(f"wall_time_limit_s must be positive, got {wall_time_limit_s!r}")
        self.flop_budget = int(flop_budget)
        self.flop_multiplier = float(flop_multiplier)
        self.quiet = quiet
        self.namespace = namespace
        self.wall_time_limit_s = wall_time_limit_s
        self.flops_used = 0
        self.exhausted = False
        self._track_lines = False
        # op name -> [flops, calls]; namespace -> {op name -> [flops, calls]};
        # (filename, line) -> [flops, calls]
        self._ops: dict[str, list[int]] = {}
        self._by_namespace: dict[str, dict[str, list[int]]] = {}
        self._by_line: dict[tuple[str, int], list[int]] = {}
        self._ns_stack: list[str] = [namespace] if namespace else []
        self._weights = active_weights()
        self._depth = 0
        self._previous: BudgetContext | None = None
        self._elapsed = 0.0
        self._backend_s = 0.0
        self._overhead_s = 0.0
        self._times_at_entry = (0.0, 0.0)
        self._entered_at: float | None = None
        self._deadline: float | None = None
        self._refresh()

    # -- the hot path -------------------------------------------------------------
    def charge(self, op_name: str, cost: int, calls: int = 1) -> None:
        """Weigh, check and record ``cost`` FLOPs for ``op_name``.

        ``calls=0`` tops up the charge of a call already recorded (an operation whose
        size is only known once it has run).

        Raises
        ------
        BudgetExhaustedError
            When the budget cannot pay for it (or was already exhausted); nothing is
            recorded and the caller must not run the operation.
        TimeExhaustedError
            When the wall-time limit has passed.
        """
        # _scale holds weight x multiplier for every op whose product is not 1.
        scale = self._scale.get(op_name, self._default_scale)
        if scale != 1.0:
            if not scale:
                return
            cost = int(cost * scale)
        used = self.flops_used + cost
        if used > self._limit:
            self._refuse(op_name, cost)
        if self._extras:
            self._extra_checks(op_name, cost)
        self.flops_used = used
        record = self._ops.get(op_name)
        if record is None:
            self._ops[op_name] = [cost, calls]
        else:
            record[0] += cost
            record[1] += calls

    def _refuse(self, op_name: str, cost: int) -> None:
        remaining = self.flop_budget - self.flops_used
        detail = "the budget was already exhausted" if self.exhausted else ""
        self._exhaust()
        error = BudgetExhaustedError(op_name, cost, remaining, detail)
        error.location = user_location()
        raise error

    def _exhaust(self) -> None:
        # Once refused, every later counted operation is refused too, even one that
        # would fit: a program must not catch the error and carry on for free.
        self.exhausted = True
        self._limit = -1

    def _extra_checks(self, op_name: str, cost: int) -> None:
        if self._deadline is not None and time.perf_counter() > self._deadline:
            self._exhaust()
            error = TimeExhaustedError(op_name, self.elapsed_s, self.wall_time_limit_s)
            error.location = user_location()
            raise error
        if self._ns_stack:
            self._record_namespace(op_name, cost)
        if self._track_lines:
            self._record_line(cost)

    def _refresh(self) -> None:
        """Recompute the hot path's cached settings after a setting changed."""
        self._scale = {
            name: w * self.flop_multiplier for name, w in self._weights.items()
            if w * self.flop_multiplier != 1.0
        }
        self._default_scale = self.flop_multiplier
        self._limit = -1 if self.exhausted else self.flop_budget
        self._extras = bool(self._deadline is not None or self._ns_stack or self._track_lines)

    @property
    def track_lines(self) -> bool:
        """Record costs per source line (``flopscope run --by-line``)."""
        return self._track_lines

    @track_lines.setter
    def track_lines(self, value: bool) -> None:
        self._track_lines = bool(value)
        self._refresh()

    def _record_namespace(self, op_name: str, cost: int) -> None:
        ops = self._by_namespace.setdefault(".".join(self._ns_stack), {})
        record = ops.setdefault(op_name, [0, 0])
        record[0] += cost
        record[1] += 1

    def _record_line(self, cost: int) -> None:
        frame = _user_frame(sys._getframe(2))
        if frame is None:
            return
        key = (frame.f_code.co_filename, frame.f_lineno)
        record = self._by_line.get(key)
        if record is None:
            self._by_line[key] = [cost, 1]
        else:
            record[0] += cost
            record[1] += 1

    # -- public API ---------------------------------------------------------------
    @property
    def flops_remaining(self) -> int:
        """FLOPs still available."""
        return self.flop_budget - self.flops_used

    @property
    def elapsed_s(self) -> float:
        """Seconds spent inside the context so far (all entries added up)."""
        if self._entered_at is None:
            return self._elapsed
        return self._elapsed + time.perf_counter() - self._entered_at

    wall_time_s = elapsed_s

    def _spent(self, index: int) -> float:
        done = self._backend_s if index == 0 else self._overhead_s
        if self._entered_at is None:
            return done
        return done + TIMES[index] - self._times_at_entry[index]

    @property
    def flopscope_backend_time(self) -> float:
        """Seconds spent inside NumPy running the counted operations."""
        return self._spent(0)

    @property
    def flopscope_overhead_time(self) -> float:
        """Seconds spent in flopscope itself: pricing, charging, dispatch."""
        return self._spent(1)

    @property
    def residual_wall_time(self) -> float:
        """Wall time neither in counted NumPy calls nor in flopscope: the user's own
        Python, sleeps, uncounted work. ``wall = backend + overhead + residual``."""
        return self.elapsed_s - self.flopscope_backend_time - self.flopscope_overhead_time

    def deduct(self, op_name: str, flop_cost: int, subscripts=None, shapes=None) -> None:
        """Charge a cost computed by the caller, e.g. for a hand-written kernel.

        Parameters
        ----------
        op_name : str
            Name the cost is recorded under.
        flop_cost : int
            Unweighted cost; the weight of ``op_name`` (1 unless listed) applies.
        subscripts, shapes : optional
            Accepted for compatibility; not used for pricing.
        """
        if isinstance(flop_cost, bool) or int(flop_cost) != flop_cost or flop_cost < 0:
            raise ValueError(f"flop_cost must be a non-negative integer, got {flop_cost!r}")
        self.charge(op_name, int(flop_cost))

    @property
    def op_log(self) -> list[OpRecord]:
        """Charges so far as :class:`OpRecord` rows, one per operation and namespace,
        in order of total cost; ``cumulative`` is the running total down the list."""
        rows = [(None, name, rec) for name, rec in self._ops.items()]
        if self._by_namespace:
            attributed = {}
            for ns, ops in self._by_namespace.items():
                for name, rec in ops.items():
                    rows.append((ns, name, rec))
                    prior = attributed.setdefault(name, [0, 0])
                    prior[0] += rec[0]
                    prior[1] += rec[1]
            # the un-namespaced remainder of each operation
            rows = [(ns, name, [rec[0] - attributed.get(name, (0, 0))[0],
                                rec[1] - attributed.get(name, (0, 0))[1]] if ns is None else rec)
                    for ns, name, rec in rows]
            rows = [row for row in rows if row[2][1]]
        rows.sort(key=lambda row: (-row[2][0], row[1]))
        log, total = [], 0
        for ns, name, (flops, calls) in rows:
            total += flops
            log.append(OpRecord(name, None, None, flops, total, ns, calls))
        return log

    def operations(self) -> dict[str, tuple[int, int]]:
        """Return ``{op: (flops, calls)}`` for every operation charged so far."""
        return {name: (rec[0], rec[1]) for name, rec in self._ops.items()}

    def summary_dict(self, by_namespace: bool = False) -> dict:
        """Return the budget's state as plain data (see :func:`budget_summary_dict`)."""
        from flopscope.runtime.summary import to_dict

        return to_dict(self, by_namespace=by_namespace)

    def summary(self, by_namespace: bool = False) -> str:
        """Return the budget's state as text."""
        from flopscope.runtime.summary import to_text

        return to_text(self.summary_dict(by_namespace=by_namespace))

    def __enter__(self) -> BudgetContext:
        global _current
        if self._depth:
            self._depth += 1
            return self
        if _current is not _default and _current is not self:
            raise RuntimeError(
                "a BudgetContext is already active; nesting explicit budget contexts is "
                "not supported (use flops.namespace() to label parts of one budget)"
            )
        self._depth = 1
        self._previous = _current
        self._weights = active_weights()
        self._entered_at = time.perf_counter()
        self._times_at_entry = (TIMES[0], TIMES[1])
        if self.wall_time_limit_s is not None:
            self._deadline = self._entered_at + self.wall_time_limit_s - self._elapsed
        self._refresh()
        _current = self
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        global _current
        self._depth -= 1
        if self._depth:
            return
        self._elapsed += time.perf_counter() - self._entered_at
        self._backend_s += TIMES[0] - self._times_at_entry[0]
        self._overhead_s += TIMES[1] - self._times_at_entry[1]
        self._entered_at = None
        self._deadline = None
        self._refresh()
        _current = self._previous if self._previous is not None else _default
        self._previous = None
        _session.absorb(self)
        if not self.quiet:
            print(self.summary(), file=sys.stderr)

    def __call__(self, func):
        """Use the context as a decorator: every call runs inside it, costs accumulate."""

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self:
                return func(*args, **kwargs)

        wrapper.budget = self
        return wrapper

    def __repr__(self) -> str:
        return (
            f"BudgetContext(flop_budget={self.flop_budget:,}, flops_used={self.flops_used:,}, "
            f"namespace={self.namespace!r})"
        )


def _user_frame(frame):
    """The innermost frame of the user's code: not flopscope's, not NumPy's."""
    while frame is not None and frame.f_globals.get("__name__", "").startswith(
        ("flopscope.", "numpy")
    ) and not frame.f_globals.get("__flopscope_instrumented__"):
        frame = frame.f_back
    return frame


def user_location() -> tuple[str, int] | None:
    """``(filename, line)`` of the user's code that is running the current operation."""
    frame = _user_frame(sys._getframe(1))
    return (frame.f_code.co_filename, frame.f_lineno) if frame is not None else None


class _Session:
    """What explicit contexts spent, kept after they exit, for :func:`budget_summary`."""

    def __init__(self):
        self.ops: dict[str, list[int]] = {}
        self.by_namespace: dict[str, dict[str, list[int]]] = {}
        self.flops_used = 0

    def absorb(self, ctx: BudgetContext) -> None:
        # A decorator context is absorbed on every exit; only add what is new since.
        seen = getattr(ctx, "_absorbed", {})
        for name, (flops, calls) in ctx._ops.items():
            before = seen.get(name, (0, 0))
            record = self.ops.setdefault(name, [0, 0])
            record[0] += flops - before[0]
            record[1] += calls - before[1]
        for ns, ops in ctx._by_namespace.items():
            seen_ns = seen.get(("ns", ns), {})
            target = self.by_namespace.setdefault(ns, {})
            for name, (flops, calls) in ops.items():
                before = seen_ns.get(name, (0, 0))
                record = target.setdefault(name, [0, 0])
                record[0] += flops - before[0]
                record[1] += calls - before[1]
        self.flops_used += ctx.flops_used - seen.get("__used__", 0)
        snapshot = {name: tuple(rec) for name, rec in ctx._ops.items()}
        for ns, ops in ctx._by_namespace.items():
            snapshot[("ns", ns)] = {name: tuple(rec) for name, rec in ops.items()}
        snapshot["__used__"] = ctx.flops_used
        ctx._absorbed = snapshot


def _default_budget() -> int:
    raw = os.environ.get("FLOPSCOPE_DEFAULT_BUDGET")
    if not raw:
        return DEFAULT_BUDGET
    try:
        value = float(raw)
        if value < 0 or value != value:
            raise ValueError
        return int(value)
    except ValueError:
        raise ValueError(
            f"FLOPSCOPE_DEFAULT_BUDGET must be a non-negative number, got {raw!r}"
        ) from None


def _new_default() -> BudgetContext:
    ctx = BudgetContext(_default_budget(), quiet=True)
    ctx.namespace = None
    return ctx


_default: BudgetContext = _new_default()
_current: BudgetContext = _default
_session = _Session()


def current() -> BudgetContext:
    """Return the context operations are charged to right now (explicit or default)."""
    return _current


def charge(op_name: str, cost: int, calls: int = 1) -> None:
    """Charge ``cost`` unweighted FLOPs for ``op_name`` to the current context
    (``calls=0``: add to the call just recorded)."""
    _current.charge(op_name, cost, calls)


def budget(flop_budget=None, flop_multiplier: float = 1.0, quiet: bool = False,
           namespace: str | None = None, wall_time_limit_s: float | None = None):
    """Make a :class:`BudgetContext`, usable as a context manager or a decorator.

    Parameters
    ----------
    flop_budget : int or float, optional
        Defaults to ``FLOPSCOPE_DEFAULT_BUDGET`` (1e15).
    flop_multiplier, quiet, namespace, wall_time_limit_s
        As for :class:`BudgetContext`.

    Examples
    --------
    >>> @budget(flop_budget=10**6, quiet=True)
    ... def step(x): ...
    """
    if callable(flop_budget):  # used bare: @flops.budget
        return budget()(flop_budget)
    if flop_budget is None:
        flop_budget = _default_budget()
    return BudgetContext(flop_budget, flop_multiplier, quiet, namespace, wall_time_limit_s)


@contextmanager
def namespace(name: str):
    """Attribute the operations inside to ``name`` (nested names join with dots).

    Namespaces label costs inside one budget; they are not separate budgets.
    """
    if not isinstance(name, str) or not name:
        raise ValueError("namespace name must be a non-empty string")
    ctx = _current
    ctx._ns_stack.append(name)
    ctx._refresh()
    try:
        yield ctx
    finally:
        ctx._ns_stack.pop()
        ctx._refresh()


def _session_view() -> BudgetContext:
    """A context-shaped view of everything spent this session: default plus explicit."""
    view = BudgetContext(_default.flop_budget, quiet=True)
    view.flops_used = _session.flops_used + _default.flops_used
    for source in (_session.ops, _default._ops):
        for name, (flops, calls) in source.items():
            record = view._ops.setdefault(name, [0, 0])
            record[0] += flops
            record[1] += calls
    for source in (_session.by_namespace, _default._by_namespace):
        for ns, ops in source.items():
            target = view._by_namespace.setdefault(ns, {})
            for name, (flops, calls) in ops.items():
                record = target.setdefault(name, [0, 0])
                record[0] += flops
                record[1] += calls
    if _current is not _default:
        view.flops_used += _current.flops_used
        for name, (flops, calls) in _current._ops.items():
            record = view._ops.setdefault(name, [0, 0])
            record[0] += flops
            record[1] += calls
    view._elapsed = clock() - _SESSION_STARTED
    view._backend_s, view._overhead_s = TIMES
    return view


def budget_summary_dict(by_namespace: bool = False) -> dict:
    """Return everything spent this session as a dict.

    Keys: ``flop_budget``, ``flops_used``, ``flops_remaining``, ``operations``
    (``{op: {"flop_cost", "calls", "percent"}}``), ``wall_time_s``, and
    ``by_namespace`` when asked for.
    """
    return _session_view().summary_dict(by_namespace=by_namespace)


def budget_summary(by_namespace: bool = False) -> str:
    """Print and return the session summary as text."""
    text = _session_view().summary(by_namespace=by_namespace)
    print(text)
    return text


def budget_reset() -> None:
    """Forget everything spent so far and start a fresh global default budget."""
    global _default, _current, _session, _SESSION_STARTED
    if _current is not _default:
        raise RuntimeError("budget_reset() cannot run inside an explicit BudgetContext")
    _SESSION_STARTED = clock()
    TIMES[0] = TIMES[1] = 0.0
    _default = _new_default()
    _current = _default
    _session = _Session()
