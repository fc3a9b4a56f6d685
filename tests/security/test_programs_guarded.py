"""The shared programs run under the guard and are charged exactly what they were."""

import json

import pytest

from testdata import DATA

PROGRAMS = DATA / "programs"
EXPECTED = json.loads((PROGRAMS / "expected.json").read_text())["programs"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program_under_guard(run, name, capsys):
    result = run((PROGRAMS / name).read_text(), name=name)
    assert result.ok, result.outcome
    assert result.ops == EXPECTED[name]["operations"]
