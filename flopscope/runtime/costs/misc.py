"""Everything else NumPy does with data: building, copying, joining, selecting, binning.

Most of these move or test elements rather than do arithmetic on them, so their cost
is a count of the elements they touch, as flopscope 0.4.3 charges it:

* builders and joiners (``array``, ``concatenate``, ``stack``, ``pad``, ``tile`` ...)
  cost the size of what they produce;
* selectors and tests (``where``, ``nonzero``, ``place``, ``allclose`` ...) cost the
  size of what they read;
* a few are priced by what they change (``delete``: elements removed, ``trim_zeros``:
  zeros trimmed, ``compress``: elements kept, ``insert``/``append``: values added);
* binning and lookups cost one binary search per element
  (``n * ceil(log2(bins))``); ``cov``/``corrcoef`` cost ``2 * f^2 * s``; ``unwrap``
  costs ``7 * n``; ``cross`` 15 per 3-vector; ``convolve``/``correlate`` ``2nk - n - k``.

Views and metadata queries (``reshape``, ``transpose``, ``shape`` ...) are free. Several
operations weighted 0 by the reference table (``asarray``, ``ravel``, ``split`` ...)
still have an element-count formula here: it is what is charged when weights are
disabled.
"""

from __future__ import annotations

import math
import operator
import sys

import numpy as np

from flopscope.runtime import budget
from flopscope.runtime.calls import plain_callable
from flopscope.runtime.costs._shapes import (
    broadcast_shape,
    ceil_log2,
    normalize_axes,
    shape_of,
    size_of,
    unique_size,
)
from flopscope.runtime.costs.pointwise import pointwise_unary
from flopscope.runtime import registry
from flopscope.runtime.registry import counted, free

_ndarray = np.ndarray
_prod = math.prod
CATEGORY = "Misc"


# -- small helpers ---------------------------------------------------------------------

def _shape_arg(shape) -> tuple[int, ...]:
    """A ``shape`` argument (int or sequence of ints) as a tuple."""
    try:
        return (operator.index(shape),)
    except TypeError:
        return tuple(operator.index(d) for d in shape)


def _numel(shape) -> int:
    return _prod(max(d, 0) for d in _shape_arg(shape))


