"""Contractions: ``dot``, ``matmul``, ``inner``, ``vdot``, ``vecdot``, ``outer``,
``tensordot``, ``kron`` and ``einsum``, priced as flopscope 0.4.3 prices them.

Products (FMA = 2: a multiply and an add are two FLOPs):

* ``matmul``/``dot`` of two matrices ``(m, k) @ (k, n)``: ``m*n*(2k-1)``; of two
  vectors: ``2n-1``; any other combination (matrix-vector, batched): ``a.size*b.size``.
* ``inner``: ``output_size * (2k-1)``; ``vdot``: ``2n-1``; ``vecdot``:
  ``output_size * k``; ``outer``/``kron``: ``a.size*b.size``; ``tensordot``:
  ``free_a * free_b * contracted``.

``einsum`` is priced as a sequence of pairwise contractions. A step combining
operands whose index sets are ``A`` and ``B`` into an intermediate with indices ``O``
costs ``prod(A|B)`` multiplications plus ``prod(A|B) - prod(O)`` additions; a
single-operand einsum costs ``prod(all) - prod(out)`` additions. The charge is the
cheapest sum over all contraction orders (exhaustive for up to 10 operands, greedy
beyond), so it does not depend on ``optimize=``.

Symmetry lowers a step's cost by ``unique(O) / prod(O)`` when the intermediate is
provably symmetric: when the same array object appears at several operand positions
(``einsum('ij,ik->jk', X, X)``: the result is symmetric in ``j, k``) or an operand is a
:class:`~flopscope.runtime.symmetry.SymmetricTensor`. Matrix products through
``@``/``dot``/``matmul`` are always charged densely.
"""

from __future__ import annotations

import functools
import math
import operator
import string

import numpy as np

from flopscope.runtime import caches, registry, settings
from flopscope.runtime.costs._shapes import shape_of, size_of
from flopscope.runtime.registry import counted

__all__ = [
    "matmul_cost",
    "einsum_cost",
    "einsum_formula",
    "einsum_accumulation_cost",
    "AccumulationCost",
    "parse_subscripts",
]

_prod = math.prod
_ndarray = np.ndarray
_LETTERS = string.ascii_letters
DP_LIMIT = 10  # operands up to which every contraction order is searched


# -- products -------------------------------------------------------------------------
@counted("matmul", "dot", "linalg.matmul", category="Contractions")
def matmul_cost(a, b, /, *args, **kwargs) -> int:
    """(m,k)@(k,n): m*n*(2k-1); vector.vector: 2n-1; otherwise a.size*b.size."""
    try:
        sa = a.shape
        sb = b.shape
    except AttributeError:
        sa = shape_of(a)
        sb = shape_of(b)
    if len(sa) == 2 and len(sb) == 2:
        k = sa[1]
        return sa[0] * sb[1] * (2 * k - 1) if k else 0
    if len(sa) == 1 and len(sb) == 1:
        n = sa[0]
        return 2 * n - 1 if n else 0
    return _prod(sa) * _prod(sb)


@counted("inner", category="Contractions")
def inner_cost(a, b, /) -> int:
    """output_size * (2k-1) over the last axes; 2n-1 for two vectors."""
    sa, sb = shape_of(a), shape_of(b)
    if not sa or not sb:
        return _prod(sa) * _prod(sb)
    k = sa[-1]
    if not k:
        return 0
    return _prod(sa[:-1]) * _prod(sb[:-1]) * (2 * k - 1)


@counted("vdot", category="Contractions")
def vdot_cost(a, b, /) -> int:
    """2n-1 for n elements (both arguments are flattened)."""
    n = size_of(a)
    return 2 * n - 1 if n else 0


@counted("vecdot", "linalg.vecdot", category="Contractions")
def vecdot_cost(x1, x2, /, *args, axis=-1, axes=None, **kwargs) -> int:
    """output_size * k: one multiply-add per element of the contracted axis."""
    sa, sb = shape_of(x1), shape_of(x2)
    if axes is not None:
        ia, ib = operator.index(axes[0][0]), operator.index(axes[1][0])
    else:
        ia = ib = operator.index(axis)
    if not sa or not sb:
        return _prod(sa) * _prod(sb)
    ia, ib = ia % len(sa), ib % len(sb)
    k = max(sa[ia], sb[ib])
    rest_a = sa[:ia] + sa[ia + 1:]
    rest_b = sb[:ib] + sb[ib + 1:]
    return _prod(np.broadcast_shapes(rest_a, rest_b)) * k


