"""The command line: the click group and its commands (one module each; cli/common.py holds what they share).

Exit codes (the same for every command):
  0  done; warnings may have been printed
  1  the input was read but has problems (validation errors, differences found)
  2  usage error, or an input that cannot be read at all
  3  an output could not be written
Heavy libraries (openpyxl, xlsxwriter, jinja2) are imported inside the commands, so that
``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import gc
import io
import sys

import click

from spareforslag_xl import __version__
from spareforslag_xl.cli.budget_changes import budget_changes
from spareforslag_xl.cli.build import build
from spareforslag_xl.cli.check import init, validate
from spareforslag_xl.cli.diff import diff
from spareforslag_xl.cli.document import document
from spareforslag_xl.cli.history import history
from spareforslag_xl.cli.importing import audit, import_
from spareforslag_xl.cli.language import Group, Option, lazy, option
from spareforslag_xl.cli.mail import mail
from spareforslag_xl.cli.reconcile import reconcile
from spareforslag_xl.model.i18n import set_language


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             help=lazy("""Check a master workbook of savings proposals (spareforslag) and build its reports.

    \b
    Example:
      spareforslag init master.xlsx
      spareforslag validate input/spareforslag-budget-2024.xlsx
      spareforslag build input/spareforslag-budget-2024.xlsx -o build/
      spareforslag document input/spareforslag-budget-2024.xlsx -o build/spareforslag.docx
      spareforslag import input/administrative-spareforslag-2023.md -o master.xlsx
      spareforslag audit input/spareforslag-budget-2024.xlsx
      spareforslag mail input/spareforslag-budget-2024.xlsx -o build/
      spareforslag reconcile input/spareforslag-budget-2024.xlsx input/officielt-budget-2024.xlsx
      spareforslag budgetaendringer budget-2024.xlsx
      spareforslag diff build/arkiv/2024-05-02-3f2a9c1b04de.xlsx input/spareforslag-budget-2024.xlsx
      spareforslag history build/

    Exit codes: 0 done, 1 problems in the input, 2 usage error or unreadable input,
    3 output not written."""))
@click.version_option(__version__, "--version", prog_name="spareforslag", cls=Option,
                      help=lazy("Show the version and exit."))
@option("--lang", type=click.Choice(["da", "en"]), expose_value=False, is_eager=True,
        callback=lambda ctx, param, value: set_language(value) if value else None,
        help=lazy("Language of messages, help and written texts (default: da; or SPAREFORSLAG_LANG)."))
def cli() -> None:
    """The command group (its help is the lazy text above, translated when shown)."""


for command in (init, validate, build, document, import_, audit, mail, reconcile, budget_changes, diff, history):
    cli.add_command(command)


GC_THRESHOLDS = (20_000, 20, 20)
"""The cyclic garbage collector's thresholds for a command's process (Python's are 700, 10, 10). A build keeps
what it reads, computes and renders to the end, millions of objects that are never garbage: at the default
thresholds the collector walks them again and again, a fifth of a 5.000-line build's CPU time (measured with
bench/run.py), for no memory back. Reference counting frees everything else at once, as before."""


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    # A file name that is not valid UTF-8 (a Latin-1 'ø') reaches Python as surrogates: print its bytes as
    # they are, as ls does, rather than failing on them.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="surrogateescape")
    cli(prog_name="spareforslag")


if __name__ == "__main__":  # pragma: no cover
    main()