def _axis_length(a, axis) -> tuple[int, int]:
    """``(length along axis, number of slices)`` of ``a``; axis None flattens."""
    shape = shape_of(a)
    if axis is None:
        return _prod(shape), 1
    if not shape:
        return 1, 1
    ax = normalize_axes(axis, len(shape))[0]
    n = shape[ax]
    return n, (_prod(shape) // n if n else 0)


def _plain(x):
    """``x`` as a plain ndarray (no counted subclass, so nothing is charged)."""
    arr = np.asarray(x)
    return arr.view(_ndarray) if type(arr) is not _ndarray else arr


def _charge_after(name: str):
    """A ``post`` hook charging what a formula could not know before the call.

    The formula charges an estimate from the arguments; when the result turns out
    larger (a generator's length, a function returning arrays), the difference is
    charged once the operation has returned. The estimate is recomputed from the same
    arguments, so nothing is kept between the two steps.
    """

    def post(result, args, kwargs):
        produced = _result_size(result)
        estimate = registry.rule(name).cost(*args, **kwargs)
        if produced > estimate:
            budget.charge(name, produced - estimate, calls=0)  # same call, topped up
        return result

    return post


def _result_size(result) -> int:
    if isinstance(result, (tuple, list)):
        return sum(size_of(r) for r in result)
    return size_of(result)


# -- free: views, metadata, uninitialised memory ---------------------------------------

free(
    "astype", "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_shapes", "can_cast",
    "column_stack", "common_type", "copy", "diag_indices", "diag_indices_from", "empty",
    "empty_like", "expand_dims", "flip", "fliplr", "flipud", "hsplit", "hstack",
    "isdtype", "isfortran", "isscalar", "issubdtype", "iterable", "matrix_transpose",
    "may_share_memory", "min_scalar_type", "mintypecode", "moveaxis", "ndim",
    "ones_like", "permute_dims", "promote_types", "ravel_multi_index", "require",
    "reshape", "result_type", "rot90", "shape", "shares_memory", "size", "squeeze",
    "swapaxes", "transpose", "tri", "tril", "tril_indices", "tril_indices_from", "triu",
    "triu_indices", "triu_indices_from", "typename", "unravel_index", "zeros_like",
    category=CATEGORY,
)


# -- numel(input) ----------------------------------------------------------------------

@counted("asarray", "asarray_chkfinite", "ravel", "rollaxis", "from_dlpack",
         "argwhere", "flatnonzero", "nonzero", "unstack", "piecewise",
         "place", "putmask", "put", "put_along_axis", "array_split", "split", "vsplit",
         "dsplit", "histogram_bin_edges", "bincount", "trapezoid", "trapz",
         category=CATEGORY)
def first_input_size(a, /, *args, **kwargs) -> int:
    """numel(first array argument)."""
    return size_of(a)


@counted("extract", category=CATEGORY)
def extract(condition, arr) -> int:
    """numel(arr)."""
    return size_of(arr)


@counted("isnan", "isinf", "isfinite", category=CATEGORY)
def elementwise_test(x, /, *args, **kwargs) -> int:
    """numel(output) (unique elements of a symmetric input)."""
    return pointwise_unary(x)


@counted("array", category=CATEGORY)
def array(obj, *args, **kwargs) -> int:
    """numel(input)."""
    return size_of(obj)


@counted("copyto", category=CATEGORY)
def copyto(dst, src, *args, **kwargs) -> int:
    """numel(destination)."""
    return size_of(dst)


@counted("allclose", "array_equiv", category=CATEGORY)
def broadcast_compare(a, b, *args, **kwargs) -> int:
    """numel(broadcast(a, b)); numel(a) when they do not broadcast."""
    try:
        return _prod(broadcast_shape(a, b))
    except ValueError:
        return size_of(a)


@counted("array_equal", category=CATEGORY)
def array_equal(a1, a2, *args, **kwargs) -> int:
    """numel(a1)."""
    return size_of(a1)


@counted("compress", category=CATEGORY)
def compress(condition, a, axis=None, *args, **kwargs) -> int:
    """Elements kept: numel(output)."""
    cond = _plain(condition).ravel()
    n, slices = _axis_length(a, axis)
    kept = int(np.count_nonzero(cond[:n]))
    return kept * slices


@counted("trim_zeros", category=CATEGORY)
def trim_zeros(filt, trim="fb", axis=None) -> int:
    """Number of zeros trimmed (numel(input) - numel(output))."""
    arr = _plain(filt)
    mode = trim.lower()
    if arr.ndim == 1:
        nz = np.flatnonzero(arr)
        if nz.size == 0:
            return arr.size if ("f" in mode or "b" in mode) else 0
        trimmed = int(nz[0]) if "f" in mode else 0
        if "b" in mode:
            trimmed += arr.size - 1 - int(nz[-1])
        return trimmed
    return arr.size - np.trim_zeros(arr, trim, axis).size


@counted("delete", category=CATEGORY)
def delete(arr, obj, axis=None) -> int:
    """Number of elements deleted."""
    n, slices = _axis_length(arr, axis)
    if isinstance(obj, slice):
        removed = len(range(*obj.indices(n)))
    else:
        index = np.asarray(obj)
        if index.dtype == bool:
            removed = int(np.count_nonzero(index))
        elif index.size == 0:
            removed = 0
        else:
            removed = len(np.unique(index.astype(np.intp, copy=False).ravel() % max(n, 1)))
    return removed * slices


@counted("insert", category=CATEGORY)
def insert(arr, obj, values, axis=None) -> int:
    """numel(values) inserted."""
    return size_of(values)


@counted("append", category=CATEGORY)
def append(arr, values, axis=None) -> int:
    """numel(values) appended."""
    return size_of(values)


# -- numel(output) ---------------------------------------------------------------------

@counted("concatenate", "concat", "stack", "vstack", "row_stack", "dstack", "block",
         category=CATEGORY)
def joined(arrays, *args, **kwargs) -> int:
    """numel(output): the summed size of the pieces."""
    return _block_size(arrays)


def _block_size(arrays) -> int:
    if isinstance(arrays, list):
        return sum(_block_size(a) for a in arrays)
    if isinstance(arrays, tuple) and not isinstance(arrays, _ndarray):
        return sum(_block_size(a) for a in arrays)
    return size_of(arrays)


def _bmat(obj, ldict=None, gdict=None):
    """``numpy.bmat``; a string is looked up in the caller's namespaces (NumPy would
    look in flopscope's wrapper frame)."""
    if isinstance(obj, str) and gdict is None:
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").startswith("flopscope"):
            frame = frame.f_back
        if frame is not None:
            ldict, gdict = frame.f_locals, frame.f_globals
    return np.bmat(obj, ldict, gdict)


@counted("bmat", category=CATEGORY, impl=_bmat, post=_charge_after("bmat"))
def bmat(obj, ldict=None, gdict=None) -> int:
    """numel(output): summed size of the blocks (a string is priced after the call)."""
    if isinstance(obj, str):
        return 0
    return _block_size(obj)


@counted("clip", category=CATEGORY)
def clip(a, *bounds, **kwargs) -> int:
    """numel(output) = numel(broadcast(a, bounds))."""
    operands = [a] + [b for b in bounds[:2] if b is not None]
    operands += [kwargs[k] for k in ("a_min", "a_max", "min", "max")
                 if kwargs.get(k) is not None]
    if len(operands) == 1:
        return unique_size(a)
    return _prod(broadcast_shape(*operands))


@counted("where", category=CATEGORY)
def where(condition, *xy) -> int:
    """numel(broadcast(condition, x, y)); numel(condition) for the one-argument form."""
    if not xy:
        return size_of(condition)
    return _prod(broadcast_shape(condition, *xy))


@counted("select", category=CATEGORY)
def select(condlist, choicelist, default=0) -> int:
    """numel(output) = numel(broadcast of conditions and choices)."""
    return _prod(broadcast_shape(*condlist, *choicelist))


@counted("choose", category=CATEGORY)
def choose(a, choices, *args, **kwargs) -> int:
    """numel(output) = numel(broadcast(a, each choice))."""
    if isinstance(choices, _ndarray):
        return _prod(np.broadcast_shapes(shape_of(a), choices.shape[1:]))
    return _prod(broadcast_shape(a, *choices))


@counted("take", category=CATEGORY)
def take(a, indices, axis=None, *args, **kwargs) -> int:
    """numel(output)."""
    n, slices = _axis_length(a, axis)
    return size_of(indices) * slices


@counted("take_along_axis", category=CATEGORY)
def take_along_axis(arr, indices, axis=-1) -> int:
    """numel(output): indices broadcast against arr outside ``axis``."""
    if axis is None:
        return size_of(indices)
    sa, si = list(shape_of(arr)), list(shape_of(indices))
    if len(sa) != len(si) or not sa:
        return size_of(indices)
    ax = normalize_axes(axis, len(sa))[0]
    sa[ax] = si[ax]
    return _prod(np.broadcast_shapes(tuple(sa), tuple(si)))


@counted("repeat", category=CATEGORY)
def repeat(a, repeats, axis=None) -> int:
    """numel(output)."""
    n, slices = _axis_length(a, axis)
    reps = np.asarray(repeats)
    if reps.ndim == 0:
        return n * slices * max(int(reps), 0)
    return int(np.broadcast_to(reps, (n,)).sum()) * slices


@counted("tile", category=CATEGORY)
def tile(A, reps) -> int:
    """numel(output) = numel(A) * prod(reps)."""
    return size_of(A) * _numel(reps)


@counted("resize", category=CATEGORY)
def resize(a, new_shape) -> int:
    """numel(output) = prod(new_shape)."""
    return _numel(new_shape)


@counted("pad", category=CATEGORY)
def pad(array, pad_width, *args, **kwargs) -> int:
    """numel(output): every axis grown by its before/after widths."""
    shape = shape_of(array)
    widths = np.broadcast_to(np.asarray(pad_width, dtype=np.intp), (len(shape), 2))
    return _prod(d + int(w[0]) + int(w[1]) for d, w in zip(shape, widths))


@counted("roll", category=CATEGORY)
def roll(a, shift, axis=None) -> int:
    """0: flopscope 0.4.3 charges nothing for a roll."""
    return 0


@counted("broadcast_to", category=CATEGORY)
def broadcast_to(array, shape, *args, **kwargs) -> int:
    """numel(output) = prod(shape)."""
    return _numel(shape)


@counted("broadcast_arrays", category=CATEGORY)
def broadcast_arrays(*args, **kwargs) -> int:
    """Summed numel of the outputs: len(args) * numel(broadcast shape)."""
    if not args:
        return 0
    return len(args) * _prod(broadcast_shape(*args))


@counted("full", category=CATEGORY)
def full(shape, *args, **kwargs) -> int:
    """numel(output) = prod(shape)."""
    return _numel(shape)


@counted("full_like", category=CATEGORY)
def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, **kwargs) -> int:
    """numel(output): numel(a), or prod(shape) when given."""
    return _numel(shape) if shape is not None else size_of(a)