@counted("outer", "linalg.outer", category="Contractions")
def outer_cost(a, b, /, *args, **kwargs) -> int:
    """a.size * b.size."""
    return size_of(a) * size_of(b)


@counted("kron", category="Contractions")
def kron_cost(a, b, /) -> int:
    """numel(output) = a.size * b.size."""
    return size_of(a) * size_of(b)


def _tensordot_axes(sa, sb, axes):
    if isinstance(axes, (int, np.integer)):
        n = int(axes)
        return list(range(len(sa) - n, len(sa))), list(range(n))
    ax_a, ax_b = axes
    ax_a = [ax_a] if isinstance(ax_a, (int, np.integer)) else list(ax_a)
    ax_b = [ax_b] if isinstance(ax_b, (int, np.integer)) else list(ax_b)
    return [int(i) % len(sa) for i in ax_a], [int(i) % len(sb) for i in ax_b]


def _tensordot_group(a, b, axes):
    """Symmetry of tensordot's result: what survives of each operand's group on its
    free axes (contracted axes fixed pointwise), as a direct product."""
    from flopscope.runtime import symmetry

    ga, gb = symmetry.group_of(a), symmetry.group_of(b)
    if ga is None and gb is None:
        return None
    sa, sb = shape_of(a), shape_of(b)
    ax_a, ax_b = _tensordot_axes(sa, sb, axes)
    free_a = [i for i in range(len(sa)) if i not in ax_a]
    free_b = [i for i in range(len(sb)) if i not in ax_b]
    out_ndim = len(free_a) + len(free_b)
    parts = []
    for group, shape, contracted, free, offset in (
            (ga, sa, ax_a, free_a, 0), (gb, sb, ax_b, free_b, len(free_a))):
        if group is None:
            continue
        classes = tuple(("c", i) if i in contracted else "f" for i in range(len(shape)))
        kept = group._padded(len(shape)).refine(classes)
        parts.append(kept.project({old: offset + new for new, old in enumerate(free)},
                                  out_ndim))
    return symmetry.SymmetryGroup.direct_product(*parts)._padded(out_ndim)


@counted("tensordot", "linalg.tensordot",
         category="Contractions", post=lambda r, args, kwargs: _tensordot_post(r, args, kwargs))
def tensordot_cost(a, b, /, axes=2) -> int:
    """free_a * free_b * contracted, times unique/dense output when symmetric."""
    sa, sb = shape_of(a), shape_of(b)
    ax_a, ax_b = _tensordot_axes(sa, sb, axes)
    contracted = _prod(sa[i] for i in ax_a)
    free = _prod(d for i, d in enumerate(sa) if i not in ax_a) * _prod(
        d for i, d in enumerate(sb) if i not in ax_b)
    cost = free * contracted
    if getattr(a, "unique_size", None) is None and getattr(b, "unique_size", None) is None:
        return cost
    group = _tensordot_group(a, b, axes)
    if group is None or group.is_trivial() or not free:
        return cost
    out_shape = [d for i, d in enumerate(sa) if i not in ax_a] + [
        d for i, d in enumerate(sb) if i not in ax_b]
    return cost * group.unique_count(out_shape) // free


def _tensordot_post(result, args, kwargs):
    if len(args) < 2 or (getattr(args[0], "unique_size", None) is None
                         and getattr(args[1], "unique_size", None) is None):
        return result
    axes = args[2] if len(args) > 2 else kwargs.get("axes", 2)
    group = _tensordot_group(args[0], args[1], axes)
    if group is None or group.is_trivial() or not isinstance(result, np.ndarray):
        return result
    from flopscope.runtime import symmetry

    return symmetry.tag(result, group)


# -- einsum: parsing ------------------------------------------------------------------
def _sublist_to_str(sublist) -> str:
    out = []
    for s in sublist:
        if s is Ellipsis:
            out.append("...")
        else:
            s = operator.index(s)
            if not 0 <= s < 52:
                raise ValueError(f"subscript {s} is not in [0, 52)")
            out.append(_LETTERS[s])
    return "".join(out)


def split_operands(args):
    """``(subscripts, operands)`` from einsum's positional arguments, either form."""
    if not args:
        raise ValueError("einsum needs at least the subscripts")
    if isinstance(args[0], str):
        return args[0], args[1:]
    operands = list(args[0::2])
    sublists = list(args[1::2])
    output = None
    if len(args) % 2 == 1:  # trailing output sublist
        output = operands.pop()
    subscripts = ",".join(_sublist_to_str(s) for s in sublists)
    if output is not None:
        subscripts += "->" + _sublist_to_str(output)
    return subscripts, tuple(operands)


