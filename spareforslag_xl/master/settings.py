"""The master's settings: the sheet 'Indstillinger' (one setting per row) and the target row of 'Mål'."""

from __future__ import annotations

from decimal import Decimal

from spareforslag_xl.master.cells import CellReader
from spareforslag_xl.master.read import RawWorkbook
from spareforslag_xl.master.tables import find_table, fold
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.danish import danish_number
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.plan import Ref, Settings


def parse_settings(book: RawWorkbook, cells: CellReader, years: tuple[int, ...]) -> Settings:
    """Return the settings and target of the master; findings go to cells.findings."""
    return _SettingsParser(book, cells).settings(years)


class _SettingsParser:
    def __init__(self, book: RawWorkbook, cells: CellReader) -> None:
        self.book = book
        self.cells = cells
        self.findings: list[Finding] = cells.findings

    def _table(self, lay: L.SheetLayout):
        return find_table(self.book, lay, self.findings)

    def settings(self, years: tuple[int, ...]) -> Settings:
        values: dict[str, object] = {}  # field name → value
        refs: dict[object, Ref] = {}
        table = self._table(L.SETTINGS)
        known = {fold(name): name for name in L.SETTING_ORDER}
        if table:
            for number, row in table.rows:
                label_ref = table.cell(number, "name")
                label = self.cells.text(table.get(row, "name"), label_ref)
                if not label:
                    continue
                name = known.get(fold(label))
                if name is None:
                    self.findings.append(warning(
                        "unknown-setting", _("the setting '{label}' is not known and was ignored.").format(label=label),
                        label_ref,
                        _("Known settings: {settings}.").format(settings=", ".join(L.SETTING_ORDER)),
                    ))
                    continue
                field_name = L.SETTING_FIELDS[name]
                if field_name in values:
                    self.findings.append(error("duplicate-setting",
                                               _("the setting '{name}' appears twice.").format(name=name), label_ref,
                                               _("Delete one of the rows.")))
                    continue
                values[field_name] = table.get(row, "value")
                refs[field_name] = table.cell(number, "value")
        text = lambda f: self.cells.text(values.get(f), refs.get(f, Ref(L.SETTINGS.name)))  # noqa: E731
        title = text("title")
        if table and not title:
            self.findings.append(warning(
                "missing-setting",
                _("the setting '{title}' is empty; the report will have no title.").format(title=L.TITLE),
                refs.get("title", Ref(L.SETTINGS.name)),
                _("Write the title in the row '{title}'.").format(title=L.TITLE),
            ))
        budget_year = self.cells.year(values.get("budget_year"), refs.get("budget_year", Ref(L.SETTINGS.name)),
                                      "budget year") if "budget_year" in values else None
        decimals = 0
        if values.get("decimals") not in (None, ""):
            raw = self.cells.number(values["decimals"], refs["decimals"], "number of decimals")
            if raw is not None and (raw != raw.to_integral_value() or not 0 <= raw <= 4):
                self.findings.append(error("bad-setting",
                                           _("'{decimals}' must be a whole number from 0 to 4, not {raw}.").format(
                                               decimals=L.DECIMALS, raw=danish_number(raw)),
                                           refs["decimals"], _("Write 0 for amounts in whole 1.000 kr.")))
            elif raw is not None:
                decimals = int(raw)
        self.cells.quantum = Decimal(1).scaleb(-decimals)
        salary = None
        if values.get("salary") not in (None, ""):
            salary = self.cells.positive(values["salary"], refs["salary"], "average salary")
        residual = text("residual_key").strip() or None
        if table and residual is None:
            self.findings.append(error(
                "missing-setting",
                _("the setting '{residual_key}' is empty, so the difference to the target cannot be "
                  "distributed.").format(residual_key=L.RESIDUAL_KEY),
                refs.get("residual_key", Ref(L.SETTINGS.name)),
                _("Write the name of a key from the sheet '{name}', e.g. the administrative key.").format(
                    name=L.KEYS.name),
            ))
        target, target_refs = self._target(years)
        refs.update(target_refs)
        return Settings(
            title=title,
            subtitle=text("subtitle"),
            municipality=text("municipality"),
            budget_year=budget_year,
            unit=text("unit").strip() or "1.000 kr.",
            decimals=decimals,
            salary=salary,
            residual_key=residual,
            meeting=text("meeting"),
            target=target,
            refs=refs,
        )

    def _target(self, years: tuple[int, ...]) -> tuple[dict[int, Decimal | None], dict[object, Ref]]:
        table = self._table(L.TARGET)
        target: dict[int, Decimal | None] = {}
        refs: dict[object, Ref] = {}
        if table is None:
            return target, refs
        rows = []
        for number, row in table.rows:
            label = self.cells.text(table.get(row, "label"), table.cell(number, "label"))
            if fold(label) == fold(L.TARGET_ROW) or (not label and len(table.rows) == 1):
                rows.append((number, row))
            elif label:
                self.findings.append(warning("unknown-row",
                                             _("the row '{label}' is not used; only the row '{target_row}' is "
                                               "read.").format(label=label, target_row=L.TARGET_ROW),
                                             table.cell(number, "label"), _("Delete the row.")))
        if not rows:
            self.findings.append(error(
                "missing-target",
                _("there is no row '{target_row}' with the target per year.").format(target_row=L.TARGET_ROW),
                Ref(L.TARGET.name, f"A{table.header_row + 1}"),
                _("Write '{target_row}' in column A and the target under each year.").format(target_row=L.TARGET_ROW),
            ))
            return target, refs
        if len(rows) > 1:
            self.findings.append(error("duplicate-target",
                                       _("there is more than one row '{target_row}'.").format(target_row=L.TARGET_ROW),
                                       table.ref(rows[1][0], 0),
                                       _("Keep one row '{target_row}'.").format(target_row=L.TARGET_ROW)))
        number, row = rows[0]
        for year, col in table.years.items():
            ref = table.ref(number, col)
            target[year] = self.cells.amount(row[col] if col < len(row) else None, ref, "target")
            refs[year] = ref
        for year in years:
            if target.get(year) is None:
                if year in refs:  # the column is there, its cell is empty (as in a new master)
                    message = _("the target for {year} is empty.").format(year=year)
                    hint = _("Write the target for {year} in the cell.").format(year=year)
                else:
                    message = _("there is no target for {year}.").format(year=year)
                    hint = _("Add the column {year} and write the target for that year.").format(year=year)
                self.findings.append(error("missing-target", message, refs.get(year, Ref(L.TARGET.name, f"A{number}")),
                                           hint))
        for year in table.years:
            if years and year not in years:
                self.findings.append(warning(
                    "unused-year",
                    _("the target for {year} is not used: the sheet '{name}' has no column {year}.").format(
                        year=year, name=L.LINES.name),
                    refs[year], _("Delete the column, or add the year to the proposals."),
                ))
        return target, refs
