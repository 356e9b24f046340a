"""Golden workbooks as text: every cell's value or formula (with its stored value) and format.

A report is compared with its golden text line by line, so a failure reads like a diff of
cells. Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, and read
the diff in git before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def dump(path: Path) -> list[str]:
    """Return one line per non-empty cell, plus each sheet's merged cells, panes and print setup."""
    import openpyxl

    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    lines: list[str] = []
    for ws in formulas.worksheets:
        vs = values[ws.title]
        lines.append(f"# sheet {ws.title!r} freeze={ws.freeze_panes} merged={sorted(str(r) for r in ws.merged_cells.ranges)}")
        ps = ws.page_setup
        lines.append(f"# print paper={ps.paperSize} orientation={ps.orientation} fitToWidth={ps.fitToWidth} "
                     f"fitToHeight={ps.fitToHeight} titles={ws.print_title_rows} footer={ws.oddFooter.center.text!r}")
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                fmt = c.number_format if c.number_format != "General" else ""
                if isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f":
                    shown = f"{c.value} -> {vs[c.coordinate].value!r}"
                else:
                    shown = repr(c.value)
                lines.append(f"{c.coordinate}\t{shown}\t{fmt}".rstrip())
    return lines


def assert_matches_golden(path: Path, name: str) -> None:
    golden = GOLDEN / f"{name}.txt"
    actual = dump(path)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        # Written beside and renamed: a reader in another test process never sees half a file.
        golden.parent.mkdir(exist_ok=True)
        partial = golden.with_name(f".{golden.name}.{os.getpid()}")
        partial.write_text("\n".join(actual) + "\n", encoding="utf-8")
        os.replace(partial, golden)
    expected = golden.read_text(encoding="utf-8").splitlines()
    if actual != expected:
        diff = "\n".join(difflib.unified_diff(expected, actual, "golden", "generated", lineterm="", n=1))
        raise AssertionError(f"{path.name} differs from {golden.name} (UPDATE_GOLDEN=1 rewrites it):\n{diff[:6000]}")
