"""The reconciliation workbook's words and columns: sheet names, status names, counts, column headers.

Danish, as every workbook the program writes (model/labels.WORKBOOK_LANGUAGE).
"""

from __future__ import annotations

from spareforslag_xl.reconcile.compare import Status, UnitSource
from spareforslag_xl.reconcile.table import Level, Reason

SUMMARY = "Afstemning"
PROBLEMS = "Forskelle"
LEVEL_SHEETS = {Level.DEPARTMENT: "Afdelinger", Level.THEME: "Temaer", Level.PART: "Afdeling x tema"}
LEVEL_NAMES = {Level.DEPARTMENT: "Afdelinger i alt", Level.THEME: "Temaer i alt", Level.PART: "Afdeling × tema"}
STATUS_NAMES = {
    Status.AGREES: "Stemmer",
    Status.WITHIN_TOLERANCE: "Stemmer inden for tolerancen",
    Status.ZERO_ABSENT: "Stemmer (0, kun ét sted)",
    Status.DIFFERS: "Afviger",
    Status.ONLY_MASTER: "Mangler i officielt ark",
    Status.ONLY_OFFICIAL: "Kun i officielt ark",
    Status.UNREADABLE: "Officiel celle uden tal",
    Status.AMBIGUOUS: "Tvetydig etiket",
    Status.GUESSED: "Stemmer kun ved et gæt",
}
CONCLUSION = {Status.DIFFERS: "afviger", Status.ONLY_MASTER: "mangler i det officielle regneark",
              Status.ONLY_OFFICIAL: "findes kun i det officielle regneark",
              Status.UNREADABLE: "kan ikke læses i det officielle regneark",
              Status.AMBIGUOUS: "har en tvetydig etiket",
              Status.GUESSED: "stemmer kun, hvis en gættet etiket er rigtig"}
STATUS_STYLE = {Status.AGREES: "ok", Status.WITHIN_TOLERANCE: "ok", Status.ZERO_ABSENT: "ok",
                Status.ONLY_MASTER: "warning", Status.ONLY_OFFICIAL: "warning", Status.GUESSED: "warning"}
REASONS = {Reason.TOTAL: "sumrække, ikke sammenlignet", Reason.NO_LABEL: "tal uden etiket, ikke sammenlignet",
           Reason.NO_YEAR: "intet år, ikke sammenlignet"}
UNIT_HOW = {UnitSource.GIVEN: "angivet med --unit", UnitSource.MAPPING: "angivet i mapping-filen",
            UnitSource.FOUND: "fundet i arket", UnitSource.ASSUMED: "antaget: grundarkets enhed"}
COLUMNS = (("Niveau", 13), ("Afdeling", 8), ("Tema", 24), ("År", 5), ("Grundark", 9), ("Officielt", 9),
           ("Officielt − grundark", 10), ("Status", 13), ("Officiel celle", 14),
           ("Værdi i officielt ark", 10), ("Bemærkning", 30))
MASTER_COL, OFFICIAL_COL, DIFF_COL, RAW_COL = 4, 5, 6, 9
SIDE_COLS = (DIFF_COL + 1, RAW_COL + 1)
"""The text columns right of figures (indented, so that they do not run into them)."""
COUNTS = (("Sammenlignet", None), ("Stemmer", (Status.AGREES, Status.ZERO_ABSENT)),
          ("Inden for tolerancen", (Status.WITHIN_TOLERANCE,)), ("Afviger", (Status.DIFFERS,)),
          ("Mangler i officielt", (Status.ONLY_MASTER,)), ("Kun i officielt", (Status.ONLY_OFFICIAL,)),
          ("Officiel celle uden tal", (Status.UNREADABLE,)), ("Tvetydig etiket", (Status.AMBIGUOUS,)),
          ("Gættet etiket", (Status.GUESSED,)))
OPTIONAL_COUNTS = (Status.GUESSED,)
"""Count columns shown only when some figure has that status."""
ROWS_SHEET = "Kontorækker"
ROW_COLUMNS = (("Niveau", 13), ("Afdeling", 8), ("Tema", 20), ("År", 5), ("Officiel celle", 22),
               ("Konto", 34), ("Værdi i officielt ark", 13), ("I grundarkets enhed", 13), ("Status for tallet", 16))
ROW_SIDE_COLS = (4, 8)
"""The text columns right of figures on Kontorækker (indented, so that they do not run into them)."""
