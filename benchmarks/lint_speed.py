"""Lint speed: ``flopscope lint`` over a generated 10,000-line project, end to end.

The project mixes what a real repository holds: NumPy programs (the shared example
programs, ~300 lines per module), a few that use blocked operations or dynamic access
(which must be parsed and resolved), and plain-Python helper modules. The time is that
of the ``flopscope lint`` process, interpreter start-up included; the budget is 5 s.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile
import time

PROGRAMS = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "programs"
TARGET_LINES = 10_000
MODULE_LINES = 300
BUDGET_S = 5.0

HELPER = '''\
"""Plain-Python helpers: configuration, logging and file handling."""
import json
import logging
import pathlib

log = logging.getLogger(__name__)


def load_config(path):
    with open(path) as handle:
        return json.load(handle)


def save_results(path, results):
    pathlib.Path(path).write_text(json.dumps(results, indent=2))
    log.info("saved %d results to %s", len(results), path)

'''
BLOCKED_TAIL = 'np.save("result.npy", X)\nnp.seterr(all="ignore")\n'
DYNAMIC_TAIL = 'solver = getattr(np.linalg, method_name)\n'


def _module(sources: list[str], index: int) -> str:
    """About MODULE_LINES lines: NumPy programs, with a blocked or dynamic tail for some."""
    if index % 10 == 9:
        return HELPER * (MODULE_LINES // HELPER.count("\n"))
    parts, lines, k = [], 0, index
    while lines < MODULE_LINES:
        text = sources[k % len(sources)]
        parts.append(text)
        lines += text.count("\n")
        k += 1
    tail = {3: BLOCKED_TAIL, 6: DYNAMIC_TAIL}.get(index % 10, "")
    return "".join(parts) + tail


def write_project(root: pathlib.Path) -> tuple[int, int]:
    """Write the project below ``root``; return (files, lines)."""
    sources = [p.read_text() for p in sorted(PROGRAMS.glob("*.py"))]
    files = lines = 0
    while lines < TARGET_LINES:
        package = root / f"pkg{files // 10}"
        package.mkdir(exist_ok=True)
        text = _module(sources, files)
        (package / f"module{files}.py").write_text(text)
        files += 1
        lines += text.count("\n")
    return files, lines


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        files, lines = write_project(root)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "flopscope.lint", "--format", "json",
                               str(root)], capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if proc.returncode != 1:
        sys.exit(f"unexpected exit status {proc.returncode}: {proc.stderr}")
    findings = proc.stdout.count('"code"')
    print(f"linted {lines} lines in {files} files ({findings} findings): {seconds:.2f} s "
          f"(budget {BUDGET_S:.0f} s)")
    if seconds >= BUDGET_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
