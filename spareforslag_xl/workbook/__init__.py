"""The workbook toolkit: every generated workbook's conventions, styles and page planning.

``book`` (a new workbook, its properties and bytes, cell references, sheet names), ``sheet``
(``SheetWriter`` and ``Styles``: the only access to a raw xlsxwriter worksheet) and ``pages``
(where printed pages break). The master writer, the importer, the reconciliation and the
report's writers build on it; it knows nothing of plans or their content.
"""