@functools.lru_cache(maxsize=2048)
def parse_subscripts(subscripts: str, ndims: tuple) -> tuple[tuple[str, ...], str]:
    """Normalise einsum subscripts: expand ``...``, make the output explicit.

    Returns ``(input terms, output)`` with one letter per axis.
    """
    s = subscripts.replace(" ", "")
    if s.count("->") > 1:
        raise ValueError("einsum subscripts contain more than one '->'")
    explicit = "->" in s
    lhs, out = s.split("->") if explicit else (s, "")
    terms = lhs.split(",")
    if len(terms) != len(ndims):
        raise ValueError(
            f"einsum: {len(terms)} operand subscripts but {len(ndims)} operands")
    for part in terms + [out]:
        rest = part.replace("...", "")
        bad = [c for c in rest if c not in _LETTERS]
        if bad:
            raise ValueError(f"einsum: invalid subscript character {bad[0]!r}")
    used = set(c for c in s if c in _LETTERS)
    spare = [c for c in _LETTERS if c not in used]
    ell_dims = []
    for term, nd in zip(terms, ndims):
        if "..." in term:
            k = nd - (len(term) - 3)
            if k < 0:
                raise ValueError(f"einsum: operand has {nd} dimensions, subscripts {term!r}")
            ell_dims.append(k)
        elif len(term) != nd:
            raise ValueError(
                f"einsum: operand has {nd} dimensions but subscripts {term!r} give {len(term)}")
    ell = max(ell_dims, default=0)
    if ell > len(spare):
        raise ValueError("einsum: too many dimensions under '...'")
    ell_labels = "".join(spare[:ell])
    new_terms = []
    for term, nd in zip(terms, ndims):
        if "..." in term:
            k = nd - (len(term) - 3)
            term = term.replace("...", ell_labels[ell - k:] if k else "")
        new_terms.append(term)
    if explicit:
        if "..." in out:
            out = out.replace("...", ell_labels)
        elif ell and any(ell_dims):
            raise ValueError(
                "einsum: output has no '...' but the operands have broadcast dimensions")
        if len(set(out)) != len(out):
            raise ValueError(f"einsum: output subscript {out!r} repeats an index")
        all_labels = set("".join(new_terms))
        missing = [c for c in out if c not in all_labels]
        if missing:
            raise ValueError(f"einsum: output index {missing[0]!r} is not in any input")
    else:
        counts: dict = {}
        for c in "".join(new_terms):
            counts[c] = counts.get(c, 0) + 1
        out = ell_labels + "".join(
            sorted(c for c, n in counts.items() if n == 1 and c not in ell_labels))
    return tuple(new_terms), out


def _label_sizes(terms, shapes) -> dict:
    sizes: dict = {}
    for term, shape in zip(terms, shapes):
        for c, d in zip(term, shape):
            d = int(d)
            old = sizes.get(c)
            if old is None or old == 1:
                sizes[c] = d
            elif d != old and d != 1:
                raise ValueError(
                    f"einsum: index {c!r} has sizes {old} and {d} in different operands")
    return sizes


# -- einsum: symmetry of intermediates ----------------------------------------------------
def _orbit_tuples(term: str, group_key):
    if group_key is None:
        return (term,)
    from flopscope.runtime.symmetry import _TooLarge

    group = _group_from_key(group_key, len(term))
    try:
        elements = group.elements()
    except _TooLarge:
        return (term,)
    return tuple(sorted({"".join(term[p[k]] for k in range(len(term))) for p in elements}))


@functools.lru_cache(maxsize=256)
def _group_from_key(key, ndim):
    from flopscope.runtime.symmetry import SymmetryGroup, _from_elements

    kind, data = key
    if kind == "y":
        return SymmetryGroup.young(data)._padded(ndim)
    return _from_elements(ndim, data)


def _group_key(x):
    group = getattr(x, "_group", None)
    if group is None or getattr(x, "unique_size", None) is None or group.is_trivial():
        return None
    if group.blocks is not None:
        return ("y", group.blocks)
    from flopscope.runtime.symmetry import _TooLarge

    try:
        return ("e", frozenset(group.elements()))
    except _TooLarge:
        return None


_SEARCH_LIMIT = 200_000


