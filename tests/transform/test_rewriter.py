"""Before/after pairs for every construct the rewriter touches, and what it leaves."""

import textwrap

import pytest

from flopscope.transform.rewriter import RewriteError, rewrite_source

F = "__flopscope__"

PAIRS = {
    # -- imports: rewritten where they stand, uses untouched
    "import-as": ("import numpy as np", f"np = {F}.numpy"),
    "import-plain": ("import numpy", f"numpy = {F}.numpy"),
    "import-submodule-as": ("import numpy.linalg as la", f"la = {F}.numpy.linalg"),
    "import-submodule": ("import numpy.linalg", f"numpy = {F}.numpy"),
    "from-import": ("from numpy import exp, dot as d",
                    f"exp = {F}.numpy.exp; d = {F}.numpy.dot"),
    "from-submodule": ("from numpy.random import default_rng",
                       f"default_rng = {F}.numpy.random.default_rng"),
    "star": ("from numpy import *", f"{F}.star_import(globals())"),
    "mixed": ("import os, numpy as np", f"import os; np = {F}.numpy"),
    "semicolon-after": ("import numpy as np; x = 1", f"np = {F}.numpy; x = 1"),
    "relative": ("from . import numpy", "from . import numpy"),
    "relative-module": ("from .numpy import exp", "from .numpy import exp"),
    "other-module": ("import numpyro", "import numpyro"),
    "in-function": ("def f():\n    import numpy as np\n    return np",
                    f"def f():\n    np = {F}.numpy\n    return np"),
    "in-try": ("try:\n    from numpy import exp\nexcept ImportError:\n    pass",
               f"try:\n    exp = {F}.numpy.exp\nexcept ImportError:\n    pass"),
    "uses-untouched": ("y = np.exp(x)", "y = np.exp(x)"),
    # -- operators
    "add": ("a + b", f"{F}.add(a, b)"),
    "every-binary": ("a - b * c / d // e % f ** g @ h",
                     f"{F}.sub(a, {F}.matmul({F}.mod({F}.floordiv({F}.truediv({F}.mul(b, c), d), e), "
                     f"{F}.pow(f, g)), h))"),
    "bitwise": ("a << b >> c & d | e ^ f",
                f"{F}.or_({F}.and_({F}.rshift({F}.lshift(a, b), c), d), {F}.xor(e, f))"),
    "unary": ("-a, +b, ~c, not d", f"{F}.neg(a), {F}.pos(b), {F}.invert(c), not d"),
    "literals-only": ("x = -1 + 2 * 3", f"x = {F}.add(-1, 2 * 3)"),
    "compare": ("a < b, a <= b, a == b, a != b, a > b, a >= b",
                f"{F}.lt(a, b), {F}.le(a, b), {F}.eq(a, b), {F}.ne(a, b), {F}.gt(a, b), "
                f"{F}.ge(a, b)"),
    "is-in-untouched": ("a is b, a in b, a is not b, a not in b",
                        "a is b, a in b, a is not b, a not in b"),
    "chain": ("a < b <= c",
              f"{F}.compare_chain(a, {F}.lt, lambda: b, {F}.le, lambda: c)"),
    "chain-with-in": ("a < b in c", "a < b in c"),
    "chain-in-class-body": ("class K:\n    t = 0 < x < 2", "class K:\n    t = 0 < x < 2"),
    "chain-in-method": ("class K:\n    def m(self):\n        return 0 < x < 2",
                        f"class K:\n    def m(self):\n        return "
                        f"{F}.compare_chain(0, {F}.lt, lambda: x, {F}.lt, lambda: 2)"),
    "chain-walrus": ("a < (b := c) < d", "a < (b := c) < d"),
    "chain-yield": ("def g():\n    a < (yield) < d", "def g():\n    a < (yield) < d"),
    "chain-super": ("a < super().x < d", "a < super().x < d"),
    "chain-walrus-first-is-fine": ("(a := b) < c < d",
                                   f"{F}.compare_chain((a := b), {F}.lt, lambda: c, {F}.lt, "
                                   "lambda: d)"),
    "composes": ("import numpy as np\nnp.dot(np.exp(a) + b, c)",
                 f"np = {F}.numpy\nnp.dot({F}.add(np.exp(a), b), c)"),
    "parens-kept": ("(a + b) * c", f"{F}.mul(({F}.add(a, b)), c)"),
    # -- augmented assignment
    "aug-name": ("x += v", f"x = {F}.iadd(x, v)"),
    "aug-every": ("x -= 1; x *= 1; x /= 1; x //= 1; x %= 1; x **= 1; x @= 1; x <<= 1; "
                  "x >>= 1; x &= 1; x |= 1; x ^= 1",
                  f"x = {F}.isub(x, 1); x = {F}.imul(x, 1); x = {F}.itruediv(x, 1); "
                  f"x = {F}.ifloordiv(x, 1); x = {F}.imod(x, 1); x = {F}.ipow(x, 1); "
                  f"x = {F}.imatmul(x, 1); x = {F}.ilshift(x, 1); x = {F}.irshift(x, 1); "
                  f"x = {F}.iand(x, 1); x = {F}.ior(x, 1); x = {F}.ixor(x, 1)"),
    "aug-attr": ("o.a += v",
                 f'{F}.aug_attr_set({F}.aug_attr_get(o, "a"), {F}.iadd, v)'),
    "aug-attr-mangled": ("class K:\n    def m(self):\n        self.__p *= 2",
                         f'class K:\n    def m(self):\n        {F}.aug_attr_set('
                         f'{F}.aug_attr_get(self, "_K__p"), {F}.imul, 2)'),
    "aug-item": ("x[k] += v", f"{F}.aug_item_set({F}.aug_item_get(x, k), {F}.iadd, v)"),
    "aug-item-evaluated-once": ("x[f()] -= g()",
                                f"{F}.aug_item_set({F}.aug_item_get(x, f()), {F}.isub, g())"),
    "aug-slices": ("x[1:2, ::3, ...] += v",
                   f"{F}.aug_item_set({F}.aug_item_get(x, ({F}.slice(1, 2, None), "
                   f"{F}.slice(None, None, 3), ...)), {F}.iadd, v)"),
    "aug-one-tuple": ("x[i,] += v", f"{F}.aug_item_set({F}.aug_item_get(x, (i,)), {F}.iadd, v)"),
    "annotated-untouched": ("x: int | None = a", "x: int | None = a"),
    "annotated-value": ("x: float = a @ b", f"x: float = {F}.matmul(a, b)"),
    # -- array methods
    "method-call": ("a.sum(axis=0)", f'{F}.call_method(a, "sum", axis=0)'),
    "method-star-args": ("a.max(*args, **kw)", f'{F}.call_method(a, "max", *args, **kw)'),
    "method-chain": ("a.T.sum().round(2)",
                     f'{F}.call_method({F}.call_method(a.T, "sum"), "round", 2)'),
    "method-read": ("f = a.mean", f'f = {F}.get_method(a, "mean")'),
    "method-store": ("a.sum = 1; del a.sum", "a.sum = 1; del a.sum"),
    "method-for-target": ("for a.sum in x: pass", "for a.sum in x: pass"),
    "other-method": ("a.reshape(2, 3)", "a.reshape(2, 3)"),
    "module-attribute": ("import numpy as np\nnp.sum(x); np.max", f"np = {F}.numpy\nnp.sum(x); np.max"),
    "rebound-module-name": ("import numpy as np\nnp = 3\nnp.sum(x)",
                            f'np = {F}.numpy\nnp = 3\n{F}.call_method(np, "sum", x)'),
    "method-in-fstring": ('f"{a.sum()}"', f"f\"{{{F}.call_method(a, 'sum')}}\""),
    "fstring-debug": ('f"{a+b=}"', 'f"{a+b=}"'),
    # -- builtins
    "builtins": ("abs(x), round(x, 2), pow(x, 2), divmod(x, y), sum(xs)",
                 f"{F}.builtin_abs(x), {F}.builtin_round(x, 2), {F}.builtin_pow(x, 2), "
                 f"{F}.builtin_divmod(x, y), {F}.builtin_sum(xs)"),
    "builtin-parameter": ("def f(abs):\n    return abs(x)", "def f(abs):\n    return abs(x)"),
    "builtin-local": ("def f():\n    sum = g\n    return sum(x)",
                      "def f():\n    sum = g\n    return sum(x)"),
    "builtin-module-global": ("def f():\n    return round(x)\nround = g",
                              "def f():\n    return round(x)\nround = g"),
    "builtin-star-import": ("from numpy import *\nabs(x)", f"{F}.star_import(globals())\nabs(x)"),
    # -- left alone
    "docstring-future": ('"""Doc."""\nfrom __future__ import annotations',
                         '"""Doc."""\nfrom __future__ import annotations'),
    "annotations": ("def f(x: int | None = a + 2) -> A | B: pass",
                    f"def f(x: int | None = {F}.add(a, 2)) -> A | B: pass"),
    "match-patterns": ("match p:\n    case -1 | 1+2j: pass\n    case x.sum: pass",
                       "match p:\n    case -1 | 1+2j: pass\n    case x.sum: pass"),
}


