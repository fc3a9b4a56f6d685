"""The text, JSON, GitHub and SARIF renderings of the same findings."""

import json
import re

import pytest

from flopscope.lint import lint_source
from flopscope.lint.formats import FORMATS, render
from flopscope.lint.rules import RULES

SOURCE = "import numpy as np\nnp.save('a, b: c', 1)\nf = getattr(np, name)\n"


@pytest.fixture
def found():
    return lint_source(SOURCE, "pkg/prog.py")


def test_text_is_ruff_style(found):
    lines = render(found, "text").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("pkg/prog.py:2:1: FS101 numpy.save is blocked")
    assert lines[1].startswith("pkg/prog.py:3:5: FS301 ")


def test_json_round_trips(found):
    data = json.loads(render(found, "json"))
    assert data == [d.as_dict() for d in found]
    assert set(data[0]) == {"path", "line", "col", "code", "message"}


def test_github_annotations(found):
    lines = render(found, "github").splitlines()
    assert len(lines) == len(found)
    for line, d in zip(lines, found):
        match = re.fullmatch(r"::error file=([^,]+),line=(\d+),col=(\d+)::(FS\d{3}) (.+)", line)
        assert match, line
        assert match.groups()[:4] == (d.path, str(d.line), str(d.col), d.code)


def test_github_escapes_what_would_end_a_property():
    from flopscope.lint.diagnostic import Diagnostic

    line = render([Diagnostic("a,b:c.py", 1, 1, "FS001", "50% bad\nnext")], "github")
    assert line == "::error file=a%2Cb%3Ac.py,line=1,col=1::FS001 50%25 bad%0Anext\n"


def test_sarif_has_the_required_structure(found):
    log = json.loads(render(found, "sarif"))
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] and [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    assert len(run["results"]) == len(found)
    for result, d in zip(run["results"], found):
        assert result["ruleId"] == d.code and result["level"] == "error"
        assert driver["rules"][result["ruleIndex"]]["id"] == d.code
        assert result["message"]["text"] == d.message
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "pkg/prog.py"
        assert physical["region"] == {"startLine": d.line, "startColumn": d.col}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_findings(fmt):
    out = render([], fmt)
    if fmt in ("text", "github"):
        assert out == ""
    else:
        data = json.loads(out)
        assert data == [] if fmt == "json" else data["runs"][0]["results"] == []