def _intermediate_unique(members, terms, pattern, group_keys, kept, sizes):
    """Unique elements of the intermediate over ``kept`` built from operands ``members``.

    Finds every relabelling of indices that maps the product of the members' factors
    onto itself (exchanging identical operands, using declared symmetries), keeps those
    that map ``kept`` onto itself, and counts orbits (Burnside).
    """
    dense = _prod(sizes[c] for c in kept)
    members = list(members)
    classes = [pattern[t] if pattern is not None else t for t in members]
    if len(set(classes)) == len(classes) and all(group_keys[t] is None for t in members):
        return dense
    orbits = {t: _orbit_tuples(terms[t], group_keys[t]) for t in members}
    found = []
    nodes = [0]
    used = [False] * len(members)

    def search(pos, sigma, image):
        if pos == len(members):
            found.append(dict(sigma))
            return
        t = members[pos]
        term = terms[t]
        for slot, u in enumerate(members):
            if used[slot] or classes[slot] != classes[pos] or len(terms[u]) != len(term):
                continue
            for target in orbits[u]:
                nodes[0] += 1
                if nodes[0] > _SEARCH_LIMIT:
                    raise OverflowError
                added = []
                ok = True
                for src, dst in zip(term, target):
                    have = sigma.get(src)
                    if have is None:
                        if dst in image:
                            ok = False
                            break
                        sigma[src] = dst
                        image.add(dst)
                        added.append(src)
                    elif have != dst:
                        ok = False
                        break
                if ok:
                    used[slot] = True
                    search(pos + 1, sigma, image)
                    used[slot] = False
                for src in added:
                    image.discard(sigma.pop(src))

    try:
        search(0, {}, set())
    except OverflowError:
        return dense
    kept_set = set(kept)
    perms = set()
    for sigma in found:
        if all(sigma.get(c, c) in kept_set for c in kept):
            perms.add(tuple(sigma.get(c, c) for c in kept))
    if len(perms) <= 1:
        return dense
    from flopscope.runtime.symmetry import _cycles

    index = {c: i for i, c in enumerate(kept)}
    total = 0
    for p in perms:
        perm = [index[c] for c in p]
        total += _prod(sizes[kept[cycle[0]]] for cycle in _cycles(perm))
    return total // len(perms)


# -- einsum: cost over contraction orders --------------------------------------------------
class _Plan:
    __slots__ = ("total", "dense", "steps")

    def __init__(self, total, dense, steps):
        self.total = total
        self.dense = dense
        self.steps = steps


