"""Writing workbooks with xlsxwriter: shared conventions, the report, the department workbooks."""
