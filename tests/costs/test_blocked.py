"""Blocked operations: refused on access with a reason, never run."""

import csv
import pathlib

import numpy as np
import pytest

import flopscope as flops
import flopscope.numpy as fnp
from flopscope.errors import BlockedOperationError
from flopscope.runtime import registry
from flopscope.runtime.costs.blocked import REASONS

CSV = pathlib.Path("/work/shared/reference/operations.csv")


def test_every_blacklisted_row_is_blocked():
    if not CSV.exists():
        pytest.skip("reference table not available")
    rows = [r["Operation"] for r in csv.DictReader(CSV.open())
            if r["Status"] == "blacklisted"]
    assert len(rows) == 35
    assert sorted(rows) == sorted(REASONS)


@pytest.mark.parametrize("name", sorted(REASONS))
def test_access_raises_attribute_error_with_the_reason(name):
    with pytest.raises(AttributeError) as info:
        getattr(fnp, name)
    assert isinstance(info.value, BlockedOperationError)
    assert REASONS[name] in str(info.value)
    rule = registry.rule(name)
    assert rule.kind == registry.BLOCKED and rule.reason == REASONS[name]


def test_blocked_names_are_not_listed_and_numpy_callables_are_refused(tmp_path):
    assert "save" not in dir(fnp)
    assert registry.name_of(np.save) == "save"  # keyed, so NumPy's own is refused too
    target = tmp_path / "x.npy"
    with pytest.raises(BlockedOperationError, match="save"):
        np.save(target, np.ones(2).view(flops.FlopscopeArray))
    assert not target.exists()


def test_reasons_are_short_and_distinct_in_kind():
    assert all(10 < len(reason) < 160 for reason in REASONS.values())
    assert "I/O" in REASONS["save"] and "date" in REASONS["isnat"]
