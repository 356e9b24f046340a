"""openpyxl is loaded without numpy (it would use it only for numpy numbers as cell values)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "input" / "spareforslag-budget-2024.xlsx"


def test_reading_a_master_leaves_numpy_unimported_and_importable():
    code = (
        "import sys, importlib.util\n"
        "from pathlib import Path\n"
        "from spareforslag_xl.master.read import read_workbook\n"
        f"read_workbook(Path({str(SEED)!r}), None)\n"
        "print('numpy' in sys.modules, 'numpy' not in sys.modules or sys.modules['numpy'] is not None,\n"
        "      importlib.util.find_spec('numpy') is not None or 'absent')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[:2] == ["False", "True"]
