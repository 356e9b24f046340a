"""The library's entry point for mail drafts: one .eml per department, its workbook attached.

Reads and checks the master, computes it, renders each department's workbook, texts and
message in memory, and writes the drafts only when all are complete. A master with errors
gives no mails: a department must not receive figures the master itself contradicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from spareforslag_xl.app.check import Checked, check_master, counted_stop, require_clean
from spareforslag_xl.model.danish import danish_number
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Department, Plan, Scenario

if TYPE_CHECKING:
    from spareforslag_xl.render.eml import Draft

MB = 1024 * 1024


@dataclass
class Mail:
    """One department's mail: its draft file, the message and the draft's bytes."""

    department: Department
    path: Path
    draft: "Draft"
    message: EmailMessage
    data: bytes

    @property
    def to(self) -> tuple[str, ...]:
        return self.draft.to

    @property
    def subject(self) -> str:
        return self.draft.subject

    @property
    def attachment_name(self) -> str:
        return self.draft.attachment_name

    @property
    def attachment_size(self) -> int:
        return len(self.draft.attachment)


@dataclass
class Prepared:
    checked: Checked
    mails: list[Mail]
    notices: list[str] = field(default_factory=list)
    """Warnings for the person sending, in the language in use: departments without address, large attachments."""
    recovered: list = field(default_factory=list)
    """What an interrupted earlier run left in the folder, and what was done with it (io/journal.Recovered)."""


def format_size(n: int) -> str:
    """Return a size as people read it, the Danish way: '10,8 kB', '12,3 MB'."""
    from spareforslag_xl.model.danish import format_danish

    return f"{format_danish(Decimal(n) / 1024, 1)} kB" if n < MB else f"{format_danish(Decimal(n) / MB, 1)} MB"


def attachment_name(plan: Plan, stem: str) -> str:
    """Return the attachment's file name: 'spareforslag-budget-2024-MSB.xlsx'."""
    from spareforslag_xl.core.filenames import safe_filename

    year = plan.settings.budget_year
    return safe_filename(f"spareforslag-budget-{year}-{stem}" if year else f"spareforslag-{stem}") + ".xlsx"


def prepare_mails(master: Path, out_dir: Path, only: Optional[list[str]] = None, templates: Optional[Path] = None,
                  meeting: Optional[str] = None, note: str = "", sender: str = "",
                  max_attachment_mb: float = 10.0, write: bool = True, limit_name: str = "",
                  scenario: Optional[Scenario] = None, since: Optional[Path | str] = None) -> Prepared:
    """Check the master and write a mail draft per department into out_dir/mails/; return them.

    Raises FindingsError (nothing written) when the master has errors, RequestError for an
    unknown department code or a template folder without templates, InputError for a
    template that fails, OutputError when a draft cannot be written. ``limit_name`` is added
    after the attachment limit in its warning, to say where the limit is set (' (--max-attachment-mb)').
    ``scenario`` as for ``build``: the adopted plan once the master records decisions.
    With ``since`` (a master, or 'forrige' for the previous build's into out_dir) each mail whose
    department's figures changed gets a paragraph on the changes, and each workbook the sheet 'Ændringer'.
    """
    from spareforslag_xl.core.decisions import compute_scenario
    from spareforslag_xl.core.filenames import MAIL_FOLDER, file_stems, select
    from spareforslag_xl.io.lock import locked
    from spareforslag_xl.io.output import inside, write_all
    from spareforslag_xl.core.parts import department_part
    from spareforslag_xl.render.department import department_bytes
    from spareforslag_xl.render.eml import Draft, compose, eml_bytes
    from spareforslag_xl.render.mailtext import mail_context, render_mail, template_environment
    from spareforslag_xl.io.stamp import file_time

    checked = check_master(master)
    plan = checked.plan
    date: datetime = file_time(plan.created)  # SOURCE_DATE_EPOCH, else the master's saved time (RequestError when bad)
    chosen = select(plan.departments, only)
    require_clean(checked, lambda n: _("{stops} the mails; nothing was written.").format(stops=counted_stop(n, "error")))
    env = template_environment(templates, plan.settings.decimals)
    result = compute_scenario(plan, scenario)
    diff = _since(since, out_dir, plan, result, scenario)
    extra = {"changes": diff} if diff is not None else {}
    stems = file_stems(plan.departments)
    meeting = plan.settings.meeting if meeting is None else meeting
    folder = Path(out_dir) / MAIL_FOLDER
    prepared = Prepared(checked, [])
    for d in chosen:
        name = attachment_name(plan, stems[d.code])
        texts = render_mail(env, mail_context(department_part(result, d.code), result.plan, meeting, note, name, diff))
        draft = Draft(d.emails, texts.subject, texts.text, texts.html, name,
                      department_bytes(result, d.code, **extra),
                      date, to_name=d.contact, sender=sender)
        message = compose(draft)
        prepared.mails.append(Mail(d, inside(folder, stems[d.code] + ".eml"), draft, message, eml_bytes(message)))
        if not d.emails:
            prepared.notices.append(_("{code}: the department has no e-mail address; the draft has no recipient.").format(
                code=d.code))
        if len(draft.attachment) > max_attachment_mb * MB:
            prepared.notices.append(_(
                "{code}: the attachment {name} is {size}, more than {limit} MB{option}; mail servers often refuse "
                "large messages.").format(code=d.code, name=name, size=format_size(len(draft.attachment)),
                                          limit=danish_number(Decimal(str(max_attachment_mb))), option=limit_name))
    if write:
        with locked(Path(out_dir), "spareforslag mail") as holding:
            write_all({m.path: m.data for m in prepared.mails}, inputs=[master])
        prepared.recovered = holding.recovered
    return prepared


def _since(since, out_dir: Path, plan, result, scenario=None):
    if since is None:
        return None
    from spareforslag_xl.app.build import since_master
    from spareforslag_xl.core.decisions import compute_scenario
    from spareforslag_xl.core.diff import diff_plans

    old = check_master(since_master(since, out_dir))
    return diff_plans(old.plan, plan, compute_scenario(old.plan, scenario), result)
