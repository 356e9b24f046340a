"""The catalogue of findings: every code with its severity and what it means, in one place.

As frictionless-py keeps its errors: a code means one thing everywhere. ``spareforslag validate
--codes`` lists this catalogue, the README's table of codes is checked against it
(tests/test_codes.py), and a test fails when the code uses a code that is not here. The codes
are stable (scripts read them from ``validate --json``); the meanings are translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from spareforslag_xl.model.findings import Severity
from spareforslag_xl.model.i18n import LazyText, lazy


@dataclass(frozen=True)
class Code:
    """One finding code: the severities it is reported with and what it means."""

    code: str
    severities: tuple[Severity, ...]
    meaning: LazyText


CODES: tuple[Code, ...] = (
    Code("bad-setting", (Severity.ERROR,),
         lazy("A setting has a value it cannot have (e.g. Decimaler outside 0-4).")),
    Code("boolean-in-amount", (Severity.ERROR,),
         lazy("An amount cell holds TRUE/FALSE instead of a number.")),
    Code("date-in-amount", (Severity.ERROR,),
         lazy("An amount cell holds a date (Excel may have turned the typed number into one).")),
    Code("duplicate-column", (Severity.ERROR,),
         lazy("A column header appears twice on a sheet.")),
    Code("duplicate-department", (Severity.ERROR,),
         lazy("A department code appears twice.")),
    Code("duplicate-email", (Severity.WARNING,),
         lazy("An address is given twice, or for two departments.")),
    Code("duplicate-fixed", (Severity.ERROR,),
         lazy("The same fixed amount (theme, proposal, department) is given twice.")),
    Code("duplicate-line", (Severity.ERROR,),
         lazy("A proposal number appears twice in a theme.")),
    Code("duplicate-setting", (Severity.ERROR,),
         lazy("A setting appears twice.")),
    Code("duplicate-share", (Severity.ERROR,),
         lazy("A key gives the same department two shares.")),
    Code("duplicate-target", (Severity.ERROR,),
         lazy("There is more than one target row.")),
    Code("duplicate-theme", (Severity.ERROR,),
         lazy("A theme number appears twice.")),
    Code("duplicate-year", (Severity.ERROR,),
         lazy("A year column appears twice.")),
    Code("example-row", (Severity.WARNING,),
         lazy("The example row of a new master is still there.")),
    Code("excel-error", (Severity.ERROR,),
         lazy("A cell shows an Excel error such as #REF!.")),
    Code("file-name-clash", (Severity.WARNING,),
         lazy("Two department codes give the same file name.")),
    Code("fixed-not-estimated", (Severity.WARNING,),
         lazy("Fixed amounts are given for a year whose amount is not estimated.")),
    Code("fixed-sum", (Severity.ERROR,),
         lazy("The fixed amounts do not add up to the amount they distribute.")),
    Code("fixed-unused", (Severity.WARNING,),
         lazy("Fixed amounts are given for a theme or proposal not distributed by them.")),
    Code("formula-without-value", (Severity.ERROR,),
         lazy("A formula was never calculated, so it has no value to read.")),
    Code("invalid-email", (Severity.ERROR,),
         lazy("An e-mail address is not valid.")),
    Code("key-ignored", (Severity.WARNING,),
         lazy("A key is named although the distribution does not use one.")),
    Code("key-not-100", (Severity.WARNING,),
         lazy("A key's shares sum to less than 100 %; the rest appears as 'Ikke fordelt'.")),
    Code("key-over-100", (Severity.ERROR,),
         lazy("A key's shares sum to more than 100 %.")),
    Code("macros-ignored", (Severity.WARNING,),
         lazy("The workbook has macros; they are neither run nor copied.")),
    Code("missing-column", (Severity.ERROR,),
         lazy("A required column is missing.")),
    Code("missing-email", (Severity.WARNING,),
         lazy("A department has no e-mail address.")),
    Code("missing-fixed", (Severity.ERROR,),
         lazy("A distribution by fixed amounts has no rows on 'Faste beløb'.")),
    Code("missing-header", (Severity.ERROR,),
         lazy("No header row was found on a sheet.")),
    Code("missing-key", (Severity.ERROR,),
         lazy("The distribution is by key, but no key is named.")),
    Code("missing-setting", (Severity.ERROR, Severity.WARNING),
         lazy("A setting is empty (an error when the program needs it).")),
    Code("missing-sheet", (Severity.ERROR,),
         lazy("A sheet of the master is missing.")),
    Code("missing-target", (Severity.ERROR,),
         lazy("The target row, or the target of a year, is missing.")),
    Code("missing-value", (Severity.ERROR, Severity.WARNING),
         lazy("A cell that must be filled in is empty.")),
    Code("missing-year", (Severity.ERROR,),
         lazy("An amount column of a year is missing.")),
    Code("negative-amount", (Severity.WARNING,),
         lazy("An amount is negative (savings are entered as positive amounts).")),
    Code("negative-share", (Severity.ERROR,),
         lazy("A key has a negative share.")),
    Code("no-departments", (Severity.ERROR,),
         lazy("The master lists no departments.")),
    Code("no-distribution", (Severity.WARNING,),
         lazy("A theme has no distribution; its amounts appear as 'Ikke fordelt'.")),
    Code("no-themes", (Severity.ERROR,),
         lazy("The master lists no themes.")),
    Code("no-years", (Severity.ERROR,),
         lazy("The proposals sheet has no year columns.")),
    Code("not-a-number", (Severity.ERROR,),
         lazy("A cell that should hold a number holds something else.")),
    Code("not-a-year", (Severity.ERROR,),
         lazy("A value that should be a year is not one.")),
    Code("not-finite", (Severity.ERROR,),
         lazy("A number is not finite (NaN or infinity).")),
    Code("not-positive", (Severity.ERROR,),
         lazy("A value that must be above 0 is not (e.g. the average salary).")),
    Code("number-as-text", (Severity.WARNING,),
         lazy("A number was typed as text; it was read as a number.")),
    Code("share-mixed-forms", (Severity.WARNING,),
         lazy("A key mixes shares typed as percent (0,284) and as percent points (28,4).")),
    Code("share-percent-points", (Severity.WARNING,),
         lazy("A share was read as percent points (28,4 as 28,4 %).")),
    Code("sheet-too-large", (Severity.ERROR,),
         lazy("A sheet goes beyond Excel's limits of rows or columns.")),
    Code("stated-row-unreadable", (Severity.WARNING,),
         lazy("A row of the sheet 'Dokumenttal' cannot be read; the audit leaves it out.")),
    Code("text-too-long", (Severity.ERROR,),
         lazy("A text is longer than Excel allows in a cell.")),
    Code("theme-without-lines", (Severity.WARNING,),
         lazy("A theme has no proposals and no status note.")),
    Code("too-large", (Severity.ERROR,),
         lazy("A number is implausibly large.")),
    Code("too-many-decimals", (Severity.ERROR,),
         lazy("An amount has more decimals than the plan shows.")),
    Code("unknown-column", (Severity.WARNING,),
         lazy("A column is not used by the program and is ignored.")),
    Code("unknown-department", (Severity.ERROR,),
         lazy("A department code is not on the sheet 'Afdelinger'.")),
    Code("unknown-key", (Severity.ERROR,),
         lazy("A key name is not on the sheet 'Nøgler'.")),
    Code("unknown-kind", (Severity.WARNING,),
         lazy("A proposal's type is neither A nor T.")),
    Code("unknown-line", (Severity.ERROR,),
         lazy("A fixed amount refers to a proposal that does not exist.")),
    Code("unknown-method", (Severity.ERROR,),
         lazy("A distribution is none of Nøgle, Faste beløb and Ikke fordelt.")),
    Code("unknown-row", (Severity.WARNING,),
         lazy("A row of the target sheet is not used.")),
    Code("unknown-setting", (Severity.WARNING,),
         lazy("A setting is not known and is ignored.")),
    Code("unknown-theme", (Severity.ERROR,),
         lazy("A proposal or fixed amount refers to a theme that does not exist.")),
    Code("unknown-year", (Severity.WARNING,),
         lazy("A first year ('Fra år') is not one of the plan's years.")),
    Code("unused-year", (Severity.WARNING,),
         lazy("A target is given for a year without proposals.")),
    Code("years-out-of-order", (Severity.WARNING,),
         lazy("The year columns are not in ascending order.")),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in CODES}


def severity_label(code: Code) -> str:
    """Return 'error', 'warning' or 'error/warning' in the language in use."""
    return "/".join(s.label for s in code.severities)
