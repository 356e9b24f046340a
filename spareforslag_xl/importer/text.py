"""Reads a document file into text lines: checks the file, finds its encoding, normalises line ends.

A Word document (.docx) is read as the same text structure (importer/word.py). Accepted text:
UTF-8 (with or without BOM), UTF-16 and UTF-32 with BOM, and as a fallback the Windows/Latin-1
encodings old Word exports use. Refused with one sentence: a missing file,
a folder, an empty file, a file over MAX_BYTES, and binary data (a workbook, a PDF, an image).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from spareforslag_xl.importer.word import WORD_SUFFIXES, NotWord, is_word, word_text
from spareforslag_xl.io.package import noun_forms, read_input
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import LazyText, _, lazy

MAX_BYTES = 5 * 1024 * 1024
"""A proposals document is tens of kilobytes; anything this large is not one."""
MAX_WORD_BYTES = 50 * 1024 * 1024
"""A Word document may carry pictures (a logo, charts); its text is still small."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_NAMES = {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "utf-16": "UTF-16 with BOM",
                   "utf-32": "UTF-32 with BOM", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class Document:
    """A document's text as lines (line 1 is lines[0]) and how it was decoded."""

    path: Path
    lines: tuple[str, ...]
    encoding: str
    """A human name of the encoding used, e.g. 'UTF-8' or 'UTF-16 with BOM'."""
    crlf: bool = False
    """True when the file had Windows (CRLF) or old Mac (CR) line ends."""
    modified: datetime | None = None
    """The file's modification time (UTC): when the document was last saved; it dates the master."""

    @property
    def name(self) -> str:
        return self.path.name


def read_document(path: Path) -> Document:
    """Return the document at path as lines; raise InputError when it is not a readable text file."""
    path = Path(path)
    limit = MAX_WORD_BYTES if path.suffix.lower() in WORD_SUFFIXES else MAX_BYTES
    document = decode_document(path, read_input(path, "document", limit))
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(microsecond=0)
    return replace(document, modified=modified)


def decode_document(path: Path, data: bytes) -> Document:
    """Return the Document that data holds (the checks of read_document without the file system; no time)."""
    if is_word(data):
        try:
            text, encoding = word_text(data), _("Word document (.docx)")
        except NotWord as e:
            remedy = _("Save the document again in Word (.docx) and import that file.")
            raise InputError(path, str(e), remedy) from None
    else:
        text, encoding = decode(path, data)
    crlf = "\r" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, _("the document is empty."),
                         _("Export the proposals document again as text (Markdown)."))
    return Document(Path(path), tuple(text.split("\n")), encoding, crlf)


DOCUMENT_REMEDY = lazy("Export the proposals document as text (Markdown, e.g. with pandoc) and import that file.")


def decode(path: Path, data: bytes, noun: str = "document",
           remedy: str | LazyText = DOCUMENT_REMEDY) -> tuple[str, str]:
    """Return (text, encoding name) for data; raise InputError for empty or binary data.

    ``noun`` and ``remedy`` make the messages fit the file: the proposals document, or the
    departments file.
    """
    if not data:
        raise InputError(path, _("{noun} is empty (0 bytes).").format(noun=noun_forms(noun)[1]), str(remedy))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(path, _("the file starts like {encoding} but is not valid {encoding} text.").format(
                    encoding=_ENCODING_NAMES[codec]), _("Save {noun} again as UTF-8 text.").format(
                        noun=noun_forms(noun)[1])) from None
            _refuse_binary(path, text, noun=noun, remedy=remedy)
            return text, _ENCODING_NAMES[codec]
    if b"\x00" in data[:65536]:
        raise _binary(path, data, noun, remedy)
    try:
        text, codec = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, codec = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, codec = data.decode("latin-1"), "latin-1"
    _refuse_binary(path, text, data, noun, remedy)
    return text, _ENCODING_NAMES[codec]


def _refuse_binary(path: Path, text: str, data: bytes = b"", noun: str = "document",
                   remedy: str | LazyText = DOCUMENT_REMEDY) -> None:
    """Control characters other than tabs and line ends do not occur in a text document."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in _CONTROL_OK) or ch == "\x7f")
    if "\x00" in sample or controls > max(8, len(sample) // 200):
        raise _binary(path, data or text.encode("utf-8", "replace"), noun, remedy)


def _binary(path: Path, data: bytes, noun: str, remedy: str | LazyText) -> InputError:
    kind = _("binary data")
    if data.startswith(b"PK\x03\x04"):
        kind = _("a zip archive (perhaps a Word or Excel file)")
    elif data.startswith(b"%PDF"):
        kind = _("a PDF file")
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        kind = _("an old Office file")
    return InputError(path, _("the file is {kind}, not {noun}.").format(kind=kind, noun=noun_forms(noun)[2]),
                      str(remedy))
