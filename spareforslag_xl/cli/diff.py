"""The `diff` command: what changed from one master to another, and what it means per department."""

from __future__ import annotations

from pathlib import Path

import click

from spareforslag_xl.cli.common import EXIT_OK, EXIT_PROBLEMS, fail
from spareforslag_xl.cli.language import argument, command, lazy, option
from spareforslag_xl.model.errors import SpareforslagError
from spareforslag_xl.model.i18n import _


@command(help=lazy("""Compare two masters as plans: what changed, and what it means for each department.

    Themes and lines added, removed, renamed or moved (a line is matched by theme and
    title, then number, so shifted numbering is not a change of every line), amounts per
    year ('-' → 0 is a change), keys, fixed amounts, rules, targets, settings and departments;
    then per year 'I alt', the difference to the target and every department's part of each
    theme, of the difference and its total, old → new, computed as build computes them.
    Exit 0 the plans are the same, 1 they differ, 2 a master cannot be read.

    \b
    Example:
      spareforslag diff build/arkiv/2024-05-02-3f2a9c1b04de.xlsx input/spareforslag-budget-2024.xlsx
      spareforslag diff old.xlsx new.xlsx -o build/aendringer.xlsx
    """))
@argument("old", type=click.Path(path_type=Path, readable=False))
@argument("new", type=click.Path(path_type=Path, readable=False))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=lazy("Write the changes workbook (Danish, print-ready) to this file."))
@option("--json", "as_json", is_flag=True, help=lazy("Print the changes as JSON instead of the summary."))
def diff(old: Path, new: Path, output: Path | None, as_json: bool) -> None:
    """Compare two masters as plans: what changed, and what it means for each department.

    The help text is in the decorator, to be translated when shown.
    """
    import json

    from spareforslag_xl.app.diff import diff_masters
    from spareforslag_xl.cli.diff_report import as_json as json_of
    from spareforslag_xl.cli.diff_report import summary_lines
    from spareforslag_xl.model.findings import count

    try:
        compared = diff_masters(old, new, output)
    except SpareforslagError as exc:
        raise fail(exc) from None
    for checked in (compared.old, compared.new):
        errors = count(checked.findings)[0]
        if errors:
            click.echo(_("warning: {path} has {n} error(s) (see 'spareforslag validate'); its figures may be "
                         "wrong.").format(path=checked.path, n=errors), err=True)
    if as_json:
        click.echo(json.dumps(json_of(compared.diff, str(old), str(new)), ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(compared.diff, str(old), str(new)):
            click.echo(line)
    if compared.written is not None:
        click.echo(_("Wrote {path}").format(path=compared.written), err=as_json)
    raise SystemExit(EXIT_OK if compared.same else EXIT_PROBLEMS)
