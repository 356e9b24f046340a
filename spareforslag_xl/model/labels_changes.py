"""The Danish words of the sheet 'Ændringer' (render/changes.py): what changed since the last master and what it means.

Part of model.labels (kept apart so that each module stays short); the same words in the changes
workbook, the report built with --since and each department's workbook.
"""

from __future__ import annotations

SHEET = "Ændringer"
HEADING = "Ændringer siden sidst"
FROM_TO, FROM_TO_OLD, FROM_TO_NEW = "Fra {old} til {new}", "forrige grundark", "dette grundark"
BEFORE, NOW, CHANGE = "før", "nu", "Ændring"
"""The three rows of a changed figure: before, now and the change (a live formula)."""
UNCHANGED = "{label}: uændret"
NO_CHANGES, NO_CHANGES_DEPARTMENT = "Ingen ændringer: planerne er ens.", "Ingen ændringer for afdelingen siden sidst."
CHANGES_SECTION = "Ændringer i grundarket"
CONSEQUENCES_HEADER = "Konsekvenser"
PLAN_SECTION, TOTALS_SECTION = "Konsekvenser for planen", "Afdelingernes i alt"
DEPARTMENT_SECTION = "Konsekvenser for afdelingen"
DEPARTMENT_SHARES = "Andele for {department}"
PLAN_DIFFERENCE = "Difference (mål − i alt)"
DEPARTMENT_SIDE = {"old": "Kun i det forrige grundark", "new": "Ny afdeling"}
"""A department in one of the two masters only: the note beside its total."""
