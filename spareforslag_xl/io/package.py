"""Checks an input file before any parser touches it: is it there, is it a workbook, is it sane.

Each refusal is one sentence naming the file and the problem, raised as InputError. The
limits are far above what any real master or budget workbook reaches (a master of 5,000
proposal lines is about 1 MB unpacked) and far below what would exhaust the machine.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from pathlib import Path

from spareforslag_xl.model.danish import danish_number
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import N_, _

MAX_FILE_BYTES = 100 * 1024 * 1024
"""The largest file accepted on disk."""
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
"""The largest total that the parts of a workbook may declare when unpacked."""
MAX_RATIO = 200
"""The largest compression ratio accepted for a part larger than RATIO_FLOOR (XML usually packs 5-30×)."""
RATIO_FLOOR = 2 * 1024 * 1024
MAX_PARTS = 10_000
PROLOG_BYTES = 4096
MAX_PROLOG_BYTES = 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")


# What a file should be, as the messages name it ('not a workbook', 'the document'); callers pass the key.
NOUNS = {
    "workbook": (N_("a workbook"), N_("the workbook"), N_("a text workbook")),
    "document": (N_("a document"), N_("the document"), N_("a text document")),
    "departments file": (N_("a departments file"), N_("the departments file"), N_("a text departments file")),
    "mapping file": (N_("a mapping file"), N_("the mapping file"), N_("a text mapping file")),
    "template": (N_("a Word template"), N_("the Word template"), N_("a Word template")),
}


def noun_forms(noun: str) -> tuple[str, str, str]:
    """Return ('a workbook', 'the workbook', 'a text workbook') for 'workbook', in the language in use."""
    forms = NOUNS.get(noun)
    return (_(forms[0]), _(forms[1]), _(forms[2])) if forms else (f"a {noun}", f"the {noun}", f"a text {noun}")


def check_file(path: Path, noun: str = "workbook", max_bytes: int = MAX_FILE_BYTES) -> int:
    """Return the size of path; raise InputError unless it is an existing, readable file within max_bytes.

    ``noun`` names what the file should be ('workbook', 'document') in the messages.
    """
    if not path.exists():
        raise InputError(path, _("the file does not exist."), _("Check the path and the file name."))
    if path.is_dir():
        raise InputError(path, _("is a folder, not {noun}.").format(noun=noun_forms(noun)[0]),
                         _("Give the path of {noun} inside it.").format(noun=noun_forms(noun)[1]))
    if not path.is_file():
        raise InputError(path,
                         _("is not a regular file (a device or a pipe), not {noun}.").format(noun=noun_forms(noun)[0]),
                         _("Give the path of {noun} itself.").format(noun=noun_forms(noun)[1]))
    if not os.access(path, os.R_OK):
        raise InputError(path, _("cannot be read: permission denied."), _("Ask for read access or copy the file."))
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            path, _("the file is {size} MB, more than the {max_bytes} MB accepted for {noun}.").format(
                size=_megabytes(size), max_bytes=_megabytes(max_bytes), noun=noun_forms(noun)[0]),
            _("Check that this is the right file."),
        )
    return size


def read_input(path: Path, noun: str, max_bytes: int) -> bytes:
    """Return the bytes of a small input file (document, CSV, mapping) after check_file's checks."""
    check_file(path, noun, max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, _("cannot be read ({value}).").format(value=exc.strerror or exc)) from None


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".removesuffix(".0").replace(".", ",")


