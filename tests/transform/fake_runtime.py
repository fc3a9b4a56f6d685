"""A stand-in for ``flopscope.runtime.stubs`` that counts nothing: every stub is the
plain Python operation it replaces, so a rewritten program must behave exactly like
the original. Tests only."""

import builtins
import operator
from types import SimpleNamespace

import numpy

from flopscope.transform import constructs


def _compare_chain(left, *rest):
    result = True
    for i in range(0, len(rest), 2):
        right = rest[i + 1]()
        result = rest[i](left, right)
        if not result:
            return result
        left = right
    return result


def _aug_attr_set(state, op, value):
    obj, name, current = state
    setattr(obj, name, op(current, value))


def _aug_item_set(state, op, value):
    obj, key, current = state
    obj[key] = op(current, value)


def make():
    """Return a fresh fake ``__flopscope__`` namespace (with a log of calls by name)."""
    names = {}
    for table in (constructs.BINARY, constructs.AUGMENTED, constructs.UNARY,
                  constructs.COMPARE):
        for stub in table.values():
            names[stub] = getattr(operator, stub)
    for builtin, stub in constructs.BUILTINS.items():
        names[stub] = getattr(builtins, builtin)
    names.update(
        numpy=numpy,
        slice=builtins.slice,
        star_import=lambda ns: ns.update({n: getattr(numpy, n) for n in numpy.__all__
                                          if hasattr(numpy, n)}),
        compare_chain=_compare_chain,
        call_method=lambda obj, name, *a, **k: getattr(obj, name)(*a, **k),
        get_method=getattr,
        aug_attr_get=lambda obj, name: (obj, name, getattr(obj, name)),
        aug_attr_set=_aug_attr_set,
        aug_item_get=lambda obj, key: (obj, key, obj[key]),
        aug_item_set=_aug_item_set,
    )
    assert set(names) == constructs.stub_names()
    return SimpleNamespace(**names)
