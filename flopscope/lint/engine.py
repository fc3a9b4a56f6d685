"""Run the rules over sources, files and directory trees."""

from __future__ import annotations

import multiprocessing
import os
import tokenize
from collections.abc import Iterable, Iterator

from flopscope.lint.catalog import catalog
from flopscope.lint.diagnostic import Diagnostic
from flopscope.lint.facts import collect
from flopscope.lint.rules import RULES, Rule

__all__ = ["Selection", "lint_source", "lint_file", "lint_paths", "python_files", "preflight"]

_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages"})


class Selection:
    """Which rules run: ``select`` and ``ignore`` are code prefixes (``"FS1"``, ``"FS101"``).

    A rule runs when some ``select`` prefix matches its code and no ``ignore`` prefix
    does. The default selects every rule.

    Raises
    ------
    ValueError
        If a prefix matches no rule (a typo would otherwise silence the linter).
    """

    def __init__(self, select: Iterable[str] = ("FS",), ignore: Iterable[str] = ()):
        select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
        for prefix in select + ignore:
            if not any(rule.code.startswith(prefix) for rule in RULES):
                raise ValueError(f"no rule code starts with {prefix!r}")
        self.rules: tuple[Rule, ...] = tuple(
            rule for rule in RULES
            if any(rule.code.startswith(p) for p in select)
            and not any(rule.code.startswith(p) for p in ignore))


def lint_source(source: str, path: str = "<string>", selection: Selection | None = None,
                *, prefilter: bool = True) -> list[Diagnostic]:
    """Lint one module's source text.

    Parameters
    ----------
    source : str
        Python source.
    path : str, optional
        Name reported in the diagnostics.
    selection : Selection, optional
        Rules to run (default: all).
    prefilter : bool, optional
        Skip the parse of files that cannot hold a finding (see
        :func:`flopscope.lint.facts.collect`).

    Returns
    -------
    list of Diagnostic
        Sorted by position.
    """
    selection = selection or Selection()
    facts = collect(source, path, prefilter=prefilter)
    return sorted(Diagnostic(path, line, col, rule.code, message)
                  for rule in selection.rules for line, col, message in rule.check(facts))


def lint_file(path: str, selection: Selection | None = None) -> list[Diagnostic]:
    """Lint one file, read with the encoding its coding cookie declares.

    A file that cannot be read or decoded is reported as ``FS001`` at 1:1.
    """
    try:
        with tokenize.open(path) as handle:
            source = handle.read()
    except (OSError, SyntaxError, UnicodeDecodeError) as exc:
        selection = selection or Selection()
        if not any(rule.code == "FS001" for rule in selection.rules):
            return []
        return [Diagnostic(path, 1, 1, "FS001", f"cannot read the file: {exc}")]
    return lint_source(source, path, selection)


def python_files(paths: Iterable[str]) -> Iterator[str]:
    """Yield the files named in ``paths`` and every ``*.py`` below the directories.

    Hidden directories and ``__pycache__``-like ones are skipped; files named
    explicitly are always yielded. Order is sorted within each directory.
    """
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
            yield from (os.path.join(root, f) for f in sorted(files) if f.endswith(".py"))


def lint_paths(paths: Iterable[str], selection: Selection | None = None,
               jobs: int | None = None) -> list[Diagnostic]:
    """Lint files and directory trees (see :func:`python_files`).

    Parameters
    ----------
    paths : iterable of str
        Files and directories.
    selection : Selection, optional
        Rules to run (default: all).
    jobs : int, optional
        Worker processes (default: one per CPU). Files are shared out one at a
        time, since the few that need full analysis cost ~100x the others.

    Returns
    -------
    list of Diagnostic
        Every finding, sorted by path and position.
    """
    files = list(python_files(paths))
    jobs = min(jobs or os.cpu_count() or 1, len(files))
    tasks = [(path, selection) for path in files]
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        catalog()  # built once here, inherited by the workers
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.starmap(lint_file, tasks, chunksize=1)
    else:
        results = [lint_file(*task) for task in tasks]
    return sorted(d for found in results for d in found)


def preflight(path: str, select: Iterable[str] = ("FS1",)) -> list[Diagnostic]:
    """Check a script before ``flopscope run`` executes it.

    Parameters
    ----------
    path : str
        The script.
    select : iterable of str, optional
        Code prefixes to check; by default only blocked operations (``FS1``), which
        the runner should refuse outright. Add ``"FS2"`` to refuse NumPy objects
        flopscope cannot price, ``"FS3"`` for dynamic NumPy access.

    Returns
    -------
    list of Diagnostic
        Empty when the script may run.
    """
    return lint_file(path, Selection(select))
