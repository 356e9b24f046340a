"""The `document` command: the proposals document of a master, as Word or Markdown (and PDF)."""

from __future__ import annotations

from pathlib import Path

import click

from spareforslag_xl.cli.common import (
    EXIT_PROBLEMS,
    CommandError,
    echo_findings,
    echo_scenario,
    fail,
    force_option,
    master_argument,
    message_of,
    scenario_option,
    stopped,
    strict_option,
)
from spareforslag_xl.cli.language import command, lazy, option
from spareforslag_xl.model.errors import FindingsError, SpareforslagError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.scenario import Scenario


@command(help=lazy("""Check a master and write its proposals document as Word (.docx) or Markdown (.md).

    The document has the structure of 'Administrative spareforslag': title and subtitle,
    'Oversigt' (themes by year, I alt, Mål, the difference to distribute) and per theme its
    texts ('Beskrivelse af opgaven' with its sub-headings), 'Identificeret potentiale' with the
    total and the FTE row, and 'Fordeling på afdeling' with a table per split. Every figure is
    recomputed from the master, as in the workbooks; 'spareforslag import' reads the document back.
    --skabelon takes styles, page set-up, header and footer from the municipality's Word template.
    --pdf also writes a tagged PDF through LibreOffice Writer.

    \b
    Example:
      spareforslag document input/spareforslag-budget-2024.xlsx -o build/spareforslag.docx
      spareforslag document input/spareforslag-budget-2024.xlsx -o build/spareforslag.md
      spareforslag document budget.xlsx -o build/budget.docx --skabelon kommune.dotx --pdf
    """))
@master_argument()
@option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
        help=lazy("The document to write: .docx (Word) or .md (Markdown)."))
@option("--skabelon", "template", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help=lazy("A Word document or template (.docx, .dotx) whose styles, page set-up, header and footer "
                  "the document takes."))
@force_option(lazy("Write the document even when the master has errors."))
@strict_option(lazy("Treat warnings as errors."))
@scenario_option()
@option("--pdf", "pdf", is_flag=True, help=lazy("Also write the document as a PDF, with LibreOffice Writer."))
def document(master: Path, output: Path, template: Path | None, force: bool, strict: bool,
             scenario: Scenario | None, pdf: bool) -> None:
    """Check a master and write its proposals document (the help text is in the decorator)."""
    from spareforslag_xl.app.document import document_pdf, write_document
    from spareforslag_xl.model.findings import summary

    try:
        written = write_document(master, output, template=template, force=force, strict=strict, scenario=scenario)
    except FindingsError as exc:
        raise stopped(exc, _("--force to write the document anyway")) from None
    except SpareforslagError as exc:
        raise fail(exc) from None
    echo_findings(written.checked.findings, err=True)
    echo_scenario(written.scenario)
    click.echo(_("Wrote {path}").format(path=written.document))
    pdf_failed = None
    if pdf:
        try:
            click.echo(_("Wrote {path}").format(path=document_pdf(written, template)))
        except SpareforslagError as exc:
            pdf_failed = exc
    click.echo(f"{master}: {summary(written.checked.findings)}.", err=True)
    if pdf_failed is not None:
        raise CommandError(message_of(pdf_failed), EXIT_PROBLEMS)
