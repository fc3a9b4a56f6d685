"""Summaries: pure functions of a budget's ledger (dict, plain text)."""

from __future__ import annotations

import os

TOP_LINES = 10


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith(os.pardir) else rel


def _ops_table(ops: dict[str, list[int]], total: int) -> dict[str, dict]:
    rows = sorted(ops.items(), key=lambda item: (-item[1][0], item[0]))
    return {
        name: {
            "flop_cost": flops,
            "calls": calls,
            "percent": (100.0 * flops / total) if total else 0.0,
        }
        for name, (flops, calls) in rows
    }


def to_dict(ctx, by_namespace: bool = False) -> dict:
    """Return the summary dict of a :class:`~flopscope.runtime.budget.BudgetContext`."""
    data = {
        "flop_budget": ctx.flop_budget,
        "flops_used": ctx.flops_used,
        "flops_remaining": ctx.flop_budget - ctx.flops_used,
        "flop_multiplier": ctx.flop_multiplier,
        "namespace": ctx.namespace,
        "wall_time_s": ctx.elapsed_s,
        "flopscope_backend_time_s": ctx.flopscope_backend_time,
        "flopscope_overhead_time_s": ctx.flopscope_overhead_time,
        "residual_wall_time_s": ctx.residual_wall_time,
        "wall_time_limit_s": ctx.wall_time_limit_s,
        "operations": _ops_table(ctx._ops, ctx.flops_used),
    }
    if by_namespace:
        data["by_namespace"] = {
            ns: {
                "flops_used": sum(rec[0] for rec in ops.values()),
                "operations": _ops_table(ops, ctx.flops_used),
            }
            for ns, ops in sorted(ctx._by_namespace.items())
        }
    if ctx._by_line:
        rows = sorted(ctx._by_line.items(), key=lambda item: -item[1][0])
        data["by_line"] = [
            {"file": f, "line": line, "flop_cost": flops, "calls": calls,
             "percent": (100.0 * flops / ctx.flops_used) if ctx.flops_used else 0.0}
            for (f, line), (flops, calls) in rows
        ]
    return data


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "  0.0%"


def to_text(data: dict) -> str:
    """Render a summary dict as plain text (no colour, stable for logs and tests)."""
    budget, used = data["flop_budget"], data["flops_used"]
    width = max(len(f"{budget:,}"), 12)
    lines = [
        "flopscope FLOP budget summary",
        "=============================",
        f"  Total budget: {budget:>{width},}",
        f"  Used:         {used:>{width},}  ({_pct(used, budget)})",
        f"  Remaining:    {budget - used:>{width},}  ({_pct(budget - used, budget)})",
        f"  Wall time:    {data['wall_time_s']:.3f} s  (NumPy "
        f"{data['flopscope_backend_time_s']:.3f} s, flopscope "
        f"{data['flopscope_overhead_time_s']:.3f} s, other {data['residual_wall_time_s']:.3f} s)",
    ]

    def table(title: str, ops: dict) -> None:
        if not ops:
            return
        lines.append("")
        lines.append(f"  {title}:")
        name_w = max(len(name) for name in ops)
        for name, row in ops.items():
            calls = row["calls"]
            lines.append(
                f"    {name:<{name_w}}  {row['flop_cost']:>{width},}  ({_pct(row['flop_cost'], used)})"
                f"  [{calls} call{'s' if calls != 1 else ''}]"
            )

    status = data.get("status")
    if status not in (None, "ok", "exit"):
        lines.append(f"  Status:       {status.replace('_', ' ')}")
    table("By operation", data["operations"])
    for ns, block in data.get("by_namespace", {}).items():
        table(f"Namespace {ns} ({block['flops_used']:,} FLOPs)", block["operations"])
    rows = data.get("by_line") or []
    if rows:
        shown = rows[:TOP_LINES]
        places = [f"{display_path(row['file'])}:{row['line']}" for row in shown]
        place_w = max(len(place) for place in places)
        calls_w = max(len(f"{row['calls']:,}") for row in shown)
        lines += ["", f"  Top {len(shown)} source lines:"]
        for place, row in zip(places, shown):
            lines.append(f"    {place:<{place_w}}  {row['flop_cost']:>{width},}  "
                         f"({_pct(row['flop_cost'], used)})  [{row['calls']:>{calls_w},}]  "
                         f"{row.get('code', '')}".rstrip())
    return "\n".join(lines)