@pytest.mark.parametrize("before, after", PAIRS.values(), ids=PAIRS.keys())
def test_rewrite(before, after):
    assert rewrite_source(before + "\n") == after + "\n"


def test_literal_arithmetic_is_left_alone():
    assert rewrite_source("x = 2 * 3\n") == "x = 2 * 3\n"


MULTILINE = {
    "binary": ("x = (a +\n     b)\ny = 1\n", f"x = ({F}.add(a,\n     b))\ny = 1\n"),
    "backslash": ("x = a + \\\n    b\ny = 1\n", f"x = {F}.add(a, \\\n    b)\ny = 1\n"),
    "from-import-parens": ("from numpy import (exp,\n    dot)\ny = 1\n",
                           f"exp = {F}.numpy.exp; dot = ({F}.numpy.dot\n)\ny = 1\n"),
    "import-backslash": ("import numpy \\\n    as np\ny = 1\n", f"np = ({F}.numpy\n)\ny = 1\n"),
    "method-args": ("a.sum(\n    axis=0)\ny = 1\n",
                    f'{F}.call_method(a, "sum",\n    axis=0)\ny = 1\n'),
    "method-dot": ("(a\n .sum())\ny = 1\n", f'({F}.call_method(a\n , "sum"))\ny = 1\n'),
    "aug-subscript": ("x[\n  i] += 1\ny = 1\n",
                      f"({F}.aug_item_set({F}.aug_item_get(x, i), {F}.iadd, 1)\n)\ny = 1\n"),
    "chain": ("(a <\n b < c)\ny = 1\n",
              f"({F}.compare_chain(a,\n {F}.lt, lambda: b, {F}.lt, lambda: c))\ny = 1\n"),
}


