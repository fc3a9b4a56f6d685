"""``flops.budget_live()``: watch the active FLOP budget while a program runs.

::

    with flops.budget_live():
        with flops.BudgetContext(flop_budget=10**8, namespace="training") as b:
            ...

On a terminal the view is a rich ``Live`` panel redrawn a few times a second from
a background thread: the context being charged, used and remaining FLOPs with a
bar, elapsed time, and the most expensive operations so far. It follows whatever
context is current (:func:`flopscope.runtime.budget.current`), so a context entered
inside the block is picked up as soon as it starts, and the last one seen stays on
screen after it exits.

When the output is not a terminal (a pipe, a file, CI logs), ``NO_COLOR`` is set or
``TERM=dumb``, it writes plain one-line reports instead: one every ``interval``
seconds while FLOPs are being spent, and one at the end.

Watching costs nothing: the view only reads the budget's counters, never calls a
counted operation, and the display stops (with a last update) however the block
exits, exceptions included; the exception propagates unchanged.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from contextlib import contextmanager

from flopscope.runtime import budget as _budget

__all__ = ["budget_live", "snapshot", "format_line"]


def _copy_ops(ctx) -> dict[str, tuple[int, int]]:
    # Read from another thread while the program charges: copy first, retry if the
    # dict changed size mid-copy (possible on free-threaded builds).
    for _ in range(5):
        try:
            return {name: (rec[0], rec[1]) for name, rec in list(ctx._ops.items())}
        except RuntimeError:
            continue
    return {}


def snapshot(ctx=None, top: int = 5) -> dict:
    """The numbers the live view shows for ``ctx`` (default: the current context).

    Returns a dict with ``namespace``, ``flop_budget``, ``flops_used``,
    ``flops_remaining``, ``elapsed_s``, ``exhausted``, ``is_default`` (the implicit
    global budget) and ``top``: ``[(op, flops, calls)]``, most expensive first.
    Reading it charges nothing.
    """
    if ctx is None:
        ctx = _budget.current()
    ops = _copy_ops(ctx)
    ranked = sorted(ops.items(), key=lambda item: (-item[1][0], item[0]))[:top]
    used = ctx.flops_used
    return {
        "namespace": ctx.namespace,
        "flop_budget": ctx.flop_budget,
        "flops_used": used,
        "flops_remaining": ctx.flop_budget - used,
        "elapsed_s": ctx.elapsed_s,
        "exhausted": ctx.exhausted,
        "is_default": ctx is _budget._default,
        "top": [(name, flops, calls) for name, (flops, calls) in ranked],
    }


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def format_line(snap: dict) -> str:
    """One plain-text line for a :func:`snapshot` (what non-terminal output shows)."""
    label = snap["namespace"] or ("spent in block" if snap["is_default"] else "budget")
    used, total = snap["flops_used"], snap["flop_budget"]
    text = (f"[flopscope] {label}: {used:,} / {total:,} FLOPs used "
            f"({_percent(used, total):.1f}%), {max(snap['flops_remaining'], 0):,} remaining, "
            f"{snap['elapsed_s']:.2f} s")
    if snap["exhausted"]:
        text += ", EXHAUSTED"
    if snap["top"]:
        text += "; top: " + ", ".join(
            f"{name} {flops:,} ({_percent(flops, used):.1f}%)" for name, flops, _ in snap["top"])
    return text


def _render(snap: dict):
    from rich.console import Group
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    used, total = snap["flops_used"], snap["flop_budget"]
    label = snap["namespace"] or ("spent in block" if snap["is_default"] else "budget")
    status = " [EXHAUSTED]" if snap["exhausted"] else ""
    head = Text.assemble(
        ("flopscope ", "bold"), (label, "bold cyan"), (status, "bold red"),
        f"   {used:,} / {total:,} FLOPs ({_percent(used, total):.1f}%)   "
        f"remaining {max(snap['flops_remaining'], 0):,}   {snap['elapsed_s']:.1f} s",
    )
    bar = ProgressBar(total=max(total, 1), completed=min(used, max(total, 1)), width=60)
    table = Table(box=None, padding=(0, 2), show_edge=False)
    table.add_column("operation")
    table.add_column("FLOPs", justify="right")
    table.add_column("%", justify="right")
    table.add_column("calls", justify="right")
    for name, flops, calls in snap["top"]:
        table.add_row(name, f"{flops:,}", f"{_percent(flops, used):.1f}", f"{calls:,}")
    return Group(head, bar, table) if snap["top"] else Group(head, bar)


def _spent_so_far() -> tuple[int, dict[str, tuple[int, int]]]:
    view = _budget._session_view()
    return view.flops_used, _copy_ops(view)


class _Watch:
    """Remembers the context to show: the current explicit one, else the last seen.

    A context that starts and ends between two looks is not seen; if none was seen at
    all, the view shows what the whole session spent since the block began instead.
    """

    def __init__(self, top: int):
        self.top = top
        self.last = None
        self.lock = threading.Lock()
        self.base = _spent_so_far()
        self.started = time.perf_counter()
        hooks = getattr(_budget, "_enter_hooks", None)  # see report: optional hook
        self.hooks = hooks
        if hooks is not None:
            hooks.append(self.seen)

    def seen(self, ctx) -> None:
        """Called by the budget when an explicit context is entered (if hooked)."""
        with self.lock:
            self.last = ctx

    def close(self) -> None:
        if self.hooks is not None:
            try:
                self.hooks.remove(self.seen)
            except ValueError:
                pass

    def target(self):
        ctx = _budget.current()
        with self.lock:
            if ctx is not _budget._default:
                self.last = ctx
                return ctx
            return self.last if self.last is not None else ctx

    def snap(self) -> dict:
        ctx = self.target()
        if ctx is not _budget._default or self.last is not None:
            return snapshot(ctx, self.top)
        return self._spent_in_block(ctx)

    def _spent_in_block(self, default) -> dict:
        used0, ops0 = self.base
        used, ops = _spent_so_far()
        if used < used0:  # budget_reset() ran inside the block
            used0, ops0 = 0, {}
        delta = {}
        for name, (flops, calls) in ops.items():
            f0, c0 = ops0.get(name, (0, 0))
            if calls - c0 > 0:
                delta[name] = (flops - f0, calls - c0)
        ranked = sorted(delta.items(), key=lambda item: (-item[1][0], item[0]))[: self.top]
        return {
            "namespace": None,
            "flop_budget": default.flop_budget,
            "flops_used": used - used0,
            "flops_remaining": default.flop_budget - (used - used0),
            "elapsed_s": time.perf_counter() - self.started,
            "exhausted": False,
            "is_default": True,
            "top": [(name, flops, calls) for name, (flops, calls) in ranked],
        }


def _wants_plain(stream) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return True
    for s in (stream, sys.stdout):
        try:
            if not s.isatty():
                return True
        except (AttributeError, ValueError):
            return True
    return False


@contextmanager
def budget_live(refresh_per_second: float = 4, top: int = 5, file=None,
                plain: bool | None = None, interval: float = 30.0):
    """Show the active budget live while the block runs (context manager).

    Parameters
    ----------
    refresh_per_second : float, optional
        Redraws per second of the terminal view.
    top : int, optional
        How many of the most expensive operations to list.
    file : file-like, optional
        Where to write. By default the terminal view is drawn on stdout (the
        program's prints appear above it) and plain lines go to ``sys.stderr``, so a
        piped stdout stays clean.
    plain : bool, optional
        Force plain text lines (True) or the rich view (False); by default plain is
        used when ``file`` or stdout is not a terminal, or ``NO_COLOR``/``TERM=dumb``.
    interval : float, optional
        Seconds between plain lines while FLOPs are being spent (a last line is always
        written at the end).

    Yields
    ------
    callable
        ``snapshot()``: returns the numbers currently shown (see :func:`snapshot`).

    Examples
    --------
    >>> import flopscope as flops, flopscope.numpy as fnp, io
    >>> out = io.StringIO()
    >>> with flops.budget_live(file=out, plain=True) as shown:
    ...     with flops.BudgetContext(flop_budget=1000, quiet=True, namespace="demo"):
    ...         _ = fnp.exp(fnp.ones(10))
    ...         shown()["flops_used"]
    10
    >>> print(out.getvalue().strip())  # doctest: +ELLIPSIS
    [flopscope] demo: 10 / 1,000 FLOPs used (1.0%), 990 remaining, ...; top: exp 10 (100.0%)
    """
    if refresh_per_second <= 0:
        raise ValueError(f"refresh_per_second must be positive, got {refresh_per_second!r}")
    stream = file if file is not None else sys.stderr
    watch = _Watch(top)
    watch.target()
    if plain is None:
        plain = _wants_plain(stream)
    try:
        if plain:
            with _plain_view(watch, stream, interval):
                yield watch.snap
            return
        yield from _rich_view(watch, stream, file, refresh_per_second)
    finally:
        watch.close()


def _rich_view(watch: _Watch, stream, file, refresh_per_second: float):
    from rich.console import Console
    from rich.live import Live

    # On a terminal rich draws on stdout and routes the program's own prints above
    # the view; an explicit ``file`` gets the view alone.
    console = Console(file=file, force_terminal=True if file is not None else None)
    live = Live(console=console, auto_refresh=False, transient=False,
                redirect_stdout=file is None, redirect_stderr=file is None,
                get_renderable=lambda: _render(watch.snap()))
    with live:
        # Our own thread redraws (rather than rich's auto-refresh) so that it is
        # joined, not merely told to stop, before the block is left.
        with _poller(watch, 1.0 / refresh_per_second, live.refresh):
            yield watch.snap


@contextmanager
def _poller(watch: _Watch, period: float, on_tick=None):
    stop = threading.Event()

    def run():
        while not stop.wait(period):
            watch.target()
            if on_tick is not None:
                on_tick()

    thread = threading.Thread(target=run, name="flopscope-live", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


@contextmanager
def _plain_view(watch: _Watch, stream, interval: float):
    state = {"printed_used": None, "next": time.monotonic() + interval}

    def emit():
        snap = watch.snap()
        key = (id(watch.last), snap["flops_used"])
        if key != state["printed_used"]:
            state["printed_used"] = key
            try:
                print(format_line(snap), file=stream, flush=True)
            except (OSError, ValueError):
                pass  # a closed or broken stream must not break the program

    def tick():
        if time.monotonic() >= state["next"]:
            state["next"] = time.monotonic() + interval
            emit()

    try:
        with _poller(watch, min(0.25, interval), tick):
            yield
    finally:
        emit()
