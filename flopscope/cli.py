"""The ``flopscope`` command line (a click group; ``run`` here, more commands later)."""

from __future__ import annotations

import os
import sys

import click

from flopscope import __version__
from flopscope.lint.cli import lint_command

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flopscope")
def main() -> None:
    """Count the FLOPs a NumPy program spends, and stop it when a budget runs out."""


def _positive(ctx, param, value):
    if value is not None and (value < 0 or value != value):
        raise click.BadParameter("must be a non-negative number")
    return value


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--budget", "flop_budget", type=float, callback=_positive, metavar="FLOPS",
              help="FLOPs the program may spend (e.g. 1e9); default FLOPSCOPE_DEFAULT_BUDGET "
                   "or 1e15.")
@click.option("--time", "time_limit", type=float, callback=_positive, metavar="SECONDS",
              help="Wall-time limit, checked at each counted operation.")
@click.option("--summary-json", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write the summary as JSON to FILE.")
@click.option("--by-line", is_flag=True, help="Attribute FLOPs to source lines.")
@click.option("--instrument", multiple=True, metavar="PKG",
              help="Also instrument this package (repeatable).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the instrumented-code cache.")
@click.option("--no-guard", is_flag=True,
              help="Do not contain the program (trusted code only): third-party imports, "
                   "introspection and the like are then allowed and may go uncounted.")
@click.option("--isolate", is_flag=True,
              help="Run the program in a child process with resource limits; its summary "
                   "comes back over a pipe the program cannot reach (for graders).")
@click.option("--memory", type=int, metavar="MB", help="With --isolate: address-space limit.")
@click.option("--cpu", type=int, metavar="SECONDS", help="With --isolate: CPU-time limit.")
@click.option("--no-network", is_flag=True,
              help="With --isolate: no network (where the system allows it).")
@click.option("-m", "--module", "as_module", is_flag=True,
              help="TARGET is a module name, run like python -m.")
@click.argument("target")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run(flop_budget, time_limit, summary_json, by_line, instrument, no_cache, no_guard,
        isolate, memory, cpu, no_network, as_module, target, args):
    """Run TARGET (a script, or a module with -m) with every NumPy FLOP counted.

    flopscope's options may come before or after TARGET; other arguments go to the
    program (after a "--", all of them do, e.g. one named --budget). The exit
    status is the program's own, or 1 (uncaught exception), 2 (usage), 3 (budget
    exhausted), 4 (time exhausted), 5 (blocked operation); see docs/run.md.
    """
    from flopscope.transform import report, runner, session

    if time_limit == 0:
        raise click.BadParameter("must be positive", param_hint="--time")
    if (memory or cpu or no_network) and not isolate:
        raise click.UsageError("--memory, --cpu and --no-network go with --isolate")
    if isolate and no_guard:
        raise click.UsageError("--isolate always contains the program; drop --no-guard")
    outcome = None
    if isolate:
        from flopscope.transform import isolate as isolation

        spec = {"target": target, "args": list(args), "module": as_module,
                "flop_budget": flop_budget, "time_limit": time_limit, "by_line": by_line,
                "instrument": list(instrument), "use_cache": not no_cache}
        data, code = isolation.run_isolated(
            spec, isolation.Limits(memory, cpu, network=not no_network))
    else:
        try:
            outcome, ctx = session.run_program(
                target, args, module=as_module, flop_budget=flop_budget,
                time_limit=time_limit, by_line=by_line, instrument=instrument,
                use_cache=not no_cache, guard=not no_guard)
        except session.UsageError as exc:
            raise click.UsageError(str(exc)) from None
        data, code = report.summary_data(ctx, outcome), outcome.exit_code
    try:
        if data["status"] == "no_summary":
            click.echo(f"flopscope: error: {data['error']['message']}", err=True)
        else:
            report.print_summary(data, sys.stderr)
        if summary_json:
            report.write_json(data, summary_json)
    except OSError as exc:
        click.echo(f"flopscope: error: cannot write the summary: {exc}", err=True)
        sys.exit(session.EXIT_USAGE)
    finally:
        # (an isolated child has already printed its own traceback or message)
        if outcome is not None and outcome.exception is not None:
            sys.stderr.write(runner.format_exception(outcome.exception))
        if outcome is not None and outcome.message:
            click.echo(outcome.message, err=True)
    sys.exit(code)


main.add_command(lint_command)


def console_main(prog_name: str | None = None) -> None:
    """The ``flopscope`` command. After the report it leaves with ``os._exit``, so
    nothing the program left behind (finalizers, exit handlers) runs after it and can
    rewrite or hide the summary."""
    try:
        main(prog_name=prog_name)
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    console_main()
