"""Output formats of ``flopscope lint``: text (ruff style), JSON, GitHub annotations, SARIF."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Sequence

from flopscope import __version__
from flopscope.lint.diagnostic import Diagnostic
from flopscope.lint.rules import RULES

__all__ = ["FORMATS", "render"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _text(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}\n" for d in diagnostics)


def _json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], indent=2) + "\n"


def _escape(text: str, prop: bool = False) -> str:
    """Escape a workflow-command value (properties also escape ``:`` and ``,``)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _github(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(
        f"::error file={_escape(d.path, True)},line={d.line},col={d.col}::"
        f"{_escape(f'{d.code} {d.message}')}\n" for d in diagnostics)


def _sarif(diagnostics: Sequence[Diagnostic]) -> str:
    index = {rule.code: i for i, rule in enumerate(RULES)}
    rules = [{
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description()},
        "defaultConfiguration": {"level": "error"},
    } for rule in RULES]
    results = [{
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": "error",
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": pathlib.PurePath(d.path).as_posix()},
            "region": {"startLine": d.line, "startColumn": d.col},
        }}],
    } for d in diagnostics]
    log = {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [{
            "tool": {"driver": {"name": "flopscope-lint", "version": __version__,
                                "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2) + "\n"


FORMATS = {"text": _text, "json": _json, "github": _github, "sarif": _sarif}


def render(diagnostics: Sequence[Diagnostic], fmt: str = "text") -> str:
    """Render ``diagnostics`` in format ``fmt`` (a key of :data:`FORMATS`).

    Returns
    -------
    str
        The whole report; empty for a clean text or GitHub run.
    """
    return FORMATS[fmt](diagnostics)
