"""Reading a document file: encodings, line ends, and the files that are refused with one sentence."""

import codecs

import pytest

from spareforslag_xl.model.errors import InputError
from spareforslag_xl.importer import text as text_module
from spareforslag_xl.importer.text import read_document

SAMPLE = "# Spareforslag\n\nTema (1.000 kr.)\t2024\nØkonomi og Børn\t1.000\n"


@pytest.mark.parametrize("data, encoding", [
    (SAMPLE.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "UTF-8 with BOM"),
    (SAMPLE.encode("utf-16"), "UTF-16 with BOM"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "UTF-16 with BOM"),
    (SAMPLE.encode("utf-32"), "UTF-32 with BOM"),
    (SAMPLE.encode("cp1252"), "Windows-1252"),
    (SAMPLE.encode("latin-1") + b"\x81", "Latin-1"),  # 0x81 is undefined in Windows-1252
])
def test_encodings(tmp_path, data, encoding):
    path = tmp_path / "doc.md"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.encoding == encoding
    assert doc.lines[0] == "# Spareforslag"
    assert doc.lines[3].startswith("Økonomi og Børn\t1.000")
    assert not doc.lines[0].startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_mac_line_ends(tmp_path, newline):
    path = tmp_path / "doc.md"
    path.write_bytes(SAMPLE.replace("\n", newline).encode("utf-8"))
    doc = read_document(path)
    assert doc.crlf
    assert doc.lines[:4] == ("# Spareforslag", "", "Tema (1.000 kr.)\t2024", "Økonomi og Børn\t1.000")


def refused(path) -> str:
    with pytest.raises(InputError) as info:
        read_document(path)
    return str(info.value)


def test_missing_file(tmp_path):
    assert refused(tmp_path / "nope.md") == f"{tmp_path / 'nope.md'}: the file does not exist. " \
                                           "Check the path and the file name."


def test_folder(tmp_path):
    assert refused(tmp_path).startswith(f"{tmp_path}: is a folder, not a document.")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_empty_document(tmp_path, data):
    path = tmp_path / "doc.md"
    path.write_bytes(data)
    assert "the document is empty" in refused(path)


@pytest.mark.parametrize("data, kind", [
    (b"PK\x03\x04" + b"\x00" * 100, "a zip archive (perhaps a Word or Excel file)"),
    (b"%PDF-1.7\n\x00\x01\x02binary", "a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old Office file"),
    (bytes(range(256)) * 4, "binary data"),
    (b"\x89PNG\r\n\x1a\n" + bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18]) * 20, "binary data"),
])
def test_binary_files_are_refused(tmp_path, data, kind):
    path = tmp_path / "doc.md"
    path.write_bytes(data)
    assert refused(path) == (f"{path}: the file is {kind}, not a text document. Export the proposals document as "
                             "text (Markdown, e.g. with pandoc) and import that file.")


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(text_module, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "doc.md"
    path.write_bytes(b"x" * 2048 * 1024)
    assert refused(path) == (f"{path}: the file is 2 MB, more than the 1 MB accepted for a document. "
                             "Check that this is the right file.")


def test_the_limit_is_far_above_a_document():
    assert text_module.MAX_BYTES == 5 * 1024 * 1024
