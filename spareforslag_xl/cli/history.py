"""The `history` command: the masters kept by earlier builds in a folder's arkiv/, with their totals."""

from __future__ import annotations

from pathlib import Path

import click

from spareforslag_xl.cli.common import fail
from spareforslag_xl.model.errors import SpareforslagError


@click.command()
@click.argument("out_dir", required=False, default=Path("build"),
                type=click.Path(file_okay=False, path_type=Path))
def history(out_dir: Path) -> None:
    """List the masters earlier builds into OUT_DIR (default: build) kept in its arkiv/, with their totals.

    Every build keeps a copy of its master there, named by the date it was first kept and
    a hash of its content (the same content is kept once). Compare two of them with
    'spareforslag diff', or the current master with the previous build's with
    'spareforslag build MASTER --since forrige'.

    \b
    Example:
      spareforslag history build/
    """
    from spareforslag_xl.app.history import history as kept_versions
    from spareforslag_xl.model.danish import format_danish

    try:
        versions = kept_versions(out_dir)
    except SpareforslagError as exc:
        raise fail(exc) from None
    click.echo(f"Masters kept in {out_dir / 'arkiv'} ({len(versions)}), oldest first; I alt and Mål per year:")
    for v in versions:
        mark = "*" if v.last else " "
        used = f"{v.builds} build{'s' if v.builds != 1 else ''}"
        if v.total is None:
            click.echo(f" {mark} {v.path.name}  {used}  (cannot be read)")
            continue
        figures = ", ".join(f"{y}: {format_danish(v.total[y], v.decimals)} / {format_danish(v.target[y], v.decimals)}"
                            for y in sorted(v.total))
        click.echo(f" {mark} {v.path.name}  {used}, {v.lines} lines  {figures}")
    if any(v.last for v in versions):
        click.echo("* the master of the latest build (--since forrige compares with it)")
