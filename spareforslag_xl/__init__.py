"""spareforslag-xl: savings proposals master workbook → checked, recomputed report workbooks."""

__version__ = "0.1.0"
