"""The lint rules: one class each, with a stable code and examples that test and document it.

Codes: ``FS0xx`` the file itself, ``FS1xx`` blocked operations, ``FS2xx`` NumPy names
flopscope cannot price, ``FS3xx`` NumPy reached where no static rewrite can see it.
Every rule's ``invalid`` examples must raise it and its ``valid`` examples must lint
clean (``tests/lint/test_rules.py``); both are shown in ``docs/lint.md``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

from flopscope.lint import facts as F
from flopscope.lint.catalog import BLOCKED, REFUSED, UNPRICEABLE, catalog

__all__ = ["Rule", "RULES"]

Finding = tuple[int, int, str]  # line, column (1-based), message


class Rule:
    """Base class of a lint rule.

    Subclasses set ``code``, ``name``, ``summary``, ``valid`` and ``invalid``, describe
    themselves in their docstring, and implement :meth:`check`.
    """

    code = ""
    name = ""
    summary = ""
    valid: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()

    @classmethod
    def description(cls) -> str:
        """Return the rule's docstring as plain text."""
        return inspect.cleandoc(cls.__doc__ or "")

    def check(self, facts: F.Facts) -> Iterator[Finding]:
        """Yield ``(line, column, message)`` for every violation in ``facts``."""
        raise NotImplementedError


class SyntaxErrorRule(Rule):
    """The file does not parse, so it can be neither checked nor instrumented.

    The position is that of the syntax error. The other files are still checked.
    """

    code = "FS001"
    name = "syntax-error"
    summary = "file does not parse"
    valid = ("x = [1, 2]\n",)
    invalid = ("def f(:\n    pass\n", "x = (1,\n")

    def check(self, facts):
        if facts.syntax_error is not None:
            line, col, message = facts.syntax_error
            yield line, col, f"syntax error: {message}"


class _VerdictRule(Rule):
    """A rule over NumPy references the runtime namespace refuses with ``verdict``."""

    verdict = ""

    def check(self, facts):
        for ref in facts.references:
            verdict = catalog().classify(ref.qualified)
            if verdict is not None and verdict.kind == self.verdict:
                yield ref.line, ref.col, verdict.message


class BlockedOperation(_VerdictRule):
    """A NumPy operation that flopscope refuses on principle.

    These operations (file I/O, text formatting, NumPy's global state, calendar
    dates, build information, uncounted machinery) are listed in flopscope's
    registry as *blocked*; under ``flopscope run`` using one raises
    ``BlockedOperationError``. Every spelling is caught: ``np.save``, ``numpy.save``,
    ``from numpy import save as s``, ``getattr(np, "save")``, paths through NumPy
    submodules, and names brought in by ``from numpy import *``. The message gives
    the registry's reason and what to do instead.
    """

    code = "FS101"
    name = "blocked-operation"
    summary = "use of a NumPy operation flopscope blocks"
    verdict = BLOCKED
    valid = (
        "import numpy as np\nnp.savings = 1\nx = np.linalg.norm(np.ones(3))\n",
        "from numpy import linalg as la\nla.solve\n",
    )
    invalid = (
        "import numpy as np\nnp.save('a.npy', np.ones(3))\n",
        "import numpy\nnumpy.seterr(all='ignore')\n",
        "from numpy import savetxt as st\nst('a.txt', [1.0])\n",
        "import numpy as np\nf = getattr(np, 'loadtxt')\n",
        "from numpy import *\nsave('a.npy', ones(3))\n",
    )


class UnpriceableOperation(_VerdictRule):
    """A NumPy object that exists but has no cost model in flopscope.

    The counted namespace only hands out operations with a registered cost and
    objects that do no numerical work (dtypes, constants, exception types, ...).
    Anything else, such as ``numpy.lib`` or ``numpy.polynomial``, raises
    ``UnsupportedFunctionError`` under ``flopscope run`` because it would run
    uncounted. The message suggests the counted equivalent when there is one.
    """

    code = "FS201"
    name = "unpriceable-operation"
    summary = "use of a NumPy object flopscope cannot price"
    verdict = UNPRICEABLE
    valid = (
        "import numpy as np\nx = np.exp(np.float64(1.0)) + np.pi\n",
        "import numpy as np\ntry:\n    pass\nexcept np.linalg.LinAlgError:\n    pass\n",
    )
    invalid = (
        "import numpy as np\np = np.polynomial.Polynomial([1, 2])\n",
        "import numpy.lib as lib\n",
        "import numpy as np\ny = np.core.multiply(2, 3)\n",
    )


class RefusedClass(_VerdictRule):
    """A NumPy class flopscope refuses because it changes what operators cost.

    ``numpy.matrix`` makes ``*`` a matrix product, ``numpy.memmap`` reads files and
    ``numpy.ufunc`` builds uncounted operations.
    """

    code = "FS202"
    name = "refused-class"
    summary = "use of a NumPy class flopscope refuses"
    verdict = REFUSED
    valid = ("import numpy as np\na = np.ones((2, 2)) @ np.eye(2)\n",)
    invalid = (
        "import numpy as np\nm = np.matrix([[1, 2], [3, 4]])\n",
        "from numpy import memmap\n",
    )


