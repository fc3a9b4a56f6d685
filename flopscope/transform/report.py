"""The end-of-run report of ``flopscope run``: a rich summary on stderr, and JSON.

Both are pure functions of the summary dict (:func:`summary_data`), which is the
budget's own ``summary_dict()`` plus the run's outcome and, with ``--by-line``, the
source text of each line.
"""

from __future__ import annotations

import json
import linecache
import os

from flopscope.runtime.summary import TOP_LINES, display_path, to_text

__all__ = ["summary_data", "render", "print_summary", "write_json"]

TOP_OPERATIONS = 20


def summary_data(ctx, outcome) -> dict:
    """Return everything the report shows, as plain JSON-ready data.

    Parameters
    ----------
    ctx : flopscope.runtime.budget.BudgetContext
        The run's budget.
    outcome : flopscope.transform.session.Outcome
        How the run ended.

    Returns
    -------
    dict
        ``ctx.summary_dict()`` plus ``exit_code``, ``status``, ``error`` (when the run
        failed) and, per ``by_line`` entry, ``code`` (the stripped source line).
    """
    data = ctx.summary_dict()
    for row in data.get("by_line", ()):
        row["code"] = linecache.getline(row["file"], row["line"]).strip()
    data.update(outcome.to_dict())
    return data


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "0.0%"


def render(data: dict):
    """Build the rich renderable of a summary dict (see :func:`summary_data`)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    used, limit = data["flops_used"], data["flop_budget"]
    head = Text.assemble(
        ("flopscope ", "bold"), (f"{used:,}", "bold cyan"), f" of {limit:,} FLOPs used ",
        (f"({_pct(used, limit)})", "cyan"), f" in {data['wall_time_s']:.2f} s",
    )
    if data.get("status") not in (None, "ok", "exit"):
        head.append(f"  [{data['status'].replace('_', ' ')}]", style="bold red")
    parts = [head]

    operations = list(data["operations"].items())
    if operations:
        table = Table(title="By operation", title_justify="left", box=None, pad_edge=False)
        table.add_column("operation", no_wrap=True)
        table.add_column("FLOPs", justify="right", no_wrap=True)
        table.add_column("share", justify="right", no_wrap=True)
        table.add_column("calls", justify="right", no_wrap=True)
        for name, row in operations[:TOP_OPERATIONS]:
            table.add_row(name, f"{row['flop_cost']:,}", f"{row['percent']:.1f}%",
                          f"{row['calls']:,}")
        if len(operations) > TOP_OPERATIONS:
            table.add_row(f"... {len(operations) - TOP_OPERATIONS} more", "", "", "")
        parts.append(table)

    lines = data.get("by_line") or []
    if lines:
        table = Table(title=f"Top {min(len(lines), TOP_LINES)} source lines",
                      title_justify="left", box=None, pad_edge=False)
        # Only the code column gives way on a narrow terminal: the numbers never do.
        table.add_column("line", no_wrap=True)
        table.add_column("code", overflow="ellipsis", no_wrap=True, max_width=48)
        table.add_column("calls", justify="right", no_wrap=True)
        table.add_column("FLOPs", justify="right", no_wrap=True)
        table.add_column("share", justify="right", no_wrap=True)
        for row in lines[:TOP_LINES]:
            table.add_row(f"{display_path(row['file'])}:{row['line']}", row.get("code", ""),
                          f"{row['calls']:,}", f"{row['flop_cost']:,}", f"{row['percent']:.1f}%")
        parts.append(table)
    return Group(*parts)


def print_summary(data: dict, file) -> None:
    """Print the summary to ``file``: a rich table on a terminal; plain text (the same
    as ``BudgetContext.summary()``, without importing rich) for pipes, logs and when
    ``NO_COLOR`` is set."""
    plain = bool(os.environ.get("NO_COLOR")) or not getattr(file, "isatty", lambda: False)()
    if plain:
        file.write(to_text(data) + "\n")
        return
    from rich.console import Console

    Console(file=file, highlight=False, emoji=False, soft_wrap=False).print(render(data))


def write_json(data: dict, path: str) -> None:
    """Write the summary dict to ``path`` as JSON."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
