"""What ``fnp.einsum_path`` returns: the contraction plan and what it costs.

``fnp.einsum_path(subscripts, *operands)`` returns an :class:`EinsumPath`, a pair
``(path, info)`` that unpacks like NumPy's ``(path, string)``:

* ``path`` is the list of contraction tuples (``[(0, 1), (0, 1)]``), which
  ``fnp.einsum(..., optimize=path)`` accepts;
* ``info`` is a :class:`PathInfo`. It *is* a string (the readable table NumPy's
  second element would be, so code written for NumPy keeps working) and carries the
  numbers as attributes: ``optimized_cost`` (what ``fnp.einsum`` will charge),
  ``naive_cost``, ``speedup``, ``largest_intermediate``, ``index_sizes``,
  ``optimizer_used`` and ``steps``, one :class:`StepInfo` per pairwise contraction.

Planning itself is charged a nominal 1 FLOP (the ``einsum_path`` rule); the plan is
computed by opt_einsum from shapes only and memoised in the ``"einsum.path"`` cache.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from flopscope.runtime import caches

__all__ = ["StepInfo", "PathInfo", "EinsumPath", "plan", "einsum_path_impl", "dense_step_cost"]


@dataclass(frozen=True)
class StepInfo:
    """One pairwise (or single-operand) contraction step of an einsum plan.

    Attributes
    ----------
    contract : tuple of int
        Positions, in the current operand list, of the operands this step merges
        (the entry of ``path``); the result is appended to the end of the list.
    subscript : str
        The step as an einsum expression, e.g. ``"ai,ijk->ajk"``.
    flop_cost : int
        FLOPs of this step (symmetry-aware when the engine supplies it).
    dense_flop_cost : int
        FLOPs of this step ignoring symmetry: ``(k-1)*P + (P - out)`` for ``k``
        operands, ``P`` the product of all index sizes and ``out`` the output size.
    blas : str or bool
        The BLAS kernel class opt_einsum would use (``"GEMM"``, ``"TDOT"`` ...) or
        False.
    output_shape : tuple of int
        Shape of the intermediate (or final) result.
    operand_subset : tuple of int
        Which of the original operands this intermediate combines.
    cumulative : int
        Running total of ``flop_cost`` up to and including this step.
    """

    contract: tuple
    subscript: str
    flop_cost: int
    dense_flop_cost: int
    blas: str | bool
    output_shape: tuple
    operand_subset: tuple
    cumulative: int

    @property
    def subscripts(self) -> str:
        """Alias of :attr:`subscript`."""
        return self.subscript

    @property
    def cost(self) -> int:
        """Alias of :attr:`flop_cost`."""
        return self.flop_cost


def dense_step_cost(subscript: str, size_dict: dict) -> int:
    """FLOPs of one einsum step ignoring symmetry (FMA counted as 2).

    ``k - 1`` multiplies per point of the full index space, plus the additions that
    accumulate each output cell: ``(k-1)*P + (P - out)``, where ``P`` is the product of
    every index size and ``out`` the product of the output's. A step that sums nothing
    (``P == out``) costs ``(k-1)*P``.
    """
    inputs, _, output = subscript.partition("->")
    terms = inputs.split(",")
    indices = set("".join(terms))
    full = math.prod(size_dict[i] for i in indices)
    out = math.prod(size_dict[i] for i in output)
    return (len(terms) - 1) * full + (full - out)


class PathInfo(str):
    """An einsum contraction plan: a readable table (``str(info)``) with attributes.

    Being a ``str`` subclass, it stands where NumPy's ``einsum_path`` returns its
    description string. Build one with :func:`plan`.

    Attributes
    ----------
    subscripts : str
        The complete contraction, as given.
    shapes : tuple of tuple of int
        Operand shapes.
    path : list of tuple of int
        The contraction order.
    steps : list of StepInfo
        One entry per contraction step.
    naive_cost : int
        Cost charged without path optimisation (equal to ``optimized_cost``: the
        charged cost is path-independent).
    optimized_cost : int
        FLOPs ``fnp.einsum`` charges for this expression.
    largest_intermediate : int
        Elements in the largest intermediate (or final) array of the plan.
    index_sizes : dict of str to int
        Size of every index letter.
    optimizer_used : str
        The path optimizer that produced ``path``.
    """

    subscripts: str
    shapes: tuple
    path: list
    steps: list
    naive_cost: int
    optimized_cost: int
    largest_intermediate: int
    index_sizes: dict
    optimizer_used: str

    def __new__(cls, subscripts, shapes, path, steps, naive_cost, optimized_cost,
                largest_intermediate, index_sizes, optimizer_used):
        fields = dict(
            subscripts=subscripts, shapes=tuple(tuple(s) for s in shapes),
            path=[tuple(p) for p in path], steps=list(steps), naive_cost=int(naive_cost),
            optimized_cost=int(optimized_cost),
            largest_intermediate=int(largest_intermediate),
            index_sizes=dict(index_sizes), optimizer_used=str(optimizer_used),
        )
        text = _format(fields, verbose=False)
        self = super().__new__(cls, text)
        self.__dict__.update(fields)
        return self

    @property
    def speedup(self) -> float:
        """``naive_cost / optimized_cost`` (1.0 when the optimized cost is 0)."""
        return self.naive_cost / self.optimized_cost if self.optimized_cost else 1.0

    @property
    def savings(self) -> float:
        """Fraction of the naive cost saved, ``1 - optimized/naive`` (0.0 if naive is 0)."""
        return 1.0 - self.optimized_cost / self.naive_cost if self.naive_cost else 0.0

    def format_table(self, verbose: bool = False) -> str:
        """Return the plan as a table; ``verbose`` adds, under each step, the original
        operands it combines, the shape of its result and the running total."""
        return _format(self.__dict__, verbose=verbose)

    def __repr__(self) -> str:
        return (f"PathInfo(subscripts={self.subscripts!r}, path={self.path!r}, "
                f"optimized_cost={self.optimized_cost:,})")

    def __reduce__(self):
        d = self.__dict__
        return (PathInfo, (d["subscripts"], d["shapes"], d["path"], d["steps"],
                           d["naive_cost"], d["optimized_cost"], d["largest_intermediate"],
                           d["index_sizes"], d["optimizer_used"]))


def _grouped_sizes(index_sizes: dict) -> str:
    groups: dict[int, list[str]] = {}
    for letter, size in index_sizes.items():
        groups.setdefault(size, []).append(letter)
    return ", ".join("=".join(sorted(letters)) + f"={size}"
                     for size, letters in sorted(groups.items()))


def _format(d: dict, verbose: bool) -> str:
    width = max(24, *(len(s.subscript) for s in d["steps"])) if d["steps"] else 24
    rows = [
        ("Complete contraction", d["subscripts"]),
        ("Naive cost (flopscope)", f"{d['naive_cost']:,}"),
        ("Optimized cost (flopscope)", f"{d['optimized_cost']:,}"),
        ("Speedup", f"{(d['naive_cost'] / d['optimized_cost'] if d['optimized_cost'] else 1.0):.3f}x"),
        ("Savings", f"{(100 * (1 - d['optimized_cost'] / d['naive_cost']) if d['naive_cost'] else 0.0):.1f}%"),
        ("Largest intermediate", f"{d['largest_intermediate']:,} elements"),
        ("Index sizes", _grouped_sizes(d["index_sizes"])),
        ("Optimizer", d["optimizer_used"]),
    ]
    label_w = max(len(label) for label, _ in rows) + 2
    lines = [f"{label + ':':>{label_w}}  {value}" for label, value in rows]
    header = f"step  {'contract':<10}{'subscript':<{width + 2}}{'flops':>14}  blas"
    rule = "-" * len(header)
    lines += [rule, header, rule]
    for n, step in enumerate(d["steps"]):
        lines.append(f"{n:>4}  {str(step.contract):<10}{step.subscript:<{width + 2}}"
                     f"{step.flop_cost:>14,}  {step.blas or '-'}")
        if verbose:
            lines.append(f"{'':>16}operands {step.operand_subset}  ->  shape "
                         f"{step.output_shape}  (dense {step.dense_flop_cost:,}; "
                         f"cumulative {step.cumulative:,})")
    return "\n".join(lines)


class EinsumPath(NamedTuple):
    """``(path, info)``, what ``fnp.einsum_path`` returns; unpacks like NumPy's pair.

    The :class:`PathInfo` attributes are also readable on the pair itself
    (``fnp.einsum_path(...).optimized_cost``).
    """

    path: list
    info: PathInfo

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.info, name)


def _default_optimizer(n_operands: int) -> str:
    return "optimal" if n_operands <= 4 else "greedy"


def _normalise_optimize(optimize, n_operands: int):
    """Return ``(opt_einsum optimize argument, name reported as optimizer_used)``."""
    if optimize is None or optimize is True:
        name = _default_optimizer(n_operands)
        return name, name
    if optimize is False:
        path = (tuple(range(n_operands)),) if n_operands > 1 else ((0,),)
        return list(path), "none"
    if isinstance(optimize, str):
        if optimize in ("einsum_path",):
            name = _default_optimizer(n_operands)
            return name, name
        return optimize, optimize
    if isinstance(optimize, (list, tuple)):
        steps = [tuple(int(i) for i in step) for step in optimize if step != "einsum_path"]
        return steps, "explicit"
    raise TypeError(f"optimize must be a bool, a string or an explicit path, got {optimize!r}")


def _plan_uncached(subscripts: str, shapes: tuple, optimize) -> tuple:
    import opt_einsum as oe

    oe_optimize, name = _normalise_optimize(
        list(optimize) if isinstance(optimize, tuple) else optimize, len(shapes))
    path, oe_info = oe.contract_path(subscripts, *shapes, shapes=True, optimize=oe_optimize)
    size_dict = dict(oe_info.size_dict)
    return tuple(tuple(p) for p in path), tuple(
        (entry[2], entry[4]) for entry in oe_info.contraction_list), size_dict, name


# Contraction paths, memoised on (subscripts, shapes, optimize). Registered as the
# default "einsum.path" cache; the einsum engine may register its own instead.
_plan_cache = caches.ResizableCache(_plan_uncached, maxsize=4096)
caches.register("einsum.path", _plan_cache, default=True)


def _hashable_optimize(optimize):
    if isinstance(optimize, list):
        return tuple(step if isinstance(step, str) else tuple(step) for step in optimize)
    return optimize


def plan(subscripts: str, shapes, optimize=True, optimized_cost: int | None = None,
         step_costs=None) -> PathInfo:
    """Plan an einsum from shapes and describe it as a :class:`PathInfo`.

    Parameters
    ----------
    subscripts : str
        Einsum subscripts (``"ij,jk->ik"``; ellipses allowed).
    shapes : sequence of tuple of int
        Operand shapes.
    optimize : str, bool or list, optional
        opt_einsum optimizer name, True/False, or an explicit path (a leading
        ``"einsum_path"`` entry, as NumPy writes paths, is ignored).
    optimized_cost : int, optional
        What ``fnp.einsum`` charges for the expression; defaults to the dense cost of
        the whole expression done at once (:func:`dense_step_cost`).
    step_costs : sequence of int, optional
        Symmetry-aware cost of each step; defaults to each step's dense cost.
    """
    shapes = tuple(tuple(int(n) for n in s) for s in shapes)
    path, contractions, size_dict, name = _plan_cache(
        subscripts, shapes, _hashable_optimize(optimize))
    subsets = [(i,) for i in range(len(shapes))]
    steps, total = [], 0
    largest = 0
    for n, (contract, (step_subs, blas)) in enumerate(zip(path, contractions)):
        merged = tuple(sorted(i for pos in contract for i in subsets[pos]))
        for pos in sorted(contract, reverse=True):
            del subsets[pos]
        subsets.append(merged)
        out_letters = step_subs.partition("->")[2]
        out_shape = tuple(size_dict[c] for c in out_letters)
        largest = max(largest, math.prod(out_shape))
        dense = dense_step_cost(step_subs, size_dict)
        cost = int(step_costs[n]) if step_costs is not None else dense
        total += cost
        steps.append(StepInfo(tuple(contract), step_subs, cost, dense, blas, out_shape,
                              merged, total))
    if optimized_cost is None:
        optimized_cost = _whole_dense_cost(subscripts, shapes, size_dict)
    return PathInfo(subscripts, shapes, path, steps, optimized_cost, optimized_cost,
                    largest, size_dict, name)


def _whole_dense_cost(subscripts: str, shapes, size_dict) -> int:
    import opt_einsum as oe

    inputs, output, _ = oe.parser.parse_einsum_input((subscripts, *shapes), shapes=True)
    return dense_step_cost(f"{inputs}->{output}", size_dict)


def _einsum_cost(subscripts, operands, kwargs) -> int | None:
    """What ``fnp.einsum`` would charge (its registered cost formula), or None."""
    from flopscope.runtime import registry

    rule_ = registry.find("einsum")
    if rule_ is None or rule_.cost is None:
        return None
    return int(rule_.cost(subscripts, *operands, **kwargs))


def einsum_path_impl(subscripts, *operands, optimize=True, einsum_call=False, **kwargs):
    """Implementation behind ``fnp.einsum_path``: plan without contracting anything.

    Returns an :class:`EinsumPath` ``(path, info)``. ``info.optimized_cost`` is what
    ``fnp.einsum`` charges for the same call (taken from its cost formula when one is
    registered). ``einsum_call`` is accepted for NumPy compatibility and ignored.

    ``optimize=True`` (the default) plans with ``"optimal"`` for up to four operands
    and ``"greedy"`` beyond; a name or an explicit path is used as given.
    """
    if not isinstance(subscripts, str):
        raise TypeError("fnp.einsum_path takes the subscripts string first "
                        "(the interleaved operand/sublist form is not supported)")
    shapes = tuple(np.shape(op) for op in operands)
    optimized_cost = _einsum_cost(subscripts, operands, kwargs)
    info = plan(subscripts, shapes, optimize=optimize, optimized_cost=optimized_cost)
    return EinsumPath(info.path, info)