@counted("fromfunction", category=CATEGORY)
def fromfunction(function, shape, **kwargs) -> int:
    """numel(output) = prod(shape)."""
    return _numel(shape)


@counted("indices", category=CATEGORY)
def indices(dimensions, dtype=int, sparse=False) -> int:
    """numel(output): len(dims) * prod(dims) (sparse: sum(dims))."""
    dims = _shape_arg(dimensions)
    if sparse:
        return sum(dims)
    return len(dims) * _prod(dims)


@counted("ix_", category=CATEGORY)
def ix_(*args) -> int:
    """Summed numel of the outputs (one open index array per argument)."""
    return sum(size_of(a) for a in args)


@counted("meshgrid", category=CATEGORY)
def meshgrid(*xi, copy=True, sparse=False, indexing="xy") -> int:
    """Summed numel of the outputs: ndim * prod(lengths) (sparse: sum(lengths))."""
    lengths = [size_of(x) for x in xi]
    if sparse:
        return sum(lengths)
    return len(lengths) * _prod(lengths)


@counted("arange", category=CATEGORY)
def arange(*args, **kwargs) -> int:
    """numel(output) = ceil((stop - start) / step)."""
    start, stop, step = 0, None, 1
    positional = [a for a in args if not isinstance(a, (np.dtype, type, str))]
    if "start" in kwargs:
        start = kwargs["start"]
    if "stop" in kwargs:
        stop = kwargs["stop"]
    if "step" in kwargs and kwargs["step"] is not None:
        step = kwargs["step"]
    if len(positional) == 1:
        if stop is None:
            stop = positional[0]
        else:
            start = positional[0]
    elif len(positional) >= 2:
        start, stop = positional[0], positional[1]
        if len(positional) >= 3 and positional[2] is not None:
            step = positional[2]
    if stop is None:
        start, stop = 0, start
    if step == 0:
        return 0
    if all(isinstance(v, (int, np.integer)) for v in (start, stop, step)):
        return len(range(int(start), int(stop), int(step)))
    return max(math.ceil((stop - start) / step), 0)


