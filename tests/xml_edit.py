"""Edits the XML of a workbook part directly, for cases openpyxl cannot write."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path


def sheet_part(path: Path, sheet: str) -> str:
    """Return the zip path of a sheet's XML (e.g. 'xl/worksheets/sheet7.xml')."""
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    # any attribute order: xlsxwriter, openpyxl and LibreOffice write them differently
    tag = re.search(rf'<sheet\b[^>]*\bname="{re.escape(sheet)}"[^>]*>', workbook).group(0)
    rid = re.search(r'\br:id="([^"]+)"', tag).group(1)
    rel = re.search(rf'<Relationship\b[^>]*\bId="{rid}"[^>]*>', rels).group(0)
    target = re.search(r'\bTarget="([^"]+)"', rel).group(1)
    return "xl/" + target.lstrip("/").removeprefix("xl/")


def rewrite_part(path: Path, part: str, change) -> None:
    """Replace one part of the zip by change(old_bytes) → new_bytes."""
    temp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                data = change(data)
            dst.writestr(info, data)
    shutil.move(temp, path)


def set_cell_xml(path: Path, sheet: str, ref: str, xml: str) -> None:
    """Replace the <c> element of a cell by xml."""
    def change(data: bytes) -> bytes:
        text = data.decode()
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
        assert n == 1, f"cell {ref} not found"
        return new.encode()

    rewrite_part(path, sheet_part(path, sheet), change)
