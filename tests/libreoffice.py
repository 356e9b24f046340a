"""Recalculate workbooks with LibreOffice (a real spreadsheet engine) and compare stored values.

LibreOffice keeps the stored values of .xlsx formulas by default; a throwaway profile whose
registrymodifications.xcu sets Calc's OOXMLRecalcMode to 0 ("always") makes it recalculate
every formula when it opens the file. Converting xlsx → xlsx then writes the recalculated values.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """Return the soffice binary; skip the test when missing, unless CI demands it."""
    binary = soffice()
    if binary is None:
        if os.environ.get("SPAREFORSLAG_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return binary


def recalculate(paths: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Open each workbook in LibreOffice with full recalculation and save it as .xlsx in out_dir."""
    return convert(paths, out_dir)


def convert(paths: list[Path], out_dir: Path, target: str = "xlsx:Calc MS Excel 2007 XML") -> dict[Path, Path]:
    """Open each workbook in LibreOffice (recalculating every formula) and save it in the format
    target ('xlsx:…' or 'ods') in out_dir, as a person saves it from LibreOffice."""
    binary = require_soffice()
    suffix = "." + target.split(":")[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(REGISTRY, encoding="utf-8")
        # Files with the same name would overwrite each other in out_dir: convert per folder.
        result = {}
        for index, path in enumerate(paths):
            target_dir = out_dir / str(index)
            proc = subprocess.run(
                [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", target, "--outdir", str(target_dir), str(path)],
                capture_output=True, text=True, timeout=180,
            )
            converted = target_dir / (path.stem + suffix)
            if proc.returncode != 0 or not converted.exists():
                raise AssertionError(f"LibreOffice could not open {path.name}: {proc.stdout} {proc.stderr}")
            result[path] = converted
    return result


def compare_with_recalculated(original: Path, recalculated: Path) -> list[str]:
    """Return a line for each formula cell whose stored value differs from LibreOffice's value."""
    import openpyxl

    formulas = openpyxl.load_workbook(original)
    stored = openpyxl.load_workbook(original, data_only=True)
    fresh = openpyxl.load_workbook(recalculated, data_only=True)
    problems, count = [], 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                count += 1
                mine = stored[ws.title][c.coordinate].value
                theirs = fresh[ws.title][c.coordinate].value
                if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
                    same = abs(mine - theirs) <= 1e-9 * max(1.0, abs(mine))
                else:
                    same = mine == theirs
                if not same:
                    problems.append(f"{original.name} {ws.title}!{c.coordinate}: {c.value} stored {mine!r}, "
                                    f"LibreOffice computes {theirs!r}")
    if count == 0:
        problems.append(f"{original.name}: no formulas")
    return problems