@counted("linspace", "logspace", "geomspace", category=CATEGORY)
def spaced(start, stop, num=50, *args, **kwargs) -> int:
    """numel(output) = num (times the broadcast size of array endpoints)."""
    num = operator.index(num)
    return max(num, 0) * _prod(broadcast_shape(start, stop))


@counted("fromiter", category=CATEGORY, post=_charge_after("fromiter"))
def fromiter(iter, dtype, count=-1, **kwargs) -> int:
    """numel(output): ``count``, or the iterable's length (an iterator of unknown
    length is priced after the call, once its length is known)."""
    if count is not None and count >= 0:
        return count
    try:
        return len(iter)
    except TypeError:
        return 0


@counted("frombuffer", category=CATEGORY)
def frombuffer(buffer, dtype=float, count=-1, offset=0, **kwargs) -> int:
    """numel(output): ``count``, or (bytes - offset) / itemsize."""
    if count is not None and count >= 0:
        return count
    nbytes = memoryview(buffer).nbytes
    return max(nbytes - offset, 0) // np.dtype(dtype).itemsize


@counted("diag", category=CATEGORY)
def diag(v, k=0) -> int:
    """numel(output): (n + |k|)^2 when building from a vector, the diagonal's length
    when extracting from a matrix."""
    shape = shape_of(v)
    if len(shape) == 1:
        return (shape[0] + abs(k)) ** 2
    if len(shape) == 2:
        return _diagonal_length(shape[0], shape[1], k)
    return 0


@counted("diagflat", category=CATEGORY)
def diagflat(v, k=0) -> int:
    """numel(output) = (numel(v) + |k|)^2."""
    return (size_of(v) + abs(k)) ** 2


def _diagonal_length(m: int, n: int, offset: int) -> int:
    if offset >= 0:
        return max(0, min(m, n - offset))
    return max(0, min(m + offset, n))


def _diagonal_count(a, offset, axis1, axis2) -> int:
    shape = shape_of(a)
    if len(shape) < 2:
        return 0
    ax1, ax2 = (operator.index(axis1) % len(shape), operator.index(axis2) % len(shape))
    batch = _prod(d for i, d in enumerate(shape) if i not in (ax1, ax2))
    return batch * _diagonal_length(shape[ax1], shape[ax2], operator.index(offset))


