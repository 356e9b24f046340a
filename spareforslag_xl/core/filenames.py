"""Which departments get files, and under which names: one name per department, safe and unique.

A department code becomes a file name with safe_filename, so that a code such as
'../x' or 'CON' stays inside its folder and opens on Windows. Two codes that become the same
name (such as 'A/B' and 'A_B') must not overwrite each other: the later one gets '-2', and
validation says so with a warning at its cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spareforslag_xl.model.findings import Finding, warning
from spareforslag_xl.model.plan import Department, Plan, at

WORKBOOK_FOLDER = "afdelinger"
MAIL_FOLDER = "mails"

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')


def safe_filename(name: str, fallback: str = "fil") -> str:
    """Return name usable as a file name on Windows, macOS and Linux, inside one folder.

    Path separators, '..', control and reserved characters become '_'; names Windows
    reserves (CON, NUL, COM1 …) get a trailing '_'; the result is never empty or hidden.
    """
    text = _UNSAFE.sub("_", name).strip().strip(".")
    text = text.replace("..", "_")
    if not text:
        text = fallback
    if _WINDOWS_RESERVED.match(text):
        text = f"{text}_"
    if text.startswith(("~", ".")):
        text = "_" + text[1:]
    return text[:120]


def file_stems(departments: Iterable[Department]) -> dict[str, str]:
    """Return code → file name without extension, unique ignoring case (as Windows and macOS compare)."""
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for d in departments:
        base = safe_filename(d.code, fallback="afdeling")
        stem, n = base, 2
        while stem.casefold() in taken:
            stem = f"{base}-{n}"
            n += 1
        taken.add(stem.casefold())
        stems[d.code] = stem
    return stems


def check_file_names(plan: Plan) -> list[Finding]:
    """Return a warning for each department whose code gives the file name of an earlier one."""
    stems = file_stems(plan.departments)
    first: dict[str, Department] = {}
    findings = []
    for d in plan.departments:
        base = safe_filename(d.code, fallback="afdeling").casefold()
        if base in first:
            other = first[base]
            findings.append(warning("file-name-clash", at(d.refs, "code"), code=other.code, code2=d.code,
                                    stems=stems[other.code], stems2=stems[d.code]))
        else:
            first[base] = d
    return findings


_SHEET_FORBIDDEN = set("[]:*?/\\")


def sheet_name(wanted: str, taken: set[str]) -> str:
    """Return a valid, unique sheet name close to wanted (31 characters, no []:*?/\\)."""
    base = "".join("_" if ch in _SHEET_FORBIDDEN or ord(ch) < 32 else ch for ch in wanted).strip().strip("'")
    base = (base or "Ark")[:31]
    name, n = base, 2
    while name.casefold() in {t.casefold() for t in taken} or name.casefold() == "history":
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def readable_name(name: str) -> str:
    """Return a file name as text every output can hold.

    A name whose bytes are not valid UTF-8 (a Latin-1 or Windows 'ø' from an old zip or share) reaches
    Python as surrogates, which no workbook, mail or log can hold: it is read as Windows-1252 instead.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
