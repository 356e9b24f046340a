"""The library's entry point for a reconciliation: read both workbooks, compare, write the report.

The CLI only parses options and prints; every refusal here is an InputError (the official
workbook or the mapping cannot be used: exit 2), a FindingsError (the master has errors) or
an OutputError (exit 3). The official workbook is never written to.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from spareforslag_xl.app.check import Checked, check_master, counted, require_clean
from spareforslag_xl.core.decisions import compute_scenario, has_decisions
from spareforslag_xl.core.filenames import readable_name, safe_filename
from spareforslag_xl.io.output import refuse_inputs, write_atomically
from spareforslag_xl.model.errors import InputError, LocateError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Scenario
from spareforslag_xl.model.units import Unit, UnitConflict, nearest_unit, parse_unit
from spareforslag_xl.reconcile.compare import Reconciliation, Source, UnitSource, compare
from spareforslag_xl.reconcile.labels import Vocabulary
from spareforslag_xl.reconcile.locate import locate
from spareforslag_xl.reconcile.mapping import check_aliases, load_mapping, mapped_tables
from spareforslag_xl.reconcile.read import read_official
from spareforslag_xl.reconcile.render import reconciliation_bytes
from spareforslag_xl.reconcile.table import Table

DEFAULT_FOLDER = Path("build")


@dataclass
class Reconciled:
    """A master reconciled with the official workbook: the comparison, and where its workbook was written."""

    checked: Checked
    reconciliation: Reconciliation
    """Every figure compared, with its status; ``agrees`` when nothing differs or is missing."""
    output: Path
    scenario: Scenario | None = None
    """The plan compared: 'vedtaget' or 'foreslået' for a master with decisions, None without."""


def default_output(master: Path, folder: Path = DEFAULT_FOLDER) -> Path:
    """Return where the reconciliation of a master goes by default: build/<master>-afstemning.xlsx."""
    return folder / (safe_filename(f"{Path(master).stem}-afstemning") + ".xlsx")


def reconcile_files(master: Path, official: Path, output: Path | None = None, mapping: Path | None = None,
                    unit: Unit | None = None, negate: bool | None = None, tolerance: Decimal = Decimal(0),
                    sheet: str | None = None, force: bool = False, proposed: bool = False) -> Reconciled:
    """Compare the master's recomputed figures with the official workbook and write the reconciliation.

    Raises FindingsError when the master has errors (unless ``force``), InputError when the
    official workbook or the mapping cannot be used, OutputError when the report cannot be written.
    Once the master records decisions the adopted plan is compared, with ``proposed`` the proposals;
    ``Reconciled.scenario`` says which (None: a master without decisions).
    """
    master, official = Path(master), Path(official)
    output = Path(output) if output is not None else default_output(master)
    inputs = [master, official] + ([Path(mapping)] if mapping else [])
    refuse_inputs([output], inputs)
    checked = check_master(master)
    require_clean(checked, lambda n: _("{errors}, so its figures cannot be trusted; nothing was reconciled.").format(
        errors=counted(n, "error")),
                  force=force)
    plan = checked.plan
    rules = load_mapping(Path(mapping)) if mapping else None
    if rules is not None:
        check_aliases(rules, plan)
    grids = read_official(official)
    vocab = Vocabulary(plan.departments, plan.themes, rules.departments if rules else None,
                       rules.themes if rules else None)
    result = compute_scenario(plan, Scenario.PROPOSED if proposed and has_decisions(plan) else None)
    unused: list[Table] = []
    if rules is not None:
        tables = mapped_tables(grids, rules, vocab)
    else:
        try:
            found = locate(grids, vocab, result.years, sheet)
        except LocateError as exc:
            raise InputError(official, exc.problem, exc.hint, exc.remedy) from None
        tables, unused = found.tables, found.unused
    known_unit = parse_unit(plan.settings.unit or "1.000 kr.")
    master_unit = known_unit or Unit(plan.settings.unit, Decimal(1))
    sources = [_source(official, table, unit, rules.unit if rules else None, master_unit) for table in tables]
    if known_unit is None and any(s.how is not UnitSource.ASSUMED for s in sources):
        raise InputError(master, _("its unit '{unit}' is not one the program knows, so the official figures "
                                   "cannot be converted to it.").format(unit=plan.settings.unit),
                         _("Set Enhed to kr., 1.000 kr., mio. kr. or mia. kr."))
    rec = compare(result, master_unit, sources, negate, tolerance, unused)
    names = readable_name(master.name), readable_name(official.name)  # a name in another encoding, as text
    write_atomically(output, reconciliation_bytes(rec, *names), inputs)
    return Reconciled(checked, rec, output, result.plan.scenario)


def _source(official: Path, table: Table, given: Unit | None, mapped: Unit | None, master: Unit) -> Source:
    """Return the table with its unit: given by the caller, from the mapping, found in the sheet, or assumed."""
    if given is not None:
        return Source(table, given, UnitSource.GIVEN)
    if mapped is not None:
        return Source(table, mapped, UnitSource.MAPPING)
    try:
        mention = nearest_unit(table.unit_texts)
    except UnitConflict as exc:
        found = ", ".join(_("{unit} in {cell}").format(unit=m.unit, cell=m.address) for m in exc.mentions)
        raise InputError(official, _("the unit of the table {range} is unclear: the sheet names {found}.").format(
            range=table.range, found=found),
                         remedy="unit") from None
    if mention is None:
        return Source(table, master, UnitSource.ASSUMED)
    return Source(table, mention.unit, UnitSource.FOUND, mention)
