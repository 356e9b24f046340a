"""Reads a theme's 'Fordeling på afdeling': its department tables and its prose, into rules, keys
and fixed amounts.

A section has two parts, tables and prose, and each is read at two levels: what it literally
gives (``table_rows``: a department table's shares and amounts per year; ``prose_amounts``: the
amounts per department written in prose), and what that means for the plan (``table_rules``: a
table as a key or as fixed amounts, for the theme or one line; ``prose_rules``: fixed amounts in
prose and the sentence that names the administrative key). ``section`` runs them over one
theme's section and decides its rule (``interpret``), on the state in ``reading``; ``spec``
holds the result as plain data, and ``key_names`` names the keys once the whole document is read.
"""