def _plan(terms, out, shapes, pattern, group_keys) -> _Plan:
    sizes = _label_sizes(terms, shapes)
    n = len(terms)
    symmetric = pattern is not None or any(k is not None for k in group_keys)
    bit = {c: 1 << i for i, c in enumerate(sorted(sizes))}
    letters = sorted(sizes, key=lambda c: bit[c])

    def mask_of(labels):
        m = 0
        for c in labels:
            m |= bit[c]
        return m

    prod_cache: dict = {}

    def size_of_mask(m):
        v = prod_cache.get(m)
        if v is None:
            v = 1
            for c in letters:
                if m & bit[c]:
                    v *= sizes[c]
            prod_cache[m] = v
        return v

    term_masks = [mask_of(t) for t in terms]
    out_mask = mask_of(out)
    full = (1 << n) - 1

    if n == 1:
        p_all, p_out = size_of_mask(term_masks[0]), size_of_mask(out_mask)
        dense = p_all - p_out
        unique = p_out
        if symmetric and p_out:
            unique = _intermediate_unique([0], terms, pattern, group_keys, out, sizes)
        cost = dense * unique // p_out if p_out else 0
        return _Plan(cost, dense, [(f"{terms[0]}->{out}", cost, dense)])

    union = {}
    for m in range(1, full + 1):
        low = m & -m
        idx = low.bit_length() - 1
        union[m] = union[m ^ low] | term_masks[idx] if m ^ low else term_masks[idx]

    def kept_mask(m):
        if m == full:
            return out_mask
        return union[m] & (union[full ^ m] | out_mask)

    def index_mask(m):
        if m & (m - 1) == 0:
            return term_masks[m.bit_length() - 1]
        return kept_mask(m)

    unique_cache: dict = {}

    def unique_of(m, p_out):
        if not symmetric:
            return p_out
        v = unique_cache.get(m)
        if v is None:
            members = [i for i in range(n) if m >> i & 1]
            kept = "".join(c for c in letters if kept_mask(m) & bit[c])
            v = _intermediate_unique(members, terms, pattern, group_keys, kept, sizes)
            unique_cache[m] = v
        return v

    def step(a, b):
        m = a | b
        p_all = size_of_mask(index_mask(a) | index_mask(b))
        p_out = size_of_mask(kept_mask(m))
        dense = 2 * p_all - p_out
        if not p_out:
            return 0, dense
        return dense * unique_of(m, p_out) // p_out, dense

    def describe(a, b):
        def sub(m):
            return "".join(c for c in letters if index_mask(m) & bit[c])
        return f"{sub(a)},{sub(b)}->{''.join(c for c in letters if kept_mask(a | b) & bit[c])}"

    if n <= DP_LIMIT:
        best = {1 << i: (0, 0, None) for i in range(n)}
        for m in range(1, full + 1):
            if m & (m - 1) == 0:
                continue
            low = m & -m
            rest = m ^ low
            choice = None
            sub = rest
            while True:
                a = sub | low
                b = m ^ a
                if b:
                    ca, da, _ = best[a]
                    cb, db, _ = best[b]
                    c, d = step(a, b)
                    total = ca + cb + c
                    if choice is None or total < choice[0]:
                        choice = (total, da + db + d, (a, b))
                if sub == 0:
                    break
                sub = (sub - 1) & rest
            best[m] = choice
        steps = []

        def walk(m):
            split = best[m][2]
            if split is None:
                return
            a, b = split
            walk(a)
            walk(b)
            c, d = step(a, b)
            steps.append((describe(a, b), c, d))

        walk(full)
        return _Plan(best[full][0], best[full][1], steps)

    # greedy: repeatedly perform the cheapest available pairwise step
    nodes = [1 << i for i in range(n)]
    total = dense_total = 0
    steps = []
    while len(nodes) > 1:
        best_pair = None
        for i in range(len(nodes)):
            for j in range(i + 1, len(nodes)):
                c, d = step(nodes[i], nodes[j])
                if best_pair is None or c < best_pair[0]:
                    best_pair = (c, d, i, j)
        c, d, i, j = best_pair
        steps.append((describe(nodes[i], nodes[j]), c, d))
        total += c
        dense_total += d
        merged = nodes[i] | nodes[j]
        nodes = [x for k, x in enumerate(nodes) if k not in (i, j)] + [merged]
    return _Plan(total, dense_total, steps)


def _plan_from_subscripts(subscripts, shapes, pattern, group_keys) -> _Plan:
    # Keyed on the subscripts as written, so a cache hit skips parsing too.
    terms, out = parse_subscripts(subscripts, tuple(len(s) for s in shapes))
    return _plan(terms, out, shapes, pattern, group_keys)


_cached_plan = caches.ResizableCache(_plan_from_subscripts,
                                     maxsize=settings.SETTINGS["einsum_path_cache_size"])
caches.register("einsum.accumulation", _cached_plan)


def _on_setting(key, value):
    if key != "einsum_path_cache_size":
        return
    _cached_plan.resize(value)
    try:
        caches.set_maxsize("einsum.path", value)
    except ValueError:
        pass


settings._listeners.append(_on_setting)


_NONE_KEYS = [(None,) * n for n in range(33)]


def _operand_info(operands):
    ids = [id(x) for x in operands]
    unique_ids = len(set(ids)) == len(ids)
    if unique_ids and all(type(x) is _ndarray for x in operands) and len(operands) < 33:
        return None, _NONE_KEYS[len(operands)]
    pattern = None
    if not unique_ids:
        first: dict = {}
        pattern = tuple(first.setdefault(i, k) for k, i in enumerate(ids))
    group_keys = tuple(
        None if type(x) is _ndarray or getattr(x, "unique_size", None) is None
        else _group_key(x) for x in operands)
    return pattern, group_keys


def _plan_for(subscripts, operands) -> _Plan:
    shapes = tuple(x.shape if type(x) is _ndarray else tuple(shape_of(x)) for x in operands)
    pattern, group_keys = _operand_info(operands)
    return _cached_plan(subscripts, shapes, pattern, group_keys)


def _einsum_impl(*operands, symmetry=None, optimize=False, **kwargs):
    if isinstance(optimize, (list, tuple)) and optimize and optimize[0] != "einsum_path":
        optimize = ["einsum_path", *optimize]
    result = np.einsum(*operands, optimize=optimize, **kwargs)
    if symmetry is not None:
        from flopscope.runtime.symmetry import as_symmetric

        result = as_symmetric(result, symmetry)
    return result


