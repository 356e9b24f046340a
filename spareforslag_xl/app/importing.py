"""The library's entry point for an import: read the document and departments file, build the plan, write the master."""

from __future__ import annotations

from pathlib import Path

from spareforslag_xl.importer.build_plan import Imported, build_plan
from spareforslag_xl.importer.departments import read_departments
from spareforslag_xl.importer.sheets import import_report_sheet
from spareforslag_xl.importer.text import read_document
from spareforslag_xl.io.output import refuse_existing, refuse_inputs, write_atomically
from spareforslag_xl.master.stated_sheet import stated_sheet
from spareforslag_xl.master.write import master_bytes

__all__ = ["Imported", "import_document", "master_of"]


def import_document(document: Path, output: Path, departments: Path | None = None,
                    municipality: str | None = None, overwrite: bool = False) -> Imported:
    """Import document into a master workbook at output; return what was imported.

    Raises InputError when the document or the departments file cannot be used, and
    OutputError when output exists (without overwrite) or cannot be written.
    """
    output = Path(output)
    refuse_inputs([output], [document] + ([departments] if departments else []))
    refuse_existing(output, overwrite)
    listed = read_departments(Path(departments)) if departments is not None else ()
    imported = build_plan(read_document(Path(document)), listed, municipality)
    write_atomically(output, master_of(imported), inputs=[document] + ([departments] if departments else []))
    return imported


def master_of(imported: Imported) -> bytes:
    """Return the bytes of the master workbook for an import, with 'Dokumenttal' and 'Importrapport'."""
    doc = imported.document
    return master_bytes(imported.plan, extras=[
        stated_sheet(imported.figures),
        import_report_sheet(imported.report, doc.name, doc.encoding),
    ])
