"""ndarray arithmetic reached without an operator is charged like the operator; the
unbound-method and protocol escapes are refused."""

import pytest

SETUP = "import numpy as np\na = np.ones((16, 16)); b = np.ones((16, 16))\n"


@pytest.mark.parametrize("honest, attacks", [
    ("a @ b", ["import operator; operator.matmul(a, b)", "getattr(a, '__matmul__')(b)",
               "getattr(np.ndarray, '__matmul__')(a, b)"]),
    ("a.dot(b)", ["getattr(a, 'dot')(b)", "import operator; operator.methodcaller('dot', b)(a)",
                  "list(map(getattr(np.ndarray, 'dot'), [a], [b]))"]),
    ("a + b", ["import operator; operator.add(a, b)",
               "import itertools; list(itertools.accumulate([a, b]))[-1]"]),
    ("sum([a, b])", ["s = sum; s([a, b])", "list(map(sum, [[a, b]]))"]),
    ("a * b", ["import functools, operator; functools.reduce(operator.mul, [a, b])"]),
    ("1 * a * b", ["import math; math.prod([a, b])"]),
    ("abs(a)", ["f = abs; f(a)", "import operator; operator.abs(a)"]),
])
def test_indirect_arithmetic_is_charged_like_the_operator(run, honest, attacks):
    expected = run(SETUP + honest).ops
    assert expected
    for attack in attacks:
        result = run(SETUP + attack)
        assert result.ok, (attack, result.outcome)
        assert result.ops == expected, attack


@pytest.mark.parametrize("attack, name", [
    ("np.ndarray.__matmul__(a, b)", "__matmul__"),
    ("a.__add__(b)", "__add__"),
    ("np.ndarray.dot(a, b)", "ndarray.dot"),
    ("list(map(np.ndarray.dot, [a], [b]))", "ndarray.dot"),
    ("class Sneaky:\n    def __array_ufunc__(self, ufunc, method, *args, **kw):\n"
     "        return ufunc\nnp.add(a, Sneaky())", "__array_ufunc__"),
    ("vars(np.ndarray)['dot'](a, b)", "vars(ndarray)"),
])
def test_unbound_methods_and_overrides_are_refused(run, attack, name):
    result = run(SETUP + attack)
    assert result.refused and name in result.refused, result.outcome
    assert not result.ops


def test_escaping_to_a_plain_array_changes_nothing_in_run_mode(run):
    honest = run(SETUP + "a @ b").ops
    for attack in ("np.asarray(a) @ b", "a.view(np.ndarray) @ b", "np.array(a, copy=False) @ b"):
        result = run(SETUP + attack)
        assert result.ok and result.ops["matmul"] == honest["matmul"], attack


def test_out_argument_is_charged_before_it_is_written(run):
    result = run(SETUP + "c = np.empty_like(a)\nnp.matmul(a, b, out=c)\nprint(c[0, 0])",
                 flop_budget=10)
    assert result.outcome.status == "budget_exhausted"
    assert not result.ops


def test_frompyfunc_and_vectorize_are_refused(run):
    for attack in ("np.frompyfunc(lambda x: x, 1, 1)", "np.vectorize(lambda x: x * 2.0)(a)"):
        result = run(SETUP + attack)
        assert result.blocked and not result.ops, attack


def test_ufunc_methods_are_charged(run):
    # charged under the ufunc's name, as much as the operation it performs
    assert run(SETUP + "np.add.reduce(a)").ops == {"add": run(SETUP + "a.sum(axis=0)").flops}
    for attack in ("np.multiply.outer(a, b)", "np.add.at(a, [0], 1.0)",
                   "np.add.accumulate(a)"):
        result = run(SETUP + attack)
        assert result.ok and result.ops, attack


def test_legitimate_dynamic_use_is_charged_exactly(run):
    honest = run(SETUP + "np.dot(np.dot(a, b), a)").ops
    result = run(SETUP + "import functools\nfunctools.reduce(np.dot, [a, b, a])")
    assert result.ok and result.ops == honest


def test_methods_through_the_type_or_super_are_charged(run):
    honest = run(SETUP + "a.sum()\na.dot(b)").ops
    result = run(SETUP + "type(a).sum(a)\nT = np.ndarray\nT.dot(a, b)")
    assert result.ok and result.ops == honest, result.outcome
    subclass = SETUP + "class M(np.ndarray):\n    def total(self):\n        return super().sum()\n" \
        "    def mm(self, o):\n        return super().dot(o)\nm = a.view(M)\n"
    honest = run(subclass + "m.sum()\nm.dot(b)").ops
    result = run(subclass + "m.total()\nm.mm(b)")
    assert result.ok and result.ops == honest, result.outcome