_einsum_impl.__doc__ = np.einsum.__doc__
_einsum_impl.__name__ = "einsum"


@counted("einsum", category="Contractions", impl=_einsum_impl)
def einsum_formula(*args, out=None, optimize=False, symmetry=None, **kwargs) -> int:
    """Sum of pairwise step costs on the cheapest contraction order (see module doc)."""
    if len(args) == 3:  # the common call: two plain arrays (the same one twice, or not)
        subscripts, a, b = args
        if type(a) is _ndarray and type(b) is _ndarray and type(subscripts) is str:
            repeated = (0, 0) if a is b else None  # _operand_info's pattern for two
            return _cached_plan(subscripts, (a.shape, b.shape), repeated, _NONE_KEYS[2]).total
    subscripts, operands = split_operands(args)
    return _plan_for(subscripts, operands).total


def _einsum_path_impl(*args, **kwargs):
    from flopscope.runtime.einsum_info import einsum_path_impl

    return einsum_path_impl(*args, **kwargs)


_einsum_path_impl.__doc__ = np.einsum_path.__doc__
_einsum_path_impl.__name__ = "einsum_path"


@counted("einsum_path", category="Misc", impl=_einsum_path_impl)
def einsum_path_cost(*args, **kwargs) -> int:
    """1: planning only. Returns ``(path, info)`` (unpacks like NumPy's pair; ``info``
    is a :class:`~flopscope.runtime.einsum_info.PathInfo` whose ``optimized_cost`` is
    what ``einsum`` charges); nothing is contracted."""
    return 1


# ``np.einsum``/``np.einsum_path`` themselves must lead to their rules (the
# implementations are wrappers), so counted arrays passed to NumPy's are priced.
registry.dispatch_also(np.einsum, "einsum")
registry.dispatch_also(np.einsum_path, "einsum_path")


# -- public cost queries --------------------------------------------------------------
class AccumulationCost:
    """What an einsum is charged: ``total`` and its pairwise ``steps``.

    Attributes
    ----------
    total : int
        FLOPs charged (unweighted).
    dense : int
        FLOPs the same steps cost without symmetry.
    steps : list of (str, int, int)
        ``(subscript, cost, dense cost)`` per pairwise step, in order.
    """

    __slots__ = ("total", "dense", "steps")

    def __init__(self, total, dense, steps):
        self.total = int(total)
        self.dense = int(dense)
        self.steps = list(steps)

    def __int__(self):
        return self.total

    def __index__(self):
        return self.total

    def __eq__(self, other):
        if isinstance(other, AccumulationCost):
            return self.total == other.total
        if isinstance(other, int):
            return self.total == other
        return NotImplemented

    def __hash__(self):
        return hash(self.total)

    def __repr__(self):
        return f"AccumulationCost(total={self.total}, dense={self.dense})"

    def describe(self) -> str:
        """A small table of the steps."""
        lines = [f"{'step':<24}{'flops':>14}{'dense':>14}"]
        for sub, cost, dense in self.steps:
            lines.append(f"{sub:<24}{cost:>14,}{dense:>14,}")
        lines.append(f"{'total':<24}{self.total:>14,}{self.dense:>14,}")
        return "\n".join(lines)


def einsum_accumulation_cost(subscripts, *operands) -> AccumulationCost:
    """The cost ``einsum(subscripts, *operands)`` would be charged, without running it.

    Takes the operands themselves: a repeated array object or a symmetric tensor
    lowers the cost exactly as in ``fnp.einsum``.

    Examples
    --------
    >>> X = np.ones((10, 5))
    >>> einsum_accumulation_cost('ij,ik->jk', X, X).total
    285
    """
    if not isinstance(subscripts, str):
        subscripts, operands = split_operands((subscripts, *operands))
    plan = _plan_for(subscripts, operands)
    return AccumulationCost(plan.total, plan.dense, plan.steps)


def einsum_cost(subscripts: str, shapes) -> int:
    """Dense cost of ``einsum(subscripts, *operands)`` for operands of ``shapes``.

    Examples
    --------
    >>> einsum_cost('ij,jk->ik', shapes=[(16, 12), (12, 9)])
    3312
    """
    shapes = tuple(tuple(int(d) for d in s) for s in shapes)
    return _cached_plan(subscripts, shapes, None, (None,) * len(shapes)).total
