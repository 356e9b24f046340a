"""The send log: what became of each department's mail, so that sending again never sends a delivered mail twice.

'mails/afsendt.json' in the output folder holds, per department and recipient, the Message-ID of
the mail and its outcome (delivered, refused, unknown, not sent), with the time. A record
'sending' is written before a message is handed to the server and replaced by its outcome after,
so that a run killed while sending leaves 'sending', read as unknown. The log is replaced
atomically after every message, under the output folder's lock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from spareforslag_xl.io.oserrors import os_reason
from spareforslag_xl.io.smtp import DELIVERED, NOT_SENT, REFUSED, UNKNOWN
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import _

SEND_LOG = "afsendt.json"
SENDING = "sending"
STATES = (DELIVERED, REFUSED, UNKNOWN, NOT_SENT, SENDING)


@dataclass(frozen=True)
class Record:
    """One recipient's mail of one department: its Message-ID and what became of it."""

    code: str
    recipient: str
    message_id: str
    status: str
    answer: str = ""
    time: str = ""


@dataclass
class SendLog:
    """The records of a folder's send log, the latest per (department, recipient) last."""

    path: Path
    records: list[Record]

    def latest(self, code: str, recipient: str) -> Record | None:
        """Return the last record of a department's recipient, if any."""
        for record in reversed(self.records):
            if record.code == code and record.recipient == recipient:
                return record
        return None

    def add(self, records: Iterable[Record]) -> None:
        self.records.extend(records)

    def data(self) -> bytes:
        """Return the log's bytes: JSON, one record per line, readable by people too."""
        lines = ",\n".join("  " + json.dumps(asdict(r), ensure_ascii=False) for r in self.records)
        return ("{\"records\": [\n" + lines + "\n]}\n").encode("utf-8")


def read_send_log(folder: Path) -> SendLog:
    """Return the send log of a mails folder (empty when there is none).

    Raises InputError (remedy 'send-log') when it exists but cannot be read: what was delivered is then unknown."""
    path = Path(folder) / SEND_LOG
    if not path.exists():
        return SendLog(path, [])
    try:
        state = json.loads(path.read_bytes().decode("utf-8"))
        records = [Record(**{k: str(v) for k, v in item.items()}) for item in state["records"]]
    except OSError as exc:
        raise InputError(path, _("cannot be read ({reason}).").format(reason=os_reason(exc)),
                         remedy="send-log") from None
    except (ValueError, KeyError, TypeError):
        raise InputError(path, _("is damaged, so it is not known which mails were delivered."),
                         remedy="send-log") from None
    return SendLog(path, [r for r in records if r.status in STATES])
