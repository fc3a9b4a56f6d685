"""Every rule against its own examples, and the blocked operations of the reference table."""

import csv

import pytest

from flopscope.lint import Selection, lint_source
from flopscope.lint.rules import RULES
from flopscope.runtime import registry
from testdata import DATA

EXAMPLES = [(rule, "invalid", i, source) for rule in RULES for i, source in enumerate(rule.invalid)]
EXAMPLES += [(rule, "valid", i, source) for rule in RULES for i, source in enumerate(rule.valid)]
BLACKLISTED = sorted(row["Operation"] for row in csv.DictReader(open(DATA / "operations.csv"))
                     if row["Status"] == "blacklisted")


def _id(example):
    rule, kind, i, _ = example
    return f"{rule.code}-{kind}{i}"


def test_codes_are_unique_and_well_formed():
    codes = [rule.code for rule in RULES]
    assert len(set(codes)) == len(codes)
    for rule in RULES:
        assert rule.code[:2] == "FS" and rule.code[2:].isdigit() and len(rule.code) == 5
        assert rule.name and rule.summary and rule.description()
        assert rule.invalid and rule.valid, f"{rule.code} needs examples of both kinds"


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_rule_examples(example):
    rule, kind, _, source = example
    found = lint_source(source)
    if kind == "invalid":
        assert rule.code in {d.code for d in found}, found
        assert all(d.line >= 1 and d.col >= 1 and d.message for d in found)
    else:
        assert found == [], found


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_prefilter_never_hides_a_finding(example):
    source = example[3]
    assert lint_source(source) == lint_source(source, prefilter=False)


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e[1] == "invalid"], ids=_id)
def test_a_rule_can_be_deselected(example):
    rule, _, _, source = example
    assert rule.code not in {d.code for d in lint_source(source, selection=Selection(
        ignore=[rule.code]))}


def test_the_table_and_the_registry_agree_on_what_is_blocked():
    blocked = {name for name, rule in registry.all_rules().items() if rule.kind == "blocked"}
    assert set(BLACKLISTED) <= blocked


STYLES = {
    "attribute": "import numpy as np\nnp.{name}\n",
    "module": "import numpy\nnumpy.{name}\n",
    "from-import": "from numpy import {name}\n",
    "from-import-as": "from numpy import {name} as alias\nalias\n",
    "getattr-literal": "import numpy as np\ngetattr(np, '{name}')\n",
    "star-import": "from numpy import *\n{name}\n",
}


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("name", BLACKLISTED)
def test_every_blacklisted_operation_is_reported_in_every_import_style(name, style):
    source = STYLES[style].format(name=name)
    if style == "star-import" and name not in __import__("numpy").__all__:
        pytest.skip(f"numpy.{name} is not exported by 'from numpy import *'")
    found = lint_source(source)
    assert found and {d.code for d in found} == {"FS101"}, found
    assert all(f"numpy.{name}" in d.message for d in found)
    assert found[-1].line == source.count("\n")


def test_the_message_gives_the_registry_reason():
    reason = registry.rule("save").reason
    (found,) = lint_source("import numpy as np\nnp.save('a', 1)\n")
    assert reason in found.message and (found.line, found.col) == (2, 1)


def test_shadowed_names_are_not_numpy():
    source = ("import numpy as np\n"
              "def f(np, getattr, exec):\n"
              "    np.save('a', 1)\n    getattr(np, x)\n    exec(x)\n")
    assert lint_source(source) == []