@pytest.mark.parametrize("before, after", MULTILINE.values(), ids=MULTILINE.keys())
def test_multiline_constructs_keep_their_lines(before, after):
    assert rewrite_source(before) == after


def test_hidden_name_is_refused_with_file_and_line():
    with pytest.raises(RewriteError, match=r"^prog\.py:3: the name __flopscope__ is reserved"):
        rewrite_source("x = 1\n# __flopscope__ in a comment is fine\n__flopscope__ = 2\n",
                       "prog.py")


def test_syntax_error_is_python_s_own():
    with pytest.raises(SyntaxError) as info:
        rewrite_source("x = 1\ny = (\n", "bad.py")
    assert info.value.filename == "bad.py"


def test_realistic_module_keeps_every_statement_line():
    import ast

    source = textwrap.dedent('''\
        """Power iteration."""
        from __future__ import annotations
        import numpy as np
        from numpy.linalg import (norm,
                                  eigh as eig)


        class Model:
            scale: float = 2.0

            def step(self, A, v):
                w = A @ v
                self.count += 1
                return w / norm(w)


        def run(A, v, iters=10):
            m = Model()
            for _ in range(iters):
                v = m.step(A, v)
                if 0 < abs(v).max() < 1e-12:
                    break
            v[0] *= -1
            return v.sum(), sum([v, v])
        ''')
    rewritten = rewrite_source(source)
    assert rewritten.count("\n") == source.count("\n")
    lines = lambda text: [n.lineno for n in ast.walk(ast.parse(text)) if isinstance(n, ast.stmt)]
    assert sorted(set(lines(rewritten))) == sorted(set(lines(source)))


def test_runtime_provides_every_stub_the_rewriter_emits():
    from flopscope.runtime import stubs
    from flopscope.transform.constructs import stub_names

    assert sorted(name for name in stub_names() if not hasattr(stubs, name)) == []
