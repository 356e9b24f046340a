"""The library's entry point for the proposals document: the master's plan as Word or Markdown (and PDF).

It reads and checks the master, computes the plan shown (the scenario, as for the workbooks),
builds the document's content once and writes it with the writer the file's suffix names;
with ``pdf`` the Word document is also converted by LibreOffice Writer (a tagged PDF).
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from spareforslag_xl.app.check import Checked, Clock, check_master, counted_stop, require_clean
from spareforslag_xl.content.document import document_content
from spareforslag_xl.content.nodes import Document
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.io.output import refuse_inputs, write_all
from spareforslag_xl.io.package import read_input
from spareforslag_xl.io.pdf import TAGGED_PDF, to_pdf
from spareforslag_xl.io.stamp import file_time
from spareforslag_xl.model.errors import InputError, RequestError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Scenario
from spareforslag_xl.render.docx_writer import docx_bytes
from spareforslag_xl.render.markdown_writer import markdown_text

SUFFIXES = (".docx", ".md")
"""What ``document`` writes: Word, or Markdown in the dialect ``import`` reads."""
TEMPLATE_SUFFIXES = (".docx", ".dotx")
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


@dataclass
class WrittenDocument:
    """What ``write_document`` wrote: the document first, then its PDF when asked for."""

    checked: Checked
    files: list[Path] = field(default_factory=list)
    scenario: Scenario | None = None
    """The plan the figures are (None: a master without decisions, the proposals)."""

    @property
    def document(self) -> Path:
        """Return the path of the document written."""
        return self.files[0]


def write_document(master: Path, output: Path, template: Path | None = None, force: bool = False,
                   strict: bool = False, scenario: Scenario | None = None,
                   clock: Clock = time.perf_counter) -> WrittenDocument:
    """Check the master and write its proposals document to output (.docx or .md); return what was written.

    ``template`` (a .docx or .dotx) gives a Word document its styles, page set-up, header and footer.
    Raises RequestError for another suffix, FindingsError (nothing written) when the master has errors
    (or warnings with ``strict``) unless ``force``, InputError for an unreadable master or template and
    OutputError when output cannot be written.
    """
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise RequestError(_("{path}: the document is written as .docx (Word) or .md (Markdown), not '{suffix}'.")
                           .format(path=output, suffix=output.suffix or output.name))
    if template is not None and Path(template).suffix.lower() not in TEMPLATE_SUFFIXES:
        raise RequestError(_("{path}: a template is a Word document (.docx) or template (.dotx).").format(
            path=template))
    refuse_inputs([output], [master] + ([template] if template else []))
    checked = check_master(Path(master), clock)
    require_clean(checked, lambda n: _("{stops} the document; nothing was written.").format(
        stops=counted_stop(n, "problem")), strict=strict, force=force)
    result = compute_scenario(checked.plan, scenario)
    content = document_content(result, created=file_time(checked.plan.created))
    if suffix == ".md":
        data = markdown_text(content).encode("utf-8")
    else:
        data = _word(content, template)
    write_all({output: data}, inputs=[master])
    return WrittenDocument(checked, [output], result.plan.scenario)


def document_pdf(written: WrittenDocument, template: Path | None = None) -> Path:
    """Write the document also as a PDF beside it (tagged, through LibreOffice Writer); return its path.

    A Markdown document's PDF is made from the same content as Word. Raises PdfError when
    LibreOffice is missing or fails; the document is written already.
    """
    target = written.document
    if target.suffix.lower() == ".docx":
        return to_pdf([target], target.parent, export=TAGGED_PDF)[0]
    result = compute_scenario(written.checked.plan, written.scenario)
    content = document_content(result, created=file_time(written.checked.plan.created))
    with tempfile.TemporaryDirectory(prefix="spareforslag-doc-") as scratch:
        word = Path(scratch) / (target.stem + ".docx")
        word.write_bytes(_word(content, template))
        return to_pdf([word], target.parent, export=TAGGED_PDF)[0]


def _word(content: Document, template: Path | None) -> bytes:
    """The Word document's bytes, in the template's look when one is given (InputError when it is not Word)."""
    if template is None:
        return docx_bytes(content)
    style = read_input(Path(template), "template", MAX_TEMPLATE_BYTES)
    try:
        return docx_bytes(content, style)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(Path(template), _("is not a Word document or template ({reason}).").format(reason=exc),
                         _("Save the template again in Word as .docx or .dotx.")) from None
