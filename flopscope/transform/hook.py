"""The import hook: user modules are instrumented as they are imported.

A meta-path finder claims a module only when its file lies under an instrumented root:
the script's directory, or a package named with ``--instrument``. It never claims
flopscope, NumPy, the standard library or site-packages (unless a package there is
named explicitly). Claimed modules are loaded by :class:`InstrumentingLoader`, which
gets their code from :mod:`flopscope.transform.cache` and runs it with the hidden
``__flopscope__`` global in place.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import os
import site
import sys
import sysconfig

from flopscope.transform.cache import load_code
from flopscope.transform.constructs import HIDDEN, INSTRUMENTED_FLAG

__all__ = ["InstrumentingFinder", "InstrumentingLoader", "install", "uninstall",
           "instrumented", "prepare_globals", "package_root", "NEVER_INSTRUMENTED"]

#: Top-level packages that are never instrumented, whatever the roots. (Standard-library
#: names are not on this list: a user's ``queue.py`` next to the script shadows the
#: standard module and must be instrumented; the real one is excluded by its location.)
NEVER_INSTRUMENTED = frozenset({"flopscope", "numpy"})


def prepare_globals(namespace: dict) -> None:
    """Put the hidden ``__flopscope__`` module and the instrumented flag in a module's
    globals, as rewritten code expects."""
    from flopscope.runtime import stubs

    namespace[HIDDEN] = stubs
    namespace[INSTRUMENTED_FLAG] = True


def _excluded_dirs() -> tuple[str, ...]:
    """Directories the script-directory root never reaches into."""
    paths = sysconfig.get_paths()
    dirs = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    with contextlib.suppress(AttributeError):
        dirs.update(site.getsitepackages())
    if site.ENABLE_USER_SITE and site.USER_SITE:
        dirs.add(site.USER_SITE)
    for name in ("flopscope", "numpy"):
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__file__", None):
            dirs.add(os.path.dirname(module.__file__))
    return tuple(sorted(os.path.realpath(d) for d in dirs))


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def package_root(name: str) -> str | None:
    """Locate an importable package or module without importing (running) it.

    Parameters
    ----------
    name : str
        Dotted name, e.g. ``"mylib"`` or ``"mylib.sub"``.

    Returns
    -------
    str or None
        The package directory, or the module's file; None when it cannot be found.
    """
    locations = None
    spec = None
    for part in name.split("."):
        spec = importlib.machinery.PathFinder.find_spec(part, locations)
        if spec is None:
            return None
        locations = spec.submodule_search_locations
        if locations is None and part != name.rpartition(".")[2]:
            return None  # a module has no submodules
    if spec.submodule_search_locations:
        return os.path.realpath(list(spec.submodule_search_locations)[0])
    return os.path.realpath(spec.origin) if spec.origin else None


class InstrumentingLoader(importlib.machinery.SourceFileLoader):
    """Loads a source module with instrumented code and the hidden global in place."""

    def __init__(self, fullname: str, path: str, use_cache: bool = True):
        super().__init__(fullname, path)
        self.use_cache = use_cache

    def get_code(self, fullname):
        """Return the instrumented code (cached)."""
        return load_code(self.path, use_cache=self.use_cache)

    def exec_module(self, module) -> None:
        """Inject ``__flopscope__`` then run the module's instrumented code."""
        prepare_globals(module.__dict__)
        super().exec_module(module)


class InstrumentingFinder:
    """A ``sys.meta_path`` finder for the modules under the instrumented roots.

    Parameters
    ----------
    script_roots : list of str
        Directories (the script's) whose modules are instrumented, except those in
        the standard library, site-packages, flopscope or NumPy.
    package_roots : list of str, optional
        Package directories or module files named explicitly; always instrumented.
    use_cache : bool, optional
        Use the ``.pyc`` cache of instrumented code.
    """

    def __init__(self, script_roots, package_roots=(), use_cache: bool = True):
        self.script_roots = tuple(os.path.realpath(r) for r in script_roots)
        self.package_roots = tuple(os.path.realpath(r) for r in package_roots)
        self.use_cache = use_cache
        self._excluded = _excluded_dirs()
        self._relevant: dict[str, bool] = {}

    def _relevant_entry(self, entry: str) -> bool:
        """Can a search of this path entry find a file under a root? (memoised)"""
        known = self._relevant.get(entry)
        if known is None:
            real = os.path.realpath(entry or os.curdir)
            known = any(_under(real, root) or os.path.dirname(root) == real
                        for root in self.script_roots + self.package_roots)
            self._relevant[entry] = known
        return known

    def claims(self, filename: str) -> bool:
        """True if the module in ``filename`` is to be instrumented."""
        real = os.path.realpath(filename)
        if any(_under(real, root) for root in self.package_roots):
            return True
        return (any(_under(real, root) for root in self.script_roots)
                and not any(_under(real, d) for d in self._excluded))

    def find_spec(self, fullname, path=None, target=None):
        """Claim ``fullname`` if its source file lies under an instrumented root."""
        if fullname.partition(".")[0] in NEVER_INSTRUMENTED:
            return None
        entries = sys.path if path is None else path
        if not any(self._relevant_entry(entry) for entry in entries if isinstance(entry, str)):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if (spec is None or spec.origin is None
                or not isinstance(spec.loader, importlib.machinery.SourceFileLoader)
                or not self.claims(spec.origin)):
            return None
        spec.loader = InstrumentingLoader(fullname, spec.origin, self.use_cache)
        return spec

    def invalidate_caches(self) -> None:
        """Forget which path entries were found relevant (``importlib.invalidate_caches``)."""
        self._relevant.clear()


def install(script_roots, package_roots=(), use_cache: bool = True) -> InstrumentingFinder:
    """Put an :class:`InstrumentingFinder` first on ``sys.meta_path`` and return it."""
    finder = InstrumentingFinder(script_roots, package_roots, use_cache)
    sys.meta_path.insert(0, finder)
    return finder


def uninstall(finder: InstrumentingFinder) -> None:
    """Remove a finder put in place by :func:`install` (no error if already gone)."""
    with contextlib.suppress(ValueError):
        sys.meta_path.remove(finder)


@contextlib.contextmanager
def instrumented(script_roots, package_roots=(), use_cache: bool = True):
    """Context manager form of :func:`install` / :func:`uninstall`.

    Examples
    --------
    >>> with instrumented(["/path/to/project"]):   # doctest: +SKIP
    ...     import solution                       # counted
    """
    finder = install(script_roots, package_roots, use_cache)
    try:
        yield finder
    finally:
        uninstall(finder)