@counted("diagonal", category=CATEGORY)
def diagonal(a, offset=0, axis1=0, axis2=1) -> int:
    """numel(output): the diagonal's length per matrix (min(m, n) at offset 0)."""
    return _diagonal_count(a, offset, axis1, axis2)


@counted("trace", category=CATEGORY)
def trace(a, offset=0, axis1=0, axis2=1, *args, **kwargs) -> int:
    """The diagonal's length per matrix: min(m, n) at offset 0."""
    return _diagonal_count(a, offset, axis1, axis2)


@counted("fill_diagonal", category=CATEGORY)
def fill_diagonal(a, val, wrap=False) -> int:
    """Elements written: min(m, n) for a matrix (more with wrap=True on a tall one)."""
    shape = shape_of(a)
    size = _prod(shape)
    if len(shape) < 2:
        return 0
    if len(shape) == 2:
        step = shape[1] + 1
        end = size if wrap else min(size, shape[1] * shape[1])
    else:
        step = 1 + sum(_prod(shape[:i]) for i in range(1, len(shape)))
        end = size
    return len(range(0, end, step))


@counted("mask_indices", category=CATEGORY)
def mask_indices(n, mask_func, k=0) -> int:
    """Summed numel of the two index arrays: 2 * (entries the mask keeps)."""
    func = plain_callable(mask_func)  # pricing must not charge mask_func's own work
    return 2 * int(np.count_nonzero(func(np.ones((n, n), dtype=int), k)))


