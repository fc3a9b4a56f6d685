"""docs/lint.md is generated from the rule classes and must be current.

If this fails, regenerate it: python -m flopscope.lint.docs > docs/lint.md
"""

from pathlib import Path

from flopscope.lint.docs import render_docs
from flopscope.lint.rules import RULES

LINT_MD = Path(__file__).resolve().parents[2] / "docs" / "lint.md"


def test_docs_lint_md_is_current():
    assert LINT_MD.read_text() == render_docs(), (
        "docs/lint.md is stale: python -m flopscope.lint.docs > docs/lint.md")


def test_every_rule_and_example_is_documented():
    text = render_docs()
    for rule in RULES:
        assert f"### {rule.code} {rule.name}" in text
        for source in rule.valid + rule.invalid:
            assert source.rstrip("\n") in text
