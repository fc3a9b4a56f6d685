"""Cache instrumented code as ``.pyc`` files, the way pytest caches rewritten tests.

Parsing and rewriting with libcst costs about 1 ms per 2 lines; loading a cached code
object costs well under a millisecond, and does not import libcst at all. Each module's
code lives in ``__pycache__/<stem>.<cache_tag>-flopscope-<version>-r<ABI>.pyc``: the
flopscope version and rewrite ABI are in the name, the source hash in the header, so a
stale entry is never used. Any failure to read or write the cache only costs a rewrite.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import sys
import threading
from types import CodeType

import _imp

from flopscope.errors import BlockedOperationError
from flopscope.transform.constructs import REWRITE_ABI

__all__ = ["PreflightRefusal", "cache_path", "load_code", "transform"]

# PEP 552 header: magic, flags (hash-based | check source), 8-byte source hash.
_FLAGS = (0b11).to_bytes(4, "little")
_HEADER = 16


def _version() -> str:
    from flopscope import __version__

    return __version__


def cache_path(path: str) -> str | None:
    """Return where the instrumented code of ``path`` is cached.

    Parameters
    ----------
    path : str
        Absolute path of a ``.py`` file.

    Returns
    -------
    str or None
        ``<dir>/__pycache__/<stem>.<cache_tag>-flopscope-<version>-r<ABI>[.opt-N].pyc``
        (under ``sys.pycache_prefix`` when set), or None when this interpreter has no
        bytecode cache (``sys.implementation.cache_tag`` is None).
    """
    try:
        standard = importlib.util.cache_from_source(path, optimization="")
    except (NotImplementedError, ValueError):
        return None
    stem = os.path.splitext(os.path.basename(path))[0]
    opt = f".opt-{sys.flags.optimize}" if sys.flags.optimize else ""
    name = (f"{stem}.{sys.implementation.cache_tag}-flopscope-{_version()}"
            f"-r{REWRITE_ABI}{opt}.pyc")
    return os.path.join(os.path.dirname(standard), name)


class PreflightRefusal(BlockedOperationError):
    """A module spells blocked NumPy operations; none of it ran. ``diagnostics`` are
    what ``flopscope lint`` reports for it, and the message is their text."""

    def __init__(self, diagnostics):
        from flopscope.lint.formats import render

        self.diagnostics = diagnostics
        self.op_name = diagnostics[0].code
        self.reason = render(diagnostics).rstrip("\n")
        Exception.__init__(self, self.reason)


def transform(source: bytes, path: str) -> CodeType:
    """Check, rewrite and compile one module's source (the slow path: imports libcst).

    The check is ``flopscope lint``'s blocked-operation rules, so a module that spells
    ``np.save`` is refused before any of it runs. It happens here, on a cache miss
    only: code that was cached has passed it.

    Parameters
    ----------
    source : bytes
        The file's content (its coding cookie is honoured).
    path : str
        The file's path, recorded in the code object.

    Returns
    -------
    types.CodeType
        The instrumented module code.
    """
    from flopscope.lint import lint_source
    from flopscope.lint.engine import Selection
    from flopscope.transform.rewriter import rewrite_source

    text = importlib.util.decode_source(source)
    refused = lint_source(text, path, Selection(("FS1",)))
    if refused:
        raise PreflightRefusal(refused)
    text = rewrite_source(text, path)
    return compile(text, path, "exec", dont_inherit=True)


def _read(pyc: str, source_hash: bytes, path: str) -> CodeType | None:
    try:
        with open(pyc, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if (len(data) < _HEADER or data[:4] != importlib.util.MAGIC_NUMBER
            or data[4:8] != _FLAGS or data[8:16] != source_hash):
        return None
    try:
        code = marshal.loads(data[_HEADER:])
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(code, CodeType):
        return None
    _imp._fix_co_filename(code, path)  # the tree may have moved since it was cached
    return code


def _write(pyc: str, source_hash: bytes, code: CodeType) -> None:
    if sys.dont_write_bytecode:
        return
    data = importlib.util.MAGIC_NUMBER + _FLAGS + source_hash + marshal.dumps(code)
    temp = f"{pyc}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        os.makedirs(os.path.dirname(pyc), exist_ok=True)
        with open(temp, "wb") as f:
            f.write(data)
        os.replace(temp, pyc)  # atomic: a concurrent reader sees the old file or the new
    except OSError:  # read-only tree, __pycache__ is a file, disk full ...
        try:
            os.unlink(temp)
        except OSError:
            pass


def load_code(path: str, use_cache: bool = True) -> CodeType:
    """Return the instrumented code of a source file, from the cache when it is fresh.

    Parameters
    ----------
    path : str
        Absolute path of the ``.py`` file.
    use_cache : bool, optional
        Read and write the cache (``PYTHONDONTWRITEBYTECODE`` still stops writes).

    Returns
    -------
    types.CodeType

    Raises
    ------
    OSError
        The source cannot be read.
    SyntaxError, flopscope.transform.rewriter.RewriteError
        The source cannot be instrumented. Cache problems never raise.
    PreflightRefusal
        The source uses blocked NumPy operations.
    """
    with open(path, "rb") as f:
        source = f.read()
    pyc = cache_path(path) if use_cache else None
    if pyc is None:
        return transform(source, path)
    source_hash = importlib.util.source_hash(source)
    code = _read(pyc, source_hash, path)
    if code is None:
        code = transform(source, path)
        _write(pyc, source_hash, code)
    return code
