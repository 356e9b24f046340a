"""Converts workbooks to PDF with LibreOffice: the meeting handout of `build --pdf`.

LibreOffice runs headless with a throwaway profile (``-env:UserInstallation``), so that it
neither touches the user's own profile nor collides with a LibreOffice that is already open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from spareforslag_xl.model.errors import PdfError
from spareforslag_xl.model.i18n import _

TIMEOUT_SECONDS = 300
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
"""LibreOffice Writer's export to a tagged (accessible) PDF: headings, tables and reading order marked."""

LOCALE = "da-DK"
"""The locale LibreOffice formats numbers with (3.250, 28,4 %, 2,19) and the language of the PDF."""

PROFILE_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>{LOCALE}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>{LOCALE}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse">
<value>{LOCALE}</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="UseTaggedPDF" oor:op="fuse">
<value>true</value></prop></item>
</oor:items>
"""
"""The throwaway profile's settings: Danish number forms and language whatever the machine's locale
(LibreOffice formats '#,##0' and '0.0 %' with the locale's separators: on a server without a Danish
locale 3.250 would print as 3,250, which a Danish reader reads as 3¼), and a tagged PDF (EN 301 549)."""


def soffice() -> str | None:
    """Return LibreOffice's command (soffice or libreoffice), or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(workbooks: Sequence[Path], out_dir: Path, timeout: float = TIMEOUT_SECONDS,
           export: str = "pdf") -> list[Path]:
    """Convert each workbook to out_dir/<stem>.pdf with LibreOffice; return the PDFs' paths.

    ``export`` is LibreOffice's --convert-to argument (TAGGED_PDF for a Word document).

    Raises PdfError when LibreOffice is not installed or does not write a PDF.
    """
    binary = soffice()
    if binary is None:
        raise PdfError(_("LibreOffice is not installed, so no PDF was written. Install LibreOffice "
                         "(Debian/Ubuntu: apt-get install libreoffice-calc; elsewhere: libreoffice.org) "
                         "and run again."), remedy="pdf")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="spareforslag-lo-") as profile:
        (Path(profile) / "user").mkdir()
        (Path(profile) / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        env = dict(os.environ, HOME=profile)
        # One LibreOffice run converts many files; files with the same name go in runs of their own.
        batches: list[list[Path]] = []
        for workbook in map(Path, workbooks):
            batch = next((b for b in batches if all(p.stem != workbook.stem for p in b)), None)
            if batch is None:
                batches.append([workbook])
            else:
                batch.append(workbook)
        made_for: dict[Path, Path] = {}
        for batch in batches:
            with tempfile.TemporaryDirectory(prefix=".~spareforslag-pdf-", dir=out_dir) as scratch:
                try:
                    proc = subprocess.run(
                        [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                         "--convert-to", export, "--outdir", scratch, *map(str, batch)],
                        capture_output=True, text=True, timeout=timeout * len(batch), env=env,
                    )
                except subprocess.TimeoutExpired:
                    raise PdfError(_("{workbook}: LibreOffice did not finish the PDF in time.").format(
                        workbook=batch[0])) from None
                for workbook in batch:
                    made = Path(scratch) / (workbook.stem + ".pdf")
                    if proc.returncode != 0 or not made.exists():
                        detail = (proc.stderr or proc.stdout).strip().splitlines()
                        raise PdfError((_("{workbook}: LibreOffice could not convert it to PDF ({reason}).") if detail
                                        else _("{workbook}: LibreOffice could not convert it to PDF.")).format(
                                            workbook=workbook, reason=detail[-1] if detail else ""))
                    target = out_dir / made.name
                    os.replace(made, target)
                    made_for[workbook] = target
        written = [made_for[Path(w)] for w in workbooks]
    return written
