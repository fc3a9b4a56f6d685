"""Rewrite a plain NumPy program so that every FLOP it spends is counted.

One :class:`Rewriter` pass, one small ``leave_*`` per construct, always building on
``updated_node`` so rewrites compose (``np.dot(np.exp(a) + b, c)``). The rewritten code
refers to one hidden global, ``__flopscope__`` (see :mod:`flopscope.transform.constructs`
for every name it uses). No statement moves to another line: whitespace that holds a
newline is carried into the new node, and statements that lose one are padded.
"""

from __future__ import annotations

import io
import re
import tokenize

import libcst as cst
from libcst.metadata import ClassScope, MetadataWrapper, ScopeProvider

from flopscope.transform import constructs as C
from flopscope.transform.names import (
    dotted_name,
    from_import_bindings,
    import_binding,
    is_module_binding,
    is_numpy,
    resolves_to_builtin,
)

__all__ = ["RewriteError", "rewrite_source", "rewrite_module"]

_NUMBERS = (cst.Integer, cst.Float, cst.Imaginary)
# Calls whose meaning changes when moved into a lambda (they read the calling frame).
_FRAME_READERS = frozenset({"super", "locals", "vars", "dir", "eval", "exec"})
_EMPTY = cst.Module([])


class RewriteError(Exception):
    """The source cannot be instrumented (it uses the hidden name, or libcst cannot
    parse valid Python). The message starts with ``file:line:``."""


# -- small node builders -------------------------------------------------------------
def _fs(attr: str) -> cst.Attribute:
    return cst.Attribute(value=cst.Name(C.HIDDEN), attr=cst.Name(attr))


def _keeps_line(ws) -> bool:
    """True if this whitespace holds a line break that must survive the rewrite."""
    return isinstance(ws, cst.ParenthesizedWhitespace) or "\\" in getattr(ws, "value", "")


def _comma(before=None, after=None) -> cst.Comma:
    """A ``, `` separator that keeps any line break found in ``before``/``after``."""
    keep_before = before is not None and _keeps_line(before)
    keep_after = after is not None and _keeps_line(after)
    return cst.Comma(whitespace_before=before if keep_before else cst.SimpleWhitespace(""),
                     whitespace_after=after if keep_after else cst.SimpleWhitespace(" "))


def _call(name: str, *values, commas=(), lpar=(), rpar=()) -> cst.Call:
    """``__flopscope__.name(v0, v1, ...)``; ``commas[i]`` separates ``values[i]`` from
    the next one (default ``", "``)."""
    args = []
    for i, value in enumerate(values):
        if i == len(values) - 1:
            args.append(cst.Arg(value))
        else:
            args.append(cst.Arg(value, comma=commas[i] if i < len(commas) and commas[i] else _comma()))
    return cst.Call(func=_fs(name), args=args, lpar=lpar, rpar=rpar)


def _newlines(node: cst.CSTNode) -> int:
    return _EMPTY.code_for_node(node).count("\n")


def _padded(expr: cst.BaseExpression, lines: int) -> cst.BaseExpression:
    """Wrap ``expr`` in parentheses holding ``lines`` extra line breaks."""
    if lines <= 0:
        return expr
    pad = cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(),
        empty_lines=[cst.EmptyLine(indent=False)] * (lines - 1),
        indent=False,
        last_line=cst.SimpleWhitespace(""),
    )
    return expr.with_changes(lpar=[cst.LeftParen(), *expr.lpar],
                             rpar=[*expr.rpar, cst.RightParen(whitespace_before=pad)])


def _attribute_path(dotted: str) -> cst.BaseExpression:
    """``numpy.linalg.norm`` -> ``__flopscope__.numpy.linalg.norm``."""
    node: cst.BaseExpression = cst.Name(C.HIDDEN)
    for part in dotted.split("."):
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def _assign(target: str, value: cst.BaseExpression) -> cst.Assign:
    return cst.Assign(targets=[cst.AssignTarget(cst.Name(target))], value=value)


def _mangle(name: str, class_name: str | None) -> str:
    """Private name mangling, which the compiler no longer does once a name is a string."""
    if class_name is None or not name.startswith("__") or name.endswith("__"):
        return name
    stripped = class_name.lstrip("_")
    return f"_{stripped}{name}" if stripped else name


def _root_name(node: cst.BaseExpression) -> cst.Name | None:
    while isinstance(node, cst.Attribute):
        node = node.value
    return node if isinstance(node, cst.Name) else None


