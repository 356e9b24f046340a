"""The peer: the same job done the straightforward way with pandas (a benchmark-only dependency).

    pip install pandas    # not a dependency of the tool
    python bench/peer.py MASTER OUTDIR

Reads the master's sheets with pandas (openpyxl), splits every proposal line over the
departments (by its theme's key, or a line's own key; fixed amounts as given), and writes a
report (an overview, a sheet per theme with its lines and their split, the departments' totals)
and a workbook per department (its totals per theme; each line with a rule of its own, and a
theme's other lines as one amount, beside its part, as the build's department sheet) with
xlsxwriter, with number formats and column widths but without formulas or page planning.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def main() -> None:
    master, out = Path(sys.argv[1]), Path(sys.argv[2])
    sheets = pd.read_excel(master, sheet_name=None, engine="openpyxl")
    themes, lines, keys = sheets["Temaer"], sheets["Forslag"], sheets["Nøgler"]
    fixed, departments = sheets["Faste beløb"], sheets["Afdelinger"]
    years = [c for c in lines.columns if isinstance(c, int)]
    for frame, columns in ((lines, years), (fixed, years), (keys, ["Andel"])):
        frame[columns] = frame[columns].apply(pd.to_numeric, errors="coerce")
    lines = lines.merge(themes[["Nr", "Titel", "Fordeling", "Nøgle"]].rename(
        columns={"Nr": "Tema", "Titel": "Tema titel", "Fordeling": "Tema fordeling", "Nøgle": "Tema nøgle"}),
        on="Tema", how="left")
    lines["Nøgle brugt"] = lines["Nøgle"].fillna(lines["Tema nøgle"])
    keyed = lines[lines["Tema fordeling"] != "Faste beløb"].merge(
        keys[["Nøgle", "Afdeling", "Andel"]], left_on="Nøgle brugt", right_on="Nøgle", how="inner")
    for y in years:
        keyed[y] = (keyed[y] * keyed["Andel"]).round(0)
    split = keyed[["Tema", "Nr", "Forslag", "Afdeling", *years]]
    fixed = fixed[["Tema", "Afdeling", *years]]
    parts = pd.concat([split.groupby(["Tema", "Afdeling"])[years].sum().reset_index(), fixed])
    by_theme = lines.groupby(["Tema", "Tema titel"])[years].sum().reset_index()
    by_department = parts.groupby("Afdeling")[years].sum().reset_index()

    lines["Egen"] = lines["Fordeling"].notna() | lines["Nøgle"].notna()
    shared = lines[~lines["Egen"]].groupby("Tema")[years].sum().reset_index()
    shared["Nr"], shared["Forslag"] = "", lines[~lines["Egen"]].groupby("Tema").size().map("{} forslag".format).values
    out.mkdir(parents=True, exist_ok=True)
    (out / "afdelinger").mkdir(exist_ok=True)
    with pd.ExcelWriter(out / "rapport.xlsx", engine="xlsxwriter") as writer:
        by_theme.to_excel(writer, sheet_name="Oversigt", index=False)
        for number, group in lines.groupby("Tema"):
            name = f"Tema {number}"
            group[["Nr", "Forslag", "Type", *years]].to_excel(writer, sheet_name=name, index=False)
            own = parts[parts["Tema"] == number]
            own.to_excel(writer, sheet_name=name, index=False, startrow=len(group) + 3)
            _formats(writer, name, len(years))
        by_department.to_excel(writer, sheet_name="Afdelinger", index=False)
        _formats(writer, "Oversigt", len(years))
    for code in departments["Kode"]:
        with pd.ExcelWriter(out / "afdelinger" / f"{code}.xlsx", engine="xlsxwriter") as writer:
            own = parts[parts["Afdeling"] == code]
            own.groupby("Tema")[years].sum().reset_index().to_excel(writer, sheet_name="Oversigt", index=False)
            # As the build's department sheet: the lines with a rule of their own one by one, a
            # theme's other lines as one amount (their sum), each beside the department's part.
            mine = split[split["Afdeling"] == code].merge(lines[["Tema", "Nr", "Egen"]], on=["Tema", "Nr"])
            alone = lines[lines["Egen"]][["Tema", "Nr", "Forslag", *years]].merge(
                mine[mine["Egen"]][["Tema", "Nr", *years]], on=["Tema", "Nr"], how="left", suffixes=("", " andel"))
            together = shared.merge(mine[~mine["Egen"]].groupby("Tema")[years].sum().reset_index(), on="Tema",
                                    how="left", suffixes=("", " andel"))
            listing = pd.concat([together, alone]).sort_values(["Tema", "Nr"], kind="stable")[
                ["Tema", "Nr", "Forslag", *(f"{y}{s}" for s in ("", " andel") for y in years)]]
            listing.to_excel(writer, sheet_name="Forslag", index=False)
            _formats(writer, "Oversigt", len(years))
            _formats(writer, "Forslag", 2 * len(years))


def _formats(writer: pd.ExcelWriter, sheet: str, columns: int) -> None:
    ws = writer.sheets[sheet]
    amount = writer.book.add_format({"num_format": "#,##0;-#,##0;-"})
    ws.set_column(0, 1, 8)
    ws.set_column(2, 2, 50)
    ws.set_column(3, 3 + columns, 10, amount)


if __name__ == "__main__":
    main()
