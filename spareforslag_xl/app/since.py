"""What changed since an earlier master, for build's and mail's ``since``: a master given, or the previous build's."""

from __future__ import annotations

from pathlib import Path

from spareforslag_xl.app.check import check_master
from spareforslag_xl.app.history import copy_trouble
from spareforslag_xl.core.compute import Result
from spareforslag_xl.core.decisions import compute_scenario
from spareforslag_xl.core.diff import PlanDiff, diff_plans
from spareforslag_xl.io.archive import ARCHIVE_FOLDER, previous_copy, read_log
from spareforslag_xl.model.errors import RequestError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Plan, Scenario

PREVIOUS = "forrige"
"""--since forrige: compare with the master of the previous build into the same folder."""


def since_master(since: Path | str, out_dir: Path) -> Path:
    """Return the master to compare with: the path given, or the previous build's copy for PREVIOUS."""
    if str(since) != PREVIOUS:
        return Path(since)
    folder = Path(out_dir) / ARCHIVE_FOLDER
    found = previous_copy(folder)
    if found is None:
        raise RequestError(_("{folder}: no previous build to compare with; give the earlier master's file "
                             "instead.").format(folder=folder), remedy="since")
    problem = copy_trouble(found, read_log(folder))[1]  # a copy changed or damaged since is never compared with
    if problem is not None:
        raise RequestError(problem + " " + _("Give the earlier master's file instead of 'forrige'."), remedy="since")
    return found


def changes_since(since: Path | str | None, out_dir: Path, plan: Plan, result: Result,
                  scenario: Scenario | None = None) -> PlanDiff | None:
    """Return what changed from the ``since`` master (see since_master) to plan, both in scenario; None without."""
    if since is None:
        return None
    old = check_master(since_master(since, out_dir))
    return diff_plans(old.plan, plan, compute_scenario(old.plan, scenario), result)
