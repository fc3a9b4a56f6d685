"""Hypothesis-generated programs: the rewrite never crashes, keeps every statement on
its line, and the rewritten program prints exactly what the original prints (run
against a fake ``__flopscope__`` whose stubs are the plain operations)."""

import ast
import contextlib
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fake_runtime
from flopscope.transform.rewriter import rewrite_source

VARS = ["a", "b", "c"]
BINARY = ["+", "-", "*", "//", "%", "&", "|", "^"]
COMPARE = ["<", "<=", "==", "!=", ">", ">="]
AUG = ["+=", "-=", "*=", "//=", "%=", "&=", "|=", "^="]

atoms = st.one_of(st.sampled_from(VARS), st.integers(-9, 9).map(str),
                  st.just("L[1]"), st.just("o.x"), st.just("f(a, 2)"))


def _extend(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(BINARY), children,
                  st.sampled_from([" ", "\n    "])).map(
            lambda t: f"({t[0]} {t[1]}{t[3]}{t[2]})"),
        st.tuples(st.sampled_from(["-", "+", "~", "not "]), children).map(
            lambda t: f"({t[0]}{t[1]})"),
        st.tuples(children, st.lists(st.tuples(st.sampled_from(COMPARE), children),
                                     min_size=1, max_size=3)).map(
            lambda t: "(" + t[0] + "".join(f" {op} {e}" for op, e in t[1]) + ")"),
        st.tuples(children, st.sampled_from([2, 3])).map(lambda t: f"({t[0]} ** {t[1]})"),
        st.tuples(children, st.integers(0, 3)).map(lambda t: f"({t[0]} << {t[1]})"),
        children.map(lambda e: f"abs({e})"),
        children.map(lambda e: f"sum([{e}, 1])"),
        st.tuples(children, children).map(lambda t: f"({t[0]} if {t[1]} else 0)"),
        children.map(lambda e: f"[v % 5 < {e} for v in range(3)][1]"),
    )


expressions = st.recursive(atoms, _extend, max_leaves=6)


def _statement(draw_tuple):
    kind, var, op, expr, idx = draw_tuple
    if kind == "assign":
        return [f"{var} = ({expr}) % 97"]
    if kind == "aug":
        return [f"{var} {op} {expr}", f"{var} = {var} % 97"]
    if kind == "item":
        return [f"L[{idx} % 3] {op} {expr}", f"L[{idx} % 3] %= 97"]
    if kind == "slice":
        return [f"L[0:2] = [({expr}) % 97, L[1]]", f"M[1:] += [{expr}]"]
    if kind == "attr":
        return [f"o.x {op} {expr}", "o.x %= 97"]
    if kind == "if":
        return [f"if {expr}:", f"    {var} = {var} + 1", "else:", f"    {var} -= 1"]
    if kind == "for":
        return ["for i in range(3):", f"    {var} += i * ({expr})", f"    {var} %= 97"]
    return [f"print({expr}, a, b, c, L, o.x)"]


statements = st.tuples(
    st.sampled_from(["assign", "aug", "item", "slice", "attr", "if", "for", "print"]),
    st.sampled_from(VARS), st.sampled_from(AUG), expressions, st.integers(0, 5),
).map(_statement)

PRELUDE = """\
class O:
    x = 4
o = O()
a, b, c = 3, -2, 5
L = [1, 2, 3]
M = [0]
def f(p, q):
    return (p * q - q) % 7
"""
CODA = "print(a, b, c, L, M, o.x)\n"


def _run(source: str) -> str:
    out = io.StringIO()
    scope = {"__flopscope__": fake_runtime.make(), "__name__": "__main__"}
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, "<prog>", "exec"), scope)
        except Exception as exc:  # noqa: BLE001  (both versions must fail alike)
            print(f"raised {type(exc).__name__}: {exc}")
    return out.getvalue()


def _statement_lines(source: str) -> list[int]:
    return sorted(node.lineno for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.stmt))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(statements, min_size=1, max_size=8))
def test_rewritten_program_behaves_like_the_original(body):
    source = PRELUDE + "".join(line + "\n" for stmt in body for line in stmt) + CODA
    rewritten = rewrite_source(source)
    assert rewritten.count("\n") == source.count("\n")
    assert _statement_lines(rewritten) == _statement_lines(source)
    assert _run(rewritten) == _run(source)


@settings(max_examples=40, deadline=None)
@given(st.lists(statements, min_size=1, max_size=4), st.sampled_from(["def", "class"]))
def test_rewrite_inside_functions_and_classes(body, wrapper):
    inner = "".join("    " + line + "\n" for stmt in body for line in stmt)
    if wrapper == "def":
        source = (PRELUDE + "def g():\n    global a, b, c\n" + inner + "    return a\n"
                  + "print(g())\n" + CODA)
    else:
        source = PRELUDE + "class K:\n    a, b, c = 1, 2, 3\n" + inner + "print(K.a, K.b)\n" + CODA
    rewritten = rewrite_source(source)
    assert _statement_lines(rewritten) == _statement_lines(source)
    assert _run(rewritten) == _run(source)
