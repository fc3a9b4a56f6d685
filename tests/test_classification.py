"""Nothing NumPy can do to an array is unclassified: every overridable function and
ufunc, and every operation of the reference table, is counted, free or blocked."""

import csv

import numpy as np
import pytest
from numpy.testing.overrides import (
    get_overridable_numpy_array_functions,
    get_overridable_numpy_ufuncs,
)

import flopscope as flops
from testdata import DATA
from flopscope.runtime import registry

REFERENCE = list(csv.DictReader((DATA / "operations.csv").open()))
FUNCTIONS = sorted(get_overridable_numpy_array_functions(),
                   key=lambda f: (f.__module__, f.__name__))
UFUNCS = sorted(get_overridable_numpy_ufuncs(), key=lambda u: u.__name__)


def _label(func):
    return f"{getattr(func, '__module__', 'numpy')}.{func.__name__}"


@pytest.mark.parametrize("func", FUNCTIONS + UFUNCS, ids=_label)
def test_every_overridable_callable_is_classified(func):
    name = registry.name_of(func)
    assert name is not None, f"{_label(func)} is neither counted, free nor blocked"
    assert registry.rule(name).kind in (registry.COUNTED, registry.FREE, registry.BLOCKED)


def test_the_overridable_surface_is_the_size_numpy_documents():
    # numpy.testing.overrides lists ~300 functions and ~127 ufuncs; an empty walk
    # would make the test above vacuous.
    assert len(FUNCTIONS) > 250 and len(UFUNCS) > 100


@pytest.mark.parametrize("row", REFERENCE, ids=[r["Operation"] for r in REFERENCE])
def test_every_reference_operation_is_registered(row):
    rule = registry.find(row["Operation"])
    assert rule is not None
    expected = registry.BLOCKED if row["Status"] == "blacklisted" else None
    if expected:
        assert rule.kind == expected
    else:
        assert rule.kind in (registry.COUNTED, registry.FREE)


def test_numpy_function_on_counted_array_refuses_blocked_ops_by_reason():
    a = np.ones(3).view(flops.FlopscopeArray)
    with pytest.raises(flops.errors.BlockedOperationError, match="array_repr"):
        np.array_repr(a)


def test_like_dispatchers_reach_their_public_rule():
    seconds = [f for f in FUNCTIONS if f.__name__ == "ones" and f is not np.ones]
    assert seconds and registry.name_of(seconds[0]) == "ones"
