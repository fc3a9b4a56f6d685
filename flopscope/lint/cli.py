"""``flopscope lint``: report what ``flopscope run`` would refuse, before running anything."""

from __future__ import annotations

import sys

import click

__all__ = ["lint_command"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(ctx, param, value: str | None) -> list[str]:
    return [code.strip() for code in (value or "").split(",") if code.strip()]


@click.command("lint", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]),
              default="text", show_default=True, help="Output format.")
@click.option("--select", callback=_codes, metavar="CODES",
              help="Comma-separated rule codes or prefixes to run (default: all).")
@click.option("--ignore", callback=_codes, metavar="CODES",
              help="Comma-separated rule codes or prefixes to skip.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: one per CPU).")
def lint_command(paths, fmt, select, ignore, jobs):
    """Report NumPy uses that flopscope run would refuse or cannot see.

    PATHS are files and directories (searched for *.py). Codes: FS001 unparsable
    file, FS1xx blocked operations, FS2xx NumPy objects flopscope cannot price,
    FS3xx dynamic NumPy access. Exit status: 0 clean, 1 findings, 2 usage or
    internal error. Rules and examples: docs/lint.md.
    """
    from flopscope.lint.engine import Selection, lint_paths
    from flopscope.lint.formats import render

    try:
        selection = Selection(select or ("FS",), ignore)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--select/--ignore") from None
    try:
        diagnostics = lint_paths(paths, selection, jobs)
    except Exception as exc:  # noqa: BLE001  (a linter crash must not read as "clean")
        click.echo(f"flopscope lint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(render(diagnostics, fmt), nl=False)
    if diagnostics and fmt == "text":
        files = len({d.path for d in diagnostics})
        click.echo(f"Found {len(diagnostics)} problem(s) in {files} file(s).", err=True)
    sys.exit(EXIT_FINDINGS if diagnostics else EXIT_CLEAN)
