"""Symmetric tensors: permutation groups of axes, and how they travel through NumPy.

A tensor ``T`` is symmetric under a permutation ``p`` of its axes when
``T == T.transpose(p)``. The permutations under which ``T`` is invariant form a
:class:`SymmetryGroup`; a :class:`SymmetricTensor` is a counted array carrying one.
Entries related by the group are copies of each other, so an element-wise operation
only has to compute one per *orbit*: ``unique_size`` is the number of orbits (Burnside's
lemma), e.g. ``n*(n+1)/2`` for a symmetric ``n x n`` matrix.

Propagation is conservative: a result is tagged only with symmetry its construction
guarantees.

* element-wise unary ufuncs keep the group;
* element-wise binary ufuncs keep the intersection of the operands' groups, after
  broadcasting (an axis stretched from size 1, or an axis along which a plain operand
  varies, can no longer be permuted);
* reductions keep the setwise stabiliser of the reduced axes;
* basic slicing keeps permutations between axes sliced identically (integer-indexed
  axes drop out); advanced indexing drops symmetry;
* ``transpose``/``T``/``swapaxes`` renumber the axes; ``copy``/``astype`` keep them;
* matrix products, scans and anything else return dense arrays.

Writes that may break the symmetry (``t[i, j] = v``, ``t += dense``, in-place sorts)
turn the tensor back into a plain counted array and warn with ``SymmetryLossWarning``.

Permutations are tuples ``p`` over ``range(degree)``: axis ``i`` is sent to ``p[i]``.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from flopscope.errors import CostFallbackWarning, SymmetryError, SymmetryLossWarning
from flopscope.runtime import budget, settings
from flopscope.runtime.array import FlopscopeArray, run_ufunc
from flopscope.runtime.calls import INSIDE, wrap_result
from flopscope.runtime.warn import warn_user

__all__ = [
    "SymmetryGroup",
    "SymmetricTensor",
    "as_symmetric",
    "is_symmetric",
    "symmetrize",
    "binary_output_unique_size",
    "group_of",
    "symmetric_matrix",
    "keep_symmetry_post",
    "tag",
]

_ndarray = np.ndarray
_SCALARS = (int, float, complex, bool, np.generic)


class _TooLarge(Exception):
    """A group is too large to enumerate (see the ``dimino_budget`` setting)."""


def _compose(g, h):
    """``g after h``."""
    return tuple(g[i] for i in h)


def _identity(n):
    return tuple(range(n))


def _cycles(p):
    seen = [False] * len(p)
    out = []
    for start in range(len(p)):
        if seen[start]:
            continue
        cycle = []
        i = start
        while not seen[i]:
            seen[i] = True
            cycle.append(i)
            i = p[i]
        out.append(cycle)
    return out


def _conservative(method):
    """Group operations fall back to the trivial group when enumeration is too large."""

    def run(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _TooLarge:
            degree = kwargs.get("degree", args[-1] if method.__name__ == "project" else 0)
            return SymmetryGroup.trivial(max(int(degree or 0), self._degree))

    run.__name__ = method.__name__
    run.__doc__ = method.__doc__
    return run


def _pad(p, n):
    return p + tuple(range(len(p), n)) if len(p) < n else p


class SymmetryGroup:
    """A group of permutations of tensor axes.

    Build one with :meth:`symmetric`, :meth:`young`, :meth:`cyclic`,
    :meth:`dihedral`, :meth:`from_generators` or :meth:`direct_product`. Groups made of
    full symmetric blocks (Young subgroups) are handled in closed form; others are
    enumerated (up to the ``dimino_budget`` setting).

    Examples
    --------
    >>> g = SymmetryGroup.symmetric(axes=(0, 1))
    >>> g.order(), g.unique_count((4, 4))
    (2, 10)
    """

    __slots__ = ("_degree", "_gens", "_blocks", "_elements", "_axes")

    def __init__(self, degree, generators=(), *, blocks=None, elements=None, axes=None):
        self._degree = int(degree)
        self._gens = tuple(_pad(tuple(g), self._degree) for g in generators)
        self._blocks = None if blocks is None else tuple(sorted(
            tuple(sorted(b)) for b in blocks if len(b) > 1))
        self._elements = elements
        if axes is None:
            if self._blocks is not None:
                axes = sorted({a for b in self._blocks for a in b})
            else:
                axes = sorted({i for g in self._gens for i in range(len(g)) if g[i] != i})
        self._axes = tuple(axes)

    # -- constructors ------------------------------------------------------------
    @classmethod
    def symmetric(cls, axes):
        """Every permutation of ``axes`` (the full symmetric group ``S_k``)."""
        return cls.young(blocks=(tuple(axes),))

    @classmethod
    def young(cls, blocks):
        """Independent full symmetric groups on disjoint ``blocks`` of axes."""
        blocks = tuple(tuple(int(a) for a in b) for b in blocks)
        flat = [a for b in blocks for a in b]
        if len(set(flat)) != len(flat):
            raise SymmetryError(f"symmetry blocks {blocks} overlap")
        if any(a < 0 for a in flat):
            raise SymmetryError(f"symmetry axes must be non-negative, got {blocks}")
        degree = max(flat) + 1 if flat else 0
        gens = []
        for b in blocks:
            for x, y in zip(b, b[1:]):
                p = list(range(degree))
                p[x], p[y] = y, x
                gens.append(tuple(p))
        return cls(degree, gens, blocks=blocks, axes=tuple(sorted(flat)))

    @classmethod
    def cyclic(cls, axes):
        """Rotations of ``axes`` (``C_k``)."""
        axes = tuple(int(a) for a in axes)
        k = len(axes)
        return cls.from_generators([[(i + 1) % k for i in range(k)]], axes=axes)

    @classmethod
    def dihedral(cls, axes):
        """Rotations and reflections of ``axes`` (``D_k``)."""
        axes = tuple(int(a) for a in axes)
        k = len(axes)
        return cls.from_generators(
            [[(i + 1) % k for i in range(k)], [k - 1 - i for i in range(k)]], axes=axes)

    @classmethod
    def from_generators(cls, generators, axes=None):
        """The group generated by permutations of positions in ``axes``.

        ``generators[g][i] = j`` sends ``axes[i]`` to ``axes[j]``.
        """
        generators = [tuple(int(x) for x in g) for g in generators]
        if axes is None:
            axes = tuple(range(len(generators[0]))) if generators else ()
        axes = tuple(int(a) for a in axes)
        if len(set(axes)) != len(axes) or any(a < 0 for a in axes):
            raise SymmetryError(f"invalid symmetry axes {axes}")
        degree = max(axes) + 1 if axes else 0
        full = []
        for g in generators:
            if sorted(g) != list(range(len(axes))):
                raise SymmetryError(f"{list(g)} is not a permutation of {len(axes)} positions")
            p = list(range(degree))
            for i, j in enumerate(g):
                p[axes[i]] = axes[j]
            full.append(tuple(p))
        return cls(degree, full, axes=tuple(sorted(axes)))._normalized()

    @classmethod
    def direct_product(cls, *groups):
        """The group generated by several groups (on disjoint axes: their product)."""
        degree = max((g._degree for g in groups), default=0)
        if all(g._blocks is not None for g in groups):
            blocks = [b for g in groups for b in g._blocks]
            flat = [a for b in blocks for a in b]
            if len(set(flat)) == len(flat):
                return cls.young(blocks)._padded(degree)
        gens = [_pad(p, degree) for g in groups for p in g.generators]
        axes = sorted({a for g in groups for a in g.axes})
        return cls(degree, gens, axes=axes)._normalized()

    @classmethod
    def trivial(cls, degree=0):
        """The group containing only the identity."""
        return cls(degree, (), blocks=())

    # -- queries -----------------------------------------------------------------
    @property
    def degree(self) -> int:
        """Number of axes the permutations are written over."""
        return self._degree

    @property
    def axes(self) -> tuple:
        """Axes the group was declared on."""
        return self._axes

    @property
    def generators(self) -> tuple:
        """Generating permutations (full tuples over ``range(degree)``)."""
        return self._gens

    @property
    def blocks(self):
        """The blocks of a Young group (tuple of axis tuples), or None."""
        return self._blocks

    def is_trivial(self) -> bool:
        """True if the group contains only the identity."""
        if self._blocks is not None:
            return not self._blocks
        return all(g == _identity(len(g)) for g in self._gens)

    def order(self) -> int:
        """Number of permutations in the group."""
        if self._blocks is not None:
            return math.prod(math.factorial(len(b)) for b in self._blocks)
        return len(self.elements())

    def elements(self) -> frozenset:
        """All permutations of the group (enumerated; may raise for huge groups)."""
        if self._elements is None:
            if self._blocks is not None:
                total = self.order()
                if total > settings.SETTINGS["dimino_budget"]:
                    raise _TooLarge(total)
                per_block = []
                for b in self._blocks:
                    per_block.append([dict(zip(b, perm)) for perm in itertools.permutations(b)])
                out = set()
                for combo in itertools.product(*per_block):
                    p = list(range(self._degree))
                    for mapping in combo:
                        for src, dst in mapping.items():
                            p[src] = dst
                    out.add(tuple(p))
                self._elements = frozenset(out)
            else:
                self._elements = frozenset(self._closure())
        return self._elements

    def _closure(self):
        budget_ = settings.SETTINGS["dimino_budget"]
        ident = _identity(self._degree)
        seen = {ident}
        frontier = [ident]
        gens = [g for g in self._gens if g != ident]
        while frontier:
            nxt = []
            for e in frontier:
                for g in gens:
                    h = _compose(g, e)
                    if h not in seen:
                        seen.add(h)
                        nxt.append(h)
                        if len(seen) > budget_:
                            raise _TooLarge(len(seen))
            frontier = nxt
        return seen

    def __contains__(self, perm) -> bool:
        perm = _pad(tuple(perm), self._degree)
        if len(perm) > self._degree:
            if any(perm[i] != i for i in range(self._degree, len(perm))):
                return False
            perm = perm[: self._degree]
        if self._blocks is not None:
            where = {a: k for k, b in enumerate(self._blocks) for a in b}
            return all(perm[i] == i or where.get(i, -1) == where.get(perm[i], -2)
                       for i in range(self._degree))
        try:
            return perm in self.elements()
        except _TooLarge:
            return False

    def issubgroup(self, other: "SymmetryGroup") -> bool:
        """True if every permutation of ``self`` is in ``other``."""
        return all(g in other for g in self._gens)

    def __eq__(self, other):
        if not isinstance(other, SymmetryGroup):
            return NotImplemented
        return self.issubgroup(other) and other.issubgroup(self)

    def __hash__(self):
        return hash((self.order(), self._axes))

    def __repr__(self):
        if self._blocks is not None:
            if not self._blocks:
                return "SymmetryGroup.trivial()"
            if len(self._blocks) == 1:
                return f"SymmetryGroup.symmetric(axes={self._blocks[0]})"
            return f"SymmetryGroup.young(blocks={self._blocks})"
        return f"SymmetryGroup(order={self.order()}, axes={self._axes})"

    # -- counting ----------------------------------------------------------------
    def unique_count(self, shape) -> int:
        """Number of orbits of index tuples of ``shape`` (the unique elements)."""
        shape = tuple(int(d) for d in shape)
        if self._blocks is not None:
            total = math.prod(shape)
            if not total:
                return 0
            for b in self._blocks:
                if b[-1] >= len(shape):
                    continue
                n, k = shape[b[0]], len(b)
                total = total // (n ** k) * math.comb(n + k - 1, k)
            return total
        if math.prod(shape) == 0:
            return 0
        try:
            elements = self.elements()
        except _TooLarge as exc:
            _warn(CostFallbackWarning,
                  f"symmetry group of order {exc.args[0]} is too large to enumerate "
                  "(dimino_budget); charged densely")
            return math.prod(shape)
        n = len(shape)
        fixed = 0
        for g in elements:
            g = _pad(g, n)
            fixed += math.prod(shape[c[0]] for c in _cycles(g))
        return fixed // len(elements)

    # -- transformations -----------------------------------------------------------
    def _padded(self, n):
        if n <= self._degree:
            return self
        blocks = self._blocks
        elements = None if self._elements is None else frozenset(
            _pad(e, n) for e in self._elements)
        return SymmetryGroup(n, self._gens, blocks=blocks, elements=elements, axes=self._axes)

    def _normalized(self):
        """Recognise a Young group from its elements (for the closed forms)."""
        if self._blocks is not None:
            return self
        try:
            elements = self.elements()
        except _TooLarge:
            return self
        orbits = _orbits(self._degree, self._gens)
        if len(elements) == math.prod(math.factorial(len(o)) for o in orbits):
            g = SymmetryGroup.young([o for o in orbits if len(o) > 1])._padded(self._degree)
            g._elements = elements
            g._axes = self._axes
            return g
        return self

    @_conservative
    def refine(self, classes) -> "SymmetryGroup":
        """Subgroup of permutations sending each axis to an axis of the same class."""
        classes = tuple(classes)
        n = max(len(classes), self._degree)
        # axes beyond ``classes`` keep their own class
        classes = classes + tuple(("_own", i) for i in range(len(classes), n))
        if self._blocks is not None:
            blocks = []
            for b in self._blocks:
                parts: dict = {}
                for a in b:
                    parts.setdefault(classes[a], []).append(a)
                blocks.extend(p for p in parts.values() if len(p) > 1)
            return SymmetryGroup.young(blocks)._padded(n) if blocks else SymmetryGroup.trivial(n)
        elements = {_pad(e, n) for e in self.elements()}
        kept = frozenset(e for e in elements if all(classes[e[i]] == classes[i] for i in range(n)))
        return _from_elements(n, kept)

    @_conservative
    def project(self, mapping: dict, degree: int) -> "SymmetryGroup":
        """Renumber axes (``mapping[old] = new``); permutations must fix unmapped axes."""
        if self._blocks is not None:
            blocks = [tuple(mapping[a] for a in b if a in mapping) for b in self._blocks]
            blocks = [b for b in blocks if len(b) > 1]
            return SymmetryGroup.young(blocks)._padded(degree) if blocks else \
                SymmetryGroup.trivial(degree)
        out = set()
        for e in self.elements():
            p = list(range(degree))
            for old, new in mapping.items():
                if old < len(e):
                    target = e[old]
                    if target not in mapping:
                        break
                    p[new] = mapping[target]
            else:
                out.add(tuple(p))
        return _from_elements(degree, frozenset(out))

    @_conservative
    def intersect(self, other: "SymmetryGroup") -> "SymmetryGroup":
        """Permutations in both groups."""
        n = max(self._degree, other._degree)
        if self._blocks is not None and other._blocks is not None:
            owner = {a: k for k, b in enumerate(other._blocks) for a in b}
            blocks = []
            for b in self._blocks:
                parts: dict = {}
                for a in b:
                    if a in owner:
                        parts.setdefault(owner[a], []).append(a)
                blocks.extend(p for p in parts.values() if len(p) > 1)
            return SymmetryGroup.young(blocks)._padded(n) if blocks else SymmetryGroup.trivial(n)
        if self._blocks is not None:
            self, other = other, self
        kept = frozenset(_pad(e, n) for e in self.elements() if e in other)
        return _from_elements(n, kept)

    def shifted(self, offset: int, degree: int) -> "SymmetryGroup":
        """The same group on axes moved ``offset`` places right (for broadcasting)."""
        return self.project({a: a + offset for a in range(self._degree)}, degree)


def _orbits(degree, gens):
    parent = list(range(degree))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in gens:
        for i, j in enumerate(g):
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[ri] = rj
    groups: dict = {}
    for i in range(degree):
        groups.setdefault(find(i), []).append(i)
    return [tuple(v) for v in groups.values()]


def _from_elements(degree, elements) -> SymmetryGroup:
    ident = _identity(degree)
    if not elements or elements == {ident}:
        return SymmetryGroup.trivial(degree)
    gens = sorted(e for e in elements if e != ident)
    g = SymmetryGroup(degree, gens, elements=frozenset(elements) | {ident})
    return g._normalized()


def coerce_group(symmetry, ndim: int) -> SymmetryGroup:
    """Turn a ``symmetry=`` argument into a group of degree ``ndim``.

    Accepts a :class:`SymmetryGroup`, a tuple of axes (one full symmetric block), a
    sequence of axis tuples (several blocks), or None (all axes).
    """
    if symmetry is None:
        group = SymmetryGroup.symmetric(range(ndim))
    elif isinstance(symmetry, SymmetryGroup):
        group = symmetry
    elif isinstance(symmetry, (list, tuple)) and symmetry and all(
            isinstance(b, (list, tuple)) for b in symmetry):
        group = SymmetryGroup.young(symmetry)
    elif isinstance(symmetry, (list, tuple, range)):
        group = SymmetryGroup.symmetric(tuple(symmetry))
    else:
        raise TypeError(f"symmetry must be a SymmetryGroup or a tuple of axes, got {symmetry!r}")
    if group.degree > ndim:
        raise SymmetryError(
            f"symmetry on axes {group.axes} does not fit an array with {ndim} dimensions")
    return group._padded(ndim)


def _check_shape(group: SymmetryGroup, shape) -> None:
    for g in group.generators:
        g = _pad(g, len(shape))
        for i, j in enumerate(g):
            if shape[i] != shape[j]:
                raise SymmetryError(
                    f"axes {i} and {j} are exchanged by the symmetry but have sizes "
                    f"{shape[i]} and {shape[j]}")


def _data_symmetric(data: np.ndarray, group: SymmetryGroup, rtol, atol) -> bool:
    for g in group.generators:
        perm = _pad(g, data.ndim)
        other = data.transpose(perm)
        if rtol == 0 and atol == 0:
            if not np.array_equal(data, other, equal_nan=True):
                return False
        elif not np.allclose(data, other, rtol=rtol, atol=atol, equal_nan=True):
            return False
    return True


# -- warnings ------------------------------------------------------------------------
def _warn(category, message):
    if settings.SETTINGS["symmetry_warnings"]:
        warn_user(message, category)


# -- the tensor ------------------------------------------------------------------------
def _plain(values):
    return tuple(v.view(_ndarray) if isinstance(v, _ndarray) else v for v in values)


class SymmetricTensor(FlopscopeArray):
    """A counted array known to be invariant under a group of axis permutations.

    Make one with :func:`as_symmetric` (validates the data) or :func:`symmetrize`.
    Element-wise operations on it are charged for its ``unique_size`` elements.
    """

    def __array_finalize__(self, obj):
        self._group = None
        self._unique = None
        # Views and copies NumPy derives from a symmetric tensor are plain counted
        # arrays unless the operation re-tags them (see the overrides below).
        if obj is None or type(obj) is SymmetricTensor:
            self.__class__ = FlopscopeArray

    # -- metadata ------------------------------------------------------------------
    @property
    def symmetry(self) -> SymmetryGroup:
        """The :class:`SymmetryGroup` the data is invariant under."""
        return self._group

    symmetry_group = symmetry

    @property
    def unique_size(self) -> int:
        """Number of independent elements (orbits of the symmetry group)."""
        cached = self._unique
        shape = self.shape
        if cached is not None and cached[0] == shape:
            return cached[1]
        value = self._group.unique_count(shape) if self._group is not None else self.size
        self._unique = (shape, value)
        return value

    def __repr__(self):
        body = np.array2string(self.view(_ndarray), separator=", ", prefix="SymmetricTensor(")
        return f"SymmetricTensor({body}, symmetry={self._group!r})"

    # -- ufuncs --------------------------------------------------------------------
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        outer_call = not INSIDE[0]
        result, out = run_ufunc(ufunc, method, inputs, kwargs)
        group = _ufunc_group(ufunc, method, inputs, kwargs, result)
        if method == "__call__" and ufunc.signature is None and np.result_type(
                result[0] if isinstance(result, tuple) else result) != np.bool_:
            _warn_if_weakened(inputs, group, ufunc.__name__)  # not for masks/comparisons
        if method == "at":
            _downgrade(inputs[0], f"{ufunc.__name__}.at wrote into a symmetric tensor")
            return result
        wrap = outer_call or any(
            isinstance(x, FlopscopeArray) and not isinstance(x, SymmetricTensor) for x in inputs)
        if out is None:
            if isinstance(result, tuple):
                return tuple(_finish(r, group, wrap) for r in result)
            return _finish(result, group, wrap)
        results = result if isinstance(result, tuple) else (result,)
        final = []
        for k, r in enumerate(results):
            o = out[k] if k < len(out) else None
            if o is None:
                final.append(_finish(r, group, wrap))
                continue
            if isinstance(o, SymmetricTensor):
                _retag_inplace(o, group, ufunc.__name__)
            final.append(o)
        return final[0] if len(final) == 1 else tuple(final)

    # -- indexing ------------------------------------------------------------------
    def __getitem__(self, key):
        result = super().__getitem__(key)
        if not isinstance(result, _ndarray) or self._group is None:
            return result
        group = _index_group(self._group, self.shape, key, result.ndim)
        if group is not None and not group.is_trivial():
            return tag(result, group)
        return result

    def __setitem__(self, key, value):
        _ndarray.__setitem__(self.view(_ndarray), key, _plain((value,))[0])
        whole = _is_whole(key) or (isinstance(key, tuple) and all(_is_whole(k) for k in key))
        if whole and (isinstance(value, _SCALARS) or np.ndim(value) == 0):
            return
        if whole and isinstance(value, SymmetricTensor) and value.shape == self.shape \
                and self._group.issubgroup(value._group):
            return
        _downgrade(self, "an item assignment may break the symmetry")

    # -- views that keep (or renumber) the symmetry ----------------------------------
    def copy(self, order="C"):
        return tag(self.view(_ndarray).copy(order), self._group)

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def astype(self, dtype, *args, **kwargs):
        result = self.view(_ndarray).astype(dtype, *args, **kwargs)
        return tag(result, self._group)

    def transpose(self, *axes):
        if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
            axes = axes[0]
        if axes is None or axes == ():
            axes = tuple(reversed(range(self.ndim)))
        axes = tuple(int(a) % self.ndim for a in axes)
        result = self.view(_ndarray).transpose(axes)
        mapping = {old: new for new, old in enumerate(axes)}
        return _tag_or_dense(result, self._group.project(mapping, self.ndim))

    @property
    def T(self):
        return self.transpose()

    @property
    def mT(self):
        axes = list(range(self.ndim))
        axes[-1], axes[-2] = axes[-2], axes[-1]
        return self.transpose(axes)

    def swapaxes(self, axis1, axis2):
        axes = list(range(self.ndim))
        a, b = axis1 % self.ndim, axis2 % self.ndim
        axes[a], axes[b] = axes[b], axes[a]
        return self.transpose(axes)

    def reshape(self, *shape, **kwargs):
        result = self.view(_ndarray).reshape(*shape, **kwargs)
        if result.shape == self.shape:
            return tag(result, self._group)
        return result.view(FlopscopeArray)

    def view(self, *args, **kwargs):
        if not args and not kwargs:
            return tag(_ndarray.view(self, _ndarray), self._group)
        return super().view(*args, **kwargs)

    def __reduce__(self):
        return (_rebuild, (_ndarray.view(self, _ndarray), self._group))

    # -- in-place reorders break the symmetry ------------------------------------------
    def sort(self, *args, **kwargs):
        super().sort(*args, **kwargs)
        _downgrade(self, "an in-place sort breaks the symmetry")

    def partition(self, *args, **kwargs):
        super().partition(*args, **kwargs)
        _downgrade(self, "an in-place partition breaks the symmetry")

    def put(self, *args, **kwargs):
        super().put(*args, **kwargs)
        _downgrade(self, "put() may break the symmetry")


def _is_whole(k) -> bool:
    return k is Ellipsis or (isinstance(k, slice) and k == slice(None))


def _rebuild(array, group):
    return tag(array, group)


def tag(array, group: SymmetryGroup | None):
    """Return ``array`` as a :class:`SymmetricTensor` with ``group`` (no validation).

    With a trivial or missing group the array is returned as a counted array.
    """
    if group is None or group.is_trivial():
        return array if isinstance(array, FlopscopeArray) and not isinstance(
            array, SymmetricTensor) else np.asarray(array).view(FlopscopeArray)
    if isinstance(array, SymmetricTensor):
        array = _ndarray.view(array, _ndarray)
    elif not isinstance(array, _ndarray):
        array = np.asarray(array)
    result = array.view(SymmetricTensor)
    result._group = group._padded(result.ndim)
    return result


def _tag_or_dense(array, group):
    if group is None or group.is_trivial():
        return array.view(FlopscopeArray)
    return tag(array, group)


def _finish(result, group, wrap):
    if isinstance(result, _ndarray):
        if group is not None and result.ndim and not group.is_trivial():
            return tag(result, group)
        return result.view(FlopscopeArray) if wrap else result
    return wrap_result(result) if wrap else result


def _downgrade(array, why):
    if isinstance(array, SymmetricTensor):
        array.__class__ = FlopscopeArray
        array._group = None
        _warn(SymmetryLossWarning, f"symmetry dropped: {why}")


def _warn_if_weakened(inputs, group, op_name):
    for x in inputs:
        if isinstance(x, SymmetricTensor) and x._group is not None and (
                group is None or group.is_trivial() or group.order() < x._group.order()):
            _warn(SymmetryLossWarning,
                  f"{op_name}: the result keeps only the symmetry common to all operands "
                  f"({'none' if group is None or group.is_trivial() else group})")
            return


def _retag_inplace(o, group, op_name):
    if group is not None and o._group is not None and o._group.issubgroup(group):
        return
    if group is not None and not group.is_trivial():
        o._group = group
        o._unique = None
        _warn(SymmetryLossWarning, f"in-place {op_name} weakened the symmetry of its output")
        return
    _downgrade(o, f"in-place {op_name} with a non-symmetric operand")


def group_of(x) -> SymmetryGroup | None:
    """The symmetry group of ``x`` (None for anything not a symmetric tensor)."""
    return x._group if isinstance(x, SymmetricTensor) else None


# -- propagation rules --------------------------------------------------------------
def _shape(x):
    if isinstance(x, _ndarray):
        return x.shape
    if isinstance(x, _SCALARS):
        return ()
    return np.shape(x)


def aligned_group(operands, shape) -> SymmetryGroup | None:
    """Symmetry of an element-wise combination of ``operands`` broadcast to ``shape``.

    None when no operand is symmetric.
    """
    n = len(shape)
    groups = []
    constraints = []
    for x in operands:
        if isinstance(x, _SCALARS):
            continue
        xs = _shape(x)
        off = n - len(xs)
        sym = x._group if isinstance(x, SymmetricTensor) else None
        if sym is not None and not sym.is_trivial():
            g = sym._padded(len(xs))
            g = g.shifted(off, n) if off else g._padded(n)
            stretched = [i + off for i, d in enumerate(xs) if d == 1 and shape[i + off] != 1]
            if stretched:
                # Constant along the stretched axes: any exchange among them (of equal
                # output length) is a symmetry; the declared group survives on the rest.
                g = g.refine(tuple(("s", i) if i in stretched else "k" for i in range(n)))
                by_size: dict = {}
                for i in stretched:
                    by_size.setdefault(shape[i], []).append(i)
                blocks = [b for b in by_size.values() if len(b) > 1]
                if blocks:
                    g = SymmetryGroup.direct_product(g, SymmetryGroup.young(blocks))._padded(n)
            groups.append(g)
        else:
            if all(d == 1 for d in xs):
                continue
            constraints.append(tuple(
                ("b", shape[i]) if (i < off or xs[i - off] == 1) else ("f", i)
                for i in range(n)))
    if not groups:
        return None
    g = groups[0]
    for h in groups[1:]:
        g = g.intersect(h)
    for c in constraints:
        g = g.refine(c)
    return g


def binary_output_unique_size(a, b) -> int:
    """Unique elements of ``a op b`` for an element-wise binary ``op``.

    The output keeps the symmetry common to both operands after broadcasting; its
    orbits are what a symmetric implementation computes.

    Examples
    --------
    >>> S = as_symmetric(np.ones((5, 5)), symmetry=(0, 1))
    >>> binary_output_unique_size(S, 2.0), binary_output_unique_size(S, np.ones((5, 5)))
    (15, 25)
    """
    shape = np.broadcast_shapes(_shape(a), _shape(b))
    group = aligned_group((a, b), shape)
    if group is None or group.is_trivial():
        return math.prod(shape)
    return group.unique_count(shape)


def _reduce_group(group, ndim, axis, keepdims):
    if axis is None:
        axes = set(range(ndim))
    elif isinstance(axis, (tuple, list)):
        axes = {int(a) % ndim for a in axis}
    else:
        axes = {int(axis) % ndim}
    if len(axes) == ndim and not keepdims:
        return None
    g = group._padded(ndim).refine(tuple("r" if i in axes else "k" for i in range(ndim)))
    if keepdims:
        return g.refine(tuple(("r", i) if i in axes else "k" for i in range(ndim)))
    kept = [i for i in range(ndim) if i not in axes]
    return g.project({old: new for new, old in enumerate(kept)}, len(kept))


def _ufunc_group(ufunc, method, inputs, kwargs, result):
    if kwargs.get("where", True) is not True:
        return None
    if method == "__call__":
        if ufunc.signature is not None:
            return None
        first = result[0] if isinstance(result, tuple) else result
        return aligned_group(inputs, np.shape(first))
    if method == "reduce":
        x = inputs[0]
        if not isinstance(x, SymmetricTensor) or x._group is None:
            return None
        axis = kwargs.get("axis", inputs[1] if len(inputs) > 1 else 0)
        return _reduce_group(x._group, x.ndim, axis, kwargs.get("keepdims", False))
    if method == "outer" and len(inputs) == 2:
        a, b = inputs
        ga, gb = group_of(a), group_of(b)
        if ga is None and gb is None:
            return None
        na, nb = np.ndim(a), np.ndim(b)
        parts = []
        if ga is not None:
            parts.append(ga._padded(na)._padded(na + nb))
        if gb is not None:
            parts.append(gb._padded(nb).shifted(na, na + nb))
        return SymmetryGroup.direct_product(*parts)._padded(na + nb)
    return None


def _normalize_key(key, ndim):
    if not isinstance(key, tuple):
        key = (key,)
    for k in key:
        if not (k is None or k is Ellipsis or isinstance(k, slice)
                or (isinstance(k, (int, np.integer)) and not isinstance(k, (bool, np.bool_)))):
            return None  # advanced indexing
    consumed = sum(1 for k in key if k is not None and k is not Ellipsis)
    if sum(1 for k in key if k is Ellipsis) > 1:
        return None
    out = []
    for k in key:
        if k is Ellipsis:
            out.extend([slice(None)] * (ndim - consumed))
        else:
            out.append(k)
    if Ellipsis not in key:
        out.extend([slice(None)] * (ndim - consumed))
    return out


def _index_group(group, shape, key, out_ndim):
    entries = _normalize_key(key, len(shape))
    if entries is None:
        return None
    classes = []
    mapping = {}
    i = j = 0
    for k in entries:
        if k is None:
            j += 1
            continue
        if isinstance(k, slice):
            classes.append(("s", k.indices(shape[i])))
            mapping[i] = j
            j += 1
        else:
            classes.append(("i", i))
        i += 1
    if j != out_ndim:
        return None
    g = group._padded(len(shape)).refine(classes)
    return g.project(mapping, out_ndim)


# -- public helpers -----------------------------------------------------------------
def as_symmetric(data, symmetry=None, *, rtol: float = 1e-5, atol: float = 1e-8):
    """Tag ``data`` as symmetric, after checking that it is.

    Parameters
    ----------
    data : array_like
        The values. Not copied when already an array.
    symmetry : SymmetryGroup, tuple of int, or sequence of tuples, optional
        The permutations the data is invariant under: a group, the axes of one full
        symmetric block (``(0, 1)``), or several blocks (``((0, 1), (2, 3))``).
        Default: every axis.
    rtol, atol : float
        Tolerances of the check (``np.allclose``); 0 for exact equality.

    Returns
    -------
    SymmetricTensor

    Raises
    ------
    SymmetryError
        If the data is not symmetric under the group, or the axes do not fit.

    Examples
    --------
    >>> S = as_symmetric(np.array([[1.0, 2.0], [2.0, 3.0]]), symmetry=(0, 1))
    >>> S.unique_size
    3
    """
    array = data.view(_ndarray) if isinstance(data, _ndarray) else np.asarray(data)
    group = coerce_group(symmetry, array.ndim)
    _check_shape(group, array.shape)
    if not _data_symmetric(array, group, rtol, atol):
        raise SymmetryError(f"data is not symmetric under {group!r}")
    return tag(array, group)


def is_symmetric(data, symmetry=None, *, rtol: float = 1e-5, atol: float = 1e-8) -> bool:
    """True if ``data`` is invariant under ``symmetry`` (default: its own group for a
    symmetric tensor, else every axis)."""
    if symmetry is None and isinstance(data, SymmetricTensor):
        return data._group is not None and not data._group.is_trivial()
    array = data.view(_ndarray) if isinstance(data, _ndarray) else np.asarray(data)
    try:
        group = coerce_group(symmetry, array.ndim)
        _check_shape(group, array.shape)
    except SymmetryError:
        return False
    return _data_symmetric(array, group, rtol, atol)


def symmetrize(data, symmetry=None):
    """Project ``data`` onto the tensors invariant under ``symmetry`` (group average).

    Charged ``(|G| + 1) * size`` FLOPs as ``symmetrize`` (``|G|`` transposed copies
    summed, one scaling).

    Returns
    -------
    SymmetricTensor
    """
    array = data.view(_ndarray) if isinstance(data, _ndarray) else np.asarray(data)
    group = coerce_group(symmetry, array.ndim)
    _check_shape(group, array.shape)
    elements = sorted(group.elements())
    budget._current.charge("symmetrize", (len(elements) + 1) * array.size)
    total = np.zeros(array.shape, dtype=np.result_type(array.dtype, np.float64))
    for g in elements:
        total += array.transpose(_pad(g, array.ndim))
    total /= len(elements)
    return tag(total, group)


def symmetric_matrix(a) -> bool:
    """True if ``a`` is a symmetric tensor whose last two axes may be exchanged
    (a symmetric matrix, or a stack of them)."""
    if not isinstance(a, SymmetricTensor) or a._group is None or a.ndim < 2:
        return False
    swap = list(range(a.ndim))
    swap[-1], swap[-2] = swap[-2], swap[-1]
    return tuple(swap) in a._group


def keep_symmetry_post(result, args, kwargs):
    """Registry ``post`` hook: the result has the symmetry of the first argument
    when it has the same shape (e.g. ``linalg.inv`` of a symmetric matrix)."""
    first = args[0] if args else None
    if isinstance(first, SymmetricTensor) and isinstance(result, _ndarray) \
            and result.shape == first.shape and first._group is not None:
        return tag(result, first._group)
    return result
