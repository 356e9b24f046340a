"""The `history` command: the masters kept by earlier builds in a folder's arkiv/, with their totals."""

from __future__ import annotations

from pathlib import Path

import click

from spareforslag_xl.cli.common import fail
from spareforslag_xl.cli.language import argument, command, lazy
from spareforslag_xl.model.errors import SpareforslagError
from spareforslag_xl.model.i18n import _, ngettext


@command(help=lazy("""List the masters earlier builds into FOLDER (default: build) kept in arkiv/, with their totals.

    Every build keeps a copy of its master there, named by the date it was first kept and
    a hash of its content (the same content is kept once). Compare two of them with
    'spareforslag diff', or the current master with the previous build's with
    'spareforslag build MASTER --since forrige'.

    \b
    Example:
      spareforslag history build/
    """))
@argument("out_dir", metavar="FOLDER", required=False, default=Path("build"),
                type=click.Path(file_okay=False, path_type=Path))
def history(out_dir: Path) -> None:
    """List the masters earlier builds into FOLDER (default: build) kept in arkiv/, with their totals.

    The help text is in the decorator, to be translated when shown.
    """
    from spareforslag_xl.app.history import kept_versions
    from spareforslag_xl.model.danish import format_danish

    try:
        versions = kept_versions(out_dir)
    except SpareforslagError as exc:
        raise fail(exc) from None
    for warning in versions.warnings:
        click.echo(_("warning: {notice}").format(notice=warning), err=True)
    click.echo(_("Masters kept in {folder} ({n}), oldest first; I alt and Mål per year:").format(
        folder=out_dir / "arkiv", n=len(versions)))
    for v in versions:
        mark = "*" if v.last else " "
        used = ngettext("{n} build", "{n} builds", v.builds).format(n=v.builds)
        t = v.totals
        if v.problem is not None:
            click.echo(f" {mark} {v.path.name}  {used}  " + _("(not used: see the warning)"))
            click.echo(_("warning: {notice}").format(notice=v.problem), err=True)
            continue
        if t is None:
            click.echo(f" {mark} {v.path.name}  {used}  " + _("(cannot be read)"))
            continue
        figures = ", ".join(f"{y}: {format_danish(t.total[y], t.decimals)} / {format_danish(t.target[y], t.decimals)}"
                            for y in sorted(t.total))
        shown = f", --scenario {t.scenario.value}" if t.scenario is not None else ""  # the plan the build showed
        click.echo(f" {mark} {v.path.name}  {used}, " + _("{n} lines").format(n=t.lines) + f"{shown}  {figures}")
    if any(v.last for v in versions):
        click.echo(_("* the master of the latest build (--since forrige compares with it)"))