@counted("packbits", category=CATEGORY)
def packbits(a, axis=None, bitorder="big") -> int:
    """numel(output): 8 input bits per output byte."""
    shape = shape_of(a)
    if axis is None:
        return -(-_prod(shape) // 8)
    ax = normalize_axes(axis, len(shape))[0]
    return _prod(-(-d // 8) if i == ax else d for i, d in enumerate(shape))


@counted("unpackbits", category=CATEGORY)
def unpackbits(a, axis=None, count=None, bitorder="big") -> int:
    """numel(output): 8 bits per input byte (``count`` keeps or drops bits)."""
    n, slices = _axis_length(a, axis)
    bits = 8 * n
    if count is not None:
        bits = count if count >= 0 else max(bits + count, 0)
    return bits * slices


@counted("apply_along_axis", category=CATEGORY, post=_charge_after("apply_along_axis"))
def apply_along_axis(func1d, axis, arr, *args, **kwargs) -> int:
    """numel(output): one result per 1-D slice (more if ``func1d`` returns arrays,
    charged after the call)."""
    shape = shape_of(arr)
    if not shape:
        return 0
    n, slices = _axis_length(arr, axis)
    return slices


@counted("apply_over_axes", category=CATEGORY, post=_charge_after("apply_over_axes"))
def apply_over_axes(func, a, axes) -> int:
    """numel(output): ``a`` reduced over ``axes`` (more if ``func`` keeps the axes,
    charged after the call)."""
    shape = shape_of(a)
    reduced = set(normalize_axes(axes, len(shape))) if shape else set()
    kept = _prod(d for i, d in enumerate(shape) if i not in reduced)
    return kept


# -- arithmetic-bearing operations -----------------------------------------------------

@counted("diff", category=CATEGORY)
def diff(a, n=1, axis=-1, prepend=np._NoValue, append=np._NoValue) -> int:
    """One subtraction per output element of each of the ``n`` differencing steps."""
    shape = list(shape_of(a))
    if not shape or n <= 0:
        return 0
    ax = normalize_axes(axis, len(shape))[0]
    for extra in (prepend, append):
        if extra is not np._NoValue:
            es = shape_of(extra)
            shape[ax] += es[ax] if len(es) == len(shape) else 1
    length = shape[ax]
    others = _prod(d for i, d in enumerate(shape) if i != ax)
    return others * sum(max(length - step, 0) for step in range(1, n + 1))


@counted("ediff1d", category=CATEGORY)
def ediff1d(ary, to_end=None, to_begin=None) -> int:
    """numel(ary) - 1 subtractions."""
    return max(size_of(ary) - 1, 0)


@counted("gradient", category=CATEGORY)
def gradient(f, *varargs, axis=None, edge_order=1) -> int:
    """Per differentiated axis: a subtraction and a division for each interior point,
    2 * (n - 2) per 1-D line."""
    shape = shape_of(f)
    total = _prod(shape)
    cost = 0
    for ax in normalize_axes(axis, len(shape)):
        n = shape[ax]
        if n:
            cost += 2 * (total // n) * max(n - 2, 0)
    return cost


@counted("unwrap", category=CATEGORY)
def unwrap(p, *args, **kwargs) -> int:
    """7 * numel(input) (difference, wrap into the period, correct, accumulate)."""
    return 7 * size_of(p)


@counted("convolve", "correlate", category=CATEGORY)
def convolve(a, v, mode=None) -> int:
    """2 * n * k - n - k for inputs of lengths n and k (any mode)."""
    n, k = size_of(a), size_of(v)
    if not n or not k:
        return 0
    return 2 * n * k - n - k


@counted("cov", "corrcoef", category=CATEGORY)
def covariance(m, y=None, rowvar=True, *args, **kwargs) -> int:
    """2 * f^2 * s for f variables observed s times."""
    f, s = _variables(m, rowvar)
    if y is not None:
        f += _variables(y, rowvar)[0]
    return 2 * f * f * s


def _variables(m, rowvar) -> tuple[int, int]:
    shape = shape_of(m)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return 1, shape[0]
    return (shape[0], shape[1]) if rowvar else (shape[1], shape[0])


@counted("cross", category=CATEGORY)
def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None) -> int:
    """5 per output component: 15 per pair of 3-vectors (10 per pair of 2-vectors)."""
    if axis is not None:
        axisa = axisb = axis
    sa, sb = list(shape_of(a)), list(shape_of(b))
    if not sa or not sb:
        return 0
    da = sa.pop(normalize_axes(axisa, len(sa))[0])
    db = sb.pop(normalize_axes(axisb, len(sb))[0])
    batch = _prod(np.broadcast_shapes(tuple(sa), tuple(sb)))
    return 5 * batch * max(da, db)


def _bin_count(bins, a=None, range_=None, weights=None) -> int:
    if isinstance(bins, str):
        edges = np.histogram_bin_edges(_plain(a), bins, range_, weights)
        return len(edges) - 1
    b = np.asarray(bins)
    if b.ndim == 0:
        return int(b)
    return max(b.size - 1, 0)


@counted("histogram", category=CATEGORY)
def histogram(a, bins=10, range=None, density=None, weights=None) -> int:
    """n * ceil(log2(bins))."""
    return size_of(a) * ceil_log2(_bin_count(bins, a, range, weights))


@counted("histogram2d", category=CATEGORY)
def histogram2d(x, y, bins=10, *args, **kwargs) -> int:
    """n * (ceil(log2(bins_x)) + ceil(log2(bins_y)))."""
    return size_of(x) * sum(ceil_log2(b) for b in _dim_bins(bins, 2))


@counted("histogramdd", category=CATEGORY)
def histogramdd(sample, bins=10, *args, **kwargs) -> int:
    """n * sum_i ceil(log2(bins_i)) over the D dimensions of the sample."""
    if isinstance(sample, _ndarray) or not isinstance(sample, (list, tuple)):
        shape = shape_of(sample)
        n, dims = (shape[0], shape[1]) if len(shape) == 2 else (_prod(shape), 1)
    else:
        dims = len(sample)
        n = size_of(sample[0]) if dims else 0
    return n * sum(ceil_log2(b) for b in _dim_bins(bins, dims))


def _dim_bins(bins, dims: int) -> list[int]:
    """Number of bins along each of ``dims`` dimensions."""
    try:
        return [operator.index(bins)] * dims
    except TypeError:
        pass
    items = list(bins)
    if len(items) == dims and all(np.ndim(b) <= 1 for b in items):
        return [int(b) if np.ndim(b) == 0 else max(len(b) - 1, 0) for b in items]
    return [max(len(items) - 1, 0)] * dims  # one edge array shared by every dimension


@counted("digitize", category=CATEGORY)
def digitize(x, bins, right=False) -> int:
    """n * ceil(log2(len(bins)))."""
    return size_of(x) * ceil_log2(size_of(bins))


@counted("interp", category=CATEGORY)
def interp(x, xp, fp, *args, **kwargs) -> int:
    """n * ceil(log2(len(xp)))."""
    return size_of(x) * ceil_log2(size_of(xp))


@counted("vander", category=CATEGORY)
def vander(x, N=None, increasing=False) -> int:
    """len(x) * (N - 1) multiplications (N defaults to len(x))."""
    n = size_of(x)
    cols = n if N is None else operator.index(N)
    return n * max(cols - 1, 0)
