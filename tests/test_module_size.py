"""Every module of the package stays small enough to read: at most 400 lines."""

from pathlib import Path

import spareforslag_xl

LIMIT = 400
PACKAGE = Path(spareforslag_xl.__file__).parent


def module_sizes() -> dict[str, int]:
    """Return the line count of every module of the package, by its path relative to the package's parent."""
    return {str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
            for path in sorted(PACKAGE.rglob("*.py"))}


def test_the_package_has_modules():
    assert len(module_sizes()) > 10


def test_no_module_has_more_than_400_lines():
    too_long = {name: n for name, n in module_sizes().items() if n > LIMIT}
    listed = ", ".join(f"{name} ({n} lines)" for name, n in sorted(too_long.items()))
    assert not too_long, f"modules over {LIMIT} lines: {listed}"
