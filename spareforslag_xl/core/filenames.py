"""Which departments get files, and under which names: one name per department, safe and unique.

A department code becomes a file name with safe_filename, so that a code such as
'../x' or 'CON' stays inside its folder and opens on Windows. Two codes that become the same
name (such as 'A/B' and 'A_B') must not overwrite each other: the later one gets '-2', and
validation says so with a warning at its cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spareforslag_xl.model.errors import RequestError
from spareforslag_xl.model.findings import Finding, warning
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.plan import Department, Plan, at, fold_name

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
            findings.append(warning(
                "file-name-clash",
                _("the department codes '{code}' and '{code2}' give the same file name '{stems}'; the files of '{code2}' are named '{stems2}'.").format(code=other.code, code2=d.code, stems=stems[other.code], stems2=stems[d.code]),
                at(d.refs, "code"),
                _('Give the departments codes that differ in letters or digits (a file name cannot hold / \\ : * ? " < > |).'),
            ))
        else:
            first[base] = d
    return findings


def select(departments: Sequence[Department], only: Iterable[str] | None) -> tuple[Department, ...]:
    """Return the departments named in only (all when None), in the master's order.

    Raises RequestError naming the valid codes when a code is not in the master.
    """
    if only is None:
        return tuple(departments)
    wanted = [c.strip() for c in only if c.strip()]
    known = {fold_name(d.code) for d in departments}
    unknown = [c for c in wanted if fold_name(c) not in known]
    if unknown or not wanted:
        valid = ", ".join(d.code for d in departments) or _("(none)")
        what = ngettext("unknown department code {codes}", "unknown department codes {codes}", len(unknown)).format(
            codes=", ".join(f"'{c}'" for c in unknown)) if unknown else _("no department code given")
        raise RequestError(_("{what}. Valid codes: {valid}.").format(what=what, valid=valid), remedy="only")
    chosen = {fold_name(c) for c in wanted}
    return tuple(d for d in departments if fold_name(d.code) in chosen)


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