def check_workbook_package(path: Path) -> bytes:
    """Return the bytes of path, read once; raise InputError unless they are an .xlsx/.xlsm package that openpyxl
    may safely open (the reader opens these bytes, never the file again: what was checked is what is read)."""
    if check_file(path) == 0:
        raise InputError(path, _("the file is empty (0 bytes)."), _("Save the workbook again from Excel."))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, _("cannot be read: {value}.").format(value=exc.strerror or exc)) from None
    head = data[:65536]
    if head.startswith(OLE_MAGIC):
        # The EncryptionInfo stream name sits in the OLE directory, which may lie beyond 64 KiB.
        if ENCRYPTION_MARK in head or ENCRYPTION_MARK in data[:4 * 1024 * 1024]:
            raise InputError(
                path,
                _("the workbook is password-protected (encrypted), so it cannot be read."),
                _("Remove the password in Excel (File > Info > Protect Workbook) and save it again."),
            )
        raise InputError(
            path,
            _("is an old Excel 97-2003 workbook (.xls), which is not supported."),
            _("Open it in Excel and save it as 'Excel Workbook (*.xlsx)'."),
        )
    if not head.startswith(ZIP_MAGIC):
        raise InputError(path,
                         _("is not an Excel workbook (.xlsx); it looks like {head}.").format(head=_describe(head)),
                         _("Save it from Excel as 'Excel Workbook (*.xlsx)'."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_parts(path, infos)
            _check_xml_prologs(path, archive, infos)
            _check_sheet_parts(path, archive, {info.filename for info in infos})
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(path,
                         _("the workbook is damaged (its zip structure cannot be read: {exc}).").format(
                             exc=_plain(exc)),
                         _("Save it again from Excel, or ask the sender for a new copy.")) from None
    return data


def _plain(exc: Exception) -> str:
    return str(exc).strip().rstrip(".") or type(exc).__name__


def _check_parts(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise InputError(path,
                         _("the workbook has {n} parts; at most {limit} are accepted.").format(
                             n=danish_number(len(infos)), limit=danish_number(MAX_PARTS)))
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names and "content.xml" in names and "mimetype" in names:
        raise InputError(path, _("is an OpenDocument spreadsheet (.ods, LibreOffice's own format), which is not read."),
                         _("In LibreOffice choose Filer › Gem som, pick the file type 'Excel 2007-365 (.xlsx)' "
                           "and use that file."))
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise InputError(path, _("is a zip file but not an Excel workbook (it has no xl/workbook.xml)."),
                         _("Save it from Excel as 'Excel Workbook (*.xlsx)'."))
    if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
        raise InputError(path, _("is a binary Excel workbook (.xlsb), which is not supported."),
                         _("Save it from Excel as 'Excel Workbook (*.xlsx)'."))
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise InputError(path,
                             _("part {filename} is encrypted, so the workbook cannot be read.").format(
                                 filename=info.filename))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                path,
                _("refused: part {filename} unpacks from {compress_size} to {file_size} bytes (ratio {ratio}:1, limit "
                  "{limit}:1), which looks like a zip bomb.").format(
                    filename=info.filename, compress_size=danish_number(info.compress_size),
                    file_size=danish_number(info.file_size),
                    ratio=danish_number(info.file_size // max(info.compress_size, 1)),
                    limit=danish_number(MAX_RATIO)),
            )
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            path,
            _("refused: the workbook unpacks to {size} MB, more than the {limit} MB accepted (a zip bomb or not a "
              "master workbook).").format(
                size=danish_number(round(total / 1024 / 1024)),
                limit=danish_number(MAX_UNPACKED_BYTES // 1024 // 1024)),
        )


def _check_xml_prologs(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DTD or entities (billion laughs, external entities).

    A DTD can only stand before the root element, so each part is read up to its root element
    (past any comments, processing instructions and white space, however long); no workbook
    written by Excel, LibreOffice or a library has one.
    """
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as fh:
                declares = _prolog_declares_dtd(fh)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise InputError(path, _("the workbook is damaged: part {filename} cannot be unpacked ({exc}).").format(
                filename=info.filename, exc=_unpack_reason(exc)),
                _("Save it again from Excel, or ask the sender for a new copy.")) from None
        if declares:
            raise InputError(path, _("refused: part {filename} declares an XML DTD or entities, which workbooks never "
                                     "need and which can be used to attack the reader.").format(filename=info.filename),
                             _("Save the workbook again from Excel."))


def _prolog_declares_dtd(fh) -> bool:
    """Return True when the XML prolog read from fh (up to the root element) declares a DTD or an entity."""
    data = b""
    while True:
        chunk = fh.read(PROLOG_BYTES)
        data += chunk
        if len(data) > MAX_PROLOG_BYTES:
            return True  # a megabyte of comments before the root element is no workbook's: refused the same way
        text = _prolog_text(data)
        at = 0
        while True:
            while at < len(text) and text[at] in " \t\r\n\ufeff":
                at += 1
            if text.startswith(("<!DOCTYPE", "<!ENTITY"), at):
                return True
            ends = {"<?": "?>", "<!--": "-->"}
            opener = next((o for o in ends if text.startswith(o, at)), None)
            if opener is None:
                break
            close = text.find(ends[opener], at + len(opener))
            if close < 0:
                at = -1
                break
            at = close + len(ends[opener])
        if at >= 0 and (at < len(text) or not chunk):
            return False  # the root element (or something that is not a prolog) comes next: no DTD can follow
        if not chunk:
            return False


def _prolog_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8", "replace")


def _unpack_reason(exc: BaseException) -> str:
    """Return why a part cannot be unpacked, in the language in use (zipfile's reasons are English)."""
    if isinstance(exc, EOFError):
        return _("the part is cut short")
    if isinstance(exc, zipfile.BadZipFile):
        return _("its packed data does not check out")
    return _("it cannot be unpacked")


def _check_sheet_parts(path: Path, archive: zipfile.ZipFile, names: set[str]) -> None:
    """Refuse a workbook whose sheets point to parts that are not in the file.

    openpyxl's read-only mode would show such a sheet as empty, silently losing its data.
    """
    rels = "xl/_rels/workbook.xml.rels"
    if rels not in names:
        raise InputError(path, _("the workbook is damaged: the part {rels} is missing.").format(rels=rels),
                         _("Save it again from Excel, or ask the sender for a new copy."))
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(archive.read(rels))
    except Exception as exc:  # defusedxml and expat raise several kinds
        raise InputError(path,
                         _("the workbook is damaged: {rels} cannot be parsed ({exc}).").format(rels=rels, exc=exc),
                         _("Save it again from Excel, or ask the sender for a new copy.")) from None
    for rel in root:
        if rel.get("TargetMode") == "External" or not rel.get("Type", "").endswith("/worksheet"):
            continue
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        if part not in names:
            raise InputError(path, _("the workbook is damaged: the sheet part {part} is missing.").format(part=part),
                             _("Save it again from Excel, or ask the sender for a new copy."))


def _describe(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return _("a PDF file")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("a UTF-16 text file")
    sample = head[:4096]
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _("a binary file of another kind")
    if text.lstrip().startswith("<"):
        return _("an HTML or XML file")
    first = text.splitlines()[0] if text.splitlines() else ""
    if first.count(";") or first.count(",") or first.count("\t"):
        return _("a CSV or text file")
    return _("a text file")
