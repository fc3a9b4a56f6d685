"""Cache inspection and clearing: flops.*cache* and fnp.*einsum_cache*."""

import functools

import pytest

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.runtime import caches


def test_public_functions_exist_and_report_cache_info():
    info = flops.einsum_cache_info()
    assert set(info) == {"path", "accumulation"}
    for value in (*info.values(), flops.reduction_cache_info(), fnp.einsum_cache_info()):
        assert isinstance(value, caches.CacheInfo)
        assert {"hits", "misses", "maxsize", "currsize"} <= set(value._fields)
    assert flops.clear_cache() is None
    assert flops.einsum_clear_caches() is None
    assert flops.reduction_clear_cache() is None
    assert fnp.clear_einsum_cache() is None
    assert fnp.einsum_cache_info() == flops.einsum_cache_info()["path"]


def test_clear_cache_empties_every_slot():
    from flopscope.runtime.einsum_info import plan

    plan("ij,jk->ik", [(2, 2), (2, 2)])
    assert flops.einsum_cache_info()["path"].currsize >= 1
    flops.clear_cache()
    assert flops.einsum_cache_info()["path"].currsize == 0
    assert flops.reduction_cache_info().currsize == 0


def test_resizable_cache():
    calls = []

    def square(x):
        calls.append(x)
        return x * x

    cache = caches.ResizableCache(square, maxsize=2)
    assert cache(3) == 9 and cache(3) == 9 and calls == [3]
    assert cache.cache_info().hits == 1
    cache.resize(8)
    assert cache.cache_info() == caches.CacheInfo(0, 0, 8, 0)
    with pytest.raises(ValueError):
        cache.resize(-1)


def test_register_rules():
    with pytest.raises(ValueError):
        caches.register("nope", functools.lru_cache()(abs))
    with pytest.raises(TypeError):
        caches.register("reduction.accumulation", object())
