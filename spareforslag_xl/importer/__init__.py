"""Imports a proposals document (the Markdown/Pandoc dialect of 'Administrative spareforslag').

The data flows one way: ``text`` decodes the file, ``blocks`` splits it into headings,
paragraphs and table rows, ``sections`` finds the overview and each theme's section,
``themes`` matches the sections to the overview's themes, ``potential`` reads the table of
each theme's lines, ``proposals`` turns it into proposal lines and assembles the theme, the
subpackage ``distribution`` interprets 'Fordeling på afdeling' and names the document's keys,
``settings`` gives the settings and departments, and ``build_plan`` runs these steps into a
Plan, the document's stated figures and an import report. Units and their conversion are
model.units's. Only ``text`` and ``departments`` touch files.
"""
