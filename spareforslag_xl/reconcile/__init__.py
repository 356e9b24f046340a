"""Reconciliation of the recomputed figures with an official budget workbook laid out by someone else.

``read`` (openpyxl, read-only) → ``locate`` (finds the table, or follows a ``mapping``) →
``compare`` (pure, Decimal) → ``render`` (the workbook) and ``text`` (the terminal table);
``run`` ties them together for the CLI.
"""
