"""Lint tests/lint/corpus/*.py and compare with the ``line:col CODE`` lists beside them.

Each ``name.py`` has a ``name.expected`` (empty for a clean file). After a deliberate
change, regenerate one with:

    flopscope lint tests/lint/corpus/name.py | sed 's/^[^:]*://' \
        | awk -F: '{split($3,a," "); print $1":"$2" "a[1]}' > tests/lint/corpus/name.expected
"""

from pathlib import Path

import pytest

from flopscope.lint import lint_file, lint_paths, lint_source

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*.py"))


def _expected(path: Path) -> list[str]:
    return path.with_suffix(".expected").read_text().split("\n")[:-1] or []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_file(path):
    found = [f"{d.line}:{d.col} {d.code}" for d in lint_file(str(path))]
    assert found == _expected(path)


def test_every_corpus_file_has_expectations():
    assert FILES and all(p.with_suffix(".expected").exists() for p in FILES)


def test_a_directory_is_searched_and_a_broken_file_does_not_stop_the_run():
    found = lint_paths([str(CORPUS)])
    assert {Path(d.path).name for d in found} == {p.name for p in FILES if _expected(p)}
    assert len(found) == sum(len(_expected(p)) for p in FILES)
    assert [d.code for d in found if d.path.endswith("broken.py")] == ["FS001"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_prefilter_changes_nothing_but_speed(path):
    source = path.read_text()
    assert lint_source(source) == lint_source(source, prefilter=False)


def test_worker_processes_change_nothing_but_speed():
    assert lint_paths([str(CORPUS)], jobs=2) == lint_paths([str(CORPUS)], jobs=1)