class _DynamicRule(Rule):
    """A rule over one kind of dynamic-access site."""

    kind = ""

    def message(self, site: F.DynamicSite) -> str:
        """Return the message for one site."""
        raise NotImplementedError

    def check(self, facts):
        for site in facts.dynamic:
            if site.kind == self.kind:
                yield site.line, site.col, self.message(site)


class DynamicGetattr(_DynamicRule):
    """``getattr`` on NumPy with a name known only at run time.

    The linter cannot tell which operation is fetched, so it cannot say whether the
    program will be refused. A literal name (``getattr(np, "exp")``) is checked like
    ``np.exp``.
    """

    code = "FS301"
    name = "dynamic-getattr"
    summary = "getattr on NumPy with a non-literal name"
    kind = F.GETATTR
    valid = ("import numpy as np\nf = getattr(np, 'exp')\n",
             "import math\nf = getattr(math, name)\n")
    invalid = ("import numpy as np\nf = getattr(np, name)\n",
               "import numpy.linalg as la\nf = getattr(la, 'so' + 'lve')\n")

    def message(self, site):
        return (f"getattr({site.detail}, <name>) picks a NumPy function at run time, which "
                f"flopscope cannot check; write {site.detail}.<name> out, or keep a dict "
                f"of the functions you need")


class DynamicImport(_DynamicRule):
    """Importing NumPy through ``__import__`` or ``importlib.import_module``.

    ``flopscope run`` rewrites ``import`` statements; a module imported by name is the
    real, uncounted NumPy. A non-literal module name is reported too, since it may
    name NumPy.
    """

    code = "FS302"
    name = "dynamic-import"
    summary = "NumPy imported by name at run time"
    kind = F.IMPORT
    valid = ("import importlib\nm = importlib.import_module('json')\n",
             "import numpy as np\n")
    invalid = ("np = __import__('numpy')\n",
               "import importlib\nla = importlib.import_module('numpy.linalg')\n",
               "from importlib import import_module\nm = import_module(name)\n")

    def message(self, site):
        if site.detail:
            return (f"importing {site.detail} by name gives the real, uncounted module; "
                    f"write `import {site.detail}` instead")
        return ("importing a module named at run time may load NumPy uncounted; "
                "use an import statement")


class ExecOfCode(_DynamicRule):
    """``exec``, ``eval`` or ``compile`` of code, which is never instrumented.

    NumPy calls inside the string run uncounted and unchecked.
    """

    code = "FS303"
    name = "exec-of-code"
    summary = "exec/eval/compile of source code"
    kind = F.EXEC
    valid = ("import re\npattern = re.compile('a+')\n",
             "def eval(x):\n    return x\neval(1)\n")
    invalid = ("exec('import numpy as np; np.save(\"a\", 1)')\n",
               "y = eval('np.exp(1.0)')\n",
               "code = compile('1 + 1', '<s>', 'eval')\n")

    def message(self, site):
        name = f"{site.detail}()" if site.detail else "this call"
        return (f"{name} runs code that flopscope never instruments, so NumPy calls in "
                f"it are neither counted nor checked; write the code out as statements")


class NamespaceDict(_DynamicRule):
    """NumPy's attribute dictionary, through ``np.__dict__`` or ``vars(np)``.

    The dictionary holds the real NumPy functions, so calls through it bypass
    counting and checking.
    """

    code = "FS304"
    name = "namespace-dict"
    summary = "NumPy's __dict__ or vars()"
    kind = F.NAMESPACE
    valid = ("import numpy as np\nd = vars(obj)\nn = np.ndarray\n",)
    invalid = ("import numpy as np\nf = np.__dict__['exp']\n",
               "import numpy as np\nops = vars(np.linalg)\n")

    def message(self, site):
        shown = site.detail if site.detail.endswith("__dict__") else f"vars({site.detail})"
        return (f"{shown} holds the real, uncounted NumPy functions; use them by name "
                f"(np.exp) instead")


class SysModules(_DynamicRule):
    """NumPy fetched from ``sys.modules`` (subscript or ``.get``).

    That is the real NumPy module, not the counted namespace ``flopscope run`` gives.
    """

    code = "FS305"
    name = "sys-modules"
    summary = "NumPy taken from sys.modules"
    kind = F.SYS_MODULES
    valid = ("import sys\nme = sys.modules[__name__]\n",)
    invalid = ("import sys\nnp = sys.modules['numpy']\n",
               "import sys\nla = sys.modules.get('numpy.linalg')\n")

    def message(self, site):
        return (f"sys.modules[{site.detail!r}] is the real, uncounted {site.detail}; "
                f"write `import {site.detail}` instead")


RULES: tuple[Rule, ...] = (
    SyntaxErrorRule(), BlockedOperation(), UnpriceableOperation(), RefusedClass(),
    DynamicGetattr(), DynamicImport(), ExecOfCode(), NamespaceDict(), SysModules(),
)