class _LambdaHazards(cst.CSTVisitor):
    """Finds what a chained comparison operand cannot carry into a lambda."""

    def __init__(self):
        super().__init__()
        self.found = False

    def visit_Yield(self, node) -> bool:
        self.found = True
        return False

    visit_Await = visit_NamedExpr = visit_Yield

    def visit_Call(self, node: cst.Call) -> bool:
        if isinstance(node.func, cst.Name) and node.func.value in _FRAME_READERS:
            self.found = True
        return not self.found


def _lambda_safe(operand: cst.BaseExpression) -> bool:
    hazards = _LambdaHazards()
    operand.visit(hazards)
    return not hazards.found


# -- the transformer -----------------------------------------------------------------
class Rewriter(cst.CSTTransformer):
    """Turns NumPy imports, operators, augmented assignments, array-method calls and
    dunder-dispatching builtins into calls on ``__flopscope__``.

    Parameters
    ----------
    scopes : mapping
        libcst ``ScopeProvider`` results for the module being rewritten.
    star_import : bool
        The module contains a ``from ... import *``: builtins may be shadowed by names
        scope analysis cannot see, so builtin calls are left alone.
    """

    def __init__(self, scopes, star_import: bool = False):
        super().__init__()
        self._scopes = scopes
        self._rewrite_builtins = not star_import
        self._keep_attribute: set[int] = set()  # ids of attributes that must stay as is
        self._classes: list[str] = []
        self._quotes: list[str] = []  # quote chars of the enclosing f-strings

    # -- context -----------------------------------------------------------------
    def visit_Annotation(self, node: cst.Annotation) -> bool:
        return False  # definitions are never changed

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._classes.append(node.name.value)

    def leave_ClassDef(self, original_node, updated_node):
        self._classes.pop()
        return updated_node

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._quotes.append(node.quote)

    def leave_FormattedString(self, original_node, updated_node):
        self._quotes.pop()
        return updated_node

    def leave_FormattedStringExpression(self, original_node, updated_node):
        if original_node.equal is not None:  # f"{a+b=}" prints its own source text
            return updated_node.with_changes(expression=original_node.expression)
        return updated_node

    def leave_MatchCase(self, original_node, updated_node):
        return updated_node.with_changes(pattern=original_node.pattern)  # patterns are syntax

    def _string(self, text: str) -> cst.SimpleString | None:
        """A string literal usable here (inside an f-string, the other quote)."""
        used = "".join(self._quotes)
        for quote in ('"', "'"):
            if quote not in used:
                return cst.SimpleString(f"{quote}{text}{quote}")
        return None

    # -- store contexts: attributes there are targets, not method reads ---------------
    def _keep(self, target: cst.CSTNode | None) -> None:
        if isinstance(target, cst.Attribute):
            self._keep_attribute.add(id(target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._keep(element.value)
        elif isinstance(target, (cst.StarredElement, cst.Element)):
            self._keep(target.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._keep(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._keep(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._keep(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._keep(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._keep(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._keep(node.name)

    def visit_Del(self, node: cst.Del) -> None:
        self._keep(node.target)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute):
            self._keep_attribute.add(id(node.func))  # leave_Call handles it

    # -- imports ------------------------------------------------------------------
    def _replace_import(self, original_node, updated_node, kept, bindings):
        """Statements replacing an import: ``kept`` (an import still needed, or None)
        then one assignment per ``(name, numpy path)`` binding, on the same line."""
        statements = [kept] if kept is not None else []
        for name, target in bindings:
            if name == "*":
                call = cst.Call(_fs("star_import"), args=[cst.Arg(
                    cst.Call(cst.Name("globals")))])
                statements.append(cst.Expr(call))
            else:
                statements.append(_assign(name, _attribute_path(target)))
        lost = _newlines(original_node) - sum(_newlines(s) for s in statements)
        last = statements[-1]
        if lost > 0:
            if isinstance(last, cst.Expr):
                last = last.with_changes(value=_padded(last.value, lost))
            else:
                last = last.with_changes(value=_padded(last.value, lost))
        statements[-1] = last.with_changes(semicolon=updated_node.semicolon)
        for i in range(len(statements) - 1):
            statements[i] = statements[i].with_changes(semicolon=cst.Semicolon(
                whitespace_after=cst.SimpleWhitespace(" ")))
        if len(statements) == 1:
            return statements[0]
        return cst.FlattenSentinel(statements)

    def leave_Import(self, original_node, updated_node):
        kept, bindings = [], []
        for alias in updated_node.names:
            bound, module = import_binding(alias)
            if is_numpy(dotted_name(alias.name)):
                bindings.append((bound, module))
            else:
                kept.append(alias)
        if not bindings:
            return updated_node
        kept_import = None
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            kept_import = updated_node.with_changes(names=kept, semicolon=cst.MaybeSentinel.DEFAULT)
        return self._replace_import(original_node, updated_node, kept_import, bindings)

    def leave_ImportFrom(self, original_node, updated_node):
        bindings = from_import_bindings(updated_node)
        if bindings is None:
            return updated_node
        return self._replace_import(original_node, updated_node, None, bindings)

    # -- operators ----------------------------------------------------------------
    def leave_BinaryOperation(self, original_node, updated_node):
        left, right = updated_node.left, updated_node.right
        if isinstance(left, _NUMBERS) and isinstance(right, _NUMBERS):
            return updated_node  # 2 * 3 never involves an array
        op = updated_node.operator
        return _call(C.BINARY[type(op).__name__], left, right,
                     commas=[_comma(op.whitespace_before, op.whitespace_after)],
                     lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_UnaryOperation(self, original_node, updated_node):
        op = updated_node.operator
        name = C.UNARY.get(type(op).__name__)
        if name is None or isinstance(updated_node.expression, _NUMBERS):
            return updated_node  # `not x`, and -1
        call = _call(name, updated_node.expression, lpar=updated_node.lpar, rpar=updated_node.rpar)
        if _keeps_line(op.whitespace_after):
            call = call.with_changes(whitespace_before_args=op.whitespace_after)
        return call

    def leave_Comparison(self, original_node, updated_node):
        targets = updated_node.comparisons
        names = [C.COMPARE.get(type(t.operator).__name__) for t in targets]
        if None in names:
            return updated_node  # `is`, `in` (alone or in a chain) are left alone
        if len(targets) == 1:
            op = targets[0].operator
            return _call(names[0], updated_node.left, targets[0].comparator,
                         commas=[_comma(op.whitespace_before, op.whitespace_after)],
                         lpar=updated_node.lpar, rpar=updated_node.rpar)
        if isinstance(self._scopes.get(original_node), ClassScope) or not all(
            _lambda_safe(t.comparator) for t in original_node.comparisons
        ):
            return updated_node
        values, commas = [updated_node.left], []
        for name, target in zip(names, targets):
            op = target.operator
            commas += [_comma(op.whitespace_before, op.whitespace_after), _comma()]
            values += [_fs(name), cst.Lambda(params=cst.Parameters(), body=target.comparator)]
        return _call("compare_chain", *values, commas=commas,
                     lpar=updated_node.lpar, rpar=updated_node.rpar)

    # -- augmented assignment -----------------------------------------------------
    def _key(self, elements) -> cst.BaseExpression:
        """The subscript ``x[...]`` as one expression: slices become ``slice(...)``."""
        parts = []
        for element in elements:
            index = element.slice
            if isinstance(index, cst.Slice):
                bounds = [part if part is not None else cst.Name("None")
                          for part in (index.lower, index.upper, index.step)]
                parts.append(cst.Element(_call("slice", *bounds)))
            elif getattr(index, "star", None):
                parts.append(cst.StarredElement(index.value))
            else:
                parts.append(cst.Element(index.value))
        single = len(parts) == 1 and isinstance(parts[0], cst.Element)
        if single and elements[0].comma is cst.MaybeSentinel.DEFAULT:
            return parts[0].value
        parts = [p.with_changes(comma=_comma()) for p in parts[:-1]] + [
            parts[-1].with_changes(comma=cst.Comma() if single else cst.MaybeSentinel.DEFAULT)]
        return cst.Tuple(parts)

    def leave_AugAssign(self, original_node, updated_node):
        op = updated_node.operator
        name = C.AUGMENTED[type(op).__name__]
        target, value = updated_node.target, updated_node.value
        before = _comma(None, op.whitespace_after)
        if isinstance(target, cst.Name):
            new = cst.Assign(
                targets=[cst.AssignTarget(target, whitespace_before_equal=op.whitespace_before,
                                          whitespace_after_equal=op.whitespace_after)],
                value=_call(name, target.with_changes(lpar=[], rpar=[]), value),
            )
        elif isinstance(target, cst.Attribute):
            attr = self._string(_mangle(target.attr.value, self._classes[-1] if self._classes else None))
            state = _call("aug_attr_get", target.value, attr,
                          commas=[_comma(target.dot.whitespace_before, target.dot.whitespace_after)])
            new = cst.Expr(_call("aug_attr_set", state, _fs(name), value, commas=[None, before]))
        elif isinstance(target, cst.Subscript):
            state = _call("aug_item_get", target.value, self._key(target.slice))
            new = cst.Expr(_call("aug_item_set", state, _fs(name), value, commas=[None, before]))
        else:
            return updated_node
        lost = _newlines(original_node) - _newlines(new)
        if lost > 0:
            new = new.with_changes(value=_padded(new.value, lost))
        return new.with_changes(semicolon=updated_node.semicolon)

    # -- methods and builtins ------------------------------------------------------
    def _on_module(self, node: cst.BaseExpression) -> bool:
        """True for ``np.sum``: the object is a name bound by an ``import``."""
        root = _root_name(node)
        return root is not None and is_module_binding(self._scopes.get(root), root.value)

    def leave_Attribute(self, original_node, updated_node):
        name = original_node.attr.value
        if (name not in C.ARRAY_METHODS or id(original_node) in self._keep_attribute
                or self._on_module(original_node.value)):
            return updated_node
        literal = self._string(name)
        if literal is None:
            return updated_node
        dot = updated_node.dot
        return _call("get_method", updated_node.value, literal,
                     commas=[_comma(dot.whitespace_before, dot.whitespace_after)],
                     lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        if isinstance(func, cst.Name):
            stub = C.BUILTINS.get(func.value)
            if (stub is not None and self._rewrite_builtins
                    and resolves_to_builtin(self._scopes.get(func), func.value)):
                return updated_node.with_changes(func=_fs(stub).with_changes(
                    lpar=func.lpar, rpar=func.rpar))
            return updated_node
        if (not isinstance(func, cst.Attribute) or func.attr.value not in C.ARRAY_METHODS
                or self._on_module(func.value)):
            return updated_node
        literal = self._string(func.attr.value)
        if literal is None:
            return updated_node
        method = updated_node.func
        opening = updated_node.whitespace_before_args
        head = [cst.Arg(method.value, comma=_comma(method.dot.whitespace_before,
                                                    method.dot.whitespace_after))]
        if updated_node.args or _keeps_line(opening):
            head.append(cst.Arg(literal, comma=_comma(None, opening)))
        else:
            head.append(cst.Arg(literal))
        return updated_node.with_changes(
            func=_fs("call_method"), args=[*head, *updated_node.args],
            whitespace_before_args=cst.SimpleWhitespace(""),
        )


# -- entry points ------------------------------------------------------------------------
_STAR_IMPORT = re.compile(r"\bimport\s*\*|\bimport\s*\(\s*\*")


def _check_hidden_name(source: str, filename: str) -> None:
    if C.HIDDEN not in source:
        return
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NAME and token.string == C.HIDDEN:
                raise RewriteError(
                    f"{filename}:{token.start[0]}: the name {C.HIDDEN} is reserved for "
                    "flopscope's instrumentation; rename it to run this file under flopscope"
                )
    except (tokenize.TokenError, SyntaxError):
        return  # the parser reports the real syntax error


def rewrite_module(module: cst.Module, star_import: bool = False) -> cst.Module:
    """Rewrite a parsed module (see :func:`rewrite_source`).

    Parameters
    ----------
    module : libcst.Module
        The parsed module; it is not copied, so do not reuse it afterwards.
    star_import : bool, optional
        Leave builtin calls alone because a star import may shadow them.

    Returns
    -------
    libcst.Module
        The rewritten module.
    """
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    scopes = wrapper.resolve(ScopeProvider)
    return wrapper.module.visit(Rewriter(scopes, star_import=star_import))


def rewrite_source(source: str, filename: str = "<string>") -> str:
    """Instrument a module's source text.

    Parameters
    ----------
    source : str
        Python source.
    filename : str, optional
        Used in error messages.

    Returns
    -------
    str
        Source with the same number of lines, every statement on its original line,
        whose NumPy imports, operators, augmented assignments, array-method calls and
        dunder-dispatching builtins go through the hidden ``__flopscope__`` global.

    Raises
    ------
    SyntaxError
        The source is not valid Python.
    RewriteError
        The source already uses ``__flopscope__``, or libcst cannot parse it.
    """
    _check_hidden_name(source, filename)
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        compile(source, filename, "exec", dont_inherit=True)  # raises the real SyntaxError
        raise RewriteError(f"{filename}:{exc.raw_line}: libcst cannot parse this file: "
                           f"{exc.message}") from None
    code = rewrite_module(module, star_import=bool(_STAR_IMPORT.search(source))).code
    if code.count("\n") != source.count("\n"):
        raise RewriteError(f"{filename}:1: internal error: the rewrite moved lines "
                           "(please report this file)")
    return code
