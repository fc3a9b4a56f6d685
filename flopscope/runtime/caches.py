"""flopscope's memo caches, in one place, so users can inspect and reset them.

The einsum engine memoises contraction paths and accumulation costs; the reduction
engine memoises its accumulation costs. Each cache is registered here under a slot
name, and the public functions report and clear them:

==========================  ===============================================
``"einsum.path"``           contraction paths (``fnp.einsum``, ``fnp.einsum_path``)
``"einsum.accumulation"``   einsum accumulation costs
``"reduction.accumulation"`` reduction accumulation costs
==========================  ===============================================

Registering: pass any object with ``cache_info()`` and ``cache_clear()`` (what
:func:`functools.lru_cache` makes)::

    from flopscope.runtime import caches

    @functools.lru_cache(maxsize=4096)
    def _path(subscripts, shapes, optimize): ...

    caches.register("einsum.path", _path)

A slot nothing is registered for reports an empty cache (``CacheInfo(0, 0, 0, 0)``)
rather than inventing numbers. :class:`ResizableCache` is an ``lru_cache`` whose size
can be changed later (``flops.configure(einsum_path_cache_size=...)``).
"""

from __future__ import annotations

import functools
from functools import _CacheInfo as CacheInfo  # the named tuple lru_cache reports

__all__ = [
    "CacheInfo",
    "ResizableCache",
    "register",
    "info",
    "clear",
    "set_maxsize",
    "clear_cache",
    "einsum_cache_info",
    "einsum_clear_caches",
    "reduction_cache_info",
    "reduction_clear_cache",
    "einsum_path_cache_info",
    "clear_einsum_cache",
]

SLOTS = ("einsum.path", "einsum.accumulation", "reduction.accumulation")
EMPTY = CacheInfo(hits=0, misses=0, maxsize=0, currsize=0)

# slot -> (cache object, is_default)
_caches: dict[str, tuple[object, bool]] = {}


class ResizableCache:
    """An LRU-memoised function whose ``maxsize`` can be changed after creation.

    Changing the size rebuilds the cache (entries and statistics are dropped), as
    :func:`functools.lru_cache` cannot be resized in place.
    """

    def __init__(self, func, maxsize: int | None = 4096):
        self._func = func
        self.maxsize = maxsize
        self._cached = functools.lru_cache(maxsize=maxsize)(func)
        functools.update_wrapper(self, func)

    def __call__(self, *args, **kwargs):
        return self._cached(*args, **kwargs)

    def cache_info(self) -> CacheInfo:
        """Hits, misses, maximum size and current size, as ``lru_cache`` reports them."""
        return self._cached.cache_info()

    def cache_clear(self) -> None:
        """Drop every entry and reset the statistics."""
        self._cached.cache_clear()

    def resize(self, maxsize: int | None) -> None:
        """Rebuild the cache with room for ``maxsize`` entries (None: unbounded)."""
        if maxsize is not None and (isinstance(maxsize, bool) or int(maxsize) != maxsize
                                    or maxsize < 0):
            raise ValueError(f"cache size must be a non-negative integer or None, got {maxsize!r}")
        self.maxsize = None if maxsize is None else int(maxsize)
        self._cached = functools.lru_cache(maxsize=self.maxsize)(self._func)


def register(slot: str, cache, default: bool = False) -> None:
    """Register ``cache`` (has ``cache_info()``/``cache_clear()``) for ``slot``.

    A ``default`` registration is replaced by any later non-default one; registering a
    second non-default cache for the same slot is an error.
    """
    if slot not in SLOTS:
        raise ValueError(f"unknown cache slot {slot!r}; expected one of {', '.join(SLOTS)}")
    if not (callable(getattr(cache, "cache_info", None))
            and callable(getattr(cache, "cache_clear", None))):
        raise TypeError("a cache must have cache_info() and cache_clear()")
    present = _caches.get(slot)
    if present is not None and not present[1]:
        if default:
            return
        if present[0] is not cache:
            raise ValueError(f"a cache is already registered for {slot!r}")
    _caches[slot] = (cache, default)


def _load() -> None:
    # The engines register their caches when their modules import.
    from flopscope.runtime import registry

    registry._ensure_loaded()
    from flopscope.runtime import einsum_info  # noqa: F401  (the default path cache)


def info(slot: str) -> CacheInfo:
    """Return the :class:`CacheInfo` of ``slot`` (all zeros if nothing is registered)."""
    _load()
    entry = _caches.get(slot)
    return CacheInfo(*entry[0].cache_info()) if entry is not None else EMPTY


def clear(slot: str) -> None:
    """Empty the cache of ``slot`` (nothing happens if none is registered)."""
    _load()
    entry = _caches.get(slot)
    if entry is not None:
        entry[0].cache_clear()


def set_maxsize(slot: str, maxsize: int | None) -> None:
    """Resize the cache of ``slot``; it must be a :class:`ResizableCache` (or have
    ``resize``). Used by ``flops.configure(einsum_path_cache_size=...)``."""
    _load()
    entry = _caches.get(slot)
    if entry is None or not callable(getattr(entry[0], "resize", None)):
        raise ValueError(f"the {slot!r} cache cannot be resized")
    entry[0].resize(maxsize)


# -- public functions (re-exported as flopscope.* and flopscope.numpy.*) -------------

def einsum_cache_info() -> dict[str, CacheInfo]:
    """Return the einsum caches' statistics: ``{"path": CacheInfo, "accumulation": CacheInfo}``."""
    return {"path": info("einsum.path"), "accumulation": info("einsum.accumulation")}


def einsum_clear_caches() -> None:
    """Clear the einsum contraction-path and accumulation-cost caches."""
    clear("einsum.path")
    clear("einsum.accumulation")


def reduction_cache_info() -> CacheInfo:
    """Return the reduction accumulation-cost cache's statistics as a ``CacheInfo``."""
    return info("reduction.accumulation")


def reduction_clear_cache() -> None:
    """Clear the reduction accumulation-cost cache."""
    clear("reduction.accumulation")


def clear_cache() -> None:
    """Clear every flopscope cache (einsum paths and costs, reduction costs) at once."""
    for slot in SLOTS:
        clear(slot)


def einsum_path_cache_info() -> CacheInfo:
    """Return the contraction-path cache's statistics (hits, misses, maxsize, currsize)."""
    return info("einsum.path")


def clear_einsum_cache() -> None:
    """Clear the contraction-path cache shared by ``einsum`` and ``einsum_path``."""
    clear("einsum.path")
